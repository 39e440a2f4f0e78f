import type { TFunction } from 'i18next';

const KNOWN = ['pending', 'published', 'shortlisted', 'hidden', 'rejected', 'withdrawn', 'merged', 'visible', 'deleted', 'banned'] as const;
type KnownStatus = (typeof KNOWN)[number];

/** An entry's, a comment's or an account's status in words; an unknown one (a newer server) as it came. */
export function statusText(t: TFunction, status: string): string {
  return (KNOWN as readonly string[]).includes(status) ? t(`moderation.statuses.${status as KnownStatus}`) : status;
}

const ACTIONS = ['approve', 'hide', 'restore', 'reject', 'merge', 'ban'] as const;
type KnownAction = (typeof ACTIONS)[number];

/** A moderation action in words ("hidden"), for the author's history and the appeal. */
export function actionText(t: TFunction, action: string): string {
  return (ACTIONS as readonly string[]).includes(action) ? t(`moderation.actionNames.${action as KnownAction}`) : action;
}
