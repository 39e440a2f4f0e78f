import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, fitBradleyTerryInSlices, scoresWith, type Outcome } from '../../server/src/modules/pairwise/bradley-terry.ts';
import { choosePair, pairKey, sampledPair, type PairCandidate, type PairSource } from '../../server/src/modules/pairwise/pair-choice.ts';
import { seededRandom } from '../helpers/random.ts';

function spearman(a: number[], b: number[]): number {
  const rank = (values: number[]) => {
    const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
    const ranks = new Array<number>(values.length);
    order.forEach(({ index }, position) => (ranks[index] = position));
    return ranks;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const d2 = ra.reduce((sum, r, i) => sum + (r - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('Bradley–Terry fit', () => {
  it('keeps unbeaten and winless entries finite, and orders them', () => {
    const fit = fitBradleyTerry(3, [
      { winner: 0, loser: 1, wins: 5 },
      { winner: 0, loser: 2, wins: 5 },
      { winner: 1, loser: 2, wins: 3 },
    ]);
    for (const strength of fit.strengths) expect(Number.isFinite(strength) && strength > 0).toBe(true);
    const scores = fit.scores.map((s) => s.score);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    expect(scores[1]).toBeGreaterThan(scores[2]!);
    for (const { score, low, high } of fit.scores) {
      expect(low).toBeLessThanOrEqual(score);
      expect(high).toBeGreaterThanOrEqual(score);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(100);
    }
  });

  it('gives every entry 50 without comparisons, with a wide interval', () => {
    const fit = fitBradleyTerry(4, []);
    for (const { score, low, high } of fit.scores) {
      expect(score).toBeCloseTo(50);
      expect(high - low).toBeGreaterThan(30);
    }
  });

  it('reads mean chances from a grid, for thousands of entries, within 0.01 points of the exact sums', () => {
    const random = seededRandom(11);
    const count = 3000;
    // Strengths spread over e^±6, a few far out; entries with 0 to 40 comparisons, so intervals range from narrow to wide.
    const strengths = Float64Array.from({ length: count }, (_, i) => Math.exp(i % 500 === 0 ? (random() - 0.5) * 40 : (random() - 0.5) * 12));
    const outcomes: Outcome[] = [];
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < i % 41; k++) {
        const j = Math.floor(random() * count);
        if (j !== i) outcomes.push({ winner: i, loser: j, wins: 1 });
      }
    }
    const exact = scoresWith('exact', strengths, outcomes);
    const grid = scoresWith('grid', strengths, outcomes);
    let worst = 0;
    exact.forEach((score, i) => {
      for (const key of ['score', 'low', 'high'] as const) worst = Math.max(worst, Math.abs(score[key] - grid[i]![key]));
    });
    expect(worst).toBeLessThan(0.01);
    expect(new Set(exact.map((s) => Math.round(s.score))).size).toBeGreaterThan(50); // a spread of scores, not all alike
  });

  it('fits in slices, between which the event loop runs, to the same result', async () => {
    const random = seededRandom(5);
    const outcomes: Outcome[] = Array.from({ length: 20_000 }, () => {
      const a = Math.floor(random() * 2500);
      const b = (a + 1 + Math.floor(random() * 2499)) % 2500;
      return random() < 0.5 + (a - b) / 6000 ? { winner: a, loser: b, wins: 1 } : { winner: b, loser: a, wins: 1 };
    });
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 0);
    const sliced = await fitBradleyTerryInSlices(2500, outcomes, undefined, 1);
    clearInterval(ticking);
    const whole = fitBradleyTerry(2500, outcomes);
    expect(turns).toBeGreaterThan(2);
    expect(sliced.iterations).toBe(whole.iterations);
    expect(Array.from(sliced.strengths)).toEqual(Array.from(whole.strengths));
    expect(sliced.scores).toEqual(whole.scores);
  });

  it('converges to the same fit from a warm start in fewer iterations', () => {
    const outcomes: Outcome[] = [
      { winner: 0, loser: 1, wins: 7 },
      { winner: 1, loser: 0, wins: 3 },
      { winner: 1, loser: 2, wins: 6 },
      { winner: 2, loser: 0, wins: 2 },
    ];
    const cold = fitBradleyTerry(3, outcomes);
    const warm = fitBradleyTerry(3, outcomes, cold.strengths);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    cold.strengths.forEach((strength, i) => expect(warm.strengths[i]).toBeCloseTo(strength, 3));
  });
});

/**
 * What the database gives sampledPair, in memory: the number of candidates per comparison count,
 * and a uniformly random candidate of a count that `accept` takes (a few tries, as the index walk).
 */
function memorySource(candidates: PairCandidate[], random: () => number): PairSource {
  const histogram = new Map<number, number>();
  for (const { comparisons } of candidates) histogram.set(comparisons, (histogram.get(comparisons) ?? 0) + 1);
  return {
    histogram,
    pick: async (comparisons, accept) => {
      const group = candidates.filter((candidate) => candidate.comparisons === comparisons);
      for (let tries = 0; tries < 8 && group.length > 0; tries++) {
        const candidate = group[Math.floor(random() * group.length)]!;
        if (accept(candidate.id)) return candidate.id;
      }
      return null;
    },
  };
}

describe('a simulated electorate', () => {
  it.each([
    ['over every candidate', 'exact'],
    ['sampled by comparison count, as the server does in big campaigns', 'sampled'],
  ] as const)('recovers the true order (Spearman ρ ≥ 0.9), and late entries catch up on comparisons, choosing %s', async (_, how) => {
    const random = seededRandom(2026);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const early = 200;
    const late = 100;
    const truth = Array.from({ length: early + late }, () => Math.exp(gaussian()));
    const comparisons = new Array<number>(early + late).fill(0);
    const wins = new Map<string, number>();
    const seenByVoter = new Map<number, Set<string>>();

    const vote = async (available: number, voter: number) => {
      const candidates: PairCandidate[] = Array.from({ length: available }, (_, i) => ({ id: String(i), comparisons: comparisons[i]! }));
      const seen = seenByVoter.get(voter) ?? new Set<string>();
      seenByVoter.set(voter, seen);
      const pair = how === 'exact' ? choosePair(candidates, seen, random) : await sampledPair(memorySource(candidates, random), seen, random);
      if (!pair) return;
      const [a, b] = pair.map(Number) as [number, number];
      seen.add(pairKey(pair[0], pair[1]));
      comparisons[a]!++;
      comparisons[b]!++;
      const aWins = random() < truth[a]! / (truth[a]! + truth[b]!);
      const key = aWins ? `${a}>${b}` : `${b}>${a}`;
      wins.set(key, (wins.get(key) ?? 0) + 1);
    };
    for (let i = 0; i < 4000; i++) await vote(early, i % 400);
    for (let i = 0; i < 4000; i++) await vote(early + late, i % 400);

    const outcomes: Outcome[] = [...wins].map(([key, count]) => {
      const [winner, loser] = key.split('>').map(Number) as [number, number];
      return { winner, loser, wins: count };
    });
    const fit = fitBradleyTerry(early + late, outcomes);
    expect(spearman(truth, Array.from(fit.strengths))).toBeGreaterThanOrEqual(0.9);

    const lateMedian = median(comparisons.slice(early));
    const earlyMedian = median(comparisons.slice(0, early));
    expect(lateMedian).toBeGreaterThanOrEqual(0.6 * earlyMedian);
    expect(Math.min(...comparisons.slice(early))).toBeGreaterThan(0);
  });
});

describe('choosing a pair', () => {
  it('never repeats a pair the voter has seen, and gives up when all are seen', () => {
    const candidates = ['a', 'b', 'c'].map((id) => ({ id, comparisons: 0 }));
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const pair = choosePair(candidates, seen)!;
      expect(pair[0]).not.toBe(pair[1]);
      expect(seen.has(pairKey(pair[0], pair[1]))).toBe(false);
      seen.add(pairKey(pair[0], pair[1]));
    }
    expect(choosePair(candidates, seen)).toBeNull();
  });

  it('samples the first entry of a pair with the race\'s chances: count of the group over (1 + comparisons)²', async () => {
    const random = seededRandom(9);
    const candidates = [
      ...Array.from({ length: 10 }, (_, i) => ({ id: `fresh${i}`, comparisons: 0 })),
      ...Array.from({ length: 40 }, (_, i) => ({ id: `some${i}`, comparisons: 1 })),
      ...Array.from({ length: 100 }, (_, i) => ({ id: `many${i}`, comparisons: 9 })),
    ];
    // Weights 10·1, 40·¼ and 100·(1/100): shares 10/21, 10/21 and 1/21 for the group of either entry of a pair.
    const counts = { fresh: 0, some: 0, many: 0 };
    const draws = 6000;
    for (let i = 0; i < draws; i++) {
      const pair = (await sampledPair(memorySource(candidates, random), new Set(), random))!;
      for (const id of pair) counts[id.replace(/\d+$/, '') as keyof typeof counts] += 1;
    }
    expect(counts.fresh / (2 * draws)).toBeCloseTo(10 / 21, 1);
    expect(counts.some / (2 * draws)).toBeCloseTo(10 / 21, 1);
    expect(counts.many / (2 * draws)).toBeCloseTo(1 / 21, 1);
  });

  it('gives up sampling (null) when it finds no unseen pair, leaving the exact choice to decide', async () => {
    const candidates = ['a', 'b', 'c'].map((id) => ({ id, comparisons: 0 }));
    const seen = new Set([pairKey('a', 'b'), pairKey('a', 'c'), pairKey('b', 'c')]);
    expect(await sampledPair(memorySource(candidates, Math.random), seen, Math.random)).toBeNull();
  });

  it('favours entries with few comparisons', () => {
    const random = seededRandom(7);
    const candidates = [{ id: 'new', comparisons: 0 }, ...Array.from({ length: 20 }, (_, i) => ({ id: `old${i}`, comparisons: 50 }))];
    let shown = 0;
    for (let i = 0; i < 200; i++) if (choosePair(candidates, new Set(), random)!.includes('new')) shown++;
    expect(shown).toBeGreaterThan(150);
  });
});
