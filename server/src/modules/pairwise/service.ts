import { statusIn } from '../../db/status-sql.ts';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { SUBMISSION_STATUS_SETS, type Ranking, type Role } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { comparisons, pairTokens, submissions } from '../../db/schema.ts';
import { AppError, forbidden } from '../../errors.ts';
import { campaignRules } from '../campaigns/service.ts';
import { decodeCursor, encodeCursor } from '../../pagination.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { fitBradleyTerryInSlices, type Outcome } from './bradley-terry.ts';
import { choosePair, pairKey, sampledPair, type PairSource } from './pair-choice.ts';

type Voter = { id: string; role: Role };

/** Listed entries take part in pairs; written out as the partial index submissions_pair_idx is, so PostgreSQL matches them. */
const inPairs = statusIn('status', 'listed');

/** Below this many candidates, a pair is chosen by reading them all (choosePair): cheap, and exact. */
export const SAMPLE_FROM = 500;
/** How long a campaign's histogram of comparison counts serves pair choices, per process. */
const HISTOGRAM_MS = 1000;

type Histogram = { counts: Map<number, number>; candidates: number };
const histograms = new WeakMap<Executor, Map<string, Promise<Histogram>>>();

/** The number of pair candidates per comparison count, from the partial index, cached for a second. */
function histogram(db: Executor, campaignId: string): Promise<Histogram> {
  let byCampaign = histograms.get(db);
  if (!byCampaign) histograms.set(db, (byCampaign = new Map()));
  const cached = byCampaign.get(campaignId);
  if (cached) return cached;
  const loading = db
    .execute<{ n: number; members: number }>(sql`
      SELECT comparison_count AS n, count(*)::integer AS members FROM submissions
      WHERE campaign_id = ${campaignId} AND ${inPairs} GROUP BY comparison_count`)
    .then(({ rows }) => ({
      counts: new Map(rows.map((row) => [Number(row.n), Number(row.members)])),
      candidates: rows.reduce((sum, row) => sum + Number(row.members), 0),
    }));
  byCampaign.set(campaignId, loading);
  void loading.then(
    () => setTimeout(() => byCampaign.get(campaignId) === loading && byCampaign.delete(campaignId), HISTOGRAM_MS).unref(),
    () => byCampaign.delete(campaignId),
  );
  return loading;
}

/**
 * Candidates of one comparison count, for sampledPair: the first few after a random point of
 * pair_key (wrapping around), not the voter's own; the first that `accept` takes.
 */
export function databaseSource(db: Executor, campaignId: string, voterId: string, counts: Map<number, number>): PairSource {
  const group = (part: number, n: number, where: SQL) => sql`(SELECT id, ${part}::integer AS part, pair_key FROM submissions
    WHERE campaign_id = ${campaignId} AND ${inPairs} AND comparison_count = ${n}
      AND author_id <> ${voterId} AND ${where}
    ORDER BY pair_key LIMIT 8)`;
  return {
    histogram: counts,
    pick: async (n, accept) => {
      const from = Math.random();
      const { rows } = await db.execute<{ id: string }>(
        sql`SELECT id FROM (${group(0, n, sql`pair_key >= ${from}`)} UNION ALL ${group(1, n, sql`pair_key < ${from}`)}) g ORDER BY part, pair_key`,
      );
      return rows.map((row) => row.id).find(accept) ?? null;
    },
  };
}

/** A pair of entries for this resident: never their own, favouring few comparisons, not one they saw. */
export async function nextPair(db: Executor, voter: Voter, slug: string) {
  const campaign = await campaignRules(db, { slug });
  assertStageAllows(campaign, 'pairwise');
  const shown = await db
    .select({ leftId: pairTokens.leftId, rightId: pairTokens.rightId })
    .from(pairTokens)
    .where(and(eq(pairTokens.userId, voter.id), eq(pairTokens.campaignId, campaign.id)));
  const seen = new Set(shown.map((p) => pairKey(p.leftId, p.rightId)));
  const counts = await histogram(db, campaign.id);
  // In a big campaign, sample by comparison count; when sampling finds no unseen pair, or in a
  // small campaign, read every candidate.
  const sampled = counts.candidates >= SAMPLE_FROM ? await sampledPair(databaseSource(db, campaign.id, voter.id, counts.counts), seen) : null;
  const pair = sampled ?? choosePair(await allCandidates(db, campaign.id, voter.id), seen);
  if (!pair) throw new AppError('conflict', 409, 'You have compared every pair there is for now. Thank you! Come back when there are new entries.');
  const token = randomBytes(24).toString('base64url');
  await db.insert(pairTokens).values({ token, campaignId: campaign.id, userId: voter.id, leftId: pair[0], rightId: pair[1] });
  const entries = await db
    .select({ id: submissions.id, phrase: submissions.phrase, explanation: submissions.explanation })
    .from(submissions)
    .where(inArray(submissions.id, pair));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return { token, left: byId.get(pair[0])!, right: byId.get(pair[1])! };
}

