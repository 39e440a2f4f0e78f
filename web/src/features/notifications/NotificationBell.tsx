import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session.ts';
import { useLocaleFormat } from '../../i18n/format.ts';
import { paths } from '../../paths.ts';
import { unreadCountQuery } from './api/listNotifications.ts';

/** The header's way to the notifications, with the unread count; nothing for visitors who are not signed in. */
export function NotificationBell() {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const { user } = useSession();
  const unread = useQuery({ ...unreadCountQuery(), enabled: Boolean(user) }).data ?? 0;
  if (!user) return null;
  const formatted = format.number(unread);
  return (
    <NavLink to={paths.notifications} className="account-nav__link notification-bell">
      <svg className="notification-bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15z" />
        <path d="M10 20.5a2 2 0 0 0 4 0" />
      </svg>
      <span className="visually-hidden">{unread > 0 ? t('notifications.bellUnread', { count: unread, formatted }) : t('notifications.bell')}</span>
      {unread > 0 && (
        <span className="notification-bell__badge" aria-hidden="true">
          {unread > 99 ? '99+' : formatted}
        </span>
      )}
    </NavLink>
  );
}
