import { useMutation } from '@tanstack/react-query';
import { sendJson } from '../../../api/client.ts';
import { campaignKeys } from '../../../api/campaigns.ts';
import { submissionKeys } from '../../../api/keys.ts';

/** Withdraws one's own entry: it stays visible to its author, marked as withdrawn. */
export function useWithdrawSubmission() {
  return useMutation({
    mutationFn: ({ id }: { id: string; campaignSlug: string }, { client }) =>
      sendJson(client, { method: 'DELETE', path: `/api/submissions/${encodeURIComponent(id)}` }),
    onSuccess: async (_data, { id, campaignSlug }, _result, { client }) => {
      void client.invalidateQueries({ queryKey: submissionKeys.lists() });
      void client.invalidateQueries({ queryKey: campaignKeys.all });
      await client.invalidateQueries({ queryKey: submissionKeys.detail(id) });
    },
  });
}
