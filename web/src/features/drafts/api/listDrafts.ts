import { queryOptions } from '@tanstack/react-query';
import { draftListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { draftKeys } from './keys.ts';

/** Live events move the counts; the list is read again now and then besides. */
export const DRAFTS_REFRESH_MS = 30_000;

/** The campaign's drafts that the viewer may see: for residents, those the panel published (and the adopted one). */
export function draftsQuery(slug: string) {
  return queryOptions({
    queryKey: draftKeys.list(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/drafts`, draftListSchema, signal),
    refetchInterval: DRAFTS_REFRESH_MS,
  });
}
