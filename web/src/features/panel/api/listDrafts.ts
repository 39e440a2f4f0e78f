import { queryOptions, useQuery } from '@tanstack/react-query';
import { draftListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { panelKeys } from './keys.ts';

/** Experts endorse and revise at the same time: the list is read again now and then. */
const DRAFTS_REFRESH_MS = 30_000;

export function draftsQuery(slug: string) {
  return queryOptions({
    queryKey: panelKeys.drafts(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/drafts`, draftListSchema, signal),
    refetchInterval: DRAFTS_REFRESH_MS,
  });
}

/** Every draft of the campaign in every status (the panel sees them all). */
export const useDrafts = (slug: string) => useQuery(draftsQuery(slug));
