import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, PRIVACY_NOTICE_VERSION, registerSchema } from '@city-spirit/shared';
import { useSession } from '../../api/session.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { CheckboxField, PasswordField, TextField } from '../../ui/Field.tsx';
import { paths } from '../../paths.ts';
import { useFormProblems, type FormWording } from '../../ui/formProblems.ts';
import { useSignUp } from './api/signUp.ts';
import { AuthFrame } from './AuthFrame.tsx';
import { DistrictField } from '../../ui/DistrictField.tsx';
import { DISPLAY_NAME_LENGTH, fieldMessage, problemCode, problemsFromIssues, problemsFromServer } from './fieldMessages.ts';
import { AFTER_SIGN_IN, authPath, useNextPath } from './nextPath.ts';

type ContactKind = 'email' | 'phone';
type SignUpField = ContactKind | 'password' | 'displayName' | 'districtCode' | 'privacyConsent';

const CONTACT_ID = 'sign-up-contact';
const FIELD_IDS: Record<SignUpField, string> = {
  email: CONTACT_ID,
  phone: CONTACT_ID,
  password: 'sign-up-password',
  displayName: 'sign-up-display-name',
  districtCode: 'sign-up-district',
  privacyConsent: 'sign-up-privacy-consent',
};

const EMPTY = { email: '', phone: '', password: '', displayName: '', districtCode: '', website: '' };

