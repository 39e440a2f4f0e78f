import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import {
  BADGED_ROLES,
  DELETED_USER_NAME,
  displayNameKey,
  loginSchema,
  normalizePhone,
  type OwnUser,
  type User,
  type registerSchema,
  type profileUpdateSchema,
} from '@city-spirit/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { auditLog, campaigns, sessions, submissions, users, verificationCodes } from '../../db/schema.ts';
import { toCampaignRules } from '../campaigns/service.ts';
import { voteCountsHiddenFor } from '../votes/service.ts';
import type { CounterStore } from '../../counters.ts';
import { AppError, conflict, rateLimited } from '../../errors.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords.ts';

type UserRow = typeof users.$inferSelect;

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

/**
 * Names of moderators, experts and admins are theirs alone, so no one else can appear to speak for
 * the platform; the schema refuses the deleted-user label and what cannot be read.
 */
async function assertDisplayNameFree(db: Executor, name: string, userId: string | null): Promise<void> {
  const key = displayNameKey(name);
  const staff = await db
    .select({ displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.role, [...BADGED_ROLES]), isNull(users.deletedAt), userId ? ne(users.id, userId) : undefined));
  if (!staff.some((member) => displayNameKey(member.displayName) === key)) return;
  const message = 'this name is reserved: choose another';
  throw new AppError('validation_failed', 400, `The request is not valid. body.displayName: ${message}`, { errors: [{ path: 'body.displayName', message }] });
}

