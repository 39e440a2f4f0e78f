import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "现在", "5 分钟前", "3 小时前" within a day; after that the date and time, in Chongqing's time. */
export function useRelativeTime(): (iso: string, now?: number) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    return (iso: string, now = Date.now()) => {
      const age = now - new Date(iso).getTime();
      if (age < MINUTE) return relative.format(0, 'second');
      if (age < HOUR) return relative.format(-Math.floor(age / MINUTE), 'minute');
      if (age < DAY) return relative.format(-Math.floor(age / HOUR), 'hour');
      return absolute.format(new Date(iso));
    };
  }, [locale]);
}
