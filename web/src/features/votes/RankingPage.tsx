import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '@city-spirit/shared';
import { stageAllows } from '../../api/campaigns.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { textLang } from '../../ui/entryText.ts';
import { PageIntro } from '../../ui/PageIntro.tsx';
import { rankingQuery } from './api.ts';

export function RankingPage() {
  const { t } = useTranslation();
  return <CampaignGate loadingLabel={t('ranking.loading')}>{(campaign) => <RankingView campaign={campaign} />}</CampaignGate>;
}

function uniqueById<T extends { submission: { id: string } }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.submission.id) && seen.add(item.submission.id));
}

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);
const clamp = (value: number) => Math.min(100, Math.max(0, value));

function RankingView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  useDocumentTitle(t('ranking.title'));
  const query = useInfiniteQuery(rankingQuery(campaign.slug));
  const first = query.data?.pages[0];
  // A refit between two pages can move an entry onto the next page too: it is shown once.
  const items = uniqueById(query.data?.pages.flatMap((page) => page.items) ?? []);
  const ranking = first && { ...first, items };

  return (
    <div className="ranking">
      <PageIntro eyebrow={t('ranking.eyebrow')} title={t('ranking.title')} intro={t('ranking.intro')}>
        {stageAllows(campaign, 'pairwise') && (
          <p className="page-header__actions">
            <Link to={paths.compare(campaign.slug)} className="button">
              {t('ranking.compare')}
            </Link>
          </p>
        )}
      </PageIntro>
      <div className="container ranking__body">
        {ranking ? (
          <>
            <p className="ranking__summary">
              {t('ranking.total', { count: ranking.comparisons, formatted: format.number(ranking.comparisons) })}
              {ranking.fittedAt && (
                <>
                  {' · '}
                  <time dateTime={ranking.fittedAt}>{t('ranking.fittedAt', { time: format.time(Date.parse(ranking.fittedAt)) })}</time>
                </>
              )}
            </p>
            {ranking.items.length === 0 || ranking.comparisons === 0 ? (
              <p className="ranking__empty">{t('ranking.empty')}</p>
            ) : (
              <ol className="ranking__list">
                {ranking.items.map((item) => {
                  const low = clamp(item.low);
                  const high = clamp(item.high);
                  const score = clamp(item.score);
                  return (
                    <li key={item.submission.id} className="ranking__item">
                      <span className="ranking__rank" aria-hidden="true">
                        {format.number(item.rank)}
                      </span>
                      <div className="ranking__main">
                        <h2 className="ranking__phrase">
                          <span className="visually-hidden">{t('ranking.rank', { rank: item.rank })} </span>
                          <Link to={paths.entry(item.submission.id)} lang={textLang(item.submission.phrase)}>
                            {item.submission.phrase}
                          </Link>
                        </h2>
                        <p className="ranking__score">
                          <span className="ranking__score-label">{t('ranking.score')}</span>
                          <strong className="ranking__score-value">{oneDecimal(score)}</strong>
                        </p>
                        <svg className="ranking__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                          <rect className="ranking__bar-track" x="0" y="3" width="100" height="4" rx="2" />
                          <rect className="ranking__bar-interval" x={low} y="2" width={Math.max(0.8, high - low)} height="6" rx="2" />
                          <rect className="ranking__bar-score" x={Math.max(0, score - 0.6)} y="0" width="1.2" height="10" />
                        </svg>
                        <p className="ranking__facts">
                          <span>{t('ranking.interval', { low: oneDecimal(low), high: oneDecimal(high) })}</span>
                          <span>{t('ranking.record', { wins: format.number(item.wins), losses: format.number(item.losses) })}</span>
                          <span>{t('ranking.comparisons', { count: item.comparisons, formatted: format.number(item.comparisons) })}</span>
                        </p>
                      </div>
                    </li>
                  );
                })}
              </ol>
            )}
            {query.isFetchNextPageError && (
              <p className="inline-error results__more-error" role="alert">
                {t('ranking.moreFailed')}
              </p>
            )}
            {query.hasNextPage && ranking.comparisons > 0 && (
              <p className="results__more">
                <button
                  type="button"
                  className="button button--secondary"
                  aria-disabled={query.isFetchingNextPage || undefined}
                  onClick={() => !query.isFetchingNextPage && void query.fetchNextPage()}
                >
                  {query.isFetchingNextPage ? t('browse.loadingMore') : t('ranking.more')}
                </button>
              </p>
            )}
          </>
        ) : query.isError ? (
          <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <LoadingView label={t('ranking.loading')} />
        )}
      </div>
    </div>
  );
}
