import { queryOptions } from '@tanstack/react-query';
import { campaignStatsSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { insightsKeys } from './keys.ts';

/** The campaign's figures: per day, per district, its words, stances, funnel, stages and moderation. */
export function statsQuery(slug: string) {
  return queryOptions({
    queryKey: insightsKeys.stats(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/stats`, campaignStatsSchema, signal),
  });
}
