import { useTranslation } from 'react-i18next';
import { STAGES, type Campaign } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';

/** Says in words what residents can do now; the actions themselves arrive with later features. */
export function CurrentStagePanel({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const { stage } = campaign;
  const schedule = campaign.stageSchedule.find((entry) => entry.stage === stage);
  const activities = t(`stages.${stage}.now`, { returnObjects: true });
  return (
    <section className="panel stage-panel" aria-labelledby="stage-panel-heading">
      <p className="stage-panel__step">{t('campaign.stepOf', { step: STAGES.indexOf(stage) + 1, total: STAGES.length })}</p>
      <h2 id="stage-panel-heading" className="stage-panel__heading">
        {t('campaign.stageBadge', { stage: t(`stages.${stage}.name`) })}
      </h2>
      {schedule?.endsAt ? (
        <p className="stage-panel__dates">{t('campaign.stageEnds', { date: format.date(schedule.endsAt) })}</p>
      ) : schedule?.startsAt ? (
        <p className="stage-panel__dates">{t('campaign.stageStarts', { date: format.date(schedule.startsAt) })}</p>
      ) : null}
      <h3 className="stage-panel__subheading">{t('campaign.nowHeading')}</h3>
      <ul className="stage-panel__list">
        {activities.map((activity) => (
          <li key={activity}>{activity}</li>
        ))}
      </ul>
    </section>
  );
}
