import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignConsensus, ConsensusItem } from '@city-spirit/shared';
import { districtListQuery, districtName } from '../../api/districts.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import { paths } from '../../paths.ts';
import { ChartCard } from './ChartCard.tsx';
import { EChart } from './EChart.tsx';
import { INK_MUTED, LINE } from './charts/echarts.ts';

const BAR_HEIGHT = 40;
const LABEL_CHARACTERS = 12;

const shortPhrase = (phrase: string) => (Array.from(phrase).length > LABEL_CHARACTERS ? `${Array.from(phrase).slice(0, LABEL_CHARACTERS).join('')}…` : phrase);

/** The district where an entry has the smallest share of supporters: where it unites the city least. */
const weakestDistrict = (item: ConsensusItem) =>
  item.districts.reduce<ConsensusItem['districts'][number] | null>((weakest, district) => (!weakest || district.share < weakest.share ? district : weakest), null);

/** Which shortlisted phrases every district supports, not only one: Pol.is' group-informed consensus over the districts. */
export function ConsensusChart({ consensus }: { consensus: CampaignConsensus }) {
  const { t } = useTranslation('insights');
  const format = useLocaleFormat();
  const navigate = useNavigate();
  const districts = useQuery(districtListQuery());
  const locale = currentLocale();
  const names = useMemo(() => new Map((districts.data ?? []).map((district) => [district.code, districtName(district, locale)])), [districts.data, locale]);
  const score = useMemo(() => new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }), [locale]);
  const { items } = consensus;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // Each bar carries its value; small scores would crowd the axis's own labels on a phone.
      xAxis: { type: 'value', min: 0, splitLine: { lineStyle: { color: LINE } }, axisLabel: { show: false } },
      yAxis: { type: 'category', inverse: true, data: items.map((item) => shortPhrase(item.submission.phrase)), axisLabel: { color: INK_MUTED, interval: 0 }, axisTick: { show: false } },
      series: [
        {
          name: t('consensus.score'),
          type: 'bar',
          barMaxWidth: 16,
          data: items.map((item) => item.consensus),
          label: { show: true, position: 'right', color: INK_MUTED, formatter: ({ value }: { value: number }) => score.format(value) },
        },
      ],
    }),
    [items, t, score],
  );
  const top = items[0];
  const unavailable = consensus.countsHidden ? t('consensus.hidden') : items.length === 0 ? t('consensus.empty') : null;
  const description =
    unavailable ??
    t('consensus.aria', { count: items.length, phrase: top?.submission.phrase ?? '', score: score.format(top?.consensus ?? 0), districts: consensus.districtsCounted.length });
  return (
    <ChartCard
      title={t('consensus.title')}
      lead={t('consensus.lead', { min: consensus.minParticipants, count: consensus.districtsCounted.length })}
      chart={
        unavailable ? (
          <p className="insights-card__empty">{unavailable}</p>
        ) : (
          <EChart
            option={option}
            description={description}
            height={items.length * BAR_HEIGHT + 56}
            events={{
              click: ({ dataIndex }) => {
                const item = dataIndex === undefined ? undefined : items[dataIndex];
                if (item) void navigate(paths.entry(item.submission.id));
              },
            }}
          />
        )
      }
      table={
        <table className="insights-table">
          <caption className="visually-hidden">{t('consensus.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consensus.phrase')}</th>
              <th scope="col" className="insights-table__number">{t('consensus.score')}</th>
              <th scope="col" className="insights-table__number">{t('consensus.supportShare')}</th>
              <th scope="col">{t('consensus.weakest')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const weakest = weakestDistrict(item);
              return (
                <tr key={item.submission.id}>
                  <th scope="row">
                    <Link to={paths.entry(item.submission.id)}>{item.submission.phrase}</Link>
                  </th>
                  <td className="insights-table__number">{score.format(item.consensus)}</td>
                  <td className="insights-table__number">{format.percent(item.supportShare)}</td>
                  <td>{weakest ? t('consensus.weakestValue', { district: names.get(weakest.code) ?? weakest.code, share: format.percent(weakest.share) }) : '–'}</td>
                </tr>
              );
            })}
            {unavailable && (
              <tr>
                <td colSpan={4}>{unavailable}</td>
              </tr>
            )}
          </tbody>
        </table>
      }
      footnote={<p>{t('consensus.formula')}</p>}
    />
  );
}
