import { infiniteQueryOptions } from '@tanstack/react-query';
import { moderationLogSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath, moderationKeys } from '../../../api/keys.ts';

const PAGE_SIZE = 20;

/** The campaign's public moderation log, newest first, a page at a time. */
export function moderationLogQuery(campaignSlug: string) {
  return infiniteQueryOptions({
    queryKey: moderationKeys.log(campaignSlug),
    queryFn: ({ pageParam, signal }) => {
      const search = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) search.set('cursor', pageParam);
      return getJson(`${campaignPath(campaignSlug)}/moderation-log?${search}`, moderationLogSchema, signal);
    },
    initialPageParam: '' as string,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
