import { infiniteQueryOptions } from '@tanstack/react-query';
import { queueSchema, type QueueKind } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { moderationKeys } from '../../../api/keys.ts';

const PAGE_SIZE = 20;

/** What waits for a moderator in a campaign, most urgent first, a page at a time; `all` for every kind. */
export function queueQuery(campaignSlug: string, kind: QueueKind | 'all') {
  return infiniteQueryOptions({
    queryKey: moderationKeys.queue(campaignSlug, kind),
    queryFn: ({ pageParam, signal }) => {
      const search = new URLSearchParams({ campaign: campaignSlug, limit: String(PAGE_SIZE) });
      if (kind !== 'all') search.set('kind', kind);
      if (pageParam) search.set('cursor', pageParam);
      return getJson(`/api/moderation/queue?${search}`, queueSchema, signal);
    },
    initialPageParam: '' as string,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // A moderator's decisions are kept in place until the list is asked for again.
    refetchOnWindowFocus: false,
  });
}
