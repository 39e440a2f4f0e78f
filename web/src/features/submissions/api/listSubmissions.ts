import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { submissionListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath, submissionKeys, type SubmissionFilters } from '../../../api/keys.ts';
import { readShuffleSeed, storeShuffleSeed } from './shuffleSeed.ts';

export const PAGE_SIZE = 24;

/** The next page continues from the cursor, in the same shuffle. */
type PageParam = { cursor: string; seed: string | null } | null;

/**
 * A list of entries, a page at a time. In random order the visitor keeps one shuffle (the seed the
 * server chose on the first visit), so the order stays the same across pages, reloads and visits.
 */
export function submissionListQuery(slug: string, filters: SubmissionFilters) {
  return infiniteQueryOptions({
    queryKey: submissionKeys.list(slug, filters),
    initialPageParam: null as PageParam,
    queryFn: async ({ pageParam, signal }) => {
      const seed = pageParam ? pageParam.seed : filters.sort === 'random' ? readShuffleSeed() : null;
      const search = new URLSearchParams({ sort: filters.sort, limit: String(PAGE_SIZE) });
      if (seed) search.set('seed', seed);
      if (filters.q) search.set('q', filters.q);
      if (filters.districtCode) search.set('districtCode', filters.districtCode);
      if (filters.author) search.set('author', filters.author);
      if (pageParam) search.set('cursor', pageParam.cursor);
      const page = await getJson(`${campaignPath(slug)}/submissions?${search}`, submissionListSchema, signal);
      if (!pageParam && page.seed && page.seed !== seed) storeShuffleSeed(page.seed);
      return page;
    },
    getNextPageParam: (lastPage): PageParam | undefined =>
      lastPage.nextCursor ? { cursor: lastPage.nextCursor, seed: lastPage.seed } : undefined,
  });
}

/** How many entries the signed-in resident has in the campaign (withdrawn ones do not count towards the limit). */
export function myEntryCountQuery(slug: string) {
  return queryOptions({
    queryKey: [...submissionKeys.lists(), slug, 'mine-count'] as const,
    queryFn: async ({ signal }) => {
      const search = new URLSearchParams({ author: 'me', sort: 'new', limit: '100' });
      const page = await getJson(`${campaignPath(slug)}/submissions?${search}`, submissionListSchema, signal);
      return page.items.filter((submission) => submission.status !== 'withdrawn').length;
    },
  });
}
