import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { loginSchema } from '@city-spirit/shared';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { PasswordField, TextField } from '../../ui/Field.tsx';
import { useFormProblems, type FormWording } from '../../ui/formProblems.ts';
import { useSignIn } from './api/signIn.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { fieldMessage, problemCode, problemsFromIssues, problemsFromServer } from './fieldMessages.ts';
import { AFTER_SIGN_IN, authPath, useNextPath } from './nextPath.ts';

type SignInField = 'login' | 'signInPassword';

const FIELD_IDS: Record<SignInField, string> = { login: 'sign-in-login', signInPassword: 'sign-in-password' };

/** The schema's keys and the form's fields: the password differs from sign-up's, which has other messages. */
const fieldOf = (key: string): SignInField | undefined => (key === 'login' ? 'login' : key === 'password' ? 'signInPassword' : undefined);

export function SignInPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const next = useNextPath();
  const signIn = useSignIn();
  const { problems, shownCount, show, clear } = useFormProblems<SignInField>();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');

  if (user) return <Navigate to={next ?? AFTER_SIGN_IN} replace />;

  function serverProblems(error: unknown): FormWording<SignInField> {
    return ({ t, format, problemMessage }) => {
      switch (problemCode(error)) {
        case 'unauthenticated':
          return { fields: {}, form: t('auth.signIn.wrongCredentials') };
        case 'rate_limited': {
          const seconds = isApiError(error) ? error.retryAfterSeconds : undefined;
          return { fields: {}, form: seconds ? t('auth.signIn.tooManyAttempts', { wait: format.duration(seconds) }) : problemMessage(error) };
        }
        case 'validation_failed':
          return { fields: problemsFromServer(error, fieldOf, (field) => fieldMessage(t, field, 'invalid')) };
        default:
          return { fields: {}, form: problemMessage(error) };
      }
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    const parsed = loginSchema.safeParse({ login, password });
    if (!parsed.success) {
      const { issues } = parsed.error;
      show(({ t }) => problemsFromIssues(t, issues, fieldOf, { login, signInPassword: password }, t('problems.generic')));
      return;
    }
    clear();
    signIn.mutate(parsed.data, { onError: (error) => show(serverProblems(error)) });
  }

  return (
    <AuthFrame
      title={t('auth.signIn.title')}
      intro={t('auth.signIn.intro')}
      switchLine={
        <>
          {t('auth.signIn.noAccount')} <Link to={authPath('/sign-up', next)}>{t('auth.signIn.signUpLink')}</Link>
        </>
      }
    >
      <ErrorSummary
        heading={t('auth.signIn.failedHeading')}
        problems={problems}
        fieldIds={FIELD_IDS}
        fieldLabels={{ login: t('fields.login.label'), signInPassword: t('fields.password.label') }}
        shownCount={shownCount}
      />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id={FIELD_IDS.login}
          name="username"
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="off"
          label={t('fields.login.label')}
          error={problems.fields.login}
          value={login}
          onValueChange={setLogin}
        />
        <PasswordField
          id={FIELD_IDS.signInPassword}
          name="password"
          autoComplete="current-password"
          label={t('fields.password.label')}
          error={problems.fields.signInPassword}
          value={password}
          onValueChange={setPassword}
        />
        <button type="submit" className="button button--wide" aria-disabled={signIn.isPending || undefined}>
          {signIn.isPending ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
