import { queryOptions } from '@tanstack/react-query';
import { moderationLogSchema } from '@city-spirit/shared';
import { getJson } from '../../../api/client.ts';
import { campaignPath, moderationKeys } from '../../../api/keys.ts';

/** How far back the public log is read for the decision: decisions being appealed are recent. */
const LOG_PAGE = 100;

/**
 * The latest decision that hid or rejected a target, with its reason, as the public moderation log
 * shows it (newest first); null when it is not among the latest entries of the log.
 */
export function decisionQuery(campaignSlug: string, targetId: string) {
  return queryOptions({
    queryKey: moderationKeys.decision(targetId),
    queryFn: async ({ signal }) => {
      const log = await getJson(`${campaignPath(campaignSlug)}/moderation-log?limit=${LOG_PAGE}`, moderationLogSchema, signal);
      return log.items.find((item) => item.targetId === targetId && (item.action === 'hide' || item.action === 'reject')) ?? null;
    },
  });
}
