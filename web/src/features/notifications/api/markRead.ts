import { useMutation, type InfiniteData } from '@tanstack/react-query';
import type { NotificationList } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { notificationKeys } from './keys.ts';

/** Marks the given notifications read, or all of them without ids; the list and the bell change at once. */
export function useMarkRead() {
  return useMutation({
    mutationFn: ({ ids }: { ids?: string[] }, { client }) =>
      sendJson(client, { method: 'POST', path: '/api/notifications/read', body: ids ? { ids } : {} }),
    onMutate: ({ ids }, { client }) => {
      const chosen = (id: string) => ids === undefined || ids.includes(id);
      let newlyRead = 0;
      const listed = client.getQueryData(notificationKeys.list()) !== undefined;
      client.setQueryData<InfiniteData<NotificationList>>(notificationKeys.list(), (old) => {
        if (!old) return old;
        return {
          ...old,
          pages: old.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => {
              if (item.read || !chosen(item.id)) return item;
              newlyRead += 1;
              return { ...item, read: true };
            }),
          })),
        };
      });
      client.setQueryData<number>(notificationKeys.unread(), (count) =>
        count === undefined ? count : ids === undefined ? 0 : Math.max(0, count - (listed ? newlyRead : ids.length)),
      );
    },
    onSettled: (_data, _error, _variables, _context, { client }) => {
      void client.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}
