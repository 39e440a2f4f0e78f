import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/client.ts';
import { statusIn } from '../../db/status-sql.ts';
import { campaignRules } from '../campaigns/service.ts';
import { findSimilar } from '../submissions/similar.ts';

/** From this similarity on (the similar-phrase measure, 0–1), two entries are candidates for a merge. */
export const DUPLICATE_SIMILARITY = 0.5;
const NEIGHBOURS = 20;

/**
 * Looks up the similar entries of up to `batch` entries not yet checked (new, or edited since) and
 * keeps the pairs above DUPLICATE_SIMILARITY. The lookup holds no lock; each entry's pairs are
 * then written in a short transaction that only applies if the entry is unchanged and still
 * unchecked, so an edit meanwhile (or another instance) is never overwritten. Returns how many
 * entries it checked.
 */
export async function refreshSimilarPairs(db: Database, batch = 100): Promise<number> {
  const { rows } = await db.execute<{ id: string; campaign_id: string; phrase: string; updated_at: string }>(sql`
    SELECT id, campaign_id, phrase, updated_at::text AS updated_at FROM submissions
    WHERE pairs_checked_at IS NULL AND ${statusIn('status', 'listed')}
    ORDER BY created_at LIMIT ${batch}`);
  let checked = 0;
  for (const entry of rows) {
    const similar = (await findSimilar(db, entry.campaign_id, entry.phrase, { limit: NEIGHBOURS, excludeId: entry.id })).filter(
      (other) => other.similarity >= DUPLICATE_SIMILARITY,
    );
    await db.transaction(async (tx) => {
      const { rows: claimed } = await tx.execute(sql`
        UPDATE submissions SET pairs_checked_at = now()
        WHERE id = ${entry.id} AND pairs_checked_at IS NULL AND updated_at = ${entry.updated_at}::timestamptz RETURNING id`);
      if (claimed.length === 0) return;
      checked++;
      for (const other of similar) {
        const [low, high] = entry.id < other.id ? [entry.id, other.id] : [other.id, entry.id];
        await tx.execute(sql`
          INSERT INTO similar_pairs (campaign_id, low_id, high_id, similarity) VALUES (${entry.campaign_id}, ${low}, ${high}, ${other.similarity})
          ON CONFLICT (low_id, high_id) DO UPDATE SET similarity = EXCLUDED.similarity`);
      }
    });
  }
  return checked;
}

