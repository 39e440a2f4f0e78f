import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { draftDiffSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { draftPath, panelKeys } from './keys.ts';

export function draftDiffQuery(id: string, from: number, to: number) {
  return queryOptions({
    queryKey: panelKeys.diff(id, from, to),
    queryFn: ({ signal }) => getJson(`${draftPath(id)}/diff?${new URLSearchParams({ from: String(from), to: String(to) })}`, draftDiffSchema, signal),
    // Versions never change, so neither does the difference between two of them.
    staleTime: Infinity,
  });
}

/** The character-level difference between two versions; the last one stays in view while the next loads. */
export const useDraftDiff = (id: string, from: number, to: number, enabled: boolean) =>
  useQuery({ ...draftDiffQuery(id, from, to), enabled, placeholderData: keepPreviousData });
