import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import {
  loginSchema,
  normalizePhone,
  type OwnUser,
  type User,
  type registerSchema,
  type profileUpdateSchema,
} from '@city-spirit/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { auditLog, sessions, submissions, users, verificationCodes } from '../../db/schema.ts';
import type { CounterStore } from '../../counters.ts';
import { AppError, conflict, rateLimited } from '../../errors.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords.ts';

type UserRow = typeof users.$inferSelect;

export const DELETED_USER_NAME = '已注销用户';

export function toPublicUser(user: Omit<UserRow, 'passwordHash'>): User {
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    verified: user.verifiedAt !== null,
    districtCode: user.districtCode,
    banned: user.bannedAt !== null,
  };
}

export function toOwnUser(user: Omit<UserRow, 'passwordHash'>): OwnUser {
  return {
    ...toPublicUser(user),
    email: user.email,
    phone: user.phone,
    locale: user.locale === 'en' ? 'en' : 'zh-CN',
    createdAt: user.createdAt.toISOString(),
  };
}

export async function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

export async function registerUser(db: Executor, input: z.output<typeof registerSchema>): Promise<UserRow> {
  assertPasswordAcceptable(input.password, [input.email?.split('@')[0], input.phone?.slice(3), input.displayName]);
  const [created] = await db
    .insert(users)
    .values({
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      districtCode: input.districtCode ?? null,
      locale: input.locale ?? 'zh-CN',
    })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    throw conflict(
      input.email
        ? 'An account with this email address already exists. Sign in, or use another address.'
        : 'An account with this mobile number already exists. Sign in, or use another number.',
    );
  }
  return created;
}

export type LoginLimits = { store: CounterStore; perIpPerMinute: number; perAccountPerHour: number } | null;

/**
 * Checks the credentials; throttled per client address and per account. An attempt reserves a
 * slot in both counters first (so concurrent attempts cannot slip past) and returns it on success.
 */
export async function logIn(db: Executor, input: z.output<typeof loginSchema>, ip: string, limits: LoginLimits): Promise<UserRow> {
  const login = input.login.includes('@') ? input.login.toLowerCase() : (normalizePhone(input.login) ?? input.login);
  const ipKey = `login:ip:${ip}`;
  const accountKey = `login:account:${login}`;
  if (limits) {
    const [byIp, byAccount] = await Promise.all([limits.store.hit(ipKey, 60_000), limits.store.hit(accountKey, 3_600_000)]);
    if (byIp.count > limits.perIpPerMinute || byAccount.count > limits.perAccountPerHour) {
      const wait = Math.max(byIp.count > limits.perIpPerMinute ? byIp.resetInMs : 0, byAccount.count > limits.perAccountPerHour ? byAccount.resetInMs : 0);
      throw rateLimited(`Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 1000)} seconds.`, wait);
    }
  }
  const [user] = await db
    .select()
    .from(users)
    .where(and(or(eq(users.email, login), eq(users.phone, login)), isNull(users.deletedAt)));
  if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
    throw new AppError('unauthenticated', 401, 'The email address, mobile number or password is not right.');
  }
  if (limits) await Promise.all([limits.store.release(ipKey), limits.store.release(accountKey)]);
  return user;
}

export async function updateProfile(db: Executor, userId: string, changes: z.output<typeof profileUpdateSchema>): Promise<UserRow> {
  const [updated] = await db
    .update(users)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning();
  if (!updated) throw new AppError('not_found', 404, 'This account no longer exists.');
  return updated;
}

/** Everything stored about the user, as PIPL's right of access asks. */
export async function exportUserData(db: Executor, userId: string) {
  const user = await findUser(db, userId);
  if (!user) throw new AppError('not_found', 404, 'This account no longer exists.');
  const [userSessions, userSubmissions, codes, auditEntries] = await Promise.all([
    db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db.select().from(submissions).where(eq(submissions.authorId, userId)).orderBy(desc(submissions.createdAt)),
    db
      .select({ phone: verificationCodes.phone, createdAt: verificationCodes.createdAt, consumedAt: verificationCodes.consumedAt })
      .from(verificationCodes)
      .where(eq(verificationCodes.userId, userId)),
    db
      .select({ action: auditLog.action, reason: auditLog.reason, details: auditLog.details, createdAt: auditLog.createdAt })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId))),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: { ...toOwnUser(user), verifiedAt: user.verifiedAt?.toISOString() ?? null, updatedAt: user.updatedAt.toISOString() },
    sessions: userSessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
    submissions: userSubmissions.map((s) => ({
      id: s.id,
      campaignId: s.campaignId,
      phrase: s.phrase,
      explanation: s.explanation,
      districtCode: s.districtCode,
      language: s.language,
      status: s.status,
      voteCount: s.voteCount,
      commentCount: s.commentCount,
      createdAt: s.createdAt.toISOString(),
    })),
    comments: [],
    votes: [],
    verificationRequests: codes.map((c) => ({ phone: c.phone, createdAt: c.createdAt.toISOString(), consumedAt: c.consumedAt?.toISOString() ?? null })),
    moderationRecords: auditEntries.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}

/** Erases personal data; public contributions stay, shown under an anonymous name. */
export async function deleteAccount(db: Executor, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        email: null,
        phone: null,
        passwordHash: null,
        displayName: DELETED_USER_NAME,
        districtCode: null,
        verifiedAt: null,
        deletedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(verificationCodes).where(eq(verificationCodes.userId, userId));
  });
}
