import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { paths } from '../../paths.ts';
import { STAGE_PAGES } from './stagePages.ts';

/**
 * What to do now: while collecting, write a phrase or read the others; while discussing, compare
 * them; while refining, read and vote on the drafts; once announced, read the result.
 */
export function CampaignActions({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { stage } = campaign;
  const collecting = stageAllows(campaign, 'submit');
  const page = STAGE_PAGES[stage];
  const leading = collecting || stageAllows(campaign, 'pairwise') || page !== undefined;
  return (
    <div className="hero__actions">
      {stage !== 'collect' && <p className="hero__next">{t(`campaign.actions.after.${stage}`)}</p>}
      <p className="hero__buttons">
        {collecting && (
          <Link to={paths.submit(campaign.slug)} className="button button--large">
            <svg className="button__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
              <path d="M3.5 16.5 4.3 13 13.2 4.1a1.6 1.6 0 0 1 2.3 0l.4.4a1.6 1.6 0 0 1 0 2.3L7 15.7z" />
              <path d="M11.8 5.5l2.7 2.7" />
            </svg>
            {t('campaign.actions.write')}
          </Link>
        )}
        {stageAllows(campaign, 'pairwise') && (
          <Link to={paths.compare(campaign.slug)} className="button button--large">
            {t('compare.start')}
          </Link>
        )}
        {page && (
          <Link to={page.path(campaign.slug)} className="button button--large">
            {t(page.link)}
          </Link>
        )}
        <Link to={paths.entries(campaign.slug)} className={leading ? 'button button--secondary button--large' : 'button button--large'}>
          {t('campaign.actions.browse')}
        </Link>
      </p>
    </div>
  );
}
