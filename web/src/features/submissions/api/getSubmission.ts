import { queryOptions } from '@tanstack/react-query';
import { submissionSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { submissionKeys } from '../../../api/keys.ts';

export function submissionQuery(id: string) {
  return queryOptions({
    queryKey: submissionKeys.detail(id),
    queryFn: ({ signal }) => getJson(`/api/submissions/${encodeURIComponent(id)}`, submissionSchema, signal),
  });
}
