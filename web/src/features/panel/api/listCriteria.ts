import { queryOptions, useQuery } from '@tanstack/react-query';
import { criteriaListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { panelKeys } from './keys.ts';

export function criteriaQuery(slug: string) {
  return queryOptions({
    queryKey: panelKeys.criteria(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/criteria`, criteriaListSchema, signal),
    staleTime: 5 * 60_000,
  });
}

/** The campaign's assessment criteria, in their order. */
export const useCriteria = (slug: string) => useQuery(criteriaQuery(slug));
