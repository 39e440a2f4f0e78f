import { useEffect, useRef, type ReactNode } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign, Submission } from '@city-spirit/shared';
import { paths } from '../../paths.ts';
import { useDistrictName } from '../../ui/DistrictField.tsx';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import type { SubmissionFilters } from '../../api/keys.ts';
import { submissionListQuery } from './api/listSubmissions.ts';
import { EntryCard } from './EntryCard.tsx';

type Props = {
  campaign: Campaign;
  filters: SubmissionFilters;
  /** The list's own address, for the entries' back links. */
  backTo: string;
  /** The list without search or district. */
  clearPath: string;
  canSubmit: boolean;
  /** What each card shows to support its entry, if anything. */
  renderSupport?: ((submission: Submission) => ReactNode) | undefined;
};

/** The entries a page at a time, with loading, error and empty states and a status line that says how many are shown. */
export function EntryResults({ campaign, filters, backTo, clearPath, canSubmit, renderSupport }: Props) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const districtName = useDistrictName();
  // While other filters load, the entries shown stay (dimmed) instead of the page jumping.
  const list = useInfiniteQuery({ ...submissionListQuery(campaign.slug, filters), placeholderData: keepPreviousData });
  const entries = list.data?.pages.flatMap((page) => page.items) ?? [];
  const listRef = useRef<HTMLOListElement>(null);
  const focusFrom = useRef<number | null>(null);
  const filtered = Boolean(filters.q || filters.districtCode);
  const mine = filters.author === 'me';

  // After "load more", the keyboard goes on from the first of the new entries.
  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || entries.length <= from) return;
    focusFrom.current = null;
    listRef.current?.querySelectorAll<HTMLAnchorElement>('.entry-card__link')[from]?.focus();
  }, [entries.length]);

  const loadMore = () => {
    if (list.isFetchingNextPage) return;
    focusFrom.current = entries.length;
    void list.fetchNextPage();
  };

  let status: string;
  if (list.isPending) status = t('browse.loading');
  else if (list.isError && !list.data) status = '';
  else if (entries.length === 0) status = t('browse.empty.heading');
  else {
    const count = list.hasNextPage ? t('browse.countSome', { count: entries.length }) : t('browse.countAll', { count: entries.length });
    status = filters.q ? t('browse.searchResults', { q: filters.q, shown: count }) : count;
  }

  return (
    <section className="results" aria-busy={list.isFetching && !list.isFetchingNextPage ? true : undefined} aria-label={t('browse.resultsLabel')}>
      {/* The empty view says the same in its heading: the status line is then for screen readers only. */}
      <p className={!list.isPending && entries.length === 0 ? 'visually-hidden' : 'results__status'} role="status">
        {status}
      </p>
      {list.isPending ? (
        <ResultsSkeleton />
      ) : list.isError && !list.data ? (
        <div className="inline-error results__error" role="alert">
          <p className="inline-error__heading">{t('browse.failed')}</p>
          <p>{problemMessage(list.error)}</p>
          <button type="button" className="button button--secondary" onClick={() => void list.refetch()} disabled={list.isFetching}>
            {list.isFetching ? t('error.retrying') : t('error.retry')}
          </button>
        </div>
      ) : entries.length === 0 ? (
        <div className="panel results__empty">
          <h2 className="results__empty-heading">{mine && !filtered ? t('browse.empty.mineHeading') : t('browse.empty.heading')}</h2>
          <p>{filtered ? t('browse.empty.filtered') : mine ? t('browse.empty.mine') : canSubmit ? t('browse.empty.none') : t('browse.empty.noneClosed')}</p>
          <p className="results__empty-actions">
            {filtered && (
              <Link to={clearPath} className="button button--secondary">
                {t('browse.empty.clear')}
              </Link>
            )}
            {canSubmit && (
              <Link to={paths.submit(campaign.slug)} className="button">
                {t('campaign.actions.write')}
              </Link>
            )}
          </p>
        </div>
      ) : (
        <>
          <ol className="entry-list" ref={listRef} data-stale={list.isPlaceholderData || undefined}>
            {entries.map((submission) => (
              <EntryCard
                key={submission.id}
                submission={submission}
                districtName={districtName(submission.districtCode)}
                backTo={backTo}
                support={renderSupport?.(submission)}
              />
            ))}
          </ol>
          {list.isFetchNextPageError && (
            <p className="inline-error results__more-error" role="alert">
              {t('browse.moreFailed')} {problemMessage(list.error)}
            </p>
          )}
          {list.hasNextPage ? (
            <p className="results__more">
              <button type="button" className="button button--secondary" aria-disabled={list.isFetchingNextPage || undefined} onClick={loadMore}>
                {list.isFetchingNextPage ? t('browse.loadingMore') : t('browse.loadMore')}
              </button>
            </p>
          ) : (
            <p className="results__end">{t('browse.end')}</p>
          )}
        </>
      )}
    </section>
  );
}

function ResultsSkeleton() {
  return (
    <div className="entry-list entry-list--skeleton" aria-hidden="true">
      {[0, 1, 2].map((index) => (
        <span key={index} className="entry-card entry-card--skeleton">
          <span className="skeleton__line skeleton__line--short" />
          <span className="skeleton__line" />
          <span className="skeleton__line skeleton__line--medium" />
        </span>
      ))}
    </div>
  );
}
