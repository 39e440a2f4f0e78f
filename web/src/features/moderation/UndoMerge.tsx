import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isStaff, moderationReasonSchema, type Submission } from '@city-spirit/shared';
import { useSession } from '../../api/session.ts';
import { TextAreaField } from '../../ui/Field.tsx';
import { useConfirmStep } from '../../ui/useConfirmStep.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { usePerformAction } from './api/performAction.ts';

/** For moderators on a merged entry's page: undo the merge, with a reason (every vote goes back as it was). */
export function UndoMerge({ submission }: { submission: Submission }) {
  const { user } = useSession();
  if (!user || !isStaff(user) || submission.status !== 'merged') return null;
  return <UndoMergeForm submission={submission} />;
}

function UndoMergeForm({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const action = usePerformAction();
  const fieldId = useId();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const confirm = useConfirmStep(() => {
    setReason('');
    setInvalid(undefined);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = moderationReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message);
      return;
    }
    setInvalid(undefined);
    action.mutate({ targetType: 'submission', targetId: submission.id, action: 'restore', reason: parsed.data });
  }

  if (!confirm.confirming) {
    return (
      <button type="button" className="button button--secondary button--small" ref={confirm.startButton} onClick={confirm.start}>
        {t('clusters.restore.start')}
      </button>
    );
  }
  return (
    <section className="undo-merge" aria-labelledby={confirm.headingId}>
      <h3 id={confirm.headingId} ref={confirm.confirmHeading} tabIndex={-1} className="undo-merge__heading">
        {t('clusters.restore.heading')}
      </h3>
      <p>{t('clusters.restore.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <TextAreaField
          id={fieldId}
          name="reason"
          rows={3}
          label={t('clusters.restore.reasonLabel')}
          error={invalid}
          value={reason}
          onValueChange={setReason}
        />
        {action.isError && (
          <p className="form__error" role="alert">
            {t('clusters.restore.failedHeading')}: {problemMessage(action.error)}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={action.isPending}>
            {action.isPending ? t('clusters.restore.sending') : t('clusters.restore.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={confirm.cancel} disabled={action.isPending}>
            {t('clusters.restore.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
