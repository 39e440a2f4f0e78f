import { statusIn } from '../../db/status-sql.ts';
import { sql } from 'drizzle-orm';
import type { SimilarPhrase } from '@city-spirit/shared';
import { characterBigrams, characterSet, normalizePhraseText } from '@city-spirit/shared/normalize';
import type { Executor } from '../../db/client.ts';

/** Below this, two phrases have too little in common to suggest one for the other. */
export const MIN_SIMILARITY = 0.3;
const MAX_PAIR_TERMS = 12;

/** Every pair of the first terms: a candidate must share two of them, which GIN finds with `@>`. */
function pairs(terms: string[]): string[][] {
  const first = terms.slice(0, MAX_PAIR_TERMS);
  return first.flatMap((a, i) => first.slice(i + 1).map((b) => [a, b]));
}

const textArray = (values: string[]) => sql`${sql.param(values)}::text[]`;

/** Jaccard of a query set and a candidate's distinct items, without building sets per candidate. */
function jaccardWith(query: Set<string>, items: string[]): number {
  let shared = 0;
  for (const item of items) if (query.has(item)) shared++;
  return shared / (query.size + items.length - shared);
}

const isHan = (char: string) => /\p{Script=Han}/u.test(char);

/**
 * The published entries closest to `text`, by the better of two Jaccard measures over normalized
 * text: character bigrams (order matters) and character sets (reordering). Candidates share at
 * least two bigrams or two Chinese characters with the text (or its only bigram); GIN indexes on
 * the text[] columns find them, and the exact scores are computed on those rows only, here.
 * Works the same in any database locale: it compares array elements for equality.
 */
export async function findSimilar(
  db: Executor,
  campaignId: string,
  text: string,
  options: { limit: number; excludeId?: string },
): Promise<SimilarPhrase[]> {
  const normalized = normalizePhraseText(text);
  if (!normalized) return [];
  const bigrams = characterBigrams(normalized);
  const chars = characterSet(normalized);
  const hanChars = chars.filter(isHan);
  // Sharing a bigram means sharing two characters, so for Chinese text the character pairs find
  // every candidate the bigrams would; other scripts (Latin letters are too common) use bigrams.
  const byBigrams = hanChars.length < chars.length || hanChars.length < 2;
  const candidates = [
    ...(!byBigrams ? [] : bigrams.length <= 2 ? [sql`s.bigrams && ${textArray(bigrams)}`] : pairs(bigrams).map((pair) => sql`s.bigrams @> ${textArray(pair)}`)),
    ...pairs(hanChars).map((pair) => sql`s.chars @> ${textArray(pair)}`),
  ];
  const bigramSet = new Set(bigrams);
  const charSet = new Set(chars);
  // Plain text travels and parses much faster than text[]; the sets are rebuilt from it here.
  const { rows } = await db.execute<{ id: string; phrase: string; normalized: string; vote_count: number }>(sql`
    SELECT s.id, s.phrase, s.normalized, s.vote_count
    FROM submissions s
    WHERE s.campaign_id = ${campaignId}
      AND ${statusIn('s.status', 'listed')}
      AND (${sql.join(candidates, sql` OR `)})
      ${options.excludeId ? sql`AND s.id <> ${options.excludeId}` : sql``}`);
  // Scoring the candidates here is several times faster than per-row array subqueries in SQL.
  return rows
    .map((row) => ({
      id: row.id,
      phrase: row.phrase,
      votes: Number(row.vote_count),
      similarity: Math.max(jaccardWith(bigramSet, characterBigrams(row.normalized)), jaccardWith(charSet, characterSet(row.normalized))),
    }))
    .filter((row) => row.similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity || b.votes - a.votes || (a.id < b.id ? -1 : 1))
    .slice(0, options.limit)
    .map((row) => ({ id: row.id, phrase: row.phrase, similarity: Math.round(row.similarity * 1000) / 1000 }));
}
