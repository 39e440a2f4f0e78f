import { useTranslation } from 'react-i18next';
import type { Campaign, StagePeriod } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';

/** The stages as they really ran, each with the day it began and ended. */
export function ResultStages({ campaign, stages }: { campaign: Campaign; stages: StagePeriod[] }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <section className="result-section result-stages" aria-labelledby="result-stages-heading">
      <h2 id="result-stages-heading">{t('result.stagesHeading')}</h2>
      <ol className="result-stages__list">
        {stages.map((period) => {
          const planned = campaign.stageSchedule.find((window) => window.stage === period.stage);
          const early = period.endedAt !== null && planned?.endsAt && format.day(period.endedAt) < format.day(planned.endsAt);
          return (
            <li key={`${period.stage}-${period.startedAt}`} className="result-stages__item">
              <h3 className="result-stages__name">{t(`stages.${period.stage}.name`)}</h3>
              <p className="result-stages__dates">
                {period.stage === 'announced' ? (
                  <time dateTime={period.startedAt}>{t('result.announcedOn', { date: format.date(period.startedAt) })}</time>
                ) : (
                  format.stagePeriod(period)
                )}
                {early && <span className="result-stages__early">{t('campaign.endedEarly')}</span>}
              </p>
              <p className="result-stages__summary">{t(`stages.${period.stage}.summary`)}</p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
