import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { verificationConfirmSchema, verificationRequestSchema, type OwnUser } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormProblems, type FormWording, type FormWords } from '../../ui/formProblems.ts';
import { useConfirmVerificationCode, useRequestVerificationCode } from './api/verification.ts';
import { AccountSection } from './AccountSection.tsx';
import { problemCode, problemsFromIssues } from './fieldMessages.ts';
import { formatPhone, nationalNumber } from './phone.ts';
import { VerifiedBadge } from './VerifiedBadge.tsx';

type VerificationField = 'phone' | 'code';

const FIELD_IDS: Record<VerificationField, string> = { phone: 'verify-phone', code: 'verify-code' };

/** A new code may be asked for a minute after the last one (the server allows 3 an hour per number). */
const RESEND_AFTER_MS = 60_000;

/** The code that went out: to which number, for how long, and when another may be asked for. */
type SentCode = { phone: string; expiresInMinutes: number; resendAt: number };

/** Mobile number → "send code" → the 6 digits from the text message → verified. */
export function VerificationSection({ user }: { user: OwnUser }) {
  const { t } = useTranslation();
  const [justVerified, setJustVerified] = useState(false);
  const verifiedText = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The form is gone; keep the keyboard here rather than at the top of the page.
    if (justVerified) verifiedText.current?.focus();
  }, [justVerified]);
  return (
    <AccountSection heading={t('account.verification.heading')} intro={t('account.verification.intro')}>
      <p className="account-section__status">
        <VerifiedBadge verified={user.verified} />
      </p>
      <div role="status" className="form__status">
        {justVerified && user.verified ? t('account.verification.success') : ''}
      </div>
      {user.verified ? (
        <p ref={verifiedText} tabIndex={-1}>
          {user.phone ? t('account.verification.verifiedText', { phone: formatPhone(user.phone) }) : t('account.verification.verifiedNoPhone')}
        </p>
      ) : (
        <VerificationSteps initialPhone={nationalNumber(user.phone)} onVerified={() => setJustVerified(true)} />
      )}
    </AccountSection>
  );
}

