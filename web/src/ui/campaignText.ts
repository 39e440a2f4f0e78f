import type { Campaign, Locale, Stage, StagePeriod } from '@city-spirit/shared';

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

/** When the campaign's stage actually ran (its latest period), if it was reached. */
export function stagePeriodOf(campaign: Pick<Campaign, 'stageHistory'>, stage: Stage): StagePeriod | undefined {
  return campaign.stageHistory.findLast((period) => period.stage === stage);
}
