export type PairCandidate = { id: string; comparisons: number };

/**
 * Chooses two different entries, favouring those with few comparisons (weight 1 / (1 + n)^2, in
 * the spirit of All Our Ideas' catch-up), and avoiding pairs in `seen` ("a|b", sorted ids).
 * Weighted sampling by exponential races: the smallest −ln(u) / weight wins.
 */
export function choosePair(candidates: PairCandidate[], seen: Set<string>, random: () => number = Math.random): [string, string] | null {
  if (candidates.length < 2) return null;
  const ordered = candidates
    .map((candidate) => ({ id: candidate.id, key: -Math.log(1 - random()) * (1 + candidate.comparisons) ** 2 }))
    .sort((a, b) => a.key - b.key)
    .map(({ id }) => id);
  for (const first of ordered.slice(0, 20)) {
    const second = ordered.find((other) => other !== first && !seen.has(pairKey(first, other)));
    if (second) return random() < 0.5 ? [first, second] : [second, first];
  }
  return null;
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
