import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** "12月1日" or "Dec 1" for a calendar day "2026-12-01" of the stats (already a day in Chongqing, so read as UTC). */
export function useDayLabel(): (date: string) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }), [locale]);
  return useCallback((date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`)), [dayFormat]);
}
