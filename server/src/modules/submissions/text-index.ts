import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { characterBigrams, characterSet, normalizePhraseText } from '@city-spirit/shared/normalize';
import type { Executor } from '../../db/client.ts';
import { submissions } from '../../db/schema.ts';
import { phraseTerms } from '../insights/terms.ts';

/** The columns duplicate detection, similar phrases, search and the top terms read, derived from the entry's text. */
export function textIndexColumns(phrase: string, explanation: string) {
  const normalized = normalizePhraseText(phrase);
  const explanationNormalized = normalizePhraseText(explanation);
  const searchTerms = new Set([
    ...characterSet(normalized),
    ...characterBigrams(normalized),
    ...characterSet(explanationNormalized),
    ...characterBigrams(explanationNormalized),
  ]);
  return {
    normalized,
    bigrams: characterBigrams(normalized),
    chars: characterSet(normalized),
    searchText: `${normalized} ${explanationNormalized}`,
    searchTerms: [...searchTerms],
    terms: phraseTerms(phrase),
  };
}

/** The terms every match of a search must contain, and the normalized text to find exactly. */
export function searchQuery(q: string): { text: string; terms: string[] } | null {
  const text = normalizePhraseText(q);
  if (!text) return null;
  return { text, terms: Array.from(text).length === 1 ? [text] : characterBigrams(text) };
}

/** Entries stored before these columns existed get them at start-up (they hold '', or null terms, until then). */
export async function backfillTextIndex(db: Executor): Promise<number> {
  let filled = 0;
  for (;;) {
    const batch = await db
      .select({ id: submissions.id, phrase: submissions.phrase, explanation: submissions.explanation })
      .from(submissions)
      .where(or(eq(submissions.normalized, ''), isNull(submissions.terms)))
      .limit(500);
    if (batch.length === 0) return filled;
    for (const row of batch) {
      const columns = textIndexColumns(row.phrase, row.explanation);
      await db
        .update(submissions)
        // A phrase of punctuation alone normalizes to ''; keep it as written so the loop ends.
        .set({ ...columns, normalized: columns.normalized || row.phrase })
        .where(and(eq(submissions.id, row.id), sql`(${submissions.normalized} = '' OR ${submissions.terms} IS NULL)`));
    }
    filled += batch.length;
  }
}
