import { inStatusSet, submissionStatusSchema, type QueueItem } from '@city-spirit/shared';

export type ContentAction = 'approve' | 'hide' | 'restore' | 'reject';

/** The action and, where the same action reads differently by state, which wording fits ("keep hidden"). */
export type ActionChoice = { action: ContentAction; wording: 'approve' | 'dismiss' | 'hide' | 'keepHidden' | 'restore' | 'reject' | 'keepRejected' };

const isShown = (item: QueueItem) => {
  if (item.targetType === 'comment') return item.status === 'visible';
  const status = submissionStatusSchema.safeParse(item.status);
  return status.success && inStatusSet('listed', status.data);
};

/**
 * Which decisions apply to an item in its state, as the server's state machine
 * (server/src/modules/moderation/actions.ts) has them; the server has the last word, and answers
 * 409 with the current state when another moderator decided first.
 */
export function availableActions(item: QueueItem): ActionChoice[] {
  const entry = item.targetType === 'submission';
  // A vote flag, like reports, is dismissed by approving the entry as it is.
  const reported = item.reportCount > 0 || item.voteFlag !== null;
  const appealed = item.appeal !== null;
  const choices: ActionChoice[] = [];
  if (entry && item.status === 'pending') choices.push({ action: 'approve', wording: 'approve' });
  else if (isShown(item) && reported) choices.push({ action: 'approve', wording: 'dismiss' });

  if (isShown(item) || (entry && item.status === 'pending')) choices.push({ action: 'hide', wording: 'hide' });
  else if (item.status === 'hidden' && (appealed || reported)) choices.push({ action: 'hide', wording: 'keepHidden' });

  if (item.status === 'hidden' || (entry && item.status === 'rejected')) choices.push({ action: 'restore', wording: 'restore' });

  if (entry && (item.status === 'pending' || item.status === 'hidden')) choices.push({ action: 'reject', wording: 'reject' });
  else if (entry && item.status === 'rejected' && appealed) choices.push({ action: 'reject', wording: 'keepRejected' });
  return choices;
}

/** The keys that choose an action (and the reason field); reject has none, to keep it deliberate. */
export const ACTION_KEYS: Partial<Record<string, ContentAction>> = { a: 'approve', h: 'hide', r: 'restore' };
