import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StagePeriod, StageWindow } from '@city-spirit/shared';

/** Campaign dates are Chongqing's dates, wherever the reader is. */
const CAMPAIGN_TIME_ZONE = 'Asia/Shanghai';

export function useLocaleFormat() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;

  return useMemo(() => {
    const numberFormat = new Intl.NumberFormat(locale);
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: CAMPAIGN_TIME_ZONE });
    const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });

    const monthDayFormat = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: CAMPAIGN_TIME_ZONE });
    const yearFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: CAMPAIGN_TIME_ZONE });
    const dayFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: CAMPAIGN_TIME_ZONE });

    const date = (iso: string) => dateFormat.format(new Date(iso));

    /** ICU's Chinese range pattern falls back to "2026/11/1 – 2026/12/31", so Chinese ranges are built by hand. */
    function dateRange(startIso: string, endIso: string): string {
      const start = new Date(startIso);
      const end = new Date(endIso);
      if (!locale.startsWith('zh')) return dateFormat.formatRange(start, end);
      const sameYear = yearFormat.format(start) === yearFormat.format(end);
      return t('campaign.dates.range', {
        start: dateFormat.format(start),
        end: (sameYear ? monthDayFormat : dateFormat).format(end),
      });
    }

    function stageDates({ startsAt, endsAt }: Pick<StageWindow, 'startsAt' | 'endsAt'>): string {
      if (startsAt && endsAt) return dateRange(startsAt, endsAt);
      if (startsAt) return t('campaign.dates.from', { date: date(startsAt) });
      if (endsAt) return t('campaign.dates.until', { date: date(endsAt) });
      return t('campaign.dates.tbd');
    }

    /** The day in Chongqing, "2026-11-20", for comparing days. */
    const day = (iso: string) => dayFormat.format(new Date(iso));

    /** When a stage the campaign reached actually ran; "from …" while it still runs. */
    function stagePeriod({ startedAt, endedAt }: Pick<StagePeriod, 'startedAt' | 'endedAt'>): string {
      if (!endedAt) return t('campaign.dates.from', { date: date(startedAt) });
      return day(startedAt) === day(endedAt) ? date(startedAt) : dateRange(startedAt, endedAt);
    }

    /** A wait such as "45 seconds" or "58 minutes", rounded up to the unit that reads naturally. */
    function duration(seconds: number): string {
      const [value, unit] = seconds < 60 ? [seconds, 'second'] : seconds < 3600 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
      return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
    }

    return {
      number: (value: number) => numberFormat.format(value),
      /** 0.82 → "82%" */
      percent: (fraction: number) => percentFormat.format(fraction),
      duration,
      date,
      time: (epochMs: number) => timeFormat.format(epochMs),
      stageDates,
      stagePeriod,
      day,
    };
  }, [locale, t]);
}
