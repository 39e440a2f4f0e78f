import { useTranslation } from 'react-i18next';
import { useCurrentCampaign } from '../api/campaigns.ts';

/** The beta notice: what the platform offers in the campaign's current stage, and no more. */
export function PhaseBanner() {
  const { t } = useTranslation();
  const campaign = useCurrentCampaign();
  return (
    <div className="phase-banner">
      <p className="container phase-banner__text">
        <strong className="tag">{t('phase.tag')}</strong>
        <span>{campaign ? t(`phase.stage.${campaign.stage}`) : t('phase.text')}</span>
      </p>
    </div>
  );
}
