import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Notification, NotificationKind, NotificationList } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { cursorTime, decodeCursor, encodeCursor } from '../../pagination.ts';
import { recordEvent } from '../events/hub.ts';

type Subject = Notification['subject'];

/**
 * The registry of notification kinds: how each groups. Unread notifications with the same key are
 * one item with a count ("5 new comments on 山水之城"); a later feature adds its kind here and in
 * shared's NOTIFICATION_KINDS.
 */
export const NOTIFICATION_GROUPING: Record<NotificationKind, (subject: Subject) => string> = {
  'comment.reply': (subject) => `comment.reply:${subject.id}`,
  'comment.on_entry': (subject) => `comment.on_entry:${subject.id}`,
  'entry.shortlisted': (subject) => `entry.shortlisted:${subject.id}`,
  'entry.hidden': (subject) => `entry.hidden:${subject.id}`,
  'entry.merged': (subject) => `entry.merged:${subject.id}`,
  'entry.restored': (subject) => `entry.restored:${subject.id}`,
  'entry.rejected': (subject) => `entry.rejected:${subject.id}`,
  'entry.approved': (subject) => `entry.approved:${subject.id}`,
  'comment.hidden': (subject) => `comment.hidden:${subject.id}`,
  'comment.restored': (subject) => `comment.restored:${subject.id}`,
  'appeal.answered': (subject) => `appeal.answered:${subject.id}`,
  'campaign.stage_changed': (subject) => `campaign.stage_changed:${subject.id}`,
  'draft.published_from_your_entry': (subject) => `draft.published_from_your_entry:${subject.id}`,
};

export type NotificationInput = {
  userId: string;
  kind: NotificationKind;
  campaignId: string | null;
  subject: Subject;
  entryId: string | null;
  actorId: string | null;
  details?: Record<string, unknown>;
};

/**
 * Notifies one person, in the caller's transaction (so it exists exactly when its cause does), and
 * tells their open pages through a private live event.
 */
export async function notify(tx: Executor, input: NotificationInput): Promise<void> {
  await tx.execute(sql`
    INSERT INTO notifications (user_id, kind, group_key, campaign_id, subject_type, subject_id, subject_title, entry_id, actor_id, details)
    VALUES (${input.userId}, ${input.kind}, ${NOTIFICATION_GROUPING[input.kind](input.subject)}, ${input.campaignId}, ${input.subject.type},
      ${input.subject.id}, ${input.subject.title}, ${input.entryId}, ${input.actorId}, ${JSON.stringify(input.details ?? {})}::jsonb)
    ON CONFLICT (user_id, group_key) WHERE read_at IS NULL DO UPDATE SET
      count = notifications.count + 1, updated_at = now(), actor_id = EXCLUDED.actor_id,
      subject_title = EXCLUDED.subject_title, details = EXCLUDED.details`);
  if (input.campaignId) await recordEvent(tx, input.campaignId, 'notification', { kind: input.kind }, input.userId);
}

/**
 * Tells everyone who took part in the campaign (an entry, a vote, a comparison, a comment or a draft vote) that
 * its stage changed: one statement, in the stage change's transaction.
 */
export async function notifyParticipants(tx: Executor, campaign: { id: string; title: string }, details: Record<string, unknown>): Promise<void> {
  const kind: NotificationKind = 'campaign.stage_changed';
  const groupKey = NOTIFICATION_GROUPING[kind]({ type: 'campaign', id: campaign.id, title: campaign.title });
  await tx.execute(sql`
    INSERT INTO notifications (user_id, kind, group_key, campaign_id, subject_type, subject_id, subject_title, details)
    SELECT p.user_id, ${kind}, ${groupKey}, ${campaign.id}, 'campaign', ${campaign.id}, ${campaign.title}, ${JSON.stringify(details)}::jsonb
    FROM (
      SELECT author_id AS user_id FROM submissions WHERE campaign_id = ${campaign.id}
      UNION SELECT user_id FROM votes WHERE campaign_id = ${campaign.id}
      UNION SELECT user_id FROM comparisons WHERE campaign_id = ${campaign.id} AND valid
      UNION SELECT author_id FROM comments WHERE campaign_id = ${campaign.id}
      UNION SELECT user_id FROM draft_votes WHERE campaign_id = ${campaign.id}
    ) p JOIN users u ON u.id = p.user_id AND u.deleted_at IS NULL
    ON CONFLICT (user_id, group_key) WHERE read_at IS NULL DO UPDATE SET
      count = notifications.count + 1, updated_at = now(), details = EXCLUDED.details`);
}

const cursorSchema = z.object({ at: cursorTime, id: z.uuid() });

type NotificationRow = {
  id: string;
  kind: NotificationKind;
  count: number;
  read_at: string | null;
  slug: string | null;
  subject_type: Subject['type'];
  subject_id: string;
  subject_title: string;
  entry_id: string | null;
  actor_name: string | null;
  details: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  updated_exact: string;
};

const iso = (text: string) => new Date(text).toISOString();

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    count: Number(row.count),
    read: row.read_at !== null,
    campaignSlug: row.slug,
    subject: { type: row.subject_type, id: row.subject_id, title: row.subject_title },
    entryId: row.entry_id,
    actor: row.actor_name ? { displayName: row.actor_name } : null,
    details: row.details,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function listNotifications(db: Executor, userId: string, query: { limit: number; cursor?: string | undefined }): Promise<NotificationList> {
  const cursor = query.cursor ? decodeCursor(query.cursor, cursorSchema) : null;
  const [{ rows }, unread] = await Promise.all([
    db.execute<NotificationRow>(sql`
      SELECT n.*, n.updated_at::text AS updated_exact, c.slug, a.display_name AS actor_name
      FROM notifications n LEFT JOIN campaigns c ON c.id = n.campaign_id LEFT JOIN users a ON a.id = n.actor_id
      WHERE n.user_id = ${userId} ${cursor ? sql`AND (n.updated_at, n.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
      ORDER BY n.updated_at DESC, n.id DESC LIMIT ${query.limit + 1}`),
    unreadCount(db, userId),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toNotification),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.updated_exact, id: last.id }) : null,
    unreadCount: unread,
  };
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`);
  return Number(rows[0]?.n ?? 0);
}

/** Marks the caller's notifications read: the given ones, or all. */
export async function markRead(db: Executor, userId: string, ids: string[] | undefined): Promise<void> {
  await db.execute(sql`
    UPDATE notifications SET read_at = now()
    WHERE user_id = ${userId} AND read_at IS NULL ${ids ? sql`AND id = ANY(${sql.param(ids)}::uuid[])` : sql``}`);
}
