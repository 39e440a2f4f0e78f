import { queryOptions } from '@tanstack/react-query';
import { openDataSchemaSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';

export const openDataKeys = {
  schema: (slug: string) => ['open-data', 'schema', slug] as const,
};

/** The campaign's open data: its columns, licence and download addresses. */
export function openDataSchemaQuery(slug: string) {
  return queryOptions({
    queryKey: openDataKeys.schema(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/open-data`, openDataSchemaSchema, signal),
    staleTime: 60_000,
  });
}
