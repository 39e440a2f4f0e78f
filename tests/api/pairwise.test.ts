import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { comparisons, submissions } from '../../server/src/db/schema.ts';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { databaseSource, SAMPLE_FROM } from '../../server/src/modules/pairwise/service.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const resident = async () => signedInUser(app, db);

let phraseCounter = 0;
/** A campaign in the discuss stage with `count` entries, the first written by `author` when given. */
async function discussion(count: number, author?: Session) {
  const slug = await createCampaign(app, admin);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const session = i === 0 && author ? author : (await resident()).session;
    const response = await injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `比较测试短语${phraseCounter++}号` } });
    ids.push(response.json().submission.id);
  }
  await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
  return { slug, ids };
}
const getPair = (session: Session, slug: string) => injectAs(app, session, { method: 'GET', url: `/api/campaigns/${slug}/pair` });
const answer = (session: Session, slug: string, token: string, choice: string) =>
  injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/pair`, payload: { token, choice } });

describe('pairwise comparisons', () => {
  it('give a pair with a token; an answer counts once, a replay is refused and kept as invalid', async () => {
    const { slug } = await discussion(4);
    const { session } = await resident();
    const pair = (await getPair(session, slug)).json();
    expect(pair.left.id).not.toBe(pair.right.id);
    expect((await answer(session, slug, pair.token, 'left')).statusCode).toBe(201);
    const replay = await answer(session, slug, pair.token, 'right');
    expect(replay.statusCode).toBe(409);
    const rows = await db.select().from(comparisons).where(eq(comparisons.token, pair.token));
    expect(rows.map((row) => [row.choice, row.valid, row.invalidReason])).toEqual([
      ['left', true, null],
      ['right', false, 'replayed_token'],
    ]);
    const [left] = await db.select().from(submissions).where(eq(submissions.id, pair.left.id));
    expect(left!.comparisonCount).toBe(1);
  });

  it("refuse someone else's token and keep the attempt as invalid", async () => {
    const { slug } = await discussion(3);
    const { session: owner } = await resident();
    const { session: other } = await resident();
    const pair = (await getPair(owner, slug)).json();
    expect((await answer(other, slug, pair.token, 'left')).statusCode).toBe(403);
    const [row] = await db.select().from(comparisons).where(eq(comparisons.token, pair.token));
    expect(row).toMatchObject({ valid: false, invalidReason: 'foreign_token' });
    expect((await answer(owner, slug, pair.token, 'right')).statusCode).toBe(201);
  });

  it('count a token once even when answered twice at the same moment', async () => {
    const { slug } = await discussion(3);
    const { session } = await resident();
    const pair = (await getPair(session, slug)).json();
    const responses = await Promise.all(Array.from({ length: 10 }, () => answer(session, slug, pair.token, 'left')));
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
    const valid = await db.select().from(comparisons).where(sql`${comparisons.token} = ${pair.token} AND ${comparisons.valid}`);
    expect(valid).toHaveLength(1);
  });

  it("never show residents their own entry, nor the same pair twice", async () => {
    const { session: author, user } = await resident();
    const { slug, ids } = await discussion(4, author);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const pair = (await getPair(author, slug)).json();
      expect([pair.left.id, pair.right.id]).not.toContain(ids[0]);
      const key = [pair.left.id, pair.right.id].sort().join();
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      await answer(author, slug, pair.token, 'skip');
    }
    const done = await getPair(author, slug);
    expect(done.statusCode).toBe(409);
    expect(user.id).toBeTruthy();
  });

  it('are open in the discuss stage only', async () => {
    const slug = await createCampaign(app, admin);
    const { session } = await resident();
    expect((await getPair(session, slug)).json().code).toBe('stage_closed');
  });

  it('store skips without counting them as wins or losses', async () => {
    const { slug } = await discussion(2);
    const { session } = await resident();
    const pair = (await getPair(session, slug)).json();
    await answer(session, slug, pair.token, 'skip');
    const ranking = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/ranking` })).json();
    expect(ranking.comparisons).toBe(0);
    for (const item of ranking.items) expect(item).toMatchObject({ wins: 0, losses: 0, comparisons: 1, score: 50 });
  });
});

