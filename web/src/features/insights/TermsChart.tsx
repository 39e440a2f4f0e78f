import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignStats } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { ChartCard } from './ChartCard.tsx';
import { EChart } from './EChart.tsx';
import { CHART_COLOURS } from './charts/echarts.ts';

/** The entries holding a term, found by the entries page's own search. */
const termEntries = (slug: string, term: string) => paths.entries(slug, new URLSearchParams({ q: term }));

/** The words residents use most in their phrases; each word leads to the entries that hold it. */
export function TermsChart({ slug, topTerms }: { slug: string; topTerms: CampaignStats['topTerms'] }) {
  const { t } = useTranslation('insights');
  const format = useLocaleFormat();
  const navigate = useNavigate();
  const option = useMemo(
    () => ({
      tooltip: { formatter: ({ name, value }: { name: string; value: number }) => t('terms.tooltip', { term: name, count: value }) },
      series: [
        {
          type: 'wordCloud',
          shape: 'circle',
          left: 'center',
          top: 'center',
          width: '96%',
          height: '96%',
          sizeRange: [14, 56],
          // Chinese reads across: no turned words.
          rotationRange: [0, 0],
          gridSize: 10,
          drawOutOfBound: false,
          cursor: 'pointer',
          textStyle: { fontWeight: 'bold', color: ({ dataIndex }: { dataIndex: number }) => CHART_COLOURS[dataIndex % 4] },
          emphasis: { textStyle: { color: '#1c1917' } },
          data: topTerms.map(({ term, count }) => ({ name: term, value: count })),
        },
      ],
    }),
    [topTerms, t],
  );
  const description = topTerms.length
    ? t('terms.aria', {
        terms: topTerms
          .slice(0, 10)
          .map(({ term, count }) => t('terms.tooltip', { term, count }))
          .join(t('listSeparator')),
      })
    : t('terms.empty');
  return (
    <ChartCard
      title={t('terms.title')}
      lead={t('terms.lead')}
      chart={
        topTerms.length ? (
          <EChart
            option={option}
            description={description}
            height={360}
            events={{ click: ({ name }) => name && void navigate(termEntries(slug, name)) }}
          />
        ) : (
          <p className="insights-card__empty">{description}</p>
        )
      }
      table={
        <table className="insights-table">
          <caption className="visually-hidden">{t('terms.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('terms.term')}</th>
              <th scope="col" className="insights-table__number">{t('terms.count')}</th>
            </tr>
          </thead>
          <tbody>
            {topTerms.map(({ term, count }) => (
              <tr key={term}>
                <th scope="row">
                  <Link to={termEntries(slug, term)}>{term}</Link>
                </th>
                <td className="insights-table__number">{format.number(count)}</td>
              </tr>
            ))}
            {topTerms.length === 0 && (
              <tr>
                <td colSpan={2}>{t('terms.empty')}</td>
              </tr>
            )}
          </tbody>
        </table>
      }
      footnote={<p>{t('terms.howCounted')}</p>}
    />
  );
}
