import { queryOptions } from '@tanstack/react-query';
import { campaignConsensusSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { insightsKeys } from './keys.ts';

/** The shortlisted entries by how evenly the districts support them. */
export function consensusQuery(slug: string) {
  return queryOptions({
    queryKey: insightsKeys.consensus(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/consensus`, campaignConsensusSchema, signal),
  });
}
