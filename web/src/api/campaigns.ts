import { queryOptions } from '@tanstack/react-query';
import { campaignListSchema, campaignSchema } from '@city-spirit/shared';
import { getJson } from './client.ts';

/** Counts on the campaign page are live; this is how often they are asked for again. */
export const CAMPAIGN_REFRESH_MS = 15_000;

export const campaignKeys = {
  all: ['campaigns'] as const,
  detail: (slug: string) => ['campaigns', slug] as const,
};

export function campaignListQuery() {
  return queryOptions({
    queryKey: campaignKeys.all,
    queryFn: ({ signal }) => getJson('/api/campaigns', campaignListSchema, signal),
    refetchInterval: CAMPAIGN_REFRESH_MS,
  });
}

export function campaignQuery(slug: string) {
  return queryOptions({
    queryKey: campaignKeys.detail(slug),
    queryFn: ({ signal }) => getJson(`/api/campaigns/${encodeURIComponent(slug)}`, campaignSchema, signal),
    refetchInterval: CAMPAIGN_REFRESH_MS,
  });
}
