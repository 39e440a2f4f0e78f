import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, localeSchema, type Locale } from '@city-spirit/shared';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

const STORAGE_KEY = 'city-spirit.locale';

/** The language chosen on this device, if one was. */
export function chosenLocale(): Locale | undefined {
  try {
    const parsed = localeSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // storage can be blocked (private mode, strict settings)
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // The choice then lasts for this visit only.
  }
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: chosenLocale() ?? DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: ['zh-CN', 'en'],
  load: 'currentOnly',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function currentLocale(): Locale {
  const parsed = localeSchema.safeParse(i18n.resolvedLanguage ?? i18n.language);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}

export function chooseLocale(locale: Locale): void {
  storeLocale(locale);
  void i18n.changeLanguage(locale);
}

export { i18n };
