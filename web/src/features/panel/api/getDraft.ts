import { queryOptions, useQuery } from '@tanstack/react-query';
import { draftDetailSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { draftPath, panelKeys } from './keys.ts';

export function draftQuery(id: string) {
  return queryOptions({
    queryKey: panelKeys.draft(id),
    queryFn: ({ signal }) => getJson(draftPath(id), draftDetailSchema, signal),
  });
}

/** One draft with each expert's endorsement or objection and its note. */
export const useDraft = (id: string) => useQuery(draftQuery(id));
