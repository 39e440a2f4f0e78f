import { useState, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type FieldFrameProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
};

/** Label, hint and error above the control, as GOV.UK does: the error is read with the field. */
function FieldFrame({ id, label, hint, error, optional, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field" data-invalid={error ? true : undefined}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional && <span className="field__optional">{t('form.optional')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')}</span>
          {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

type InputProps = Omit<ComponentProps<'input'>, 'id' | 'value' | 'onChange'> & {
  value: string;
  onValueChange: (value: string) => void;
  /** Shown under the control, such as a character count. */
  below?: ReactNode;
};

type TextFieldProps = Omit<FieldFrameProps, 'children'> & InputProps;

export function TextField({ id, label, hint, error, optional, value, onValueChange, below, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(describedBy) => (
        <>
          <input
            {...input}
            id={id}
            name={input.name ?? id}
            className={['input', className].filter(Boolean).join(' ')}
            value={value}
            onChange={(event) => onValueChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
          {below}
        </>
      )}
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<FieldFrameProps, 'children'> &
  Omit<ComponentProps<'textarea'>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange: (value: string) => void;
    below?: ReactNode;
  };

export function TextAreaField({ id, label, hint, error, optional, value, onValueChange, below, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(describedBy) => (
        <>
          <textarea
            {...textarea}
            id={id}
            name={textarea.name ?? id}
            className={['input', 'textarea', className].filter(Boolean).join(' ')}
            value={value}
            onChange={(event) => onValueChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
          />
          {below}
        </>
      )}
    </FieldFrame>
  );
}

/** A password input with a button that shows the characters typed, for typing on phones. */
export function PasswordField({ id, label, hint, error, value, onValueChange, ...input }: Omit<TextFieldProps, 'type' | 'optional'>) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <div className="password-input">
          <input
            {...input}
            id={id}
            name={input.name ?? id}
            type={shown ? 'text' : 'password'}
            className="input password-input__input"
            value={value}
            onChange={(event) => onValueChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
          />
          <button
            type="button"
            className="password-input__toggle"
            aria-controls={id}
            aria-label={shown ? t('form.hidePasswordLabel') : t('form.showPasswordLabel')}
            onClick={() => setShown((current) => !current)}
          >
            {shown ? t('form.hidePassword') : t('form.showPassword')}
          </button>
          <span className="visually-hidden" aria-live="polite">
            {shown ? t('form.passwordShown') : ''}
          </span>
        </div>
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<FieldFrameProps, 'children'> &
  Omit<ComponentProps<'select'>, 'id' | 'value' | 'onChange'> & {
    value: string;
    onValueChange: (value: string) => void;
  };

export function SelectField({ id, label, hint, error, optional, value, onValueChange, children, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(describedBy) => (
        <select
          {...select}
          id={id}
          name={select.name ?? id}
          className="input select"
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

type CheckboxFieldProps = { id: string; name: string; label: string; hint?: ReactNode; error?: string | undefined; checked: boolean; onCheckedChange: (checked: boolean) => void };

/** A box to tick, with its label beside it; the hint and error above, read with it, as in the other fields. */
export function CheckboxField({ id, name, label, hint, error, checked, onCheckedChange }: CheckboxFieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field field--checkbox" data-invalid={error ? true : undefined}>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">{t('form.errorPrefix')}</span>
          {error}
        </p>
      )}
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          name={name}
          type="checkbox"
          className="checkbox__input"
          checked={checked}
          onChange={(event) => onCheckedChange(event.target.checked)}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? true : undefined}
        />
        <span>{label}</span>
      </label>
    </div>
  );
}
