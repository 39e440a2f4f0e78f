// The moderators' queue of a big campaign (run by the similar scenario, which loads the entries):
// 1 000 reports from 1 000 reporters spread over entries and comments, some hidden by reports, a few
// appeals and pending entries; a page of the queue, every kind together and each kind alone.
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { moderationQueue } from '../../server/src/modules/moderation/queue.ts';
import { duplicateClusters, refreshSimilarPairs } from '../../server/src/modules/moderation/duplicates.ts';
import { queueQuerySchema } from '@city-spirit/shared';
import { timed } from './browse.ts';

const REPORTS = 1_000;


export async function moderationBenchmark(db: Database, entries: number): Promise<string> {
  const [campaign] = (await db.execute<{ id: string; slug: string }>(sql`SELECT id, slug FROM campaigns LIMIT 1`)).rows;
  const id = campaign!.id;
  await db.execute(sql`INSERT INTO users (display_name) SELECT 'Reporter ' || g FROM generate_series(1, ${REPORTS}) g`);
  // Reports on 400 entries (a few draw many), each reporter once per entry.
  await db.execute(sql`
    WITH e AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM submissions WHERE campaign_id = ${id} AND status = 'published' LIMIT 400),
         r AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM users WHERE display_name LIKE 'Reporter %')
    INSERT INTO reports (campaign_id, target_type, target_id, reporter_id, reason, created_at)
    SELECT ${id}, 'submission', e.id, r.id, (ARRAY['spam','offensive','off_topic','duplicate','other'])[1 + r.k % 5]::report_reason, now() - (r.k || ' minutes')::interval
    FROM r JOIN e ON e.k = 1 + floor(power((r.k * 0.6180339887) % 1, 2) * 400)::bigint
    ON CONFLICT DO NOTHING`);
  // Twenty of them hidden by reports, five of those appealed; fifty entries awaiting approval.
  await db.execute(sql`
    WITH hidden AS (
      UPDATE submissions SET status = 'hidden' WHERE id IN (SELECT target_id FROM reports GROUP BY target_id ORDER BY count(*) DESC LIMIT 20) RETURNING id, author_id)
    INSERT INTO moderation_actions (campaign_id, target_type, target_id, target_author_id, action, reason, actor_role, details)
    SELECT ${id}, 'submission', id, author_id, 'hide', 'Hidden automatically after 5 reports', NULL, '{"automatic":true}' FROM hidden`);
  await db.execute(sql`
    INSERT INTO appeals (action_id, author_id, note) SELECT id, target_author_id, 'Please look again' FROM moderation_actions WHERE campaign_id = ${id} LIMIT 5`);
  await db.execute(sql`
    UPDATE submissions SET status = 'pending', pending_reason = 'pre_moderation' WHERE id IN (SELECT id FROM submissions WHERE campaign_id = ${id} AND status = 'published' ORDER BY created_at DESC LIMIT 50)`);
  await db.execute(sql`VACUUM ANALYZE reports, moderation_actions, appeals, submissions`);
  const { rows } = await db.execute<{ reports: string; targets: string }>(sql`SELECT count(*) AS reports, count(DISTINCT target_id) AS targets FROM reports`);
  const lines = [`queue      ${entries} entries, ${rows[0]!.reports} open reports on ${rows[0]!.targets} entries, 20 hidden by reports (5 appealed), 50 pending; a page of 20 (moderationQueue without HTTP):`];
  for (const kind of [undefined, 'hidden', 'appealed', 'reported', 'pending'] as const) {
    const query = queueQuerySchema.parse({ campaign: campaign!.slug, ...(kind && { kind }) });
    const first = await moderationQueue(db, query);
    const next = first.nextCursor ? queueQuerySchema.parse({ ...query, cursor: first.nextCursor }) : null;
    lines.push(
      `           ${kind ?? 'every kind'}: first page ${await timed(() => moderationQueue(db, query), 50, 'p99')}${next ? `; next page ${await timed(() => moderationQueue(db, next), 50, 'p99')}` : ''} (target p99 ≤ 50 ms)`,
    );
  }
  // The duplicate clusters: every entry's similar entries looked up as the background job does, then the clusters read.
  const started = performance.now();
  let checked = 0;
  // Looking up all 100 000 takes about half an hour at the measured rate: a part is looked up, the rest marked done.
  const toCheck = Number(process.env.BENCH_CLUSTER_ENTRIES ?? 10_000);
  await db.execute(sql`UPDATE submissions SET pairs_checked_at = now() WHERE id NOT IN (SELECT id FROM submissions ORDER BY created_at LIMIT ${toCheck})`);
  for (let n = await refreshSimilarPairs(db, 1000); n > 0; n = await refreshSimilarPairs(db, 1000)) checked += n;
  const seconds = (performance.now() - started) / 1000;
  const { rows: pairs } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM similar_pairs`);
  const clusters = await duplicateClusters(db, campaign!.slug);
  lines.push(
    `clusters   similar entries looked up for ${checked} of ${entries} entries (BENCH_CLUSTER_ENTRIES) in ${seconds.toFixed(0)} s (${Math.round(checked / seconds)} entries/s, one process), ${pairs[0]!.n} pairs kept; ${clusters.items.length} clusters shown (largest ${clusters.items[0]?.entries.length ?? 0} entries)`,
  );
  lines.push(`           GET duplicate-clusters without HTTP: ${await timed(() => duplicateClusters(db, campaign!.slug), 20, 'p99')} (target p99 ≤ 50 ms)`);
  return lines.join('\n');
}