function allCandidates(db: Executor, campaignId: string, voterId: string) {
  return db
    .select({ id: submissions.id, comparisons: submissions.comparisonCount })
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaignId), inArray(submissions.status, [...SUBMISSION_STATUS_SETS.listed]), ne(submissions.authorId, voterId)));
}

/** Records an answer once per token; replayed or foreign tokens are refused and kept as invalid. */
export async function answerPair(db: Executor, voter: Voter, slug: string, token: string, choice: 'left' | 'right' | 'skip') {
  const campaign = await campaignRules(db, { slug });
  assertStageAllows(campaign, 'pairwise');
  const [issued] = await db.select().from(pairTokens).where(and(eq(pairTokens.token, token), eq(pairTokens.campaignId, campaign.id)));
  if (!issued) {
    throw new AppError('validation_failed', 400, 'This pair token is unknown: ask for a new pair.', { errors: [{ path: 'body.token', message: 'unknown token' }] });
  }
  const record = (valid: boolean, invalidReason: string | null) => ({
    campaignId: campaign.id,
    userId: voter.id,
    token,
    leftId: issued.leftId,
    rightId: issued.rightId,
    choice,
    valid,
    invalidReason,
  });
  if (issued.userId !== voter.id) {
    await db.insert(comparisons).values(record(false, 'foreign_token'));
    throw forbidden('This pair was given to someone else. Ask for a pair of your own.');
  }
  const counted = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(pairTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(pairTokens.token, token), isNull(pairTokens.usedAt)))
      .returning({ token: pairTokens.token });
    if (!claimed) return false;
    await tx.insert(comparisons).values(record(true, null));
    await tx
      .update(submissions)
      .set({ comparisonCount: sql`${submissions.comparisonCount} + 1`, pairKey: sql`random()` })
      .where(or(eq(submissions.id, issued.leftId), eq(submissions.id, issued.rightId)));
    return true;
  });
  if (!counted) {
    await db.insert(comparisons).values(record(false, 'replayed_token'));
    throw new AppError('conflict', 409, 'This pair was already answered; each pair counts once. Ask for a new pair.');
  }
}

// Ranking -------------------------------------------------------------------------------------

/** The whole ranking of a fit; pages are cut from it. */
type FullRanking = Omit<Ranking, 'nextCursor'>;
const rankingCursorSchema = z.object({ offset: z.number().int().min(0).max(100_000_000) });

type CachedFit = {
  ranking: FullRanking;
  strengths: Map<string, number>;
  /** Each compared entry's score (0–100); entries not yet in a comparison with a winner have none. */
  scores: Map<string, number>;
  /** The same entries' scores with their 95 % intervals. */
  standings: Map<string, Standing>;
  lastComparisonId: number;
  fittedAt: number;
  tookMs: number;
};
const REFIT_AFTER_MS = 3000;

/**
 * A big campaign's fit takes seconds of CPU (3.1 s for 20 000 entries and 400 000 comparisons):
 * it then waits twice its own computing time, so refits of one campaign take at most a third of
 * the process's time.
 */
const refitAfter = (fit: CachedFit) => Math.max(REFIT_AFTER_MS, 2 * fit.tookMs);

/**
 * Fits Bradley–Terry for a campaign from all valid comparisons with a winner, warm-started from the
 * previous fit. Kept per process and refreshed at most every few seconds; requests in between get
 * the latest fit, and only one refit runs at a time. The fit runs in slices of 10 ms, between which
 * the process serves requests.
 */
