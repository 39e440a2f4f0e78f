import { eq, sql } from 'drizzle-orm';
import { inStatusSet, type Role } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { auditLog, moderationActions, shortlistEntries, submissions } from '../../db/schema.ts';
import { conflict, notFound } from '../../errors.ts';
import { campaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { notify } from '../notifications/service.ts';

export type Moderator = { id: string; role: Role };

/** What the public moderation log says when an entry leaves the shortlist. */
export const UNSHORTLIST_REASON = 'Removed from the shortlist by the moderators.';

/**
 * The entry, locked for the rest of the transaction, so that two moderators acting on it at once
 * act one after the other on what the first left; and its campaign, in the shortlisting stage.
 */
async function lockedEntry(tx: Executor, id: string) {
  const [entry] = await tx
    .select({ id: submissions.id, campaignId: submissions.campaignId, authorId: submissions.authorId, phrase: submissions.phrase, status: submissions.status })
    .from(submissions)
    .where(eq(submissions.id, id))
    .for('update');
  if (!entry) throw notFound('There is no such entry.');
  const campaign = await campaignRules(tx, { id: entry.campaignId });
  assertStageAllows(campaign, 'shortlist');
  return entry;
}

type Entry = Awaited<ReturnType<typeof lockedEntry>>;

/**
 * Both logs, stamped with the time of the change rather than of the transaction's start: a
 * transaction that waited for the entry's lock comes after the one it waited for.
 */
async function record(tx: Executor, moderator: Moderator, entry: Entry, change: { audit: string; action: string; reason: string; details: Record<string, unknown> }) {
  const at = sql`clock_timestamp()`;
  await tx.insert(auditLog).values({
    createdAt: at,
    actorId: moderator.id,
    actorRole: moderator.role,
    action: change.audit,
    targetType: 'submission',
    targetId: entry.id,
    reason: change.reason,
    details: { campaignId: entry.campaignId, ...change.details },
  });
  await tx.insert(moderationActions).values({
    campaignId: entry.campaignId,
    targetType: 'submission',
    targetId: entry.id,
    targetAuthorId: entry.authorId,
    action: change.action,
    reason: change.reason,
    actorId: moderator.id,
    actorRole: moderator.role,
    details: change.details,
    createdAt: at,
  });
}

/**
 * Puts a listed entry on the shortlist with a rationale, or changes the rationale of one that is
 * on it. The status, the shortlist row, the audit log, the public moderation log and the author's
 * notification change in one transaction; the same rationale again changes nothing.
 */
export async function shortlistEntry(db: Executor, moderator: Moderator, id: string, rationale: string): Promise<{ campaignId: string }> {
  return db.transaction(async (tx) => {
    const entry = await lockedEntry(tx, id);
    if (!inStatusSet('listed', entry.status)) throw conflict(`This entry is ${entry.status}; only entries in the lists can be shortlisted.`);
    const [existing] = await tx.select({ rationale: shortlistEntries.rationale }).from(shortlistEntries).where(eq(shortlistEntries.submissionId, id));
    const added = entry.status !== 'shortlisted' || !existing;
    if (!added && existing.rationale === rationale) return { campaignId: entry.campaignId };
    await tx
      .insert(shortlistEntries)
      .values({ submissionId: id, campaignId: entry.campaignId, rationale, addedBy: moderator.id })
      .onConflictDoUpdate({
        target: shortlistEntries.submissionId,
        set: added ? { rationale, addedBy: moderator.id, createdAt: sql`now()` } : { rationale },
      });
    if (entry.status !== 'shortlisted') {
      await tx.update(submissions).set({ status: 'shortlisted', updatedAt: sql`now()` }).where(eq(submissions.id, id));
    }
    await record(tx, moderator, entry, {
      audit: added ? 'submission.shortlisted' : 'submission.shortlist_rationale_changed',
      action: 'shortlist',
      reason: rationale,
      details: added ? {} : { previousRationale: existing!.rationale },
    });
    if (added && entry.authorId !== moderator.id) {
      await notify(tx, {
        userId: entry.authorId,
        kind: 'entry.shortlisted',
        campaignId: entry.campaignId,
        subject: { type: 'submission', id, title: entry.phrase },
        entryId: id,
        // Moderators act by their role, never by name.
        actorId: null,
        details: { rationale },
      });
    }
    return { campaignId: entry.campaignId };
  });
}

/** Takes an entry off the shortlist, back to published; taking off one that is not on it changes nothing. */
export async function unshortlistEntry(db: Executor, moderator: Moderator, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const entry = await lockedEntry(tx, id);
    const [removed] = await tx.delete(shortlistEntries).where(eq(shortlistEntries.submissionId, id)).returning({ rationale: shortlistEntries.rationale });
    const wasShortlisted = entry.status === 'shortlisted';
    if (!removed && !wasShortlisted) return;
    if (wasShortlisted) await tx.update(submissions).set({ status: 'published', updatedAt: sql`now()` }).where(eq(submissions.id, id));
    await record(tx, moderator, entry, {
      audit: 'submission.unshortlisted',
      action: 'unshortlist',
      reason: UNSHORTLIST_REASON,
      details: { rationale: removed?.rationale ?? null },
    });
  });
}
