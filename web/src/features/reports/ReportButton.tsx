import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REPORT_REASONS, type ReportReason, type ReportTargetType } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { authPath } from '../../paths.ts';
import { CharacterCount } from '../../ui/CharacterCount.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { useCreateReport } from './api/createReport.ts';

const NOTE_MAX = 500;

type Props = {
  targetType: ReportTargetType;
  targetId: string;
  /** The viewer wrote it: nothing to report. */
  ownContent: boolean;
  /** 'comment' sits among a comment's small actions; 'entry' under the entry's explanation. */
  variant: 'entry' | 'comment';
};

type Outcome = 'sent' | 'already' | null;

/**
 * "Report" and its dialog: a reason, an optional note, and the thanks. Signed-out visitors are led to
 * sign in and back; authors see nothing, since they withdraw or delete their own contributions instead.
 */
export function ReportButton({ targetType, targetId, ownContent, variant }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // The dialog is there only while open: a thread of many comments keeps one button each, not one dialog each.
  const [open, setOpen] = useState(false);
  const done = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (outcome) done.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);
  const className = variant === 'comment' ? 'comment__action report-button' : 'link-button report-button report-button--entry';
  const label = t(targetType === 'submission' ? 'reports.reportEntry' : 'reports.reportComment');

  if (ownContent || user === undefined) return null;
  if (user === null) {
    return (
      <Link to={authPath('/sign-in', location.pathname + location.search)} className={className}>
        {label}
      </Link>
    );
  }
  if (outcome) {
    return (
      <span ref={done} tabIndex={-1} className={`${className} report-button--done`}>
        {t('reports.reported')}
      </span>
    );
  }

  const closed = (result: Outcome) => {
    dialog.current?.close();
    setOpen(false);
    if (result) setOutcome(result);
    else opener.current?.focus();
  };

  return (
    <>
      <button ref={opener} type="button" className={className} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && <ReportDialog dialogRef={dialog} targetType={targetType} targetId={targetId} onClose={closed} />}
    </>
  );
}

type DialogProps = {
  dialogRef: RefObject<HTMLDialogElement | null>;
  targetType: ReportTargetType;
  targetId: string;
  onClose: (outcome: Outcome) => void;
};

function ReportDialog({ dialogRef, targetType, targetId, onClose }: DialogProps) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const report = useCreateReport();
  const [reason, setReason] = useState<ReportReason | ''>('');
  const [note, setNote] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const headingId = useId();
  const idPrefix = useId();
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const firstReason = useRef<HTMLInputElement>(null);
  const noteTooLong = Array.from(note.trim()).length > NOTE_MAX;

  const finish = (result: Outcome) => {
    setOutcome(result);
    requestAnimationFrame(() => doneHeading.current?.focus());
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (report.isPending) return;
    if (!reason) {
      setReasonMissing(true);
      firstReason.current?.focus();
      return;
    }
    if (noteTooLong) return;
    report.mutate(
      { targetType, targetId, reason, note },
      {
        onSuccess: () => finish('sent'),
        onError: (error) => {
          if (isApiError(error) && error.status === 409) finish('already');
        },
      },
    );
  }

  // Escape, the close button and a finished report all end here: the opener (or its thanks) gets the focus back.
  const close = () => onClose(outcome);
  const failure = report.isError && !(isApiError(report.error) && report.error.status === 409) ? problemMessage(report.error) : null;

  return (
    <dialog
      ref={dialogRef}
      className="report-dialog"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      {outcome ? (
        <div className="report-dialog__body">
          <h2 id={headingId} ref={doneHeading} tabIndex={-1} className="report-dialog__heading">
            {outcome === 'sent' ? t('reports.thanksHeading') : t('reports.alreadyHeading')}
          </h2>
          <p>{outcome === 'sent' ? t('reports.thanksText') : t('reports.alreadyText')}</p>
          <div className="form__actions">
            <button type="button" className="button" onClick={close}>
              {t('reports.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="report-dialog__body form" onSubmit={submit} noValidate>
          <h2 id={headingId} className="report-dialog__heading">
            {t(targetType === 'submission' ? 'reports.dialogHeadingEntry' : 'reports.dialogHeadingComment')}
          </h2>
          <p className="report-dialog__intro">{t('reports.intro')}</p>
          <fieldset className="choice-group report-dialog__reasons" aria-describedby={reasonMissing && !reason ? `${idPrefix}-reason-error` : undefined}>
            <legend className="field__label">{t('reports.reasonLegend')}</legend>
            {reasonMissing && !reason && (
              <p id={`${idPrefix}-reason-error`} className="field__error">
                <span className="visually-hidden">{t('form.errorPrefix')}</span>
                {t('reports.reasonRequired')}
              </p>
            )}
            <div className="report-dialog__reason-list">
              {REPORT_REASONS.map((option, index) => (
                <label key={option} className="choice report-dialog__reason">
                  <input
                    ref={index === 0 ? firstReason : undefined}
                    type="radio"
                    name={`${idPrefix}-reason`}
                    value={option}
                    checked={reason === option}
                    onChange={() => setReason(option)}
                  />
                  <span>
                    {t(`reports.reasons.${option}`)}
                    <span className="report-dialog__reason-hint">{t(`reports.reasonHints.${option}`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <TextAreaField
            id={`${idPrefix}-note`}
            label={t('reports.noteLabel')}
            hint={t('reports.noteHint', { max: NOTE_MAX })}
            optional
            rows={3}
            value={note}
            onValueChange={setNote}
            error={noteTooLong ? t('reports.noteTooLong', { max: NOTE_MAX }) : undefined}
            below={<CharacterCount text={note} max={NOTE_MAX} />}
          />
          {failure && (
            <div className="inline-error" role="alert">
              <p className="inline-error__heading">{t('reports.failedHeading')}</p>
              <p>{failure}</p>
            </div>
          )}
          <div className="form__actions">
            <button type="submit" className="button" aria-disabled={report.isPending || undefined}>
              {report.isPending ? t('reports.sending') : t('reports.send')}
            </button>
            <button type="button" className="button button--secondary" onClick={close}>
              {t('reports.cancel')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
