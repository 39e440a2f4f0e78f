import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { districtCodeSchema, submissionListQuerySchema, submissionSortSchema, type SubmissionSort } from '@city-spirit/shared';

/** The browse page's address keeps its sort, search and district; anything malformed is ignored. */
const browseSearchSchema = z.object({
  sort: submissionSortSchema.optional().catch(undefined),
  q: submissionListQuerySchema.shape.q
    .transform((q) => q || undefined)
    .catch(undefined),
  district: districtCodeSchema.optional().catch(undefined),
  author: z.literal('me').optional().catch(undefined),
});
export type BrowseSearch = z.infer<typeof browseSearchSchema>;

export function useBrowseSearch(defaultSort: SubmissionSort): [BrowseSearch, (changes: Partial<BrowseSearch>) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = browseSearchSchema.parse(Object.fromEntries(searchParams));
  const change = (changes: Partial<BrowseSearch>) =>
    setSearchParams(browseSearchParams({ ...search, ...changes }, defaultSort), { preventScrollReset: true });
  return [search, change];
}

/** The address's query for a browse state; the default sort is left out so addresses stay short. */
export function browseSearchParams(search: BrowseSearch, defaultSort?: SubmissionSort): URLSearchParams {
  const params = new URLSearchParams();
  if (search.author) params.set('author', search.author);
  if (search.sort && search.sort !== defaultSort) params.set('sort', search.sort);
  if (search.q) params.set('q', search.q);
  if (search.district) params.set('district', search.district);
  return params;
}
