import { useMutation } from '@tanstack/react-query';
import type { Submission } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { refreshAfterShortlisting } from './invalidate.ts';

/** Takes the entry off the shortlist; it is published again. */
export function useUnshortlistEntry() {
  return useMutation({
    mutationFn: ({ submission }: { submission: Submission }, { client }) =>
      sendJson(client, { method: 'DELETE', path: `/api/submissions/${encodeURIComponent(submission.id)}/shortlist` }),
    onSuccess: (_data, { submission }, _result, { client }) => refreshAfterShortlisting(client, submission),
  });
}
