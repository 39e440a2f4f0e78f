import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignStats } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { ChartCard } from './ChartCard.tsx';
import { EChart } from './EChart.tsx';
import { INK_MUTED, LINE } from './charts/echarts.ts';
import { useDayLabel } from './useDayLabel.ts';

const SERIES = ['participants', 'entries', 'votes', 'comments'] as const;

/** Entries, votes, comments and people taking part, day by day in Chongqing's time. */
export function ParticipationChart({ perDay }: { perDay: CampaignStats['perDay'] }) {
  const { t } = useTranslation('insights');
  const format = useLocaleFormat();
  const dayLabel = useDayLabel();
  const option = useMemo(
    () => ({
      legend: { top: 0, textStyle: { color: INK_MUTED } },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: perDay.map((day) => dayLabel(day.date)), axisLine: { lineStyle: { color: LINE } }, axisLabel: { color: INK_MUTED } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: LINE } }, axisLabel: { color: INK_MUTED } },
      series: SERIES.map((name) => ({
        name: t(`participation.series.${name}`),
        type: 'line',
        data: perDay.map((day) => day[name]),
        symbolSize: 6,
        lineStyle: { width: name === 'participants' ? 3 : 2 },
      })),
    }),
    [perDay, t, dayLabel],
  );
  const peak = perDay.reduce<CampaignStats['perDay'][number] | null>((best, day) => (!best || day.participants > best.participants ? day : best), null);
  const description = peak
    ? t('participation.aria', {
        days: perDay.length,
        first: dayLabel(perDay[0]!.date),
        last: dayLabel(perDay.at(-1)!.date),
        peakDay: dayLabel(peak.date),
        peak: format.number(peak.participants),
      })
    : t('participation.empty');
  return (
    <ChartCard
      title={t('participation.title')}
      lead={t('participation.lead')}
      chart={perDay.length ? <EChart option={option} description={description} height={320} /> : <p className="insights-card__empty">{description}</p>}
      table={
        <table className="insights-table">
          <caption className="visually-hidden">{t('participation.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('participation.day')}</th>
              {SERIES.map((name) => (
                <th key={name} scope="col" className="insights-table__number">
                  {t(`participation.series.${name}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {perDay.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <time dateTime={day.date}>{dayLabel(day.date)}</time>
                </th>
                {SERIES.map((name) => (
                  <td key={name} className="insights-table__number">
                    {format.number(day[name])}
                  </td>
                ))}
              </tr>
            ))}
            {perDay.length === 0 && (
              <tr>
                <td colSpan={SERIES.length + 1}>{t('participation.empty')}</td>
              </tr>
            )}
          </tbody>
        </table>
      }
    />
  );
}
