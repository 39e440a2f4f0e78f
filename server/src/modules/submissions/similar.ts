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

const isHan = (char: string) => /\p{Script=Han}/u.test(char);

/**
 * The published entries closest to `text`, by the better of two Jaccard measures over normalized
 * text: character bigrams (order matters) and character sets (reordering). Candidates share at
 * least two bigrams or two Chinese characters with the text (or its only bigram); GIN indexes on
 * the text[] columns find them, and the exact scores are computed on those rows only.
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
  const candidates = [
    ...(bigrams.length <= 2 ? [sql`s.bigrams && ${textArray(bigrams)}`] : pairs(bigrams).map((pair) => sql`s.bigrams @> ${textArray(pair)}`)),
    ...pairs(chars.filter(isHan)).map((pair) => sql`s.chars @> ${textArray(pair)}`),
  ];
  const { rows } = await db.execute<{ id: string; phrase: string; similarity: number }>(sql`
    SELECT id, phrase, similarity FROM (
      SELECT s.id, s.phrase, s.vote_count,
        greatest(
          (SELECT count(*) FROM unnest(s.bigrams) b WHERE b = ANY(${textArray(bigrams)}))::float8
            / (cardinality(s.bigrams) + ${bigrams.length} - (SELECT count(*) FROM unnest(s.bigrams) b WHERE b = ANY(${textArray(bigrams)}))),
          (SELECT count(*) FROM unnest(s.chars) c WHERE c = ANY(${textArray(chars)}))::float8
            / (cardinality(s.chars) + ${chars.length} - (SELECT count(*) FROM unnest(s.chars) c WHERE c = ANY(${textArray(chars)})))
        ) AS similarity
      FROM submissions s
      WHERE s.campaign_id = ${campaignId}
        AND s.status IN ('published', 'shortlisted')
        AND (${sql.join(candidates, sql` OR `)})
        ${options.excludeId ? sql`AND s.id <> ${options.excludeId}` : sql``}
    ) scored
    WHERE similarity >= ${MIN_SIMILARITY}
    ORDER BY similarity DESC, vote_count DESC, id
    LIMIT ${options.limit}
  `);
  return rows.map((row) => ({ id: row.id, phrase: row.phrase, similarity: Math.round(Number(row.similarity) * 1000) / 1000 }));
}
