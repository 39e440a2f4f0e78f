import { useMutation } from '@tanstack/react-query';
import { shortlistItemSchema, type Submission } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { refreshAfterShortlisting } from './invalidate.ts';

/** Puts the entry on the shortlist with a rationale, or changes the rationale (moderators, discuss stage). */
export function useShortlistEntry() {
  return useMutation({
    mutationFn: ({ submission, rationale }: { submission: Submission; rationale: string }, { client }) =>
      sendJson(client, {
        method: 'PUT',
        path: `/api/submissions/${encodeURIComponent(submission.id)}/shortlist`,
        body: { rationale },
        schema: shortlistItemSchema,
      }),
    onSuccess: (_item, { submission }, _result, { client }) => refreshAfterShortlisting(client, submission),
  });
}
