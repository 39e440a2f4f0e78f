import { useTranslation } from 'react-i18next';
import type { Campaign, Draft } from '@city-spirit/shared';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useAdoptDraft } from './api/adoptDraft.ts';

type Props = { draft: Draft; campaign: Campaign; wordingId: string; onAdopted: (slug: string) => void };

/** The admin's last step of the campaign, in two: adopting this draft announces the campaign for good. */
export function AdoptDraft({ draft, campaign, wordingId, onAdopted }: Props) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const adoption = useAdoptDraft(campaign.slug, onAdopted);
  const step = useConfirmStep(() => adoption.reset());
  const adopt = () => {
    if (adoption.isPending) return;
    adoption.mutate(draft.id);
  };

  if (!step.confirming) {
    return (
      <button ref={step.startButton} type="button" className="button button--secondary adopt-draft__start" aria-describedby={wordingId} onClick={step.start}>
        {t('admin.adopt.start')}
      </button>
    );
  }
  return (
    <div className="admin-confirm" role="group" aria-labelledby={step.headingId}>
      <h3 id={step.headingId} ref={step.confirmHeading} tabIndex={-1} className="admin-confirm__heading">
        {t('admin.adopt.confirmHeading')}
      </h3>
      <p>{t('admin.adopt.confirmText')}</p>
      {adoption.isError && (
        <p className="inline-error" role="alert">
          {problemMessage(adoption.error)}
        </p>
      )}
      <div className="form__actions">
        <button type="button" className="button" aria-disabled={adoption.isPending || undefined} onClick={adopt}>
          {adoption.isPending ? t('admin.adopt.adopting') : t('admin.adopt.confirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={step.cancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </div>
  );
}