function VerificationSteps({ initialPhone, onVerified }: { initialPhone: string; onVerified: () => void }) {
  const { t } = useTranslation();
  const request = useRequestVerificationCode();
  const confirm = useConfirmVerificationCode();
  const { problems, shownCount, show, clear } = useFormProblems<VerificationField>();
  const [phone, setPhone] = useState(initialPhone);
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<SentCode | null>(null);
  const [changingNumber, setChangingNumber] = useState(false);
  const secondsToResend = useSecondsUntil(sent?.resendAt);
  const codeInput = useRef<HTMLInputElement>(null);

  /** Why a number got no code, in words. */
  function requestProblem({ t, format, problemMessage }: FormWords, error: unknown): { message: string; aboutNumber: boolean } {
    const seconds = isApiError(error) ? error.retryAfterSeconds : undefined;
    switch (problemCode(error)) {
      case 'validation_failed':
        return { message: t('fields.phone.invalid'), aboutNumber: true };
      case 'rate_limited':
        // The hourly limit per number waits minutes; the general request limit, seconds.
        return seconds && seconds > 60
          ? { message: t('account.verification.tooManyCodes', { wait: format.duration(seconds) }), aboutNumber: true }
          : { message: problemMessage(error), aboutNumber: false };
      default:
        return { message: problemMessage(error), aboutNumber: false };
    }
  }

  function sendCode(target: string, onPhoneStep: boolean) {
    request.mutate(target, {
      onSuccess: ({ expiresInMinutes }) => {
        clear();
        setCode('');
        setSent({ phone: target, expiresInMinutes, resendAt: Date.now() + RESEND_AFTER_MS });
        codeInput.current?.focus(); // after a resend; the first time, the code field takes focus as it appears
      },
      onError: (error) => {
        // On the code step the number is no longer a field: its problems go above the form.
        show((words) => {
          const { message, aboutNumber } = requestProblem(words, error);
          return aboutNumber && onPhoneStep ? { fields: { phone: message } } : { fields: {}, form: message };
        });
      },
    });
  }

  function submitPhone(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending) return;
    const parsed = verificationRequestSchema.safeParse({ phone });
    if (!parsed.success) {
      const { issues } = parsed.error;
      show(({ t }) => problemsFromIssues(t, issues, (key) => (key === 'phone' ? 'phone' : undefined), { phone }, t('fields.phone.invalid')));
      return;
    }
    sendCode(parsed.data.phone, true);
  }

  /** Why the code was not accepted, and whether a new one is needed (after the last try, or once expired). */
  function confirmProblem(error: unknown): { problems: FormWording<VerificationField>; needsNewCode: boolean } {
    const attemptsLeft = isApiError(error) ? error.problem?.attemptsLeft : undefined;
    switch (problemCode(error)) {
      case 'conflict':
        return { problems: ({ t }) => ({ fields: { code: t('account.verification.phoneTaken') } }), needsNewCode: false };
      case 'validation_failed':
        if (typeof attemptsLeft === 'number' && attemptsLeft > 0) {
          return { problems: ({ t }) => ({ fields: { code: t('account.verification.wrongCode', { count: attemptsLeft }) } }), needsNewCode: false };
        }
        return {
          problems: ({ t }) => ({ fields: { code: attemptsLeft === 0 ? t('account.verification.noAttemptsLeft') : t('account.verification.codeExpired') } }),
          needsNewCode: true,
        };
      default:
        return { problems: ({ problemMessage }) => ({ fields: {}, form: problemMessage(error) }), needsNewCode: false };
    }
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending) return;
    const parsed = verificationConfirmSchema.safeParse({ code });
    if (!parsed.success) {
      const { issues } = parsed.error;
      show(({ t }) => problemsFromIssues(t, issues, (key) => (key === 'code' ? 'code' : undefined), { code }, t('fields.code.invalid')));
      return;
    }
    confirm.mutate(parsed.data.code, {
      onSuccess: onVerified,
      onError: (error) => {
        const outcome = confirmProblem(error);
        show(outcome.problems);
        // No waiting for the resend button then: the code in hand is of no use any more.
        if (outcome.needsNewCode) setSent((current) => current && { ...current, resendAt: Date.now() });
      },
    });
  }

  function changeNumber() {
    clear();
    setSent(null);
    setChangingNumber(true);
  }

  const summary = (
    <ErrorSummary
      heading={t('form.summaryHeading')}
      problems={problems}
      fieldIds={FIELD_IDS}
      fieldLabels={{ phone: t('fields.phone.label'), code: t('fields.code.label') }}
      shownCount={shownCount}
      headingLevel={3}
    />
  );

  if (!sent) {
    return (
      <form className="form" onSubmit={submitPhone} noValidate>
        {summary}
        <TextField
          // Coming back from the code step, the keyboard goes to the number to change.
          autoFocus={changingNumber}
          id={FIELD_IDS.phone}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          label={t('fields.phone.label')}
          hint={t('fields.phone.verifyHint')}
          error={problems.fields.phone}
          value={phone}
          onValueChange={setPhone}
        />
        <button type="submit" className="button" aria-disabled={request.isPending || undefined}>
          {request.isPending ? t('account.verification.sending') : t('account.verification.send')}
        </button>
      </form>
    );
  }

  return (
    <form className="form" onSubmit={submitCode} noValidate>
      <p className="verification__sent">
        {t('account.verification.sent', { phone: formatPhone(sent.phone), minutes: sent.expiresInMinutes })}{' '}
        <button type="button" className="link-button" onClick={changeNumber}>
          {t('account.verification.changePhone')}
        </button>
      </p>
      {summary}
      <TextField
        ref={codeInput}
        autoFocus
        id={FIELD_IDS.code}
        name="code"
        className="input--code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        spellCheck={false}
        label={t('fields.code.label')}
        hint={t('fields.code.hint')}
        error={problems.fields.code}
        value={code}
        onValueChange={setCode}
      />
      <div className="form__actions">
        <button type="submit" className="button" aria-disabled={confirm.isPending || undefined}>
          {confirm.isPending ? t('account.verification.confirming') : t('account.verification.confirm')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          // Still focusable while it waits, so the keyboard is not thrown back to the top of the page.
          aria-disabled={secondsToResend > 0 || request.isPending || undefined}
          onClick={() => secondsToResend === 0 && !request.isPending && sendCode(sent.phone, false)}
        >
          {request.isPending
            ? t('account.verification.sending')
            : secondsToResend > 0
              ? t('account.verification.resendIn', { seconds: secondsToResend })
              : t('account.verification.resend')}
        </button>
      </div>
    </form>
  );
}

/** Whole seconds until a moment, counting down once a second; 0 when it has passed. */
function useSecondsUntil(moment: number | undefined): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (moment === undefined || moment <= Date.now()) return;
    const timer = window.setInterval(() => {
      setTick((tick) => tick + 1);
      if (Date.now() >= moment) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [moment]);
  return moment === undefined ? 0 : Math.max(0, Math.ceil((moment - Date.now()) / 1000));
}
