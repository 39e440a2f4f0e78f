import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '@city-spirit/shared';
import { useLocaleFormat } from '../../i18n/format.ts';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { paths } from '../../paths.ts';
import { CampaignGate } from '../../ui/CampaignGate.tsx';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { moderationLogQuery } from './api/listModerationLog.ts';

const ACTIONS = ['approve', 'hide', 'restore', 'reject', 'merge', 'ban'] as const;
type KnownAction = (typeof ACTIONS)[number];
const knownAction = (action: string): action is KnownAction => (ACTIONS as readonly string[]).includes(action);

/** Anyone may see what moderators decided and why: by role, never by name. */
export function ModerationLogPage() {
  const { t } = useTranslation();
  return <CampaignGate loadingLabel={t('moderationLog.loading')}>{(campaign) => <LogView campaign={campaign} />}</CampaignGate>;
}

function LogView({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  useDocumentTitle(t('moderationLog.title'));
  return (
    <div className="moderation-log">
      <div className="page-header">
        <div className="container page-header__body">
          <p className="page-header__eyebrow">
            <Link to={paths.campaign(campaign.slug)}>{campaign.title}</Link>
          </p>
          <h1 className="page-header__title">{t('moderationLog.title')}</h1>
          <p className="page-header__intro">{t('moderationLog.intro')}</p>
        </div>
      </div>
      <div className="container moderation-log__body">
        <LogList slug={campaign.slug} />
      </div>
    </div>
  );
}

function LogList({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const time = useRelativeTime();
  const query = useInfiniteQuery(moderationLogQuery(slug));
  if (query.isPending) return <LoadingView label={t('moderationLog.loading')} />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  const items = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <p className="moderation-log__empty">{t('moderationLog.empty')}</p>;
  return (
    <>
      <ol className="moderation-log__list">
        {items.map((item, index) => (
          <li key={`${item.createdAt}-${item.targetId}-${index}`} className="log-entry" data-action={item.action}>
            <p className="log-entry__head">
              <span className="log-entry__action" data-action={item.action}>
                {knownAction(item.action) ? t(`moderationLog.actions.${item.action}`) : item.action}
              </span>
              <span className="log-entry__what">
                {item.targetType === 'submission' ? (
                  <Link to={paths.entry(item.targetId)}>{t('moderationLog.targets.submission')}</Link>
                ) : (
                  t(`moderationLog.targets.${item.targetType}`)
                )}
              </span>
            </p>
            <p className="log-entry__reason">
              <span className="visually-hidden">{t('moderationLog.reasonLabel')}</span>
              {item.reason}
            </p>
            <p className="log-entry__meta">
              <span>{item.automatic ? t('moderationLog.byPlatform') : t(`moderationLog.byRole.${item.actorRole ?? 'moderator'}`)}</span>
              {' · '}
              <time dateTime={item.createdAt} title={format.date(item.createdAt)}>
                {time(item.createdAt)}
              </time>
            </p>
          </li>
        ))}
      </ol>
      {query.isFetchNextPageError && (
        <p className="inline-error" role="alert">
          {t('moderationLog.moreFailed')}
        </p>
      )}
      {query.hasNextPage && (
        <p className="moderation-log__more">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={query.isFetchingNextPage || undefined}
            onClick={() => !query.isFetchingNextPage && void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('moderationLog.loadingMore') : t('moderationLog.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}
