import { sql } from 'drizzle-orm';
import type { ModerationAction, ModerationTargetType, NotificationKind, Role } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { notify } from '../notifications/service.ts';
import type { ModeratedContent } from './targets.ts';
import { resolveVoteFlag } from './vote-flags.ts';

export type Moderator = { id: string; role: Role };

type ActionInput = {
  campaignId: string | null;
  targetType: ModerationTargetType;
  targetId: string;
  targetAuthorId: string | null;
  action: string;
  reason: string;
  /** null for what the platform did by itself. */
  actor: Moderator | null;
  details?: Record<string, unknown>;
};

type ActionRow = { id: string; target_type: ModerationTargetType; target_id: string; action: string; reason: string; actor_role: Role | null; created_at: string };

export function toModerationAction(row: ActionRow): ModerationAction {
  return {
    id: row.id,
    targetType: row.target_type,
    targetId: row.target_id,
    action: row.action,
    reason: row.reason,
    actorRole: row.actor_role,
    automatic: row.actor_role === null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Writes an action where the public log reads it (timed when it is written, not when its
 * transaction began: one that waited for another's lock is logged after it), and to the append-only audit log, and closes
 * the open reports and vote flag on its target: all in the caller's transaction.
 */
export async function recordAction(tx: Executor, input: ActionInput): Promise<ActionRow> {
  const details = JSON.stringify(input.details ?? {});
  const { rows } = await tx.execute<ActionRow>(sql`
    INSERT INTO moderation_actions (campaign_id, target_type, target_id, target_author_id, action, reason, actor_id, actor_role, details, created_at)
    VALUES (${input.campaignId}, ${input.targetType}, ${input.targetId}, ${input.targetAuthorId}, ${input.action}, ${input.reason},
      ${input.actor?.id ?? null}, ${input.actor?.role ?? null}, ${details}::jsonb, clock_timestamp())
    RETURNING id, target_type, target_id, action, reason, actor_role, created_at`);
  await tx.execute(sql`
    INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, reason, details)
    VALUES (${input.actor?.id ?? null}, ${input.actor?.role ?? null}, ${`moderation.${input.action}`}, ${input.targetType}, ${input.targetId}, ${input.reason},
      ${JSON.stringify({ ...(input.details ?? {}), moderationActionId: rows[0]!.id, campaignId: input.campaignId })}::jsonb)`);
  if (input.actor) {
    await tx.execute(sql`UPDATE reports SET resolved_at = now() WHERE target_type = ${input.targetType} AND target_id = ${input.targetId} AND resolved_at IS NULL`);
    if (input.targetType === 'submission') await resolveVoteFlag(tx, input.targetId);
  }
  return rows[0]!;
}

/** Tells the content's author what happened to it and why. */
export async function tellAuthor(tx: Executor, content: ModeratedContent, kind: NotificationKind, details: Record<string, unknown>): Promise<void> {
  await notify(tx, {
    userId: content.authorId,
    kind,
    campaignId: content.campaign.id,
    subject: { type: content.type, id: content.id, title: content.title },
    entryId: content.entryId,
    actorId: null,
    details,
  });
}
