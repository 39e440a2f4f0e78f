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

/** What sampledPair needs of a campaign's candidates (the voter's own entries left out by `pick`). */
export type PairSource = {
  /** How many candidates have each number of comparisons. */
  histogram: Map<number, number>;
  /** A uniformly random candidate with this many comparisons that `accept` takes, or null after a few tries. */
  pick: (comparisons: number, accept: (id: string) => boolean) => Promise<string | null>;
};

/** Attempts at a first entry, and at a partner for each, before sampledPair gives up. */
const FIRST_TRIES = 6;
const PARTNER_TRIES = 6;

/**
 * The same chances as choosePair's race without reading every candidate: in the race, the winner
 * is candidate i with probability w_i / Σw, w = 1 / (1 + comparisons)², so a group of m candidates
 * with n comparisons wins with probability m·w(n) / Σw, and each of its members equally. The
 * partner is drawn the same way among the others, skipping pairs in `seen`. Returns null when it
 * finds no unseen pair; the caller then asks choosePair, which reads every candidate and decides.
 */
export async function sampledPair(source: PairSource, seen: Set<string>, random: () => number = Math.random): Promise<[string, string] | null> {
  const groups = [...source.histogram].filter(([, members]) => members > 0).map(([n, members]) => ({ n, weight: members / (1 + n) ** 2 }));
  const total = groups.reduce((sum, group) => sum + group.weight, 0);
  if (groups.length === 0 || total === 0) return null;
  const drawGroup = () => {
    let left = random() * total;
    for (const group of groups) {
      left -= group.weight;
      if (left < 0) return group.n;
    }
    return groups.at(-1)!.n;
  };
  for (let attempt = 0; attempt < FIRST_TRIES; attempt++) {
    const first = await source.pick(drawGroup(), () => true);
    if (!first) continue;
    for (let tries = 0; tries < PARTNER_TRIES; tries++) {
      const second = await source.pick(drawGroup(), (id) => id !== first && !seen.has(pairKey(first, id)));
      if (second) return random() < 0.5 ? [first, second] : [second, first];
    }
  }
  return null;
}
