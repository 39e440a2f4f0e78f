import { queryOptions, useQuery } from '@tanstack/react-query';
import { draftVersionListSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { draftPath, panelKeys } from './keys.ts';

export function draftVersionsQuery(id: string) {
  return queryOptions({
    queryKey: panelKeys.versions(id),
    queryFn: ({ signal }) => getJson(`${draftPath(id)}/versions`, draftVersionListSchema, signal),
  });
}

/** A draft's versions, oldest first. */
export const useDraftVersions = (id: string) => useQuery(draftVersionsQuery(id));
