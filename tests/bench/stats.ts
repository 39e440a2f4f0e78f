// `npm run bench -- stats`: GET …/stats and …/consensus of a campaign of BENCH_STATS_ENTRIES entries
// (default 1 000 000) with votes, comments and comparisons over 60 days and the 38 districts. The rows
// are loaded in SQL with the triggers off, then the insights are counted once from them
// (rebuild_campaign_insights, as migration 0019 does), so the load takes minutes, not hours.
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { phraseTerms } from '../../server/src/modules/insights/terms.ts';
import { fullLoad } from './paced.ts';

const SEQUENTIAL_REQUESTS = 300;

async function seedPhrases(): Promise<{ phrase: string; terms: string[] }[]> {
  const seeds = JSON.parse(await readFile(new URL('../../seeds/phrases.json', import.meta.url), 'utf8')) as { phrase: string }[];
  return seeds.map(({ phrase }) => ({ phrase, terms: phraseTerms(phrase) }));
}

/** Entries, accounts, votes, comments, comparisons and reports of one campaign, straight in the tables. */
export async function loadStatsCampaign(db: Database, campaignId: string, entries: number): Promise<void> {
  const phrases = await seedPhrases();
  const accounts = Math.max(100, Math.round(entries / 4));
  await db.transaction(async (tx) => {
    // Triggers (and foreign keys) off for the load; the insights are counted once afterwards.
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`
      INSERT INTO users (display_name, district_code)
      SELECT 'Stats voice ' || g, CASE WHEN g % 10 = 0 THEN NULL ELSE (SELECT code FROM districts ORDER BY code OFFSET g % 38 LIMIT 1) END
      FROM generate_series(1::bigint, ${accounts}) g`);
    await tx.execute(sql`CREATE TEMP TABLE stats_voices ON COMMIT DROP AS
      SELECT id, district_code, row_number() OVER (ORDER BY id) AS k FROM users WHERE display_name LIKE 'Stats voice %'`);
    await tx.execute(sql`CREATE UNIQUE INDEX ON stats_voices (k)`);
    await tx.execute(sql`CREATE TEMP TABLE stats_phrases ON COMMIT DROP AS
      SELECT (row_number() OVER ()) - 1 AS k, p.phrase, ARRAY(SELECT jsonb_array_elements_text(p.terms)) AS terms
      FROM jsonb_to_recordset(${JSON.stringify(phrases)}::jsonb) AS p(phrase text, terms jsonb)`);
    // Entries over 60 days; 3 % hidden, 2 % withdrawn; a district on nine in ten.
    await tx.execute(sql`
      INSERT INTO submissions (campaign_id, author_id, phrase, language, district_code, status, normalized, terms, created_at)
      SELECT ${campaignId}, v.id, p.phrase, 'zh', v.district_code,
        (CASE WHEN g % 100 < 3 THEN 'hidden' WHEN g % 100 < 5 THEN 'withdrawn' ELSE 'published' END)::submission_status,
        'stats-' || g, p.terms, now() - (g % 60) * interval '1 day' - (g % 1440) * interval '1 minute'
      FROM generate_series(1::bigint, ${entries}) g
      JOIN stats_voices v ON v.k = 1 + (g * 7919) % ${accounts}
      JOIN stats_phrases p ON p.k = g % ${phrases.length}`);
    await tx.execute(sql`CREATE TEMP TABLE stats_entries ON COMMIT DROP AS
      SELECT id, created_at, row_number() OVER (ORDER BY id) AS k FROM submissions WHERE campaign_id = ${campaignId} AND normalized LIKE 'stats-%'`);
    await tx.execute(sql`CREATE UNIQUE INDEX ON stats_entries (k)`);
    // Two votes per entry on average, from accounts spread over the districts.
    await tx.execute(sql`
      INSERT INTO votes (user_id, submission_id, campaign_id, created_at)
      SELECT v.id, e.id, ${campaignId}, e.created_at + (g % 97) * interval '1 hour'
      FROM generate_series(1::bigint, ${entries * 2}) g
      JOIN stats_entries e ON e.k = 1 + floor(power(((g * 2654435761::bigint) % 1000003) / 1000003.0, 2) * ${entries})::bigint
      JOIN stats_voices v ON v.k = 1 + (g * 104729) % ${accounts}
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO comments (campaign_id, target_type, target_id, depth, author_id, stance, body, created_at, deleted_at)
      SELECT ${campaignId}, 'submission', e.id, 1, v.id, (ARRAY['support','oppose','neutral'])[1 + g % 3]::comment_stance,
        '说得好，' || g, e.created_at + (g % 50) * interval '1 hour', CASE WHEN g % 50 = 0 THEN now() END
      FROM generate_series(1::bigint, ${Math.round(entries / 2)}) g
      JOIN stats_entries e ON e.k = 1 + (g * 31) % ${entries}
      JOIN stats_voices v ON v.k = 1 + (g * 7) % ${accounts}`);
    await tx.execute(sql`
      INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid, created_at)
      SELECT ${campaignId}, v.id, 'stats-' || g, a.id, b.id, 'left', g % 20 <> 0, a.created_at + interval '1 day'
      FROM generate_series(1::bigint, ${Math.round(entries / 2)}) g
      JOIN stats_entries a ON a.k = 1 + (g * 13) % ${entries}
      JOIN stats_entries b ON b.k = 1 + (g * 17) % ${entries}
      JOIN stats_voices v ON v.k = 1 + (g * 11) % ${accounts}`);
    await tx.execute(sql`
      INSERT INTO reports (campaign_id, target_type, target_id, reporter_id, reason, created_at, resolved_at)
      SELECT ${campaignId}, 'submission', e.id, v.id, 'spam', e.created_at, CASE WHEN g % 2 = 0 THEN e.created_at + (g % 300) * interval '1 minute' END
      FROM generate_series(1::bigint, ${Math.max(10, Math.round(entries / 1000))}) g
      JOIN stats_entries e ON e.k = 1 + (g * 101) % ${entries}
      JOIN stats_voices v ON v.k = 1 + (g * 3) % ${accounts}
      ON CONFLICT DO NOTHING`);
    // A shortlist of 40 of the most supported entries, with their vote counts.
    await tx.execute(sql`
      UPDATE submissions s SET status = 'shortlisted', vote_count = t.n FROM (
        SELECT submission_id, count(*)::int AS n FROM votes WHERE campaign_id = ${campaignId} GROUP BY submission_id ORDER BY count(*) DESC LIMIT 40) t
      WHERE s.id = t.submission_id`);
  });
  // The counts of migration 0007 and 0019, from the rows as they now are.
  await db.execute(sql`DELETE FROM campaign_participants WHERE campaign_id = ${campaignId}`);
  await db.execute(sql`DELETE FROM campaign_districts WHERE campaign_id = ${campaignId}`);
  await db.execute(sql`
    INSERT INTO campaign_participants (campaign_id, author_id, entries)
    SELECT campaign_id, author_id, count(*) FROM submissions WHERE campaign_id = ${campaignId} AND status IN ('published', 'shortlisted', 'merged') GROUP BY 1, 2`);
  await db.execute(sql`
    INSERT INTO campaign_districts (campaign_id, district_code, entries)
    SELECT campaign_id, district_code, count(*) FROM submissions
    WHERE campaign_id = ${campaignId} AND status IN ('published', 'shortlisted', 'merged') AND district_code IS NOT NULL GROUP BY 1, 2`);
  await db.execute(sql`
    UPDATE campaign_counts SET submissions = (SELECT sum(entries) FROM campaign_participants WHERE campaign_id = ${campaignId}),
      participants = (SELECT count(*) FROM campaign_participants WHERE campaign_id = ${campaignId} AND entries > 0),
      districts = (SELECT count(*) FROM campaign_districts WHERE campaign_id = ${campaignId} AND entries > 0)
    WHERE campaign_id = ${campaignId}`);
  await db.execute(sql`SELECT rebuild_campaign_insights()`);
  await db.execute(sql`VACUUM ANALYZE`);
}

