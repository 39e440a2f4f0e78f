import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Comments carry no language of their own: Chinese if they hold any Chinese characters, for fonts and screen readers. */
export function textLang(text: string): string {
  return /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "刚刚", "5 分钟前", "3 小时前" within a day; after that the date and time, in Chongqing's time. */
export function useCommentTime(): (iso: string, now?: number) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    return (iso: string, now = Date.now()) => {
      const age = now - new Date(iso).getTime();
      if (age < MINUTE) return t('discussion.justNow');
      if (age < HOUR) return relative.format(-Math.floor(age / MINUTE), 'minute');
      if (age < DAY) return relative.format(-Math.floor(age / HOUR), 'hour');
      return absolute.format(new Date(iso));
    };
  }, [locale, t]);
}
