import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@city-spirit/shared';
import { currentLocale } from '../../i18n/index.ts';
import { useChooseLocale } from '../../ui/useChooseLocale.ts';
import { AccountSection } from './AccountSection.tsx';

/** Takes effect at once, for the interface and the account, like the switch in the header. */
export function LanguageSection() {
  const { t } = useTranslation();
  const chooseLocale = useChooseLocale();
  const [changed, setChanged] = useState(false);
  const locale = currentLocale();
  const choose = (next: Locale) => {
    chooseLocale(next);
    setChanged(true);
  };
  return (
    <AccountSection heading={t('account.language.legend')}>
      <fieldset className="choice-group" aria-describedby="account-language-hint">
        <legend className="visually-hidden">{t('account.language.legend')}</legend>
        <p id="account-language-hint" className="field__hint">
          {t('account.language.hint')}
        </p>
        <div className="choice-group__options">
          {LOCALES.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name="account-language" value={option} checked={locale === option} onChange={() => choose(option)} />
              <span lang={option}>{t(`language.names.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p className="form__status" role="status">
        {changed ? t('account.language.saved') : ''}
      </p>
    </AccountSection>
  );
}
