import { useCallback, useEffect, useRef, useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isStaff, queueKindSchema, type Campaign, type QueueKind } from '@city-spirit/shared';
import { campaignListQuery } from '../../api/campaigns.ts';
import { useSession } from '../../api/session.ts';
import { authPath } from '../../paths.ts';
import { SelectField } from '../../ui/Field.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { queueQuery } from './api/getQueue.ts';
import { ACTION_KEYS } from './availableActions.ts';
import { DuplicateClusters } from './DuplicateClusters.tsx';
import { QueueItemCard, type Announcement, type QueueItemHandle } from './QueueItemCard.tsx';

type Filter = QueueKind | 'all';
/** In the queue's order of urgency. */
const FILTERS: readonly Filter[] = ['all', 'hidden', 'appealed', 'reported', 'suspicious_votes', 'pending'];

/** The moderation console: what waits for a decision in a campaign, most urgent first. Staff only. */
export function ModerationPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  useDocumentTitle(t('moderation.title'));
  return (
    <div className="moderation">
      <div className="page-header">
        <div className="container page-header__body">
          <p className="page-header__eyebrow">{t('moderation.eyebrow')}</p>
          <h1 className="page-header__title">{t('moderation.title')}</h1>
          <p className="page-header__intro">{t('moderation.intro')}</p>
        </div>
      </div>
      <div className="container moderation__body">
        {user === undefined ? null : user === null ? (
          <p className="moderation__only">
            {t('moderation.onlyStaff')} <Link to={authPath('/sign-in', location.pathname + location.search)}>{t('moderation.signIn')}</Link>
          </p>
        ) : !isStaff(user) ? (
          <p className="moderation__only">{t('moderation.onlyStaff')}</p>
        ) : (
          <Console />
        )}
      </div>
    </div>
  );
}

function Console() {
  const { t } = useTranslation();
  const campaigns = useQuery({ ...campaignListQuery(), refetchInterval: false });
  const [search, setSearch] = useSearchParams();
  if (campaigns.isPending) return <LoadingView label={t('moderation.loading')} />;
  if (campaigns.isError) return <ErrorView error={campaigns.error} onRetry={() => void campaigns.refetch()} retrying={campaigns.isFetching} />;
  const list = campaigns.data.items;
  const campaign = list.find((candidate) => candidate.slug === search.get('campaign')) ?? list[0];
  if (!campaign) return <p className="moderation__empty">{t('moderation.noCampaign')}</p>;
  const parsedKind = queueKindSchema.safeParse(search.get('kind'));
  const filter: Filter = parsedKind.success ? parsedKind.data : 'all';
  const showClusters = search.get('view') === 'clusters';
  const clustersParams = new URLSearchParams(search);
  clustersParams.delete('kind');
  clustersParams.set('view', 'clusters');
  const chooseCampaign = (slug: string) => {
    const params = new URLSearchParams(search);
    params.set('campaign', slug);
    setSearch(params, { replace: true });
  };
  return (
    <>
      {list.length > 1 && (
        <SelectField id="moderation-campaign" label={t('moderation.campaignLabel')} value={campaign.slug} onValueChange={chooseCampaign}>
          {list.map((candidate) => (
            <option key={candidate.slug} value={candidate.slug}>
              {candidate.title}
            </option>
          ))}
        </SelectField>
      )}
      <nav className="moderation__filters" aria-label={t('moderation.filterLabel')}>
        <ul className="moderation__filter-list">
          {FILTERS.map((option) => {
            const params = new URLSearchParams(search);
            params.delete('view');
            if (option === 'all') params.delete('kind');
            else params.set('kind', option);
            return (
              <li key={option}>
                <Link
                  to={{ search: params.toString() }}
                  replace
                  className="moderation__filter"
                  aria-current={!showClusters && filter === option ? 'page' : undefined}
                >
                  {t(`moderation.filters.${option}`)}
                </Link>
              </li>
            );
          })}
          <li className="moderation__filter-apart">
            <Link to={{ search: clustersParams.toString() }} replace className="moderation__filter" aria-current={showClusters ? 'page' : undefined}>
              {t('clusters.tab')}
            </Link>
          </li>
        </ul>
      </nav>
      {showClusters ? (
        <DuplicateClusters key={campaign.slug} campaign={campaign} />
      ) : (
        <>
          <p className="moderation__keys">{t('moderation.keysHint')}</p>
          <Queue key={`${campaign.slug}:${filter}`} campaign={campaign} filter={filter} />
        </>
      )}
    </>
  );
}

function Queue({ campaign, filter }: { campaign: Campaign; filter: Filter }) {
  const { t } = useTranslation();
  const query = useInfiniteQuery(queueQuery(campaign.slug, filter));
  const cards = useRef(new Map<string, QueueItemHandle>());
  const current = useRef(-1);
  const [announcement, setAnnouncement] = useState<{ wording: Announcement } | null>(null);
  const announce = useCallback((wording: Announcement) => setAnnouncement({ wording }), []);
  const [now, setNow] = useState(() => Date.now());
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const order = useRef<string[]>([]);
  order.current = items.map((item) => `${item.targetType}:${item.targetId}`);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const refetch = query.refetch;
  const refresh = useCallback(() => void refetch(), [refetch]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const keys = order.current;
      if (keys.length === 0) return;
      const key = event.key.toLowerCase();
      if (key === 'j' || key === 'k') {
        event.preventDefault();
        const next = Math.min(keys.length - 1, Math.max(0, current.current + (key === 'j' ? 1 : -1)));
        current.current = next;
        cards.current.get(keys[next]!)?.focus();
        return;
      }
      const action = ACTION_KEYS[key];
      if (!action) return;
      const card = cards.current.get(keys[Math.max(0, current.current)]!);
      if (card?.choose(action)) event.preventDefault();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (query.isPending) return <LoadingView label={t('moderation.loading')} />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;

  return (
    <>
      <div className="moderation__bar">
        <p className="moderation__count">
          {query.hasNextPage ? t('moderation.countMore', { count: items.length }) : t('moderation.count', { count: items.length })}
        </p>
        <button type="button" className="link-button" onClick={refresh} aria-disabled={query.isFetching || undefined}>
          {query.isFetching ? t('moderation.refreshing') : t('moderation.refresh')}
        </button>
      </div>
      <p className="moderation__announcement" role="status">
        {announcement?.wording(t) ?? ''}
      </p>
      {items.length === 0 ? (
        <p className="moderation__empty">{t(`moderation.empty.${filter}`)}</p>
      ) : (
        <ol className="moderation__list">
          {items.map((item, index) => {
            const key = `${item.targetType}:${item.targetId}`;
            return (
              <li key={key}>
                <QueueItemCard
                  ref={(handle) => {
                    if (handle) cards.current.set(key, handle);
                    else cards.current.delete(key);
                  }}
                  item={item}
                  now={now}
                  announce={announce}
                  refresh={refresh}
                  onFocusWithin={() => {
                    current.current = index;
                  }}
                />
              </li>
            );
          })}
        </ol>
      )}
      {query.isFetchNextPageError && (
        <p className="inline-error" role="alert">
          {t('moderation.moreFailed')}
        </p>
      )}
      {query.hasNextPage && (
        <p className="moderation__more">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={query.isFetchingNextPage || undefined}
            onClick={() => !query.isFetchingNextPage && void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('moderation.loadingMore') : t('moderation.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}
