import type { QueryClient } from '@tanstack/react-query';
import { notificationKeys } from './keys.ts';

/** Something new for the signed-in resident (live event): the bell and the list are read again. */
export function applyNotificationEvent(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: notificationKeys.all });
}