export async function registerUser(db: Executor, input: z.output<typeof registerSchema>): Promise<UserRow> {
  await assertDisplayNameFree(db, input.displayName, null);
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
      privacyConsentVersion: input.privacyConsent.version,
      privacyConsentAt: sql`now()`,
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

export type LoginLimits = { store: CounterStore; perIpAndAccountPerMinute: number; perIpPerMinute: number; perAccountPerHour: number } | null;

/**
 * Checks the credentials; failures are throttled per client address and account together, with a
 * much higher bound per address alone (mobile carriers put many residents behind one address) and
 * one per account from any address. An attempt reserves a slot in every counter first (so
 * concurrent attempts cannot slip past) and gives them back on success.
 */
export async function logIn(db: Executor, input: z.output<typeof loginSchema>, ip: string, limits: LoginLimits): Promise<UserRow> {
  const login = input.login.includes('@') ? input.login.toLowerCase() : (normalizePhone(input.login) ?? input.login);
  const counters = limits
    ? [
        { key: `login:ip-account:${ip}:${login}`, windowMs: 60_000, max: limits.perIpAndAccountPerMinute },
        { key: `login:ip:${ip}`, windowMs: 60_000, max: limits.perIpPerMinute },
        { key: `login:account:${login}`, windowMs: 3_600_000, max: limits.perAccountPerHour },
      ]
    : [];
  if (limits) {
    const states = await Promise.all(counters.map(({ key, windowMs }) => limits.store.hit(key, windowMs)));
    const waits = states.flatMap((state, index) => (state.count > counters[index]!.max ? [state.resetInMs] : []));
    if (waits.length > 0) {
      // A refused attempt checked no password: it does not count, so hammering one throttled
      // account does not use up the address's bound for everyone behind it.
      await Promise.all(counters.map(({ key }) => limits.store.release(key)));
      const wait = Math.max(...waits);
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
  if (limits) await Promise.all(counters.map(({ key }) => limits.store.release(key)));
  return user;
}

export async function updateProfile(db: Executor, userId: string, changes: z.output<typeof profileUpdateSchema>): Promise<UserRow> {
  if (changes.displayName !== undefined) await assertDisplayNameFree(db, changes.displayName, userId);
  const [updated] = await db
    .update(users)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning();
  if (!updated) throw new AppError('not_found', 404, 'This account no longer exists.');
  return updated;
}

/** Everything stored about the user, as PIPL's right of access asks: every table that refers to the account. */
export async function exportUserData(db: Executor, userId: string) {
  const user = await findUser(db, userId);
  if (!user) throw new AppError('not_found', 404, 'This account no longer exists.');
  const viewer = { id: user.id, role: user.role };
  const [userSessions, userSubmissions, codes, auditEntries, actionsTaken, related] = await Promise.all([
    db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db
      .select({ submission: submissions, campaign: { id: campaigns.id, slug: campaigns.slug, stage: campaigns.stage, settings: campaigns.settings } })
      .from(submissions)
      .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
      .where(eq(submissions.authorId, userId))
      .orderBy(desc(submissions.createdAt)),
    db
      .select({ phone: verificationCodes.phone, createdAt: verificationCodes.createdAt, consumedAt: verificationCodes.consumedAt })
      .from(verificationCodes)
      .where(eq(verificationCodes.userId, userId)),
    db
      .select({ action: auditLog.action, reason: auditLog.reason, details: auditLog.details, createdAt: auditLog.createdAt })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, userId))),
    db
      .select({ action: auditLog.action, targetType: auditLog.targetType, targetId: auditLog.targetId, reason: auditLog.reason, createdAt: auditLog.createdAt })
      .from(auditLog)
      .where(eq(auditLog.actorId, userId)),
    participationOf(db, userId),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: {
      ...toOwnUser(user),
      verifiedAt: user.verifiedAt?.toISOString() ?? null,
      updatedAt: user.updatedAt.toISOString(),
      privacyConsent:
        user.privacyConsentVersion && user.privacyConsentAt ? { version: user.privacyConsentVersion, givenAt: user.privacyConsentAt.toISOString() } : null,
    },
    sessions: userSessions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
    submissions: userSubmissions.map(({ submission: s, campaign }) => ({
      id: s.id,
      campaignId: s.campaignId,
      phrase: s.phrase,
      explanation: s.explanation,
      districtCode: s.districtCode,
      language: s.language,
      status: s.status,
      // While the campaign hides vote counts, the author's own export does not show them either.
      voteCount: voteCountsHiddenFor(toCampaignRules(campaign), viewer) ? null : s.voteCount,
      commentCount: s.commentCount,
      createdAt: s.createdAt.toISOString(),
    })),
    ...related,
    verificationRequests: codes.map((c) => ({ phone: c.phone, createdAt: c.createdAt.toISOString(), consumedAt: c.consumedAt?.toISOString() ?? null })),
    moderationRecords: auditEntries.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    actionsTaken: actionsTaken.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(String(value)).toISOString());

/** The user's votes, pairs and comparisons, comments with their earlier texts, comment votes and notifications. */
async function participationOf(db: Executor, userId: string) {
  const rowsOf = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await db.execute<T>(query)).rows;
  const [userVotes, pairs, userComparisons, userComments, edits, userCommentVotes, userNotifications, userReports, actions, userAppeals, picks, moves, panel] = await Promise.all([
    rowsOf(sql`SELECT v.submission_id, s.phrase, c.slug, v.created_at FROM votes v JOIN submissions s ON s.id = v.submission_id JOIN campaigns c ON c.id = v.campaign_id
      WHERE v.user_id = ${userId} ORDER BY v.created_at`),
    rowsOf(sql`SELECT p.left_id, p.right_id, c.slug, p.created_at, p.used_at FROM pair_tokens p JOIN campaigns c ON c.id = p.campaign_id WHERE p.user_id = ${userId} ORDER BY p.created_at`),
    rowsOf(sql`SELECT k.left_id, k.right_id, k.choice, k.valid, k.invalid_reason, c.slug, k.created_at FROM comparisons k JOIN campaigns c ON c.id = k.campaign_id
      WHERE k.user_id = ${userId} ORDER BY k.id`),
    rowsOf(sql`SELECT id, target_type, target_id, parent_id, stance, body, upvotes, downvotes, created_at, edited_at, deleted_at FROM comments WHERE author_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT e.comment_id, e.body, e.replaced_at FROM comment_edits e JOIN comments c ON c.id = e.comment_id WHERE c.author_id = ${userId} ORDER BY e.id`),
    rowsOf(sql`SELECT comment_id, value, created_at, updated_at FROM comment_votes WHERE user_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT n.id, n.kind, n.count, n.subject_type, n.subject_id, n.subject_title, n.entry_id, a.display_name AS actor_name, n.details, n.created_at, n.updated_at, n.read_at
      FROM notifications n LEFT JOIN users a ON a.id = n.actor_id WHERE n.user_id = ${userId} ORDER BY n.updated_at`),
    rowsOf(sql`SELECT target_type, target_id, reason, note, created_at, resolved_at FROM reports WHERE reporter_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT action, target_type, target_id, reason, actor_role, created_at, (actor_id = ${userId}) AS taken, (target_author_id = ${userId}) AS about_me
      FROM moderation_actions WHERE actor_id = ${userId} OR target_author_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT a.note, a.created_at, a.answered_at, m.action, m.target_type, m.target_id FROM appeals a JOIN moderation_actions m ON m.id = a.action_id
      WHERE a.author_id = ${userId} ORDER BY a.created_at`),
    rowsOf(sql`SELECT submission_id, rationale, created_at FROM shortlist_entries WHERE added_by = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT m.kind, m.voted_at, a.target_id, a.details->>'mergedIntoId' AS into_id, a.created_at FROM merge_vote_moves m JOIN moderation_actions a ON a.id = m.action_id
      WHERE m.user_id = ${userId} ORDER BY a.created_at`),
    panelWorkOf(db, userId),
  ]);
  return {
    votes: userVotes.map((v) => ({ submissionId: v.submission_id, phrase: v.phrase, campaignSlug: v.slug, createdAt: iso(v.created_at) })),
    pairsShown: pairs.map((p) => ({ leftId: p.left_id, rightId: p.right_id, campaignSlug: p.slug, createdAt: iso(p.created_at), answeredAt: iso(p.used_at) })),
    comparisons: userComparisons.map((k) => ({
      leftId: k.left_id,
      rightId: k.right_id,
      choice: k.choice,
      counted: k.valid,
      notCountedBecause: k.invalid_reason,
      campaignSlug: k.slug,
      createdAt: iso(k.created_at),
    })),
    comments: userComments.map((c) => ({
      id: c.id,
      targetType: c.target_type,
      targetId: c.target_id,
      parentId: c.parent_id,
      stance: c.stance,
      body: c.body,
      upvotes: c.upvotes,
      downvotes: c.downvotes,
      createdAt: iso(c.created_at),
      editedAt: iso(c.edited_at),
      deletedAt: iso(c.deleted_at),
      earlierTexts: edits.filter((e) => e.comment_id === c.id).map((e) => ({ body: e.body, replacedAt: iso(e.replaced_at) })),
    })),
    commentVotes: userCommentVotes.map((v) => ({ commentId: v.comment_id, value: v.value, createdAt: iso(v.created_at), updatedAt: iso(v.updated_at) })),
    reports: userReports.map((r) => ({ targetType: r.target_type, targetId: r.target_id, reason: r.reason, note: r.note, createdAt: iso(r.created_at), resolvedAt: iso(r.resolved_at) })),
    moderationActions: actions.map((m) => ({
      action: m.action,
      targetType: m.target_type,
      targetId: m.target_id,
      reason: m.reason,
      actorRole: m.actor_role,
      createdAt: iso(m.created_at),
      takenByYou: m.taken === true,
      aboutYourContent: m.about_me === true,
    })),
    appeals: userAppeals.map((a) => ({ action: a.action, targetType: a.target_type, targetId: a.target_id, note: a.note, createdAt: iso(a.created_at), answeredAt: iso(a.answered_at) })),
    votesMovedByMerges: moves.map((m) => ({ mergedEntryId: m.target_id, mergedIntoId: m.into_id, yourVote: m.kind, votedAt: iso(m.voted_at), mergedAt: iso(m.created_at) })),
    shortlistAdditions: picks.map((p) => ({ submissionId: p.submission_id, rationale: p.rationale, createdAt: iso(p.created_at) })),
    ...panel,
    notifications: userNotifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      count: n.count,
      subject: { type: n.subject_type, id: n.subject_id, title: n.subject_title },
      entryId: n.entry_id,
      actorName: n.actor_name,
      details: n.details,
      createdAt: iso(n.created_at),
      updatedAt: iso(n.updated_at),
      readAt: iso(n.read_at),
    })),
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
    // What the account was told is personal too; what it did stays, under the anonymous name.
    await tx.execute(sql`DELETE FROM notifications WHERE user_id = ${userId}`);
    await tx.delete(verificationCodes).where(eq(verificationCodes.userId, userId));
  });
}

