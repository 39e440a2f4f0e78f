import { queryOptions, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import {
  campaignListSchema,
  campaignSchema,
  stageAllows as stageAllowsIn,
  voteCountsHiddenInStage,
  type Campaign,
  type StageAction,
} from '@city-spirit/shared';
import { getJson } from './client.ts';

/** Counts on the campaign page are live; this is how often they are asked for again. */
export const CAMPAIGN_REFRESH_MS = 15_000;

/** The most a page of campaigns holds: the app finds the campaign of a page in this one list. */
const CAMPAIGN_LIST_LIMIT = 100;

export const campaignKeys = {
  all: ['campaigns'] as const,
  detail: (slug: string) => ['campaigns', slug] as const,
};

export function campaignListQuery() {
  return queryOptions({
    queryKey: campaignKeys.all,
    queryFn: ({ signal }) => getJson(`/api/campaigns?limit=${CAMPAIGN_LIST_LIMIT}`, campaignListSchema, signal),
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

export function stageAllows(campaign: Pick<Campaign, 'stage'>, action: StageAction): boolean {
  return stageAllowsIn(campaign.stage, action);
}

export const voteCountsHidden = (campaign: Pick<Campaign, 'stage' | 'settings'>) => voteCountsHiddenInStage(campaign);

/** The campaign of the page shown (its slug in the address), else the first one, which the home page shows. */
export function useCurrentCampaign(): Campaign | undefined {
  const { slug } = useParams();
  // The home page keeps the list fresh; elsewhere it is enough to read it once.
  const list = useQuery({ ...campaignListQuery(), refetchInterval: false });
  return list.data?.items.find((campaign) => campaign.slug === slug) ?? list.data?.items[0];
}
