import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canChangeStage, STAGES, type Campaign, type Stage } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { useSession } from '../../api/session.ts';
import { paths } from '../../paths.ts';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useChangeStage } from './api/changeStage.ts';

/**
 * For admins: moving the campaign on to its next stage, in two steps. The last step is not a stage
 * change: the campaign is announced by adopting one of its drafts, which the drafts page offers.
 */
export function StageControl({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!canChangeStage(user ?? null) || campaign.stage === 'announced') return null;
  return (
    <div className="stage-control">
      <h3 className="stage-panel__subheading">{t('admin.stage.heading')}</h3>
      {stageAllows(campaign, 'adopt') ? (
        <p className="stage-control__adopt">
          {t('admin.stage.byAdoption')} <Link to={paths.drafts(campaign.slug)}>{t('admin.stage.toDrafts')}</Link>
        </p>
      ) : (
        <NextStageButton campaign={campaign} next={STAGES[STAGES.indexOf(campaign.stage) + 1]!} />
      )}
    </div>
  );
}

function NextStageButton({ campaign, next }: { campaign: Campaign; next: Stage }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const change = useChangeStage(campaign.slug);
  const step = useConfirmStep(() => change.reset());
  const stage = t(`stages.${next}.name`);
  const move = () => {
    if (!change.isPending) change.mutate(next);
  };

  if (!step.confirming) {
    return (
      <button ref={step.startButton} type="button" className="button button--secondary" onClick={step.start}>
        {t('admin.stage.start', { stage })}
      </button>
    );
  }
  return (
    <div className="admin-confirm" role="group" aria-labelledby={step.headingId}>
      <h4 id={step.headingId} ref={step.confirmHeading} tabIndex={-1} className="admin-confirm__heading">
        {t('admin.stage.confirmHeading', { stage })}
      </h4>
      <p>{t('admin.stage.confirmText')}</p>
      {change.isError && (
        <p className="inline-error" role="alert">
          {problemMessage(change.error)}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button" aria-disabled={change.isPending || undefined} onClick={move}>
          {change.isPending ? t('admin.stage.moving') : t('admin.stage.confirm', { stage })}
        </button>
        <button type="button" className="button button--secondary" onClick={step.cancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </div>
  );
}