function percentiles(timings: number[]): (q: number) => string {
  const sorted = [...timings].sort((a, b) => a - b);
  return (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
}

/** One request at a time: p50, p95, p99 of the whole round trip. */
async function timed(url: string, requests: number): Promise<string> {
  for (let i = 0; i < 20; i++) await (await fetch(url)).arrayBuffer();
  const timings: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    timings.push(performance.now() - t0);
  }
  const at = percentiles(timings);
  return `p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms`;
}

export async function statsBenchmark(db: Database, baseUrl: string, seconds: number, connections: number, entries = 1_000_000): Promise<string> {
  const { rows } = await db.execute<{ id: string; slug: string }>(sql`SELECT id, slug FROM campaigns WHERE slug = 'chongqing-spirit'`);
  const campaign = rows[0]!;
  const started = performance.now();
  await loadStatsCampaign(db, campaign.id, entries);
  const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [`stats      ${entries} entries, ~${entries * 2} votes, ${entries / 2} comments and comparisons loaded and counted in ${loadSeconds} s (target p95 ≤ 50 ms)`];
  for (const route of ['stats', 'consensus']) {
    const path = `/api/campaigns/${campaign.slug}/${route}`;
    const sequential = await timed(`${baseUrl}${path}`, SEQUENTIAL_REQUESTS);
    const full = await fullLoad({ baseUrl, seconds, connections, next: () => ({ method: 'GET', path, headers: {} }) });
    lines.push(
      `  GET ${route.padEnd(9)} one at a time: ${sequential};  ${connections} connections: ${Math.round(full.rate)} req/s, p50 ${full.latency.p50} ms  p99 ${full.latency.p99} ms  failures ${full.failures}`,
    );
  }
  return lines.join('\n');
}
