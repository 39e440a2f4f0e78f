import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { STAGES, type Campaign } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { stagePeriodOf } from '../../ui/campaignText.ts';
import { StageControl } from './StageControl.tsx';
import { STAGE_PAGES } from './stagePages.ts';

/** Says in words what residents can do now, since when and until when, and leads to the stage's own page. */
export function CurrentStagePanel({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const { stage } = campaign;
  const schedule = campaign.stageSchedule.find((entry) => entry.stage === stage);
  const startedAt = stagePeriodOf(campaign, stage)?.startedAt ?? schedule?.startsAt;
  const activities = t(`stages.${stage}.now`, { returnObjects: true });
  const page = STAGE_PAGES[stage];
  return (
    <section className="panel stage-panel" aria-labelledby="stage-panel-heading">
      <p className="stage-panel__step">{t('campaign.stepOf', { step: STAGES.indexOf(stage) + 1, total: STAGES.length })}</p>
      <h2 id="stage-panel-heading" className="stage-panel__heading">
        {t('campaign.stageBadge', { stage: t(`stages.${stage}.name`) })}
      </h2>
      {stage === 'announced' && startedAt ? (
        <p className="stage-panel__dates">{t('campaign.dates.announcedOn', { date: format.date(startedAt) })}</p>
      ) : schedule?.endsAt ? (
        <p className="stage-panel__dates">
          {startedAt
            ? t('campaign.stagePlanned', { start: format.date(startedAt), end: format.date(schedule.endsAt) })
            : t('campaign.stageEnds', { date: format.date(schedule.endsAt) })}
        </p>
      ) : startedAt ? (
        <p className="stage-panel__dates">{t('campaign.stageStarts', { date: format.date(startedAt) })}</p>
      ) : null}
      <h3 className="stage-panel__subheading">{t('campaign.nowHeading')}</h3>
      <ul className="stage-panel__list">
        {activities.map((activity) => (
          <li key={activity}>{activity}</li>
        ))}
      </ul>
      {page && (
        <p className="stage-panel__action">
          <Link to={page.path(campaign.slug)} className="button">
            {t(page.link)}
          </Link>
        </p>
      )}
      <StageControl campaign={campaign} />
    </section>
  );
}