describe('pairs in a big campaign', () => {
  /** A discussion with `fresh` entries never compared (the first `own` of them the voter's) and `old` compared 20 times. */
  async function bigDiscussion(voterId: string, fresh: number, own: number, old: number) {
    const { slug, ids } = await discussion(2);
    const { user: other } = await resident();
    const add = (count: number, author: string, comparisons: number, tag: string) => db.execute(sql`
      INSERT INTO submissions (campaign_id, author_id, phrase, language, comparison_count)
      SELECT campaign_id, ${author}, ${tag} || g, 'zh', ${comparisons} FROM submissions, generate_series(1, ${count}) g WHERE id = ${ids[0]!}`);
    await add(own, voterId, 0, '自己的');
    await add(fresh - own, other.id, 0, '新的');
    await add(old, other.id, 20, '旧的');
    await db.execute(sql`UPDATE submissions SET comparison_count = 20 WHERE id IN (${ids[0]!}, ${ids[1]!})`);
    const { rows } = await db.execute<{ id: string; author_id: string; comparison_count: number }>(sql`
      SELECT s.id, s.author_id, s.comparison_count FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE c.slug = ${slug}`);
    return { slug, campaignId: (await db.execute<{ id: string }>(sql`SELECT id FROM campaigns WHERE slug = ${slug}`)).rows[0]!.id, entries: rows };
  }

  it('samples by comparison count: never the voter\'s own entries, never a pair twice, fresh entries first', async () => {
    const { session, user } = await resident();
    const { slug, entries } = await bigDiscussion(user.id, 100, 50, SAMPLE_FROM);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const seen = new Set<string>();
    let fresh = 0;
    for (let i = 0; i < 30; i++) {
      const response = await getPair(session, slug);
      expect(response.statusCode, response.body).toBe(200);
      const pair = response.json();
      const ids = [pair.left.id, pair.right.id];
      for (const id of ids) {
        expect(byId.get(id)!.author_id).not.toBe(user.id);
        if (byId.get(id)!.comparison_count === 0) fresh += 1;
      }
      const key = [...ids].sort().join();
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      await answer(session, slug, pair.token, 'skip');
    }
    // Weights: 100 fresh entries at 1 each against 502 at 1/441: fresh entries win 98 % of draws.
    expect(fresh).toBeGreaterThanOrEqual(50);
  });

  it('picks from a group of the index, from a random point, leaving out the voter\'s own', async () => {
    const { user } = await resident();
    const { campaignId, entries } = await bigDiscussion(user.id, 60, 60, 40);
    const source = databaseSource(db, campaignId, user.id, new Map());
    expect(await source.pick(0, () => true)).toBeNull(); // every fresh entry is the voter's
    const picked = new Set<string>();
    for (let i = 0; i < 40; i++) picked.add((await source.pick(20, () => true))!);
    const old = new Set(entries.filter((entry) => entry.comparison_count === 20).map((entry) => entry.id));
    for (const id of picked) expect(old.has(id)).toBe(true);
    expect(picked.size).toBeGreaterThan(10); // from random points, not always the same entry
    const refused = await source.pick(20, () => false);
    expect(refused).toBeNull();
  });
});

describe('the ranking', () => {
  it('comes in pages like every list: limit, then nextCursor, each item with its rank', async () => {
    const { slug } = await discussion(5);
    const get = (query: string) => app.inject({ method: 'GET', url: `/api/campaigns/${slug}/ranking?${query}` });
    const whole = (await get('')).json();
    expect(whole.items).toHaveLength(5);
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.map((item: { rank: number }) => item.rank)).toEqual([1, 2, 3, 4, 5]);
    const first = (await get('limit=2')).json();
    expect(first.items.map((item: { rank: number }) => item.rank)).toEqual([1, 2]);
    const second = (await get(`limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await get(`limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.nextCursor).toBeNull();
    const paged = [...first.items, ...second.items, ...third.items].map((item: { submission: { id: string } }) => item.submission.id);
    expect(paged).toEqual(whole.items.map((item: { submission: { id: string } }) => item.submission.id));
    for (const query of ['limit=0', 'limit=101', 'limit=many', 'cursor=nonsense', `cursor=${Buffer.from('{"offset":-1}').toString('base64url')}`]) {
      const refused = await get(query);
      expect(refused.statusCode, query).toBe(400);
    }
  });

  it('puts the entry that wins its comparisons first, with an interval and counts', async () => {
    const { slug, ids } = await discussion(3);
    const favourite = ids[2]!;
    for (let i = 0; i < 6; i++) {
      const { session } = await resident();
      for (let j = 0; j < 3; j++) {
        const pair = (await getPair(session, slug)).json();
        const choice = pair.left.id === favourite ? 'left' : pair.right.id === favourite ? 'right' : 'skip';
        await answer(session, slug, pair.token, choice);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 3100));
    await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/ranking` });
    let ranking = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/ranking` })).json();
    for (let tries = 0; tries < 20 && ranking.items[0]?.submission.id !== favourite; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ranking = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/ranking` })).json();
    }
    const [top] = ranking.items;
    expect(top.submission.id).toBe(favourite);
    expect(top.wins).toBeGreaterThan(0);
    expect(top.losses).toBe(0);
    expect(top.score).toBeGreaterThan(50);
    expect(top.low).toBeLessThan(top.score);
    expect(top.high).toBeGreaterThan(top.score);
    expect(ranking.fittedAt).toEqual(expect.any(String));
  });
});
