import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { duplicateClusters, refreshSimilarPairs } from '../../server/src/modules/moderation/duplicates.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ demo: true, config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: moderator } = await signedInUser(app, db, 'moderator');
const { session: admin } = await signedInUser(app, db, 'admin');

/** The clusters as computed now (the route serves a copy up to 15 s old). */
const computed = (slug: string) => duplicateClusters(db, slug);

async function refreshAll() {
  while ((await refreshSimilarPairs(db, 500)) > 0);
}
const clusters = async (slug: string) => {
  const response = await injectAs(app, moderator, { method: 'GET', url: `/api/campaigns/${slug}/duplicate-clusters` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { entries: { id: string; phrase: string; similarity: number }[] }[]; pending: number };
};

describe('duplicate clusters', () => {
  it('group the seeded near-duplicates, largest first, from pairs kept as entries arrive', async () => {
    await refreshAll();
    const { items, pending } = await clusters('chongqing-spirit');
    expect(pending).toBe(0);
    expect(items.length).toBeGreaterThan(3);
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.entries.length).toBeGreaterThanOrEqual(items[i]!.entries.length);
    const clusterOf = (phrase: string) => items.find((cluster) => cluster.entries.some((entry) => entry.phrase === phrase));
    // Traditional and simplified forms of one phrase land together, and so do a phrase and its longer form.
    expect(clusterOf('坚韧顽强，开放包容')?.entries.map((entry) => entry.phrase)).toContain('堅韌頑強');
    expect(clusterOf('爬坡上坎')?.entries.map((entry) => entry.phrase)).toContain('爬坡上坎，步步登高');
    expect(items.every((cluster) => cluster.entries.every((entry) => entry.similarity >= 0.5))).toBe(true);
  });

  it('put in a cluster only entries paired with its most supported one, never a chain of pairs', async () => {
    await refreshAll();
    const { items } = await clusters('chongqing-spirit');
    const { rows } = await db.execute<{ low_id: string; high_id: string }>(sql`SELECT low_id, high_id FROM similar_pairs`);
    const paired = new Set(rows.map((row) => `${row.low_id}:${row.high_id}`));
    const pairedWith = (a: string, b: string) => paired.has(a < b ? `${a}:${b}` : `${b}:${a}`);
    const seen = new Set<string>();
    for (const { entries } of items) {
      const [kept, ...others] = entries as [(typeof entries)[number] & { voteCount: number }, ...((typeof entries)[number] & { voteCount: number })[]];
      expect(others.length).toBeGreaterThan(0);
      for (const entry of others) {
        expect(pairedWith(kept.id, entry.id), `${entry.phrase} beside ${kept.phrase}`).toBe(true);
        expect(entry.voteCount).toBeLessThanOrEqual(kept.voteCount);
      }
      for (const entry of entries) {
        expect(seen.has(entry.id)).toBe(false);
        seen.add(entry.id);
      }
    }
    // The seeded combinations ("A，B") pair with both halves; joined transitively they made one cluster of most of the campaign.
    expect(Math.max(...items.map((cluster) => cluster.entries.length))).toBeLessThan(40);
  });

  it('follow new, edited and merged entries', async () => {
    const slug = await createCampaign(app, admin);
    const author = (await signedInUser(app, db, 'resident')).session;
    const post = async (phrase: string) => (await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase } })).json().submission.id as string;
    const [a, b] = [await post('两江交汇，山水之城'), await post('两江交汇山水城')];
    const unrelated = await post('火锅麻辣烫');
    // The instance's own background refresh may already have looked some up: pending is what is left.
    const { pending } = await computed(slug);
    const { rows: unchecked } = await db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM submissions WHERE id IN (${a}, ${b}, ${unrelated}) AND pairs_checked_at IS NULL`);
    expect(pending).toBe(Number(unchecked[0]!.n));
    await refreshAll();
    const before = await computed(slug);
    expect(before.items.map((cluster) => cluster.entries.map((entry) => entry.id).sort())).toEqual([[a, b].sort()]);
    // Edited away from its duplicate, it is looked up again and leaves the cluster.
    expect((await injectAs(app, author, { method: 'PATCH', url: `/api/submissions/${b}`, payload: { phrase: '雾都夜色' } })).statusCode).toBe(200);
    expect((await computed(slug)).items).toEqual([]);
    await refreshAll();
    expect((await computed(slug)).items).toEqual([]);
    await injectAs(app, author, { method: 'PATCH', url: `/api/submissions/${unrelated}`, payload: { phrase: '两江交汇的山水之城' } });
    await refreshAll();
    // Through the route: its copy is computed now, and kept for 15 s…
    expect((await clusters(slug)).items.map((cluster) => cluster.entries.length)).toEqual([2]);
    // …but a merge through this instance drops it: the pair leaves the clusters at once.
    await injectAs(app, moderator, { method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'submission', targetId: unrelated, action: 'merge', mergeIntoId: a, reason: '同一个意思' } });
    expect((await clusters(slug)).items).toEqual([]);
    const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM similar_pairs WHERE campaign_id = (SELECT campaign_id FROM submissions WHERE id = ${a})`);
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });
});
