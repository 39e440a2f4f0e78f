// `npm run bench -- fit`: the pairwise ranking fit for 300 entries and 1 000 000 comparisons,
// from the database (aggregation included), cold and warm-started.
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { campaigns, submissions, users } from '../../server/src/db/schema.ts';
import { rankingCache } from '../../server/src/modules/pairwise/service.ts';
import { fitBradleyTerryInSlices, type Outcome } from '../../server/src/modules/pairwise/bradley-terry.ts';
import { seededRandom } from '../helpers/random.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';

export async function fitBenchmark(db: Database, entries = 300, total = 1_000_000): Promise<string> {
  const [campaign] = await db.select().from(campaigns).limit(1);
  const [author] = await db.select().from(users).limit(1);
  await db.execute(sql`UPDATE campaigns SET stage = 'discuss' WHERE id = ${campaign!.id}`);
  await db.insert(submissions).values(
    Array.from({ length: entries }, (_, i) => ({
      campaignId: campaign!.id,
      authorId: author!.id,
      phrase: `排名测试${i}`,
      language: 'zh',
      ...textIndexColumns(`排名测试${i}`, ''),
    })),
  );
  const started = performance.now();
  // Entry k's true strength grows with k; the left one wins with probability p_l / (p_l + p_r).
  await db.execute(sql`
    WITH ids AS (SELECT id, row_number() OVER (ORDER BY phrase) AS k FROM submissions WHERE phrase LIKE '排名测试%'),
    picks AS (SELECT g, 1 + floor(random() * ${entries})::int AS a, 1 + floor(random() * ${entries})::int AS b FROM generate_series(1, ${total}) g)
    INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid)
    SELECT ${campaign!.id}, ${author!.id}, 'bench-' || p.g, l.id, r.id,
           (CASE WHEN random() < exp(p.a / 60.0) / (exp(p.a / 60.0) + exp(p.b / 60.0)) THEN 'left' ELSE 'right' END)::pair_choice, true
    FROM picks p JOIN ids l ON l.k = p.a JOIN ids r ON r.k = p.b WHERE p.a <> p.b`);
  await db.execute(sql`ANALYZE comparisons`);
  const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const { rows } = await db.execute<{ slug: string }>(sql`SELECT slug FROM campaigns WHERE id = ${campaign!.id}`);
  const slug = rows[0]!.slug;

  const { ranking } = rankingCache(db);
  const t0 = performance.now();
  const cold = await ranking(slug, { limit: 20 });
  const coldMs = performance.now() - t0;
  // A warm refit, as the background refresh does after new comparisons.
  await new Promise((resolve) => setTimeout(resolve, 3100));
  await ranking(slug, { limit: 20 });
  const t1 = performance.now();
  let warm = await ranking(slug, { limit: 20 });
  while (warm.fittedAt === cold.fittedAt) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    warm = await ranking(slug, { limit: 20 });
  }
  const warmMs = performance.now() - t1;
  const top = cold.items.slice(0, 3).map((item) => item.submission.phrase).join(', ');
  return [
    `fit        ${entries} entries, ${cold.comparisons} comparisons (loaded in ${loadSeconds} s): cold fit ${(coldMs / 1000).toFixed(2)} s, warm refit ≤ ${(warmMs / 1000).toFixed(2)} s (target < 5 s); top: ${top}`,
    await bigFit(20_000, 400_000),
  ].join('\n');
}

/**
 * The fit alone (no database) for a big campaign, as the server runs it: in slices, with the event
 * loop's longest wait meanwhile, which is how long a request could have been held up.
 */
async function bigFit(entries: number, total: number): Promise<string> {
  const random = seededRandom(3);
  const outcomes: Outcome[] = Array.from({ length: total }, () => {
    const a = Math.floor(random() * entries);
    const b = (a + 1 + Math.floor(random() * (entries - 1))) % entries;
    return random() < 1 / (1 + Math.exp((b - a) / (entries / 5))) ? { winner: a, loser: b, wins: 1 } : { winner: b, loser: a, wins: 1 };
  });
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const t0 = performance.now();
  const fit = await fitBradleyTerryInSlices(entries, outcomes);
  const ms = performance.now() - t0;
  clearInterval(ticker);
  return `           ${entries} entries, ${total} comparisons, the fit alone: ${(ms / 1000).toFixed(2)} s in ${fit.iterations} iterations, in slices: the event loop waited at most ${longest.toFixed(0)} ms`;
}