/** Forgets an entry's pairs when its phrase changes; the refresh looks it up again. */
export async function forgetSimilarPairs(tx: Executor, submissionId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM similar_pairs WHERE low_id = ${submissionId} OR high_id = ${submissionId}`);
}

/** Runs the refresh every few seconds, off the request path (at once again while there is a backlog). */
export function scheduleSimilarPairs(db: Database, log: FastifyBaseLogger, intervalMs = 2_000): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    let checked = 0;
    try {
      checked = await refreshSimilarPairs(db);
    } catch (error) {
      if (!stopped) log.warn({ err: error }, 'similar pairs not refreshed');
    }
    if (!stopped) {
      timer = setTimeout(() => (running = run()), checked > 0 ? 200 : intervalMs);
      timer.unref();
    }
  };
  timer = setTimeout(() => (running = run()), intervalMs);
  timer.unref();
  // Stopping waits for a refresh under way, so that the database pool is not closed under it.
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

type ClusterEntry = { id: string; phrase: string; voteCount: number; similarity: number };

/**
 * Listed entries of a campaign grouped by the kept pairs: each cluster is an entry (the most
 * supported not yet in a cluster) with the entries paired with it, largest clusters first, then by
 * their votes. Each member's similarity is to that entry; that entry's, its highest to a member.
 * Reads the pairs, never compares entries.
 */
export async function duplicateClusters(db: Executor, slug: string, limit = 50): Promise<{ items: { entries: ClusterEntry[] }[]; pending: number }> {
  const campaign = await campaignRules(db, { slug });
  const [{ rows: pairs }, { rows: pending }] = await Promise.all([
    db.execute<{ low_id: string; high_id: string; similarity: number; low_phrase: string; high_phrase: string; low_votes: number; high_votes: number }>(sql`
      SELECT p.low_id, p.high_id, p.similarity, a.phrase AS low_phrase, b.phrase AS high_phrase, a.vote_count AS low_votes, b.vote_count AS high_votes
      FROM similar_pairs p JOIN submissions a ON a.id = p.low_id JOIN submissions b ON b.id = p.high_id
      WHERE p.campaign_id = ${campaign.id} AND ${statusIn('a.status', 'listed')} AND ${statusIn('b.status', 'listed')}`),
    db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM submissions WHERE campaign_id = ${campaign.id} AND pairs_checked_at IS NULL AND ${statusIn('status', 'listed')}`),
  ]);
  const entries = new Map<string, Omit<ClusterEntry, 'similarity'>>();
  const neighbours = new Map<string, Map<string, number>>();
  for (const pair of pairs) {
    for (const [id, phrase, votes, other] of [
      [pair.low_id, pair.low_phrase, pair.low_votes, pair.high_id],
      [pair.high_id, pair.high_phrase, pair.high_votes, pair.low_id],
    ] as const) {
      entries.set(id, { id, phrase, voteCount: Number(votes) });
      neighbours.set(id, (neighbours.get(id) ?? new Map()).set(other, Number(pair.similarity)));
    }
  }
  // Around the most supported entry not yet placed, the others paired with it directly: every member is
  // similar to the entry a merge keeps. (Joining pairs transitively chained "A，B" to "A" and "B" and so
  // on, until most of a campaign was one cluster.)
  const byVotes = [...entries.values()].sort((a, b) => b.voteCount - a.voteCount || (a.id < b.id ? -1 : 1));
  const placed = new Set<string>();
  const clusters: ClusterEntry[][] = [];
  for (const centre of byVotes) {
    if (placed.has(centre.id)) continue;
    const around = neighbours.get(centre.id)!;
    // Its own neighbours only (not every entry): the whole grouping is linear in the pairs.
    const members = [...around]
      .filter(([id]) => !placed.has(id))
      .map(([id, similarity]) => ({ ...entries.get(id)!, similarity }));
    if (members.length === 0) continue;
    placed.add(centre.id);
    for (const member of members) placed.add(member.id);
    clusters.push([{ ...centre, similarity: Math.max(...members.map((member) => member.similarity)) }, ...members]);
  }
  const votes = (members: ClusterEntry[]) => members.reduce((sum, entry) => sum + entry.voteCount, 0);
  const items = clusters
    .map((members) => members.sort((a, b) => b.voteCount - a.voteCount || b.similarity - a.similarity || (a.id < b.id ? -1 : 1)))
    .sort((a, b) => b.length - a.length || votes(b) - votes(a) || (a[0]!.id < b[0]!.id ? -1 : 1))
    .slice(0, limit)
    .map((members) => ({ entries: members }));
  return { items, pending: Number(pending[0]!.n) };
}

type Clusters = Awaited<ReturnType<typeof duplicateClusters>>;

/** How long a campaign's clusters are served from memory before they are computed again in the background. */
export const CLUSTERS_FRESH_MS = 15_000;

/**
 * The clusters per campaign, kept in the process and computed again at most every
 * CLUSTERS_FRESH_MS, in the background while the last copy is served (computing them reads every
 * kept pair of the campaign: 340 ms at 52 000 pairs). A merge or a hide through this instance drops
 * its copy, so the moderator who acted sees the change at once; other instances within 15 s.
 */
export function clusterCache(db: Executor) {
  const copies = new Map<string, { at: number; clusters: Clusters }>();
  const running = new Map<string, Promise<Clusters>>();
  const compute = (slug: string) => {
    const inFlight = running.get(slug);
    if (inFlight) return inFlight;
    const job = duplicateClusters(db, slug)
      .then((clusters) => {
        copies.set(slug, { at: Date.now(), clusters });
        return clusters;
      })
      .finally(() => running.delete(slug));
    running.set(slug, job);
    return job;
  };
  return {
    async get(slug: string): Promise<Clusters> {
      const copy = copies.get(slug);
      if (!copy) return compute(slug);
      if (Date.now() - copy.at > CLUSTERS_FRESH_MS) void compute(slug).catch(() => undefined);
      return copy.clusters;
    },
    forget(slug: string): void {
      copies.delete(slug);
    },
  };
}
