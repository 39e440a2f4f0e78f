import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CampaignStats } from '@city-spirit/shared';
import { districtListQuery, districtName } from '../../api/districts.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { ChartCard } from './ChartCard.tsx';
import { EChart } from './EChart.tsx';
import { INK_MUTED, LINE } from './charts/echarts.ts';

const BAR_HEIGHT = 22;

/**
 * The people taking part, district by district: all 38, those with none included, most first. A
 * sorted bar chart rather than a map: no well-kept package ships Chongqing's district boundaries
 * under a licence we may reuse (ADR 0016).
 */
export function DistrictsChart({ perDistrict, outside }: Pick<CampaignStats, 'perDistrict' | 'outside'>) {
  const { t } = useTranslation('insights');
  const format = useLocaleFormat();
  const districts = useQuery(districtListQuery());
  const locale = currentLocale();
  const rows = useMemo(() => {
    const names = new Map((districts.data ?? []).map((district) => [district.code, districtName(district, locale)]));
    return perDistrict
      .map((district) => ({ ...district, name: names.get(district.code) ?? district.code }))
      .sort((a, b) => b.participants - a.participants || b.entries - a.entries || a.code.localeCompare(b.code));
  }, [perDistrict, districts.data, locale]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: LINE } }, axisLabel: { color: INK_MUTED } },
      yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), axisLabel: { color: INK_MUTED, interval: 0 }, axisTick: { show: false } },
      series: [
        {
          name: t('districts.participants'),
          type: 'bar',
          data: rows.map((row) => row.participants),
          barMaxWidth: 14,
          label: { show: true, position: 'right', color: INK_MUTED, formatter: ({ dataIndex }: { dataIndex: number }) => format.percent(rows[dataIndex]!.share) },
        },
      ],
    }),
    [rows, t, format],
  );
  const silent = rows.filter((row) => row.participants === 0).length;
  const description = t('districts.aria', {
    top: rows
      .slice(0, 3)
      .map((row) => `${row.name} ${format.number(row.participants)}`)
      .join(t('listSeparator')),
    silent,
  });
  return (
    <ChartCard
      title={t('districts.title')}
      lead={t('districts.lead')}
      chart={<EChart option={option} description={description} height={rows.length * BAR_HEIGHT + 40} />}
      table={
        <table className="insights-table">
          <caption className="visually-hidden">{t('districts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('districts.district')}</th>
              <th scope="col" className="insights-table__number">{t('districts.participants')}</th>
              <th scope="col" className="insights-table__number">{t('districts.share')}</th>
              <th scope="col" className="insights-table__number">{t('districts.entries')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.name}</th>
                <td className="insights-table__number">{format.number(row.participants)}</td>
                <td className="insights-table__number">{format.percent(row.share)}</td>
                <td className="insights-table__number">{format.number(row.entries)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('districts.outsideName')}</th>
              <td className="insights-table__number">{format.number(outside.participants)}</td>
              <td className="insights-table__number">{format.percent(outside.share)}</td>
              <td className="insights-table__number">{format.number(outside.entries)}</td>
            </tr>
          </tfoot>
        </table>
      }
      footnote={
        <p>
          {t('districts.outside', {
            participants: format.number(outside.participants),
            share: format.percent(outside.share),
            entries: format.number(outside.entries),
          })}
        </p>
      }
    />
  );
}
