import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignStats } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { ChartCard } from './ChartCard.tsx';
import { EChart } from './EChart.tsx';
import { INK, LINE } from './charts/echarts.ts';

const STEPS = ['registered', 'submitted', 'voted', 'commented'] as const;

/** From an account to a voice: how many of those registered submitted, supported and commented. */
export function FunnelChart({ funnel }: Pick<CampaignStats, 'funnel'>) {
  const { t } = useTranslation('insights');
  const format = useLocaleFormat();
  const shareOf = (count: number) => format.percent(funnel.registered ? count / funnel.registered : 0);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          left: '4%',
          width: '56%',
          top: 8,
          bottom: 8,
          min: 0,
          max: Math.max(1, funnel.registered),
          sort: 'none',
          gap: 4,
          // Beside each step, not inside: the last steps are narrow.
          label: { position: 'right', color: INK, formatter: '{b}  {c}' },
          labelLine: { lineStyle: { color: LINE } },
          data: STEPS.map((step) => ({ name: t(`funnel.${step}`), value: funnel[step] })),
        },
      ],
    }),
    [funnel, t],
  );
  const description = t('funnel.aria', {
    registered: format.number(funnel.registered),
    submitted: format.number(funnel.submitted),
    voted: format.number(funnel.voted),
    commented: format.number(funnel.commented),
  });
  return (
    <ChartCard
      title={t('funnel.title')}
      lead={t('funnel.lead')}
      chart={<EChart option={option} description={description} height={280} />}
      table={
        <table className="insights-table">
          <caption className="visually-hidden">{t('funnel.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funnel.step')}</th>
              <th scope="col" className="insights-table__number">{t('funnel.accounts')}</th>
              <th scope="col" className="insights-table__number">{t('funnel.ofRegistered')}</th>
            </tr>
          </thead>
          <tbody>
            {STEPS.map((step) => (
              <tr key={step}>
                <th scope="row">{t(`funnel.${step}`)}</th>
                <td className="insights-table__number">{format.number(funnel[step])}</td>
                <td className="insights-table__number">{shareOf(funnel[step])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
