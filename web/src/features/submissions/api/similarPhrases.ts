import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { similarListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath, submissionKeys } from '../../../api/keys.ts';

export const SIMILAR_LIMIT = 5;

/** Published entries like the text being typed, most similar first. */
export function similarPhrasesQuery(slug: string, text: string) {
  return queryOptions({
    queryKey: submissionKeys.similar(slug, text),
    queryFn: ({ signal }) => {
      const search = new URLSearchParams({ text, limit: String(SIMILAR_LIMIT) });
      return getJson(`${campaignPath(slug)}/submissions/similar?${search}`, similarListSchema, signal);
    },
    select: (list) => list.items,
    staleTime: 60_000,
    // While the next lookup runs, the last suggestions stay rather than flicker away.
    placeholderData: keepPreviousData,
  });
}
