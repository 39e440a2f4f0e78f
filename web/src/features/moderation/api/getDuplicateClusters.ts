import { queryOptions } from '@tanstack/react-query';
import { duplicateClustersSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath, moderationKeys } from '../../../api/keys.ts';

/** Listed entries of a campaign grouped by similarity, largest clusters first; read again while entries are still being looked up. */
export function duplicateClustersQuery(campaignSlug: string) {
  return queryOptions({
    queryKey: moderationKeys.clusters(campaignSlug),
    queryFn: ({ signal }) => getJson(`${campaignPath(campaignSlug)}/duplicate-clusters`, duplicateClustersSchema, signal),
    refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? 5_000 : false),
    refetchOnWindowFocus: false,
  });
}
