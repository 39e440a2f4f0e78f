import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '@city-spirit/shared';
import { currentLocale } from '../../i18n/index.ts';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { Skyline } from '../../ui/Skyline.tsx';
import { campaignText, paragraphs } from '../../ui/campaignText.ts';
import { CampaignActions } from './CampaignActions.tsx';
import { CurrentStagePanel } from './CurrentStagePanel.tsx';
import { ParticipationCounts } from './ParticipationCounts.tsx';
import { StageTimeline } from './StageTimeline.tsx';

type Props = { campaign: Campaign; updatedAt: number | undefined; stale: boolean };

export function CampaignView({ campaign, updatedAt, stale }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const text = campaignText(campaign, locale);
  const [lead, ...rest] = paragraphs(text.description);
  const contentLang = text.lang === locale ? undefined : text.lang;
  useDocumentTitle(text.title);
  useScrollToHashOnce();

  return (
    <article className="campaign">
      <header className="hero">
        <div className="container hero__inner">
          <div className="hero__text">
            <p className="hero__eyebrow">{t('campaign.eyebrow')}</p>
            <h1 className="hero__title" lang={contentLang}>
              {text.title}
            </h1>
            {lead && (
              <p className="hero__lead" lang={contentLang}>
                {lead}
              </p>
            )}
            {text.untranslated && <p className="hero__note">{t('campaign.untranslatedNote')}</p>}
            <p className="hero__stage">
              <span className="hero__stage-dot" aria-hidden="true" />
              {t('campaign.stageBadge', { stage: t(`stages.${campaign.stage}.name`) })}
            </p>
            <CampaignActions campaign={campaign} />
          </div>
          <HeroSeal />
        </div>
        <Skyline className="hero__skyline skyline" />
      </header>

      <div className="container campaign__now">
        <CurrentStagePanel campaign={campaign} />
        <ParticipationCounts counts={campaign.counts} updatedAt={updatedAt} stale={stale} />
      </div>

      <div className="container">
        <StageTimeline campaign={campaign} />
        {rest.length > 0 && (
          <section className="section about-campaign" aria-labelledby="about-campaign-heading">
            <h2 id="about-campaign-heading">{t('campaign.aboutHeading')}</h2>
            <div className="prose" lang={contentLang}>
              {rest.map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </div>
          </section>
        )}
      </div>
    </article>
  );
}

/** Chongqing's one-character name as a seal, with the city's nicknames. Decorative. */
function HeroSeal() {
  const { t } = useTranslation();
  return (
    <div className="hero__aside" aria-hidden="true">
      <span className="seal">{t('campaign.sealCharacter')}</span>
      <ul className="hero__nicknames">
        {t('campaign.nicknames', { returnObjects: true }).map((nickname) => (
          <li key={nickname}>{nickname}</li>
        ))}
      </ul>
    </div>
  );
}

/** A link such as "/#process" can arrive before the campaign has loaded; scroll once it has. */
function useScrollToHashOnce() {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView();
  }, []); // once: later hash changes are the browser's and the router's to handle
}
