import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { ModeratedContent } from './targets.ts';

/** The state changes of moderation, one per kind of content; the rules of when each applies are in actions.ts. */
export async function hideContent(tx: Executor, content: ModeratedContent): Promise<void> {
  if (content.type === 'submission') {
    // A hidden entry leaves the shortlist with its status.
    await tx.execute(sql`DELETE FROM shortlist_entries WHERE submission_id = ${content.id}`);
    await tx.execute(sql`UPDATE submissions SET status = 'hidden', updated_at = now() WHERE id = ${content.id}`);
  } else {
    await tx.execute(sql`UPDATE comments SET hidden_at = now() WHERE id = ${content.id}`);
  }
}

export async function publishContent(tx: Executor, content: ModeratedContent): Promise<void> {
  if (content.type === 'submission') {
    await tx.execute(sql`UPDATE submissions SET status = 'published', pending_reason = NULL, updated_at = now() WHERE id = ${content.id}`);
  } else {
    await tx.execute(sql`UPDATE comments SET hidden_at = NULL WHERE id = ${content.id}`);
  }
}

export async function rejectContent(tx: Executor, content: ModeratedContent): Promise<void> {
  await tx.execute(sql`DELETE FROM shortlist_entries WHERE submission_id = ${content.id}`);
  await tx.execute(sql`UPDATE submissions SET status = 'rejected', updated_at = now() WHERE id = ${content.id}`);
}