export function SignUpPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const next = useNextPath();
  const signUp = useSignUp();
  const { problems, shownCount, show, clear } = useFormProblems<SignUpField>();
  const [contactKind, setContactKind] = useState<ContactKind>('email');
  const [values, setValues] = useState(EMPTY);
  const [consented, setConsented] = useState(false);
  const setValue = (key: keyof typeof EMPTY) => (value: string) => setValues((current) => ({ ...current, [key]: value }));

  // Signed in, by this form or before: on to the account (or wherever the visitor was going).
  if (user) return <Navigate to={next ?? AFTER_SIGN_IN} replace />;

  const fieldOf = (key: string): SignUpField | undefined => {
    if (key === 'email' || key === 'phone') return contactKind; // "one of them" is about the field shown
    return key === 'password' || key === 'displayName' || key === 'districtCode' || key === 'privacyConsent' ? key : undefined;
  };

  function serverProblems(error: unknown): FormWording<SignUpField> {
    return ({ t, problemMessage }) => {
      switch (problemCode(error)) {
        case 'conflict':
          return { fields: contactKind === 'email' ? { email: t('fields.email.taken') } : { phone: t('fields.phone.taken') } };
        case 'validation_failed': {
          // The server alone checks that a password is not common, repetitive or personal.
          const fields = problemsFromServer(error, fieldOf, (field) =>
            field === 'password' ? t('fields.password.weak') : fieldMessage(t, field, 'invalid'),
          );
          // Nothing field-specific: the hidden field was filled in, or something else only a reload fixes.
          return Object.keys(fields).length > 0 ? { fields } : { fields, form: t('auth.signUp.refused') };
        }
        default:
          return { fields: {}, form: problemMessage(error) };
      }
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signUp.isPending) return;
    const input = {
      [contactKind]: values[contactKind],
      password: values.password,
      displayName: values.displayName,
      districtCode: values.districtCode || undefined,
      locale: currentLocale(),
      // The version this page shows the link to: a tab opened before the notice changed sends the old one, and the server says so.
      privacyConsent: consented ? { version: PRIVACY_NOTICE_VERSION } : undefined,
      website: values.website,
    };
    const parsed = registerSchema.safeParse(input);
    if (!parsed.success) {
      const { issues } = parsed.error;
      const entered = { ...values, privacyConsent: consented ? PRIVACY_NOTICE_VERSION : '' };
      show(({ t }) => problemsFromIssues(t, issues, fieldOf, entered, t('auth.signUp.refused')));
      return;
    }
    clear();
    signUp.mutate(parsed.data, { onError: (error) => show(serverProblems(error)) });
  }

  return (
    <AuthFrame
      title={t('auth.signUp.title')}
      intro={t('auth.signUp.intro')}
      switchLine={
        <>
          {t('auth.signUp.haveAccount')} <Link to={authPath('/sign-in', next)}>{t('auth.signUp.signInLink')}</Link>
        </>
      }
    >
      <ErrorSummary
        heading={t('auth.signUp.failedHeading')}
        problems={problems}
        fieldIds={FIELD_IDS}
        fieldLabels={{
          email: t('fields.email.label'),
          phone: t('fields.phone.label'),
          password: t('fields.password.label'),
          displayName: t('fields.displayName.label'),
          districtCode: t('fields.district.label'),
          privacyConsent: t('fields.privacyConsent.summaryLabel'),
        }}
        shownCount={shownCount}
      />
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="segmented">
          <legend className="field__label">{t('auth.signUp.contactLegend')}</legend>
          <div className="segmented__options">
            {(['email', 'phone'] as const).map((kind) => (
              <label key={kind} className="segmented__option">
                <input
                  type="radio"
                  name="contact-kind"
                  value={kind}
                  checked={contactKind === kind}
                  onChange={() => {
                    setContactKind(kind);
                    clear(); // the problems shown were about the other form of contact
                  }}
                  className="segmented__input"
                />
                <span>{kind === 'email' ? t('auth.signUp.useEmail') : t('auth.signUp.usePhone')}</span>
              </label>
            ))}
          </div>
        </fieldset>

        {contactKind === 'email' ? (
          <TextField
            key="email"
            id={CONTACT_ID}
            name="email"
            type="email"
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            label={t('fields.email.label')}
            hint={t('fields.email.hint')}
            error={problems.fields.email}
            value={values.email}
            onValueChange={setValue('email')}
          />
        ) : (
          <TextField
            key="phone"
            id={CONTACT_ID}
            name="phone"
            type="tel"
            autoComplete="tel-national"
            inputMode="tel"
            label={t('fields.phone.label')}
            hint={t('fields.phone.hint')}
            error={problems.fields.phone}
            value={values.phone}
            onValueChange={setValue('phone')}
          />
        )}

        <PasswordField
          id={FIELD_IDS.password}
          name="password"
          autoComplete="new-password"
          label={t('fields.password.label')}
          hint={t('fields.password.hint', { min: PASSWORD_MIN_LENGTH })}
          error={problems.fields.password}
          value={values.password}
          onValueChange={setValue('password')}
        />

        <TextField
          id={FIELD_IDS.displayName}
          name="displayName"
          autoComplete="nickname"
          label={t('fields.displayName.label')}
          hint={t('fields.displayName.hint', DISPLAY_NAME_LENGTH)}
          error={problems.fields.displayName}
          value={values.displayName}
          onValueChange={setValue('displayName')}
        />

        <DistrictField
          id={FIELD_IDS.districtCode}
          value={values.districtCode}
          onValueChange={setValue('districtCode')}
          error={problems.fields.districtCode}
        />

        <CheckboxField
          id={FIELD_IDS.privacyConsent}
          name="privacyConsent"
          label={t('fields.privacyConsent.label', { version: PRIVACY_NOTICE_VERSION })}
          hint={
            <>
              {t('fields.privacyConsent.hintLead')}
              <Link to={paths.privacy} target="_blank">
                {t('fields.privacyConsent.hintLink')}
              </Link>
              {t('fields.privacyConsent.hintTail')}
            </>
          }
          error={problems.fields.privacyConsent}
          checked={consented}
          onCheckedChange={setConsented}
        />

        {/* A honeypot: hidden from people and from assistive technology, filled in only by bots. */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="sign-up-website">{t('auth.signUp.honeypot')}</label>
          <input
            id="sign-up-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(event) => setValue('website')(event.target.value)}
          />
        </div>

        <button type="submit" className="button button--wide" aria-disabled={signUp.isPending || undefined}>
          {signUp.isPending ? t('auth.signUp.submitting') : t('auth.signUp.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