/** An expert's assessments, panel notes, drafts, versions and endorsements, and anyone's draft votes. */
async function panelWorkOf(db: Executor, userId: string) {
  const rowsOf = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await db.execute<T>(query)).rows;
  const [given, notes, created, versions, stances, draftVotes] = await Promise.all([
    rowsOf(sql`SELECT submission_id, scores, note, created_at, updated_at FROM assessments WHERE expert_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT id, target_type, target_id, parent_id, body, created_at FROM panel_notes WHERE author_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT id, campaign_id, status, created_at FROM drafts WHERE author_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT draft_id, number, text, rationale, source_submission_ids, created_at FROM draft_versions WHERE author_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT draft_id, version, stance, note, created_at, updated_at FROM draft_endorsements WHERE expert_id = ${userId} ORDER BY created_at`),
    rowsOf(sql`SELECT draft_id, campaign_id, created_at FROM draft_votes WHERE user_id = ${userId} ORDER BY created_at`),
  ]);
  return {
    assessments: given.map((a) => ({ submissionId: a.submission_id, scores: a.scores, note: a.note, createdAt: iso(a.created_at), updatedAt: iso(a.updated_at) })),
    panelNotes: notes.map((n) => ({ id: n.id, targetType: n.target_type, targetId: n.target_id, parentId: n.parent_id, body: n.body, createdAt: iso(n.created_at) })),
    draftsCreated: created.map((d) => ({ id: d.id, campaignId: d.campaign_id, status: d.status, createdAt: iso(d.created_at) })),
    draftVersions: versions.map((v) => ({ draftId: v.draft_id, number: v.number, text: v.text, rationale: v.rationale, sourceSubmissionIds: v.source_submission_ids, createdAt: iso(v.created_at) })),
    draftEndorsements: stances.map((e) => ({ draftId: e.draft_id, version: e.version, stance: e.stance, note: e.note, createdAt: iso(e.created_at), updatedAt: iso(e.updated_at) })),
    draftVotes: draftVotes.map((v) => ({ draftId: v.draft_id, campaignId: v.campaign_id, createdAt: iso(v.created_at) })),
  };
}
