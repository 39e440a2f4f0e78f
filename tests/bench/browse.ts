// Reading a big campaign: its counts (the home page, every 15 seconds) and the first page of each
// browse order, after votes like those of a busy week (run by the similar scenario, which loads the
// entries).
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { getCampaign } from '../../server/src/modules/campaigns/service.ts';
import { listSubmissions } from '../../server/src/modules/submissions/service.ts';
import { nextPair } from '../../server/src/modules/pairwise/service.ts';
import { submissionListQuerySchema } from '@city-spirit/shared';

const VOTERS = 2_000;
const VOTES = 40_000;

/** Votes of the last seven days on random entries, with counters to match. */
async function castWeekOfVotes(db: Database, campaignId: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO users (display_name) SELECT 'Browse voter ' || g FROM generate_series(1, ${VOTERS}) g`);
  // A few entries draw most of the votes (the entry's rank drawn as N·r³), as on a real campaign.
  await db.execute(sql`
    WITH e AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM submissions WHERE campaign_id = ${campaignId}::uuid),
         u AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM users WHERE display_name LIKE 'Browse voter %'),
         n AS (SELECT count(*) AS entries FROM e),
         picks AS (
           SELECT 1 + floor(random() * ${VOTERS})::bigint AS uk, 1 + floor(power(random(), 3) * n.entries)::bigint AS ek,
             now() - random() * interval '7 days' AS at
           FROM generate_series(1, ${VOTES}), n)
    INSERT INTO votes (user_id, submission_id, campaign_id, created_at)
    SELECT u.id, e.id, ${campaignId}::uuid, p.at FROM picks p JOIN u ON u.k = p.uk JOIN e ON e.k = p.ek
    ON CONFLICT DO NOTHING`);
  await db.execute(sql`
    UPDATE submissions s SET vote_count = v.n FROM (SELECT submission_id, count(*)::integer AS n FROM votes GROUP BY submission_id) v
    WHERE v.submission_id = s.id AND s.vote_count <> v.n`);
  await db.execute(sql`VACUUM ANALYZE votes, submissions`);
}

/** p50 and a tail percentile (p95, or p99) of a call's time over `times` runs after five warm-ups. */
export async function timed(run: () => Promise<unknown>, times = 30, tail: 'p95' | 'p99' = 'p95'): Promise<string> {
  for (let i = 0; i < 5; i++) await run();
  const timings: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    timings.push(performance.now() - t0);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
  return tail === 'p99' ? `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms` : `p50 ${at(0.5)} ms  p95 ${at(0.95)} ms`;
}

export async function browseBenchmark(db: Database, entries: number): Promise<string> {
  const [campaign] = await db.execute<{ id: string; slug: string }>(sql`SELECT id, slug FROM campaigns LIMIT 1`).then((r) => r.rows);
  await db.execute(sql`UPDATE campaigns SET stage = 'discuss' WHERE id = ${campaign!.id}`);
  await castWeekOfVotes(db, campaign!.id);
  const { rows } = await db.execute<{ votes: number }>(sql`SELECT count(*)::integer AS votes FROM votes`);
  const lines = [`browse     ${entries} entries and ${rows[0]!.votes} votes over the last seven days, one campaign, anonymous reader:`];
  lines.push(`           the campaign with its counts (GET /api/campaigns/:slug without HTTP): ${await timed(() => getCampaign(db, campaign!.slug))}`);
  for (const sort of ['new', 'top', 'trending', 'random'] as const) {
    const query = submissionListQuerySchema.parse({ sort });
    let first = 0;
    const firstPage = await timed(async () => {
      const page = await listSubmissions(db, null, campaign!.slug, query);
      first = page.items.length;
    });
    const page = await listSubmissions(db, null, campaign!.slug, query);
    const next = submissionListQuerySchema.parse({ sort, cursor: page.nextCursor, ...(page.seed && { seed: page.seed }) });
    lines.push(`           first page of sort=${sort} (${first} entries): ${firstPage}; the next page: ${await timed(() => listSubmissions(db, null, campaign!.slug, next))}`);
  }
  const [voter] = (await db.execute<{ id: string }>(sql`SELECT id FROM users WHERE display_name = 'Browse voter 1'`)).rows;
  lines.push(`           a pair to compare (GET /api/campaigns/:slug/pair without HTTP), one resident asking again and again: ${await timed(() => nextPair(db, { id: voter!.id, role: 'resident' }, campaign!.slug))}`);
  return lines.join('\n');
}
