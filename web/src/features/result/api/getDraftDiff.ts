import { queryOptions } from '@tanstack/react-query';
import { draftDiffSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { resultKeys } from './keys.ts';

/** What changed, character by character, from one version of a draft to another. Versions never change. */
export function draftDiffQuery(draftId: string, from: number, to: number) {
  return queryOptions({
    queryKey: resultKeys.diff(draftId, from, to),
    queryFn: ({ signal }) =>
      getJson(`/api/drafts/${encodeURIComponent(draftId)}/diff?${new URLSearchParams({ from: String(from), to: String(to) })}`, draftDiffSchema, signal),
    staleTime: Infinity,
  });
}
