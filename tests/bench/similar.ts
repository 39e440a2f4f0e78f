// `npm run bench -- similar`: p50/p95 of the similar-phrase query with 100 000 entries in one campaign.
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { campaigns, submissions, users } from '../../server/src/db/schema.ts';
import { findSimilar } from '../../server/src/modules/submissions/similar.ts';
import { browseBenchmark } from './browse.ts';
import { moderationBenchmark } from './moderation.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';
import { seededRandom } from '../helpers/random.ts';

const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const THEMES = ['重庆', '精神', '山城', '江城', '开放', '包容', '坚韧', '顽强', '火锅', '两江', '勇敢', '热情', '创新', '奋斗', '团结', '耿直'];

function phrases(count: number): string[] {
  const random = seededRandom(42);
  const pick = (text: string) => Array.from(text)[Math.floor(random() * Array.from(text).length)]!;
  const seen = new Set<string>();
  while (seen.size < count) {
    const themed = random() < 0.4 ? THEMES[Math.floor(random() * THEMES.length)]! : pick(COMMON) + pick(COMMON);
    const rest = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(COMMON)).join('');
    seen.add(random() < 0.5 ? themed + rest : rest + themed);
  }
  return [...seen];
}

/** Loads `count` generated entries into the first campaign; returns their phrases. */
export async function loadEntries(db: Database, count: number): Promise<string[]> {
  const [campaign] = await db.select().from(campaigns).limit(1);
  const [author] = await db.select().from(users).limit(1);
  const texts = phrases(count);
  for (let i = 0; i < texts.length; i += 2000) {
    await db.insert(submissions).values(
      texts.slice(i, i + 2000).map((phrase) => ({
        campaignId: campaign!.id,
        authorId: author!.id,
        phrase,
        language: 'zh',
        ...textIndexColumns(phrase, ''),
      })),
    );
  }
  // As autovacuum would on a live campaign: flush the GIN pending lists, refresh statistics.
  await db.execute(sql`VACUUM ANALYZE submissions`);
  return texts;
}

/** Existing phrases with one character changed, reordered, or as they are. */
export function probesFor(texts: string[], count: number): string[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, (_, i) => {
    const base = Array.from(texts[Math.floor(random() * texts.length)]!);
    if (i % 3 === 0) base[Math.floor(random() * base.length)] = '新';
    if (i % 3 === 1) base.reverse();
    return base.join('');
  });
}

export async function similarBenchmark(db: Database, entries = 100_000, queries = 500): Promise<string> {
  const [campaign] = await db.select().from(campaigns).limit(1);
  const started = performance.now();
  const texts = await loadEntries(db, entries);
  const loadSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const probes = probesFor(texts, queries);
  for (const probe of probes.slice(0, 100)) await findSimilar(db, campaign!.id, probe, { limit: 5 });
  const timings: number[] = [];
  let found = 0;
  for (const probe of probes) {
    const t0 = performance.now();
    const items = await findSimilar(db, campaign!.id, probe, { limit: 5 });
    timings.push(performance.now() - t0);
    if (items.length > 0) found++;
  }
  const at = percentiles(timings);
  return [
    `similar    ${entries} entries (loaded in ${loadSeconds} s), ${queries} queries: p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  p99 ${at(0.99)} ms  max ${at(1)} ms; ${found} found at least one similar entry (target p95 ≤ 20 ms)`,
    await browseBenchmark(db, entries),
    await moderationBenchmark(db, entries),
  ].join('\n');
}

function percentiles(timings: number[]): (q: number) => string {
  const sorted = [...timings].sort((a, b) => a - b);
  return (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
}
