import { queryOptions } from '@tanstack/react-query';
import { campaignResultSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath } from '../../../api/keys.ts';
import { resultKeys } from './keys.ts';

/** The announced wording with its whole story; 404 until an admin adopts a draft. */
export function resultQuery(slug: string) {
  return queryOptions({
    queryKey: resultKeys.detail(slug),
    queryFn: ({ signal }) => getJson(`${campaignPath(slug)}/result`, campaignResultSchema, signal),
  });
}
