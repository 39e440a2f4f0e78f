import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { STAGES, type Campaign, type Stage } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { stagePeriodOf } from '../../ui/campaignText.ts';
import { STAGE_PAGES } from './stagePages.ts';

type StageState = 'done' | 'current' | 'upcoming';

function stageState(stage: Stage, current: Stage): StageState {
  const difference = STAGES.indexOf(stage) - STAGES.indexOf(current);
  if (difference < 0) return 'done';
  return difference === 0 ? 'current' : 'upcoming';
}

export function StageTimeline({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  return (
    <section id="process" className="section timeline-section" aria-labelledby="timeline-heading" tabIndex={-1}>
      <h2 id="timeline-heading">{t('campaign.timelineHeading')}</h2>
      <p className="section__intro">{t('campaign.timelineIntro')}</p>
      <ol className="timeline">
        {STAGES.map((stage, index) => {
          const state = stageState(stage, campaign.stage);
          const page = STAGE_PAGES[stage];
          return (
            <li key={stage} className="timeline__step" data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="timeline__marker" aria-hidden="true">
                {state === 'done' ? <CheckIcon /> : index + 1}
              </span>
              <div className="timeline__body">
                <p className="timeline__status">{t(`campaign.stageStatus.${state}`)}</p>
                <h3 className="timeline__name">{t(`stages.${stage}.name`)}</h3>
                <StageDates campaign={campaign} stage={stage} />
                <p className="timeline__summary">{t(`stages.${stage}.summary`)}</p>
                {page && state !== 'upcoming' && (
                  <p className="timeline__link">
                    <Link to={page.path(campaign.slug)}>{t(state === 'done' ? page.linkAfter : page.link)}</Link>
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * When the stage really began and ended; for the stage under way, when it began and is planned to
 * end; for stages not reached, the planned dates.
 */
function StageDates({ campaign, stage }: { campaign: Campaign; stage: Stage }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const period = stagePeriodOf(campaign, stage);
  const planned = campaign.stageSchedule.find((window) => window.stage === stage) ?? { stage, startsAt: null, endsAt: null };
  if (!period) return <p className="timeline__dates">{format.stageDates(planned)}</p>;
  if (stage === 'announced') return <p className="timeline__dates">{t('campaign.dates.announcedOn', { date: format.date(period.startedAt) })}</p>;
  if (!period.endedAt) {
    return (
      <p className="timeline__dates">
        {planned.endsAt ? t('campaign.dates.sincePlanned', { start: format.date(period.startedAt), end: format.date(planned.endsAt) }) : format.stagePeriod(period)}
      </p>
    );
  }
  const endedEarly = planned.endsAt !== null && format.day(period.endedAt) < format.day(planned.endsAt);
  return (
    <p className="timeline__dates">
      {format.stagePeriod(period)}
      {endedEarly && <span className="timeline__early">{t('campaign.endedEarly')}</span>}
    </p>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 20 20" focusable="false">
      <path d="M4.5 10.5 8.5 14.5 15.5 6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
