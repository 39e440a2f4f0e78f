import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationReasonSchema, type QueueItem } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { usePerformAction } from './api/performAction.ts';

/** Banning the author, in two steps: what it means, a reason, whether to hide all they wrote; then the ban. */
export function BanAuthor({ item, onBanned }: { item: QueueItem; onBanned: (hidContent: boolean) => void }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const ban = usePerformAction();
  const [reason, setReason] = useState('');
  const [hideContent, setHideContent] = useState(false);
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const { confirming, start, cancel, confirmHeading, startButton, headingId } = useConfirmStep(() => {
    ban.reset();
    setReasonProblem(null);
  });
  const idPrefix = useId();
  const name = item.target.author.displayName;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (ban.isPending) return;
    const parsed = moderationReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setReasonProblem(t('moderation.actions.reasonRequired'));
      document.getElementById(`${idPrefix}-reason`)?.focus();
      return;
    }
    setReasonProblem(null);
    ban.mutate(
      { targetType: item.targetType, targetId: item.targetId, action: 'ban', reason: parsed.data, hideContent },
      {
        onSuccess: () => onBanned(hideContent),
        onError: (error) => {
          if (isApiError(error) && error.status === 409 && error.problem?.currentStatus === 'banned') onBanned(false);
        },
      },
    );
  }

  if (!confirming) {
    return (
      <div className="queue-item__ban">
        <button ref={startButton} type="button" className="button button--danger-outline button--small" onClick={start}>
          {t('moderation.ban.start', { name })}
        </button>
      </div>
    );
  }

  return (
    <form className="form queue-item__ban queue-item__ban--confirming" role="group" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId} ref={confirmHeading} tabIndex={-1} className="queue-item__subheading">
        {t('moderation.ban.confirmHeading', { name })}
      </h3>
      <p className="queue-item__ban-intro">{t('moderation.ban.intro')}</p>
      <TextAreaField
        id={`${idPrefix}-reason`}
        label={t('moderation.ban.reasonLabel')}
        hint={t('moderation.actions.reasonHint')}
        rows={2}
        value={reason}
        onValueChange={setReason}
        error={reasonProblem ?? undefined}
      />
      <label className="queue-item__checkbox">
        <input type="checkbox" checked={hideContent} onChange={(event) => setHideContent(event.target.checked)} />
        {t('moderation.ban.hideContent')}
      </label>
      {ban.isError && (
        <div className="inline-error" role="alert">
          <p className="inline-error__heading">{t('moderation.ban.failedHeading')}</p>
          <p>{problemMessage(ban.error)}</p>
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--danger" aria-disabled={ban.isPending || undefined}>
          {ban.isPending ? t('moderation.ban.sending') : t('moderation.ban.confirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={cancel}>
          {t('moderation.ban.cancel')}
        </button>
      </div>
    </form>
  );
}
