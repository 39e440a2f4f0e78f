import { useMutation } from '@tanstack/react-query';
import { draftDetailSchema } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { campaignKeys } from '../../../api/campaigns.ts';
import { draftPath, panelKeys } from './keys.ts';
import { refreshDraft } from './invalidate.ts';

/** Publishes the draft to residents, once its endorsements reach the quorum and outnumber its objections. */
export function usePublishDraft(slug: string, draftId: string) {
  return useMutation({
    mutationFn: (_: void, { client }) => sendJson(client, { method: 'POST', path: `${draftPath(draftId)}/publish`, schema: draftDetailSchema }),
    onSuccess: (detail, _variables, _result, { client }) => refreshDraft(client, slug, detail),
    onSettled: (_detail, error, _variables, _result, { client }) => {
      void client.invalidateQueries({ queryKey: campaignKeys.detail(slug) });
      // Refused (a stance changed meanwhile): the draft as it is now says why.
      if (error) void client.invalidateQueries({ queryKey: panelKeys.draft(draftId) });
    },
  });
}
