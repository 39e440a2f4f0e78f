import { useMutation } from '@tanstack/react-query';
import { sendJson } from '../../../api/client.ts';
import { campaignKeys } from '../../../api/campaigns.ts';
import { draftPath } from './keys.ts';
import { refreshDraft } from './invalidate.ts';

/** Publishes the draft to residents, once its endorsements reach the quorum and outnumber its objections. */
export function usePublishDraft(slug: string, draftId: string) {
  return useMutation({
    mutationFn: (_: void, { client }) => sendJson(client, { method: 'POST', path: `${draftPath(draftId)}/publish` }),
    onSettled: (_data, _error, _variables, _result, { client }) => {
      void client.invalidateQueries({ queryKey: campaignKeys.detail(slug) });
      return refreshDraft(client, slug, draftId);
    },
  });
}
