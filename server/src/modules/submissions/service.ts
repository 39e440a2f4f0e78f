import { randomBytes } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  canSeeSubmission,
  inStatusSet,
  isPublicSubmissionStatus,
  isStaff,
  type Role,
  type SimilarPhrase,
  type Submission,
  type SubmissionSort,
  type SubmissionStatus,
  type submissionCreateSchema,
  submissionListQuerySchema,
  submissionSortSchema,
  type submissionUpdateSchema,
} from '@city-spirit/shared';
import { detectLanguage, normalizePhraseText } from '@city-spirit/shared/normalize';
import type { Executor } from '../../db/client.ts';
import { statusIn } from '../../db/status-sql.ts';
import { submissions } from '../../db/schema.ts';
import { AppError, conflict, forbidden, notFound, rateLimited, unauthenticated } from '../../errors.ts';
import { cursorNumber, cursorTime, decodeCursor, encodeCursor } from '../../pagination.ts';
import { campaignRules, type CampaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { voteCountsHiddenFor } from '../votes/service.ts';
import { findSimilar } from './similar.ts';
import { recordEvent } from '../events/hub.ts';
import { forgetSimilarPairs } from '../moderation/duplicates.ts';
import { searchQuery, textIndexColumns } from './text-index.ts';

export type Viewer = { id: string; role: Role } | null;

const SIMILAR_ON_SUBMIT = 5;
const HOUR_MS = 3_600_000;

type SubmissionRow = typeof submissions.$inferSelect & { authorName: string; authorDeleted: boolean; viewerHasVoted: boolean };

const selectWithAuthor = (viewer: Viewer) => sql`s.*, u.display_name AS "authorName", (u.deleted_at IS NOT NULL) AS "authorDeleted",
  ${viewer ? sql`EXISTS (SELECT 1 FROM votes v WHERE v.submission_id = s.id AND v.user_id = ${viewer.id})` : sql`false`} AS "viewerHasVoted"`;

function fromRaw(raw: Record<string, unknown>): SubmissionRow {
  return {
    id: String(raw.id),
    campaignId: String(raw.campaign_id),
    authorId: String(raw.author_id),
    phrase: String(raw.phrase),
    explanation: String(raw.explanation),
    districtCode: (raw.district_code as string | null) ?? null,
    language: String(raw.language),
    status: raw.status as SubmissionStatus,
    voteCount: Number(raw.vote_count),
    commentCount: Number(raw.comment_count),
    comparisonCount: Number(raw.comparison_count),
    pairKey: Number(raw.pair_key),
    normalized: String(raw.normalized),
    bigrams: [],
    chars: [],
    searchText: '',
    searchTerms: [],
    terms: null,
    pendingReason: (raw.pending_reason as string | null) ?? null,
    pairsCheckedAt: null,
    mergedIntoId: (raw.merged_into_id as string | null) ?? null,
    createdAt: new Date(String(raw.created_at)),
    updatedAt: new Date(String(raw.updated_at)),
    authorName: String(raw.authorName),
    authorDeleted: Boolean(raw.authorDeleted),
    viewerHasVoted: Boolean(raw.viewerHasVoted),
  };
}

const countsHidden = voteCountsHiddenFor;

const canSee = canSeeSubmission;

function toSubmission(row: SubmissionRow, campaign: CampaignRules, viewer: Viewer): Submission {
  const privileged = isStaff(viewer) || row.authorId === viewer?.id;
  return {
    id: row.id,
    campaignSlug: campaign.slug,
    phrase: row.phrase,
    explanation: row.explanation,
    language: row.language === 'en' ? 'en' : 'zh',
    districtCode: row.districtCode,
    status: row.status,
    pendingReason: privileged ? row.pendingReason : null,
    mergedIntoId: row.mergedIntoId,
    decision: null,
    voteCount: countsHidden(campaign, viewer) ? null : row.voteCount,
    hasVotes: countsHidden(campaign, viewer) && row.authorId !== viewer?.id ? null : row.voteCount > 0,
    commentCount: row.commentCount,
    author: { displayName: row.authorName, deleted: row.authorDeleted },
    viewerIsAuthor: row.authorId === viewer?.id,
    viewerHasVoted: row.viewerHasVoted,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function loadRow(db: Executor, id: string, viewer: Viewer, lock = false): Promise<SubmissionRow | null> {
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    SELECT ${selectWithAuthor(viewer)} FROM submissions s JOIN users u ON u.id = s.author_id
    WHERE s.id = ${id} ${lock ? sql`FOR UPDATE OF s` : sql``}`);
  return rows[0] ? fromRaw(rows[0]) : null;
}

/** Review status for new or edited text: pre-moderation and blocked terms hold it back. */
function reviewStatus(campaign: CampaignRules, searchText: string): { status: SubmissionStatus; pendingReason: string | null } {
  const blocked = campaign.settings.blockedTerms.some((term) => {
    const normalized = normalizePhraseText(term);
    return normalized !== '' && searchText.includes(normalized);
  });
  if (blocked) return { status: 'pending', pendingReason: 'blocked_term' };
  if (campaign.settings.moderationMode === 'pre') return { status: 'pending', pendingReason: 'pre_moderation' };
  return { status: 'published', pendingReason: null };
}

function needsText(normalized: string): void {
  if (normalized) return;
  throw new AppError('validation_failed', 400, 'The phrase needs words or characters, not only punctuation or emoji.', {
    errors: [{ path: 'body.phrase', message: 'write words or characters' }],
  });
}

async function assertNoDuplicate(db: Executor, campaignId: string, normalized: string, exceptId?: string): Promise<void> {
  const { rows } = await db.execute<{ id: string; phrase: string; status: string }>(sql`
    SELECT id, phrase, status FROM submissions
    WHERE campaign_id = ${campaignId} AND normalized = ${normalized}
      AND ${statusIn('status', 'holdingPhrase')} ${exceptId ? sql`AND id <> ${exceptId}` : sql``}
    LIMIT 1`);
  const existing = rows[0];
  if (!existing) return;
  throw new AppError(
    'duplicate_submission',
    409,
    existing.status === 'pending'
      ? `The same phrase was already submitted and awaits review: "${existing.phrase}".`
      : `The same phrase is already in the campaign: "${existing.phrase}". Support it instead of adding a copy.`,
    { duplicateOf: existing.id, duplicate: { id: existing.id, phrase: existing.phrase, status: existing.status } },
  );
}

/** Entries per resident per hour in a campaign (maxSubmissionsPerHour), withdrawn ones included, counted under the caller's lock. */
async function assertWithinSubmissionRate(tx: Executor, campaign: CampaignRules, authorId: string): Promise<void> {
  const limit = campaign.settings.maxSubmissionsPerHour;
  const { rows } = await tx.execute<{ n: string; oldest: string | null }>(sql`
    SELECT count(*) AS n, min(created_at)::text AS oldest FROM submissions
    WHERE campaign_id = ${campaign.id} AND author_id = ${authorId} AND created_at > now() - interval '1 hour'`);
  const recent = rows[0]!;
  if (Number(recent.n) < limit) return;
  const wait = recent.oldest ? new Date(recent.oldest).getTime() + HOUR_MS - Date.now() : HOUR_MS;
  throw rateLimited(`You have submitted ${limit} entries in the last hour, the most this campaign allows. Try again in ${Math.ceil(wait / 60_000)} minute(s).`, wait);
}

export async function createSubmission(
  db: Executor,
  viewer: NonNullable<Viewer>,
  slug: string,
  input: z.output<typeof submissionCreateSchema>,
): Promise<{ submission: Submission; similar: SimilarPhrase[] }> {
  const campaign = await campaignRules(db, { slug });
  assertStageAllows(campaign, 'submit');
  const columns = textIndexColumns(input.phrase, input.explanation);
  needsText(columns.normalized);
  const review = reviewStatus(campaign, columns.searchText);

  const id = await db.transaction(async (tx) => {
    // One resident's submissions to one campaign are counted and inserted one at a time.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${campaign.id}), hashtext(${viewer.id}))`);
    const { rows } = await tx.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM submissions WHERE campaign_id = ${campaign.id} AND author_id = ${viewer.id} AND ${statusIn('status', 'countedForAuthor')}`);
    const limit = campaign.settings.maxSubmissionsPerUser;
    if (Number(rows[0]?.n ?? 0) >= limit) {
      throw conflict(`You have submitted ${limit} phrase(s), the most this campaign allows per resident. Withdraw one to submit another.`);
    }
    await assertWithinSubmissionRate(tx, campaign, viewer.id);
    await assertNoDuplicate(tx, campaign.id, columns.normalized);
    const [created] = await tx
      .insert(submissions)
      .values({
        campaignId: campaign.id,
        authorId: viewer.id,
        phrase: input.phrase,
        explanation: input.explanation,
        districtCode: input.districtCode ?? null,
        language: input.language ?? detectLanguage(input.phrase),
        ...columns,
        ...review,
      })
      .onConflictDoNothing()
      .returning({ id: submissions.id });
    // Another resident's identical phrase committed between the check and the insert.
    if (!created) await assertNoDuplicate(tx, campaign.id, columns.normalized);
    if (review.status === 'published') await recordEvent(tx, campaign.id, 'submission.created', { id: created!.id, phrase: input.phrase });
    return created!.id;
  });

  const row = (await loadRow(db, id, viewer))!;
  const similar = await findSimilar(db, campaign.id, input.phrase, { limit: SIMILAR_ON_SUBMIT, excludeId: id });
  return { submission: toSubmission(row, campaign, viewer), similar };
}

export async function getSubmission(db: Executor, viewer: Viewer, id: string): Promise<Submission> {
  const row = await loadRow(db, id, viewer);
  if (!row || !canSee(row, viewer)) throw notFound('There is no such entry, or it is not public.');
  const submission = toSubmission(row, await campaignRules(db, { id: row.campaignId }), viewer);
  const privileged = isStaff(viewer) || row.authorId === viewer?.id;
  return privileged && inStatusSet('appealable', row.status) ? { ...submission, decision: await latestDecision(db, row.id) } : submission;
}

/** The decision that took an entry out of sight, with whether its author appealed it. */
async function latestDecision(db: Executor, id: string): Promise<Submission['decision']> {
  const { rows } = await db.execute<{ action: string; reason: string; actor_role: string | null; created_at: string; appealed: boolean }>(sql`
    SELECT m.action, m.reason, m.actor_role, m.created_at, EXISTS (SELECT 1 FROM appeals a WHERE a.action_id = m.id) AS appealed
    FROM moderation_actions m WHERE m.target_type = 'submission' AND m.target_id = ${id} AND m.action IN ('hide', 'reject')
    ORDER BY m.created_at DESC, m.id DESC LIMIT 1`);
  const decision = rows[0];
  if (!decision) return null;
  return { action: decision.action, reason: decision.reason, automatic: decision.actor_role === null, decidedAt: new Date(decision.created_at).toISOString(), appealed: decision.appealed };
}

async function ownEditableRow(tx: Executor, viewer: NonNullable<Viewer>, id: string): Promise<SubmissionRow> {
  const row = await loadRow(tx, id, viewer, true);
  if (!row || !canSee(row, viewer)) throw notFound('There is no such entry, or it is not public.');
  if (row.authorId !== viewer.id) throw forbidden('Only the author may change or withdraw an entry.');
  if (!inStatusSet('editable', row.status)) {
    throw conflict(`This entry is ${row.status}; it can no longer be changed or withdrawn.`);
  }
  return row;
}

export async function updateSubmission(
  db: Executor,
  viewer: NonNullable<Viewer>,
  id: string,
  changes: z.output<typeof submissionUpdateSchema>,
): Promise<Submission> {
  await db.transaction(async (tx) => {
    const row = await ownEditableRow(tx, viewer, id);
    const campaign = await campaignRules(tx, { id: row.campaignId });
    assertStageAllows(campaign, 'editOwnSubmission');
    if (row.voteCount > 0) throw conflict('This entry already has votes; to keep them meaningful it can no longer be edited.');
    const phrase = changes.phrase ?? row.phrase;
    const explanation = changes.explanation ?? row.explanation;
    const columns = textIndexColumns(phrase, explanation);
    needsText(columns.normalized);
    await assertNoDuplicate(tx, campaign.id, columns.normalized, row.id);
    const review = reviewStatus(campaign, columns.searchText);
    const stillAwaitingPreModeration = row.status === 'pending' && row.pendingReason === 'pre_moderation';
    await tx
      .update(submissions)
      .set({
        phrase,
        explanation,
        ...(changes.districtCode !== undefined && { districtCode: changes.districtCode }),
        language: changes.language ?? (changes.phrase ? detectLanguage(phrase) : row.language),
        ...columns,
        ...(review.status === 'published' && stillAwaitingPreModeration ? {} : review),
        // Its duplicates are looked up again for the moderators' clusters.
        pairsCheckedAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(submissions.id, row.id));
    await forgetSimilarPairs(tx, row.id);
  });
  return getSubmission(db, viewer, id);
}

export async function withdrawSubmission(db: Executor, viewer: NonNullable<Viewer>, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await ownEditableRow(tx, viewer, id);
    assertStageAllows(await campaignRules(tx, { id: row.campaignId }), 'withdrawOwnSubmission');
    await tx.update(submissions).set({ status: 'withdrawn', updatedAt: sql`now()` }).where(eq(submissions.id, row.id));
  });
}

export async function similarPhrases(db: Executor, slug: string, text: string, limit: number): Promise<SimilarPhrase[]> {
  const campaign = await campaignRules(db, { slug });
  return findSimilar(db, campaign.id, text, { limit });
}

// Listing ---------------------------------------------------------------------------------------

const shuffleSeedSchema = submissionListQuerySchema.shape.seed.unwrap();

/**
 * A cursor names the list it continues (sort and campaign) and carries what that list needs: the
 * time of the first page, the shuffle's seed for random, and the last row's sort key and id.
 */
const cursorSchema = z.object({
  sort: submissionSortSchema,
  campaign: z.uuid(),
  asOf: cursorTime,
  at: cursorTime.optional(),
  id: z.uuid(),
  votes: z.number().int().min(0).max(2_147_483_647).optional(),
  score: cursorNumber.optional(),
  key: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  seed: shuffleSeedSchema.optional(),
});
type ListCursor = z.infer<typeof cursorSchema>;

/** Each order's cursor, with the keys that order pages by. */
const cursorSchemas: Record<SubmissionSort, z.ZodType<ListCursor>> = {
  new: cursorSchema.required({ at: true }),
  top: cursorSchema.required({ at: true, votes: true }),
  trending: cursorSchema.required({ at: true, score: true }),
  random: cursorSchema.required({ key: true, seed: true }),
};

function foreignCursor(): AppError {
  return new AppError('validation_failed', 400, 'The cursor belongs to another sort or campaign: start from the first page of this list, or send the sort the cursor was made for.', {
    errors: [{ path: 'querystring.cursor', message: 'belongs to another sort or campaign' }],
  });
}

/**
 * The cursor of a page, refused when it continues another list. Without `sort` the cursor's own
 * sort applies; a seed sent with a random cursor must be the cursor's.
 */
function readCursor(text: string, campaignId: string, query: z.output<typeof submissionListQuerySchema>): ListCursor {
  const { sort, campaign } = decodeCursor(text, cursorSchema.pick({ sort: true, campaign: true }));
  if (campaign !== campaignId || (query.sort !== undefined && query.sort !== sort)) throw foreignCursor();
  const cursor = decodeCursor(text, cursorSchemas[sort]);
  if (query.seed !== undefined && sort === 'random' && query.seed !== cursor.seed) {
    throw new AppError('validation_failed', 400, 'The seed differs from the one the cursor was made with: send the cursor with the seed of its first page, or without a seed.', {
      errors: [{ path: 'querystring.seed', message: 'differs from the seed in the cursor' }],
    });
  }
  return cursor;
}

/** The cursor after a page's last row, with the keys its order needs. */
function cursorAfter(sort: SubmissionSort, campaignId: string, asOf: string, seed: string | null, last: Record<string, unknown>): string {
  const at = String(last.createdAtExact);
  const keys = {
    new: { at },
    top: { at, votes: Number(last.vote_count) },
    trending: { at, score: String(last.sortKey) },
    random: { key: String(last.sortKey), seed },
  }[sort];
  return encodeCursor({ sort, campaign: campaignId, asOf, id: String(last.id), ...keys });
}

/**
 * Support of the last 72 hours, each vote weighing e^(-age / 24 h): a vote cast now counts 1, one
 * from yesterday 0.37, one from three days ago 0.05. Computed against the time of the first page.
 */
const trendWindow = (asOf: string) => sql`v.created_at > ${asOf}::timestamptz - interval '72 hours' AND v.created_at <= ${asOf}::timestamptz`;

/**
 * Trending as two ordered parts: entries with support in the window (a score above 0), ranked from
 * the window's votes alone, then every other entry newest first, which the `new` index serves. The
 * whole order is the same as sorting every entry by (score, created_at, id), without scoring them all.
 * date_part gives the age as a float8: extract() gives numeric, whose exp() cost 7 µs a vote. A
 * float sum depends on the order it adds in, which would follow each page's query plan: the votes
 * are added in a fixed order, or an entry's score could differ by its last digit between pages,
 * and the cursor would then repeat or skip it (a numeric sum, exact in any order, took twice as
 * long). The filters apply after each entry is fetched by its key, outside the lookup: inside it,
 * the planner could search the text index once per entry.
 */
function trendingSource(campaignId: string, asOf: string, conditions: SQL[], cursor: ListCursor | null, limit: number): SQL {
  const where = sql.join(conditions, sql` AND `);
  // A cursor with score 0 (or none) is past the supported entries: only the second part is left.
  const pastSupported = cursor !== null && Number(cursor.score ?? 0) === 0;
  // The window's entries by score, each looked up by its key until the page is full (an incremental
  // sort orders ties): no scan of the campaign's entries however many there are.
  const supported = sql`(SELECT s.*, r.score AS trend_score
    FROM (
      SELECT v.submission_id, sum(exp(-date_part('epoch', ${asOf}::timestamptz - v.created_at) / 86400.0) ORDER BY v.created_at, v.user_id) AS score
      FROM votes v WHERE v.campaign_id = ${campaignId} AND ${trendWindow(asOf)} GROUP BY v.submission_id ORDER BY score DESC
    ) r CROSS JOIN LATERAL (SELECT s.* FROM submissions s WHERE s.id = r.submission_id OFFSET 0) s
    WHERE ${where}${cursor ? sql` AND r.score <= ${cursor.score}::float8 AND (r.score, s.created_at, s.id) < (${cursor.score}::float8, ${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
    ORDER BY r.score DESC, s.created_at DESC, s.id DESC LIMIT ${limit})`;
  const unsupported = sql`(SELECT s.*, 0::float8 AS trend_score
    FROM submissions s
    WHERE ${where} AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.submission_id = s.id AND ${trendWindow(asOf)})
      ${pastSupported ? sql`AND (s.created_at, s.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
    ORDER BY s.created_at DESC, s.id DESC LIMIT ${limit})`;
  return pastSupported ? sql`(${unsupported})` : sql`(${supported} UNION ALL ${unsupported})`;
}

const shuffleKey = (seed: string) => sql`md5(${seed} || s.id::text)`;

/** A list order: its ORDER BY on rows aliased s, the cursor's sort key, and the rows to page through. */
type Ordering = {
  orderBy: SQL;
  key: SQL;
  /** The FROM item (aliased s) holding the entries after the cursor, and the conditions left for WHERE. */
  source: (filters: SQL[], cursor: ListCursor | null, limit: number) => { from: SQL; where: SQL[] };
};

/** An order over the submissions table itself; `after` keeps the rows past the cursor. */
const tableOrder = (orderBy: SQL, key: SQL, after: (c: ListCursor) => SQL): Ordering => ({
  orderBy,
  key,
  source: (filters, cursor) => ({ from: sql`submissions`, where: cursor ? [...filters, after(cursor)] : filters }),
});

function ordering(sort: SubmissionSort, asOf: string, seed: string, campaignId: string): Ordering {
  switch (sort) {
    case 'new':
      return tableOrder(sql`s.created_at DESC, s.id DESC`, sql`NULL::text`, (c) => sql`(s.created_at, s.id) < (${c.at}::timestamptz, ${c.id}::uuid)`);
    case 'top':
      return tableOrder(
        sql`s.vote_count DESC, s.created_at DESC, s.id DESC`,
        sql`NULL::text`,
        (c) => sql`(s.vote_count, s.created_at, s.id) < (${c.votes}::int, ${c.at}::timestamptz, ${c.id}::uuid)`,
      );
    case 'trending':
      return {
        orderBy: sql`s.trend_score DESC, s.created_at DESC, s.id DESC`,
        key: sql`s.trend_score::text`,
        source: (filters, cursor, limit) => ({ from: trendingSource(campaignId, asOf, filters, cursor, limit), where: [] }),
      };
    case 'random':
      return tableOrder(sql`${shuffleKey(seed)}, s.id`, shuffleKey(seed), (c) => sql`(${shuffleKey(seed)}, s.id) > (${c.key}::text, ${c.id}::uuid)`);
  }
}

export async function listSubmissions(
  db: Executor,
  viewer: Viewer,
  slug: string,
  query: z.output<typeof submissionListQuerySchema>,
): Promise<{ items: Submission[]; nextCursor: string | null; sort: SubmissionSort; seed: string | null }> {
  const campaign = await campaignRules(db, { slug });
  const hidden = countsHidden(campaign, viewer);
  const cursor = query.cursor ? readCursor(query.cursor, campaign.id, query) : null;
  const sort: SubmissionSort = cursor?.sort ?? query.sort ?? (campaign.stage === 'collect' ? 'random' : hidden ? 'new' : 'top');
  const seed = sort === 'random' ? (cursor?.seed ?? query.seed ?? randomBytes(9).toString('base64url')) : null;
  // Both orders would reveal the hidden counts.
  if ((sort === 'top' || sort === 'trending') && hidden) {
    throw new AppError('validation_failed', 400, 'Vote counts are hidden in this campaign for now, so entries cannot be sorted by votes. Use sort=random or new.', {
      errors: [{ path: 'querystring.sort', message: 'not available while vote counts are hidden' }],
    });
  }
  // Entries that arrive while someone pages through a list wait for the next first page.
  const asOf = cursor?.asOf ?? new Date().toISOString();
  const order = ordering(sort, asOf, seed ?? '', campaign.id);

  const conditions: SQL[] = [sql`s.campaign_id = ${campaign.id}`, sql`s.created_at <= ${asOf}::timestamptz`];
  if (query.author === 'me') {
    if (!viewer) throw unauthenticated();
    conditions.push(sql`s.author_id = ${viewer.id}`);
    if (query.status) conditions.push(sql`s.status = ${query.status}`);
  } else if (query.status) {
    if (!isStaff(viewer) && !isPublicSubmissionStatus(query.status)) {
      throw forbidden('Only moderators may list entries with this status.');
    }
    conditions.push(sql`s.status = ${query.status}`);
  } else {
    conditions.push(statusIn('s.status', 'listed'));
  }
  if (query.districtCode) conditions.push(sql`s.district_code = ${query.districtCode}`);
  const search = query.q ? searchQuery(query.q) : null;
  if (search) {
    conditions.push(sql`s.search_terms @> ${sql.param(search.terms)}::text[]`);
    conditions.push(sql`strpos(s.search_text, ${search.text}) > 0`);
  }
  const { from, where } = order.source(conditions, cursor, query.limit + 1);

  const { rows } = await db.execute<Record<string, unknown>>(sql`
    SELECT ${selectWithAuthor(viewer)}, s.created_at::text AS "createdAtExact", ${order.key} AS "sortKey"
    FROM ${from} s JOIN users u ON u.id = s.author_id
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY ${order.orderBy}
    LIMIT ${query.limit + 1}`);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? cursorAfter(sort, campaign.id, asOf, seed, last) : null;
  return { items: page.map((raw) => toSubmission(fromRaw(raw), campaign, viewer)), nextCursor, sort, seed };
}

