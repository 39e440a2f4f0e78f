import { useMutation } from '@tanstack/react-query';
import { moderationActionCreatedSchema, type ModerationActionCreate } from '@city-spirit/shared';
import { sendJson } from '../../../api/client.ts';
import { moderationKeys, submissionKeys } from '../../../api/keys.ts';

/**
 * Approves, hides, restores, rejects or bans, with the reason. The queue is not asked for again
 * here: the console keeps the decided item in place, so the list does not move under the keyboard.
 */
export function usePerformAction() {
  return useMutation({
    mutationFn: (action: ModerationActionCreate, { client }) =>
      sendJson(client, { method: 'POST', path: '/api/moderation/actions', body: action, schema: moderationActionCreatedSchema }),
    onSettled: (_created, _error, action, _result, { client }) => {
      void client.invalidateQueries({ queryKey: moderationKeys.all, refetchType: 'none' });
      void client.invalidateQueries({ queryKey: submissionKeys.all });
      if (action.targetType === 'submission') void client.invalidateQueries({ queryKey: submissionKeys.detail(action.targetId) });
    },
  });
}
