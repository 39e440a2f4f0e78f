import { useTranslation } from 'react-i18next';
import { STAGES, type Campaign, type Stage } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';

type StageState = 'done' | 'current' | 'upcoming';

function stageState(stage: Stage, current: Stage): StageState {
  const difference = STAGES.indexOf(stage) - STAGES.indexOf(current);
  if (difference < 0) return 'done';
  return difference === 0 ? 'current' : 'upcoming';
}

export function StageTimeline({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <section id="process" className="section timeline-section" aria-labelledby="timeline-heading" tabIndex={-1}>
      <h2 id="timeline-heading">{t('campaign.timelineHeading')}</h2>
      <p className="section__intro">{t('campaign.timelineIntro')}</p>
      <ol className="timeline">
        {STAGES.map((stage, index) => {
          const state = stageState(stage, campaign.stage);
          const schedule = campaign.stageSchedule.find((entry) => entry.stage === stage);
          return (
            <li key={stage} className="timeline__step" data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="timeline__marker" aria-hidden="true">
                {state === 'done' ? <CheckIcon /> : index + 1}
              </span>
              <div className="timeline__body">
                <p className="timeline__status">{t(`campaign.stageStatus.${state}`)}</p>
                <h3 className="timeline__name">{t(`stages.${stage}.name`)}</h3>
                <p className="timeline__dates">{format.stageDates(schedule ?? { startsAt: null, endsAt: null })}</p>
                <p className="timeline__summary">{t(`stages.${stage}.summary`)}</p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 20 20" focusable="false">
      <path d="M4.5 10.5 8.5 14.5 15.5 6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
