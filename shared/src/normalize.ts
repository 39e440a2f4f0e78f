import OpenCC from 'opencc-js/t2cn';

// Kept out of the package index: the dictionary is ~100 kB, and only submission pages need it.
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

// Whitespace, punctuation (ASCII and Chinese: ，。、！？；：“”‘’「」《》…—·), symbols and emoji,
// and invisible format characters (zero-width joiners, variation selectors).
const IGNORED = /[\s\p{P}\p{S}\p{Cf}\p{M}\u{FE00}-\u{FE0F}]/gu;

/**
 * The form in which two phrases count as the same entry: full-width and half-width forms,
 * traditional and simplified characters, case, whitespace, punctuation and emoji do not matter.
 */
export function normalizePhraseText(text: string): string {
  return foldText(text).replace(IGNORED, '');
}

/** Full-width forms, traditional characters and case folded, spacing and punctuation kept (for word segmentation). */
export function foldText(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

const characters = (normalized: string) => Array.from(normalized);

/** Distinct characters of a normalized phrase. */
export function characterSet(normalized: string): string[] {
  return [...new Set(characters(normalized))];
}

/** Distinct pairs of neighbouring characters; a one-character phrase is its own bigram. */
export function characterBigrams(normalized: string): string[] {
  const chars = characters(normalized);
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(1).map((char, index) => chars[index] + char))];
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const setB = new Set(b);
  const shared = new Set(a.filter((item) => setB.has(item))).size;
  return shared / (new Set([...a, ...b]).size);
}

/** The better of Jaccard over character bigrams (order) and over character sets (reordering). */
export function phraseSimilarity(normalizedA: string, normalizedB: string): number {
  return Math.max(
    jaccard(characterBigrams(normalizedA), characterBigrams(normalizedB)),
    jaccard(characterSet(normalizedA), characterSet(normalizedB)),
  );
}

/** zh when the phrase contains Chinese characters, else en. */
export function detectLanguage(text: string): 'zh' | 'en' {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
