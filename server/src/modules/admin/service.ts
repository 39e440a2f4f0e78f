import { z } from 'zod';
import { and, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry, Role, User } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { auditLog, users } from '../../db/schema.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import { toPublicUser } from '../accounts/service.ts';
import { deleteUserSessions } from '../accounts/sessions.ts';
import { cursorDate, cursorTime, decodeCursor, encodeCursor, timeCursorSchema } from '../../pagination.ts';

type Actor = { id: string; role: Role };
type UserChange = { role?: Role | undefined; banned?: boolean | undefined; reason: string };

/** Changes role and/or ban state; ends the user's sessions and records each change in the audit log. */
export async function changeUser(db: Executor, actor: Actor, targetId: string, change: UserChange): Promise<User> {
  if (actor.id === targetId) throw conflict('You cannot change your own role or ban yourself; ask another admin.');
  return db.transaction(async (tx) => {
    // The actor's row is locked with the target's (in id order, so two admins never deadlock) and
    // read again: of two admins demoting or banning each other at once, the second finds it no
    // longer may, and the campaign never loses its last admins that way.
    const locked = await tx.select().from(users).where(inArray(users.id, [actor.id, targetId])).orderBy(users.id).for('update');
    const acting = locked.find((row) => row.id === actor.id);
    if (!acting || acting.role !== 'admin' || acting.bannedAt || acting.deletedAt) {
      throw forbidden('You are no longer an admin: another admin changed your account a moment ago.');
    }
    const target = locked.find((row) => row.id === targetId);
    if (!target || target.deletedAt) throw notFound('There is no such user.');
    const entries: (typeof auditLog.$inferInsert)[] = [];
    const audit = (action: string, details: Record<string, unknown>) =>
      entries.push({ actorId: actor.id, actorRole: actor.role, action, targetType: 'user', targetId, reason: change.reason, details });

    if (change.role !== undefined && change.role !== target.role) audit('user.role_changed', { from: target.role, to: change.role });
    const banned = target.bannedAt !== null;
    if (change.banned !== undefined && change.banned !== banned) audit(change.banned ? 'user.banned' : 'user.unbanned', {});
    if (entries.length === 0) return toPublicUser(target);

    const [updated] = await tx
      .update(users)
      .set({
        role: change.role ?? target.role,
        bannedAt: change.banned === undefined ? target.bannedAt : change.banned ? (target.bannedAt ?? new Date()) : null,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, targetId))
      .returning();
    await deleteUserSessions(tx, targetId);
    await tx.insert(auditLog).values(entries);
    return toPublicUser(updated!);
  });
}

export async function listUsers(db: Executor, query: { limit: number; cursor?: string | undefined; q?: string | undefined; role?: Role | undefined }) {
  const after = query.cursor ? decodeCursor(query.cursor, timeCursorSchema) : null;
  const conditions: SQL[] = [sql`${users.deletedAt} IS NULL`];
  if (query.q) conditions.push(ilike(users.displayName, `%${query.q.replace(/[%_\\]/g, '\\$&')}%`));
  if (query.role) conditions.push(eq(users.role, query.role));
  if (after) {
    conditions.push(or(lt(users.createdAt, cursorDate(after.at)), and(eq(users.createdAt, cursorDate(after.at)), lt(users.id, after.id)))!);
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((user) => ({ ...toPublicUser(user), createdAt: user.createdAt.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** The audit log pages by its serial id (a bigint, as text). */
const auditCursorSchema = z.object({ at: cursorTime, id: z.string().regex(/^\d{1,18}$/) });

export async function listAuditLog(db: Executor, query: { limit: number; cursor?: string | undefined }) {
  const after = query.cursor ? decodeCursor(query.cursor, auditCursorSchema) : null;
  const rows = await db
    .select({ entry: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(after ? lt(auditLog.id, Number(after.id)) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items: AuditEntry[] = page.map(({ entry, actorName }) => ({
    id: String(entry.id),
    actor: { id: entry.actorId, role: entry.actorRole, displayName: actorName },
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    reason: entry.reason,
    details: entry.details,
    createdAt: entry.createdAt.toISOString(),
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.entry.createdAt.toISOString(), id: String(last.entry.id) }) : null };
}
