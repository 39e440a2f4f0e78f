import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { useChooseLocale } from './useChooseLocale.ts';

/** Names the other language in that language: "English" on the Chinese UI, "中文" on the English one. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const chooseLocale = useChooseLocale();
  const other = currentLocale() === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="lang-switch" lang={t('language.switchToLang')} onClick={() => chooseLocale(other)}>
      <svg className="lang-switch__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.6 2.7 3.9 5.7 3.9 9s-1.3 6.3-3.9 9c-2.6-2.7-3.9-5.7-3.9-9s1.3-6.3 3.9-9z" />
      </svg>
      {t('language.switchTo')}
    </button>
  );
}
