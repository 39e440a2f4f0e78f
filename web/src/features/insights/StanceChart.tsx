import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignStats } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { ChartCard } from './ChartCard.tsx';
import { EChart } from './EChart.tsx';
import { INK_MUTED } from './charts/echarts.ts';

const STANCES = ['support', 'oppose', 'neutral'] as const;
const STANCE_COLOURS = { support: '#4f8a83', oppose: '#9b1c1f', neutral: '#a39a8f' };

/** How the comments lean: for, against, or neither. */
export function StanceChart({ stance }: Pick<CampaignStats, 'stance'>) {
  const { t } = useTranslation('insights');
  const format = useLocaleFormat();
  const total = STANCES.reduce((sum, name) => sum + stance[name], 0);
  const shareOf = (count: number) => format.percent(total ? count / total : 0);
  const option = useMemo(() => {
    const legendShares = new Map<string, string>(STANCES.map((name) => [t(`stance.${name}`), format.percent(total ? stance[name] / total : 0)]));
    return {
      // The shares go with the names in the legend: labels beside the ring would run off a phone's edge.
      legend: { bottom: 0, textStyle: { color: INK_MUTED }, formatter: (name: string) => `${name} ${legendShares.get(name) ?? ''}` },
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['50%', '45%'],
          label: { show: false },
          data: STANCES.map((name) => ({ name: t(`stance.${name}`), value: stance[name], itemStyle: { color: STANCE_COLOURS[name] } })),
        },
      ],
    };
  }, [stance, total, t, format]);
  const description = total
    ? t('stance.aria', {
        total: format.number(total),
        support: shareOf(stance.support),
        oppose: shareOf(stance.oppose),
        neutral: shareOf(stance.neutral),
      })
    : t('stance.empty');
  return (
    <ChartCard
      title={t('stance.title')}
      lead={t('stance.lead')}
      chart={total ? <EChart option={option} description={description} height={280} /> : <p className="insights-card__empty">{description}</p>}
      table={
        <table className="insights-table">
          <caption className="visually-hidden">{t('stance.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stance.stance')}</th>
              <th scope="col" className="insights-table__number">{t('stance.comments')}</th>
              <th scope="col" className="insights-table__number">{t('stance.share')}</th>
            </tr>
          </thead>
          <tbody>
            {STANCES.map((name) => (
              <tr key={name}>
                <th scope="row">{t(`stance.${name}`)}</th>
                <td className="insights-table__number">{format.number(stance[name])}</td>
                <td className="insights-table__number">{shareOf(stance[name])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
