import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Notification } from '@city-spirit/shared';
import { useSession } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { useRelativeTime } from '../../i18n/relativeTime.ts';
import { authPath, paths } from '../../paths.ts';
import { ErrorView, LoadingView } from '../../ui/StateViews.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { useProblemMessage } from '../../ui/useProblemMessage.ts';
import { notificationListQuery } from './api/listNotifications.ts';
import { useMarkRead } from './api/markRead.ts';
import { notificationText } from './notificationText.ts';

export function NotificationsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  useDocumentTitle(t('notifications.title'));
  return (
    <div className="notifications">
      <div className="page-header">
        <div className="container page-header__body">
          <h1 className="page-header__title">{t('notifications.title')}</h1>
          <p className="page-header__intro">{t('notifications.intro')}</p>
        </div>
      </div>
      <div className="container notifications__body">
        {user === null ? (
          <p className="notifications__sign-in">
            {t('notifications.signInText')} <Link to={authPath('/sign-in', location.pathname)}>{t('notifications.signIn')}</Link>
          </p>
        ) : user ? (
          <NotificationList />
        ) : null}
      </div>
    </div>
  );
}

function NotificationList() {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const query = useInfiniteQuery(notificationListQuery());
  const markRead = useMarkRead();
  const problemMessage = useProblemMessage();
  if (query.isPending) return <LoadingView label={t('notifications.loading')} />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  const notifications = query.data.pages.flatMap((page) => page.items);
  // The latest page knows the count best: it was read last.
  const unread = query.data.pages.at(-1)?.unreadCount ?? 0;

  return (
    <>
      <div className="notifications__bar">
        <p className="notifications__unread" role="status">
          {unread > 0 ? t('notifications.unreadCount', { count: unread, formatted: format.number(unread) }) : t('notifications.allRead')}
        </p>
        {unread > 0 && (
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={markRead.isPending || undefined}
            onClick={() => !markRead.isPending && markRead.mutate({})}
          >
            {markRead.isPending ? t('notifications.markingAll') : t('notifications.markAllRead')}
          </button>
        )}
      </div>
      {markRead.isError && (
        <p className="inline-error" role="alert">
          {t('notifications.markFailed')} {problemMessage(markRead.error)}
        </p>
      )}
      {notifications.length === 0 ? (
        <p className="notifications__empty">{t('notifications.empty')}</p>
      ) : (
        <ol className="notification-list">
          {notifications.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} onOpen={() => !notification.read && markRead.mutate({ ids: [notification.id] })} />
          ))}
        </ol>
      )}
      {query.isFetchNextPageError && (
        <p className="inline-error" role="alert">
          {t('notifications.moreFailed')}
        </p>
      )}
      {query.hasNextPage && (
        <p className="results__more">
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={query.isFetchingNextPage || undefined}
            onClick={() => !query.isFetchingNextPage && void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('notifications.loadingMore') : t('notifications.loadMore')}
          </button>
        </p>
      )}
    </>
  );
}

function linkOf(notification: Notification): string | null {
  if (notification.entryId) return paths.entry(notification.entryId);
  if (notification.campaignSlug) return paths.campaign(notification.campaignSlug);
  return null;
}

/** One notification: opening it marks it read and goes to the entry (or campaign) it is about. */
function NotificationItem({ notification, onOpen }: { notification: Notification; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const time = useRelativeTime();
  const { headline, context } = notificationText(t, format, notification);
  const to = linkOf(notification);
  return (
    <li className="notification" data-read={notification.read || undefined} data-kind={notification.kind}>
      {!notification.read && (
        <span className="notification__unread">
          <span className="visually-hidden">{t('notifications.unread')}</span>
        </span>
      )}
      <div className="notification__main">
        <p className="notification__headline">
          {to ? (
            <Link to={to} className="notification__link" onClick={onOpen}>
              {headline}
            </Link>
          ) : (
            headline
          )}
        </p>
        {context && <p className="notification__context">{context}</p>}
        <p className="notification__time">
          <time dateTime={notification.updatedAt}>{time(notification.updatedAt)}</time>
        </p>
      </div>
    </li>
  );
}
