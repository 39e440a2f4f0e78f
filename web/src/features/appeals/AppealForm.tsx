import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { characterCount } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useCreateAppeal } from './api/createAppeal.ts';

export const APPEAL_NOTE_MIN = 10;
export const APPEAL_NOTE_MAX = 1000;

type Props = {
  targetType: 'submission' | 'comment';
  targetId: string;
  /** How the form is opened: a button in the status notice, or a small action of the comment. */
  openerClassName: string;
};

type Outcome = 'sent' | 'already' | null;

/** "Appeal", opening in place a note (10–1000 characters) for the moderators, and then what became of it. */
export function AppealForm({ targetType, targetId, openerClassName }: Props) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const appeal = useCreateAppeal();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteProblem, setNoteProblem] = useState<'short' | 'long' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const fieldId = useId();
  const formId = useId();

  useEffect(() => {
    if (outcome) result.current?.focus();
  }, [outcome]);

  if (outcome) {
    return (
      <p ref={result} tabIndex={-1} className="appeal__outcome" role="status">
        {outcome === 'sent' ? t('appeals.sent') : t('appeals.already')}
      </p>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (appeal.isPending) return;
    const count = characterCount(note.trim());
    if (count < APPEAL_NOTE_MIN || count > APPEAL_NOTE_MAX) {
      setNoteProblem(count < APPEAL_NOTE_MIN ? 'short' : 'long');
      document.getElementById(fieldId)?.focus();
      return;
    }
    setNoteProblem(null);
    appeal.mutate(
      { targetType, targetId, note },
      {
        onSuccess: () => setOutcome('sent'),
        onError: (error) => {
          if (isApiError(error) && error.status === 409) setOutcome('already');
        },
      },
    );
  }

  const cancel = () => {
    setOpen(false);
    appeal.reset();
    requestAnimationFrame(() => opener.current?.focus());
  };
  const failure = appeal.isError && !(isApiError(appeal.error) && appeal.error.status === 409) ? problemMessage(appeal.error) : null;

  return (
    <>
      {!open && (
        <button ref={opener} type="button" className={openerClassName} aria-expanded={false} aria-controls={formId} onClick={() => setOpen(true)}>
          {t(targetType === 'submission' ? 'appeals.openEntry' : 'appeals.openComment')}
        </button>
      )}
      {open && (
        <form id={formId} className="form appeal" onSubmit={submit} noValidate>
          <TextAreaField
            id={fieldId}
            label={t('appeals.noteLabel')}
            hint={t('appeals.noteHint', { min: APPEAL_NOTE_MIN, max: APPEAL_NOTE_MAX })}
            rows={4}
            value={note}
            onValueChange={setNote}
            autoFocus
            error={noteProblem === 'short' ? t('appeals.noteTooShort', { min: APPEAL_NOTE_MIN }) : noteProblem === 'long' ? t('appeals.noteTooLong', { max: APPEAL_NOTE_MAX }) : undefined}
            below={<CharacterCount text={note} max={APPEAL_NOTE_MAX} />}
          />
          {failure && (
            <div className="inline-error" role="alert">
              <p className="inline-error__heading">{t('appeals.failedHeading')}</p>
              <p>{failure}</p>
            </div>
          )}
          <div className="form__actions">
            <button type="submit" className="button" aria-disabled={appeal.isPending || undefined}>
              {appeal.isPending ? t('appeals.sending') : t('appeals.send')}
            </button>
            <button type="button" className="button button--secondary" onClick={cancel}>
              {t('appeals.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
