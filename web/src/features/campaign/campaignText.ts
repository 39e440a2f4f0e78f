import type { Campaign, Locale } from '@city-spirit/shared';

export type CampaignText = { title: string; description: string; lang: Locale; untranslated: boolean };

/** The campaign's own texts are zh-CN; other languages use the organisers' translation when there is one. */
export function campaignText(campaign: Campaign, locale: Locale): CampaignText {
  const translation = locale === 'en' ? campaign.translations.en : undefined;
  if (translation) return { ...translation, lang: 'en', untranslated: false };
  return { title: campaign.title, description: campaign.description, lang: 'zh-CN', untranslated: locale !== 'zh-CN' };
}

export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}
