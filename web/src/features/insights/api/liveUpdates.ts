import type { QueryClient } from '@tanstack/react-query';
import { insightsKeys } from './keys.ts';

/** A busy evening brings many votes a second: the figures are read again at most this often. */
export const INSIGHTS_REFRESH_MS = 5_000;

const pending = new WeakMap<QueryClient, ReturnType<typeof setTimeout>>();

/**
 * Something the figures count has happened: read them again, once for every burst of events. Only an
 * open dashboard reads; elsewhere the figures are just marked stale.
 */
export function markInsightsStale(client: QueryClient): void {
  if (pending.has(client)) return;
  pending.set(
    client,
    setTimeout(() => {
      pending.delete(client);
      void client.invalidateQueries({ queryKey: insightsKeys.all });
    }, INSIGHTS_REFRESH_MS),
  );
}
