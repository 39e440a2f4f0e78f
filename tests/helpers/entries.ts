import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';

/** Statements of this many rows: the campaign-count trigger updates one row per entry, and a longer statement piles up its versions. */
const ROWS_PER_STATEMENT = 2000;

/**
 * `count` published entries in a campaign, made with generate_series: spread over the 38 districts,
 * a second apart (the newest now), a few votes each, with a comma and quotes in each explanation.
 * They are marked as checked for similar pairs, so the background job leaves them alone.
 */
export async function insertManyEntries(db: Database, campaignId: string, authorId: string, count: number): Promise<void> {
  const { rows } = await db.execute<{ code: string }>(sql`SELECT code FROM districts ORDER BY code`);
  const codes = rows.map((row) => row.code).join(',');
  for (let from = 1; from <= count; from += ROWS_PER_STATEMENT) {
    const to = Math.min(count, from + ROWS_PER_STATEMENT - 1);
    await db.execute(sql`
      INSERT INTO submissions (campaign_id, author_id, phrase, explanation, language, district_code, vote_count, created_at, pairs_checked_at)
      SELECT ${campaignId}, ${authorId}, '开放数据短语' || g, '第' || g || '条说明, with "quotes"', 'zh',
        (string_to_array(${codes}, ','))[1 + g % ${rows.length}], g % 7, now() - make_interval(secs => ${count} - g), now()
      FROM generate_series(${from}::integer, ${to}::integer) g`);
  }
  await db.execute(sql`VACUUM ANALYZE submissions`);
}
