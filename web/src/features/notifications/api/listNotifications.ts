import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { notificationListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { notificationKeys } from './keys.ts';

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** Live events bring news at once; this is the fallback when the stream is down. */
const UNREAD_REFRESH_MS = 120_000;

/** The signed-in resident's notifications, newest first, a page at a time. */
export function notificationListQuery() {
  return infiniteQueryOptions({
    queryKey: notificationKeys.list(),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const search = new URLSearchParams({ limit: String(NOTIFICATIONS_PAGE_SIZE) });
      if (pageParam) search.set('cursor', pageParam);
      return getJson(`/api/notifications?${search}`, notificationListSchema, signal);
    },
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** How many are unread, for the bell: a one-item page. */
export function unreadCountQuery() {
  return queryOptions({
    queryKey: notificationKeys.unread(),
    queryFn: async ({ signal }) => (await getJson('/api/notifications?limit=1', notificationListSchema, signal)).unreadCount,
    refetchInterval: UNREAD_REFRESH_MS,
  });
}
