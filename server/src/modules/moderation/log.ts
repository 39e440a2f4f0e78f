import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { cursorTime, decodeCursor, encodeCursor } from '../../pagination.ts';
import { campaignRules } from '../campaigns/service.ts';
import { toModerationAction } from './record.ts';

const cursorSchema = z.object({ at: cursorTime, id: z.uuid() });

/** The campaign's public moderation log, newest first: what was done to what and why, by role, never by name. */
export async function moderationLog(db: Executor, slug: string, query: { limit: number; cursor?: string | undefined }) {
  const campaign = await campaignRules(db, { slug });
  const cursor = query.cursor ? decodeCursor(query.cursor, cursorSchema) : null;
  const { rows } = await db.execute<{ id: string; action: string; target_type: 'submission' | 'comment' | 'user'; target_id: string; reason: string; actor_role: 'moderator' | 'admin' | null; created_at: string; at: string }>(sql`
    SELECT id, action, target_type, target_id, reason, actor_role, created_at, created_at::text AS at FROM moderation_actions
    WHERE campaign_id = ${campaign.id} ${cursor ? sql`AND (created_at, id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
    ORDER BY created_at DESC, id DESC LIMIT ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const { id: _id, ...entry } = toModerationAction(row);
      return entry;
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}
