import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Submission } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useWithdrawSubmission } from './api/withdrawSubmission.ts';

/** Two steps, as deleting an account: first what withdrawing means, then the withdrawal. */
export function WithdrawSection({ submission, onWithdrawn }: { submission: Submission; onWithdrawn: () => void }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const withdrawalProblem = (error: unknown) => {
    const code = isApiError(error) ? error.problem?.code : undefined;
    if (code === 'stage_closed') return t('entry.withdraw.stageClosed');
    if (code === 'conflict') return t('entry.withdraw.notPossible');
    return problemMessage(error);
  };
  const withdrawal = useWithdrawSubmission();
  const { confirming, start, cancel, confirmHeading, startButton, headingId } = useConfirmStep(() => withdrawal.reset());
  const sectionHeadingId = useId();
  const withdraw = () => {
    if (withdrawal.isPending) return;
    withdrawal.mutate({ id: submission.id, campaignSlug: submission.campaignSlug }, { onSuccess: onWithdrawn });
  };

  return (
    <section className="panel entry-withdraw" aria-labelledby={sectionHeadingId}>
      <h2 id={sectionHeadingId} className="entry-withdraw__heading">
        {t('entry.withdraw.heading')}
      </h2>
      <p className="entry-withdraw__intro">{t('entry.withdraw.intro')}</p>
      {confirming ? (
        <div role="group" aria-labelledby={headingId}>
          <h3 id={headingId} ref={confirmHeading} tabIndex={-1} className="entry-withdraw__confirm">
            {t('entry.withdraw.confirmHeading', { phrase: submission.phrase })}
          </h3>
          {withdrawal.isError && (
            <div className="inline-error entry-withdraw__error" role="alert">
              <p className="inline-error__heading">{t('entry.withdraw.failedHeading')}</p>
              <p>{withdrawalProblem(withdrawal.error)}</p>
            </div>
          )}
          <div className="form__actions">
            <button type="button" className="button button--danger" aria-disabled={withdrawal.isPending || undefined} onClick={withdraw}>
              {withdrawal.isPending ? t('entry.withdraw.withdrawing') : t('entry.withdraw.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={cancel}>
              {t('entry.withdraw.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button ref={startButton} type="button" className="button button--danger-outline" onClick={start}>
          {t('entry.withdraw.start')}
        </button>
      )}
    </section>
  );
}
