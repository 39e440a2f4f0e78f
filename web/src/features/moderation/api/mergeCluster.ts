import { useMutation } from '@tanstack/react-query';
import { moderationActionCreatedSchema } from '@city-spirit/shared';
import { isApiError, sendJson } from '../../../api/client.ts';
import { moderationKeys, submissionKeys } from '../../../api/keys.ts';

export type ClusterMerge = {
  campaignSlug: string;
  keepId: string;
  mergeIds: string[];
  reason: string;
  /** Called after each entry, with how many are done. */
  onProgress?: (done: number) => void;
};

/** How one entry's merge ended: merged, refused because it (or the kept entry) changed meanwhile, or failed. */
export type EntryMergeOutcome =
  | { id: string; kind: 'merged' }
  | { id: string; kind: 'conflict'; currentStatus: string | null; keptChanged: boolean }
  | { id: string; kind: 'failed'; error: unknown };

/**
 * Merges every other entry of a cluster into the kept one, one merge action each, one after another
 * (each moves votes and tells voters). An entry refused with 409 does not stop the others.
 */
export function useMergeCluster() {
  return useMutation({
    mutationFn: async ({ keepId, mergeIds, reason, onProgress }: ClusterMerge, { client }) => {
      const outcomes: EntryMergeOutcome[] = [];
      let stopped: unknown = null;
      for (const id of mergeIds) {
        // After a refusal for too many requests, the rest are not sent: they would be refused too.
        if (stopped) {
          outcomes.push({ id, kind: 'failed', error: stopped });
          continue;
        }
        try {
          await sendJson(client, {
            method: 'POST',
            path: '/api/moderation/actions',
            body: { targetType: 'submission', targetId: id, action: 'merge', mergeIntoId: keepId, reason },
            schema: moderationActionCreatedSchema,
          });
          outcomes.push({ id, kind: 'merged' });
        } catch (error) {
          if (isApiError(error) && error.status === 409) {
            const currentStatus = typeof error.problem?.currentStatus === 'string' ? error.problem.currentStatus : null;
            outcomes.push({ id, kind: 'conflict', currentStatus, keptChanged: error.problem?.entryId === keepId });
          } else {
            outcomes.push({ id, kind: 'failed', error });
            if (isApiError(error) && error.status === 429) stopped = error;
          }
        }
        onProgress?.(outcomes.length);
      }
      return outcomes;
    },
    onSettled: (_outcomes, _error, { campaignSlug, keepId, mergeIds }, _result, { client }) => {
      void client.invalidateQueries({ queryKey: moderationKeys.clusters(campaignSlug) });
      void client.invalidateQueries({ queryKey: moderationKeys.queues(), refetchType: 'none' });
      void client.invalidateQueries({ queryKey: submissionKeys.lists() });
      for (const id of [keepId, ...mergeIds]) void client.invalidateQueries({ queryKey: submissionKeys.detail(id) });
    },
  });
}
