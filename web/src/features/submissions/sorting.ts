import type { Campaign, SubmissionSort } from '@city-spirit/shared';
import { voteCountsHidden } from '../../api/campaigns.ts';

/**
 * The orders offered. While collecting, random comes first so every entry gets seen; later the
 * most supported come first. While vote counts are hidden, sorting by them is not offered and the
 * order stays random by default, so it does not hint at them either.
 */
export function offeredSorts(campaign: Pick<Campaign, 'stage' | 'settings'>): SubmissionSort[] {
  if (voteCountsHidden(campaign)) return ['random', 'new', 'trending'];
  return campaign.stage === 'collect' ? ['random', 'new', 'trending', 'top'] : ['top', 'trending', 'new', 'random'];
}

export function defaultSort(campaign: Pick<Campaign, 'stage' | 'settings'>): SubmissionSort {
  return offeredSorts(campaign)[0]!;
}
