import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { appealCreateSchema } from '@city-spirit/shared';
import type { Database } from '../../db/client.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { Moderator } from './record.ts';
import { loadContent } from './targets.ts';

/**
 * The author of hidden or rejected content appeals the decision, once per action; the appeal
 * enters the moderators' queue, and their answer reaches the author (actions.ts).
 */
export async function createAppeal(db: Database, author: Moderator, input: z.output<typeof appealCreateSchema>) {
  return db.transaction(async (tx) => {
    const content = await loadContent(tx, input.targetType, input.targetId, true);
    if (!content || content.status === 'deleted') throw notFound('There is no such entry or comment.');
    if (content.authorId !== author.id) throw forbidden('Only its author may appeal a decision about an entry or a comment.');
    if (content.status !== 'hidden' && content.status !== 'rejected') throw conflict('Nothing to appeal: this is not hidden or rejected.');
    const { rows: decisions } = await tx.execute<{ id: string }>(sql`
      SELECT id FROM moderation_actions WHERE target_type = ${content.type} AND target_id = ${content.id} AND action IN ('hide', 'reject')
      ORDER BY created_at DESC, id DESC LIMIT 1`);
    const decision = decisions[0];
    if (!decision) throw conflict('There is no moderation decision to appeal here.');
    const { rows } = await tx.execute<{ id: string; created_at: string }>(sql`
      INSERT INTO appeals (action_id, author_id, note) VALUES (${decision.id}, ${author.id}, ${input.note})
      ON CONFLICT (action_id) DO NOTHING RETURNING id, created_at`);
    if (!rows[0]) throw conflict('You have appealed this decision already; a moderator will answer it.');
    return { appeal: { id: rows[0].id, actionId: decision.id, note: input.note, createdAt: new Date(rows[0].created_at).toISOString(), answeredAt: null } };
  });
}
