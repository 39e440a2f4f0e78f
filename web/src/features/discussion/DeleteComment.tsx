import { useTranslation } from 'react-i18next';
import type { Comment } from '@city-spirit/shared';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useDeleteComment } from './api/deleteComment.ts';
import { useThread } from './threadContext.ts';

/** "Delete", then a confirmation in place that says what stays (the place and the replies). */
export function DeleteComment({ comment, onDeleted }: { comment: Comment; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { target } = useThread();
  const problemMessage = useProblemMessage();
  const removal = useDeleteComment(target);
  const { confirming, start, cancel, confirmHeading, startButton, headingId } = useConfirmStep(() => removal.reset());

  if (!confirming) {
    return (
      <button ref={startButton} type="button" className="comment__action comment__action--danger" onClick={start}>
        {t('discussion.actions.delete')}
      </button>
    );
  }
  return (
    <div className="comment__confirm" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} ref={confirmHeading} tabIndex={-1} className="comment__confirm-heading">
        {t('discussion.delete.confirmHeading')}
      </h3>
      <p className="comment__confirm-text">{t('discussion.delete.confirmText')}</p>
      {removal.isError && (
        <div className="inline-error" role="alert">
          <p className="inline-error__heading">{t('discussion.delete.failedHeading')}</p>
          <p>{problemMessage(removal.error)}</p>
        </div>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--danger"
          aria-disabled={removal.isPending || undefined}
          onClick={() => !removal.isPending && removal.mutate({ id: comment.id }, { onSuccess: onDeleted })}
        >
          {removal.isPending ? t('discussion.delete.deleting') : t('discussion.delete.confirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={cancel}>
          {t('discussion.delete.cancel')}
        </button>
      </div>
    </div>
  );
}
