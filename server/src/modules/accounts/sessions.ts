import { createHash, randomBytes } from 'node:crypto';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Role } from '@city-spirit/shared';
import type { Config } from '../../config.ts';
import { preparedStatement, type Database, type Executor } from '../../db/client.ts';
import { sessions, users } from '../../db/schema.ts';

export type SessionPolicy = Config['session'];

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export const hashToken = (token: string) => sha256(`session:${token}`);

/** Derived from the session token, so it needs no storage, and useless without the cookie's token. */
export const csrfTokenFor = (token: string) => sha256(`csrf:${token}`);

/** A token for visitors without a session: nothing checks it, but clients can treat every response alike. */
export const anonymousCsrfToken = () => randomBytes(32).toString('base64url');

export function idleLimitMs(role: Role, policy: SessionPolicy): number {
  const hours = role === 'resident' ? policy.idleHoursResident : policy.idleHoursStaff;
  return hours * 3_600_000;
}

export async function createSession(
  db: Executor,
  userId: string,
  client: { ip: string; userAgent: string | undefined },
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const [session] = await db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null })
    .returning({ id: sessions.id });
  return { id: session!.id, token };
}

/** The signed-in account as every request sees it: its row without the password hash. */
export type SessionAccount = Omit<typeof users.$inferSelect, 'passwordHash'>;

export type ActiveSession = { sessionId: string; user: SessionAccount };

const { passwordHash: _passwordHash, ...accountColumns } = getTableColumns(users);

/** Runs on every signed-in request. */
export const sessionByToken = preparedStatement((db) =>
  db
    .select({ session: { id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt }, user: accountColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('session_by_token'),
);

/** The session behind a cookie token, or null when it is unknown, expired or its account was erased. */
export async function findActiveSession(db: Database, token: string, policy: SessionPolicy): Promise<ActiveSession | null> {
  const [row] = await sessionByToken(db).execute({ tokenHash: hashToken(token) });
  if (!row || row.user.deletedAt) return null;
  const now = Date.now();
  const idle = now - row.session.lastSeenAt.getTime();
  const age = now - row.session.createdAt.getTime();
  if (idle > idleLimitMs(row.user.role, policy) || age > policy.maxAgeDays * 86_400_000) {
    await db.delete(sessions).where(eq(sessions.id, row.session.id));
    return null;
  }
  if (idle > 60_000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, row.session.id));
  }
  return { sessionId: row.session.id, user: row.user };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
