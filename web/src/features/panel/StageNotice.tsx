import { useTranslation } from 'react-i18next';
import type { Campaign, StageAction } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { useStagesAllowing } from './panelText.ts';

const WORK: readonly { action: StageAction; key: 'assess' | 'notes' | 'draft' }[] = [
  { action: 'assess', key: 'assess' },
  { action: 'keepPanelNotes', key: 'notes' },
  { action: 'draft', key: 'draft' },
];

/** The panel's work and whether the stage allows it now; where not, the stages that do (asked of the stage rules). */
export function StageNotice({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const stagesAllowing = useStagesAllowing();
  return (
    <section className="panel-stage" aria-labelledby="panel-stage-heading">
      <h2 id="panel-stage-heading" className="panel-stage__heading">
        {t('panel.stage.heading', { stage: t(`stages.${campaign.stage}.name`) })}
      </h2>
      <ul className="panel-stage__list">
        {WORK.map(({ action, key }) => {
          const open = stageAllows(campaign, action);
          return (
            <li key={key} className="panel-stage__item" data-open={open || undefined}>
              <span className="panel-stage__mark" aria-hidden="true">
                {open ? '✓' : '–'}
              </span>
              <span>
                <strong>{t(`panel.stage.work.${key}`)}</strong>
                {open ? t('panel.stage.openNow') : t('panel.stage.openIn', { stages: stagesAllowing(action) })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
