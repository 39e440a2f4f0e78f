import type { TFunction } from 'i18next';
import { stageSchema, type Notification } from '@city-spirit/shared';

type Format = { number: (value: number) => string };

/** What happened, in a line ("山水之城 收到 5 条新评论"), and where, where that adds something. */
export function notificationText(t: TFunction, format: Format, notification: Notification): { headline: string; context?: string } {
  const title = notification.subject.title;
  const actor = notification.actor?.displayName ?? '';
  const count = format.number(notification.count);
  const many = notification.count > 1;
  const reason = typeof notification.details.reason === 'string' && notification.details.reason ? t('notifications.kinds.reason', { reason: notification.details.reason }) : undefined;
  switch (notification.kind) {
    case 'comment.on_entry':
      if (notification.subject.type === 'draft') {
        return { headline: many ? t('notifications.kinds.commentOnDraftMany', { title, formatted: count }) : t('notifications.kinds.commentOnDraft', { actor, title }) };
      }
      return { headline: many ? t('notifications.kinds.commentOnEntryMany', { title, formatted: count }) : t('notifications.kinds.commentOnEntry', { actor, title }) };
    case 'comment.reply':
      return {
        headline: many ? t('notifications.kinds.replyMany', { actor, formatted: count }) : t('notifications.kinds.reply', { actor }),
        context: t('notifications.kinds.replyContext', { title }),
      };
    case 'campaign.stage_changed': {
      const stage = stageSchema.safeParse(notification.details.stage);
      return stage.success ? { headline: t('notifications.kinds.stageChanged', { stage: t(`stages.${stage.data}.name`) }), context: title } : { headline: title };
    }
    case 'entry.shortlisted': {
      const rationale = typeof notification.details.rationale === 'string' && notification.details.rationale;
      return { headline: t('notifications.kinds.shortlisted', { title }), context: rationale ? t('notifications.kinds.reason', { reason: rationale }) : reason };
    }
    case 'entry.hidden':
      return { headline: t('notifications.kinds.hidden', { title }), context: reason };
    case 'entry.merged':
      return { headline: t('notifications.kinds.merged', { title }), context: reason };
    case 'entry.restored':
      return { headline: t('notifications.kinds.restored', { title }), context: reason };
    case 'entry.approved':
      return { headline: t('notifications.kinds.approved', { title }), context: reason };
    case 'entry.rejected':
      return { headline: t('notifications.kinds.rejected', { title }), context: reason };
    case 'comment.hidden':
      return { headline: t('notifications.kinds.commentHidden', { title }), context: reason };
    case 'comment.restored':
      return { headline: t('notifications.kinds.commentRestored', { title }), context: reason };
    case 'appeal.answered':
      return {
        headline: notification.details.outcome === 'restored' ? t('notifications.kinds.appealRestored', { title }) : t('notifications.kinds.appealKept', { title }),
        context: reason,
      };
    case 'draft.published_from_your_entry':
      return { headline: t('notifications.kinds.draftPublishedFromEntry', { title }), context: draftSources(t, notification.details.phrases) };
  }
}

/** Which of the reader's entries the published draft draws on. */
function draftSources(t: TFunction, phrases: unknown): string | undefined {
  if (!Array.isArray(phrases) || phrases.length === 0) return undefined;
  return t('notifications.kinds.draftPublishedFromEntryContext', { phrases: phrases.filter((phrase) => typeof phrase === 'string').join('、') });
}
