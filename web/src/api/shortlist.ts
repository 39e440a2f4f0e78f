/** The shortlist, read by the public shortlist page, the moderators' tools and the expert panel's workspace. */
import { queryOptions } from '@tanstack/react-query';
import { shortlistSchema } from '@city-spirit/shared';
import { getJson } from './client.ts';
import { campaignPath } from './keys.ts';

export const shortlistKeys = {
  all: ['shortlist'] as const,
  list: (slug: string) => ['shortlist', slug] as const,
};

/** Scores move as residents compare pairs; the list is read again now and then. */
export const SHORTLIST_REFRESH_MS = 30_000;

export function shortlistQuery(slug: string) {
  return queryOptions({
    queryKey: shortlistKeys.list(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/shortlist`, shortlistSchema, signal),
    refetchInterval: SHORTLIST_REFRESH_MS,
  });
}