export function rankingCache(db: Executor) {
  const fits = new Map<string, CachedFit>();
  const running = new Map<string, Promise<CachedFit>>();

  async function fit(campaignId: string, previous: CachedFit | undefined): Promise<CachedFit> {
    const entries = await db
      .select({ id: submissions.id, phrase: submissions.phrase, comparisons: submissions.comparisonCount })
      .from(submissions)
      .where(and(eq(submissions.campaignId, campaignId), inArray(submissions.status, [...SUBMISSION_STATUS_SETS.listed])));
    const { rows } = await db.execute<{ winner: string; loser: string; wins: string; last: string }>(sql`
      SELECT CASE WHEN choice = 'left' THEN left_id ELSE right_id END AS winner,
             CASE WHEN choice = 'left' THEN right_id ELSE left_id END AS loser,
             count(*) AS wins, max(id) AS last
      FROM comparisons WHERE campaign_id = ${campaignId} AND valid AND choice <> 'skip'
      GROUP BY 1, 2`);
    // A merged entry's comparisons count for the entry it was merged into (restoring it gives them back).
    const { rows: merged } = await db.execute<{ id: string; into: string }>(sql`
      SELECT id, merged_into_id AS into FROM submissions WHERE campaign_id = ${campaignId} AND status = 'merged' AND merged_into_id IS NOT NULL`);
    const into = new Map(merged.map((entry) => [entry.id, entry.into]));
    const index = new Map(entries.map((entry, i) => [entry.id, i]));
    const outcomes: Outcome[] = [];
    const wins = new Array<number>(entries.length).fill(0);
    const losses = new Array<number>(entries.length).fill(0);
    let total = 0;
    let lastComparisonId = 0;
    for (const row of rows) {
      lastComparisonId = Math.max(lastComparisonId, Number(row.last));
      const winner = index.get(into.get(row.winner) ?? row.winner);
      const loser = index.get(into.get(row.loser) ?? row.loser);
      if (winner === undefined || loser === undefined || winner === loser) continue; // an entry hidden since, or a pair merged into one
      const count = Number(row.wins);
      outcomes.push({ winner, loser, wins: count });
      wins[winner]! += count;
      losses[loser]! += count;
      total += count;
    }
    const start = previous ? Float64Array.from(entries, (entry) => previous.strengths.get(entry.id) ?? 1) : undefined;
    const result = await fitBradleyTerryInSlices(entries.length, outcomes, start);
    const items = entries
      .map((entry, i) => ({
        submission: { id: entry.id, phrase: entry.phrase },
        score: round(result.scores[i]!.score),
        low: round(result.scores[i]!.low),
        high: round(result.scores[i]!.high),
        wins: wins[i]!,
        losses: losses[i]!,
        comparisons: entry.comparisons,
      }))
      .sort((a, b) => b.score - a.score || b.comparisons - a.comparisons || (a.submission.id < b.submission.id ? -1 : 1))
      .map((item, index) => ({ rank: index + 1, ...item }));
    const fittedAt = Date.now();
    const scored = items.filter((item) => item.wins + item.losses > 0);
    return {
      ranking: { items, comparisons: total, fittedAt: new Date(fittedAt).toISOString() },
      strengths: new Map(entries.map((entry, i) => [entry.id, result.strengths[i]!])),
      scores: new Map(scored.map((item) => [item.submission.id, item.score])),
      standings: new Map(scored.map((item) => [item.submission.id, { score: item.score, low: item.low, high: item.high }])),
      lastComparisonId,
      fittedAt,
      tookMs: result.computeMs,
    };
  }

  function refresh(campaignId: string): Promise<CachedFit> {
    const inFlight = running.get(campaignId);
    if (inFlight) return inFlight;
    const job = fit(campaignId, fits.get(campaignId))
      .then((result) => {
        fits.set(campaignId, result);
        return result;
      })
      .finally(() => running.delete(campaignId));
    running.set(campaignId, job);
    return job;
  }

  async function latest(campaignId: string): Promise<CachedFit> {
    const cached = fits.get(campaignId);
    if (!cached) return refresh(campaignId);
    if (Date.now() - cached.fittedAt > refitAfter(cached)) void refresh(campaignId).catch(() => undefined);
    return cached;
  }

  /** A page of the latest fit; a cursor is the rank to go on from (in a newer fit, if one came). */
  async function ranking(slug: string, page: { limit: number; cursor?: string | undefined }): Promise<Ranking> {
    const campaign = await campaignRules(db, { slug });
    const after = page.cursor ? decodeCursor(page.cursor, rankingCursorSchema) : null;
    const { ranking: fit } = await latest(campaign.id);
    const from = after?.offset ?? 0;
    const items = fit.items.slice(from, from + page.limit);
    const more = from + page.limit < fit.items.length;
    return { ...fit, items, nextCursor: more ? encodeCursor({ offset: from + page.limit }) : null };
  }

  /** The latest fit's scores of a campaign's entries, by entry id, for features that show an entry's score. */
  async function scores(campaignId: string): Promise<ReadonlyMap<string, number>> {
    return (await latest(campaignId)).scores;
  }

  /** The latest fit's scores with their intervals, by entry id (compared entries only). */
  async function standings(campaignId: string): Promise<ReadonlyMap<string, Standing>> {
    return (await latest(campaignId)).standings;
  }

  return { ranking, scores, standings };
}

/** An entry's pairwise score (0–100) and its 95 % interval. */
export type Standing = { score: number; low: number; high: number };

export type RankingCache = ReturnType<typeof rankingCache>;

const round = (value: number) => Math.round(value * 10) / 10;
