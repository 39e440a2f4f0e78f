import { AsyncLocalStorage } from 'node:async_hooks';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { submissions, votes } from '../../server/src/db/schema.ts';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');

const resident = async (verified = false) => (await signedInUser(app, db, 'resident', { verified })).session;
const vote = (session: Session, id: string) => injectAs(app, session, { method: 'PUT', url: `/api/submissions/${id}/vote` });
const unvote = (session: Session, id: string) => injectAs(app, session, { method: 'DELETE', url: `/api/submissions/${id}/vote` });

let phraseCounter = 0;
async function entries(slug: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await injectAs(app, await resident(), {
      method: 'POST',
      url: `/api/campaigns/${slug}/submissions`,
      payload: { phrase: `投票测试短语${phraseCounter++}号` },
    });
    ids.push(response.json().submission.id);
  }
  return ids;
}

async function expectCountersMatchRows() {
  const { rows } = await db.execute<{ id: string; vote_count: number; actual: string }>(sql`
    SELECT s.id, s.vote_count, (SELECT count(*) FROM votes v WHERE v.submission_id = s.id) AS actual FROM submissions s`);
  for (const row of rows) expect(row.vote_count, `counter of ${row.id}`).toBe(Number(row.actual));
}

describe('the per-minute vote rate', () => {
  it('refuses exactly the concurrent votes beyond maxVotesPerMinute with 429 and the seconds until a slot frees', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 100, maxVotesPerMinute: 4 } });
    const ids = await entries(slug, 10);
    const voter = await resident();
    const responses = await Promise.all(ids.map((id) => vote(voter, id)));
    expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(4);
    const refused = responses.filter((response) => response.statusCode === 429);
    expect(refused).toHaveLength(6);
    expect(refused[0]!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused[0]!.json().code).toBe('rate_limited');
    const retryAfter = Number(refused[0]!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await db.select().from(votes).where(inArray(votes.submissionId, ids))).toHaveLength(4);
    await expectCountersMatchRows();
  });

  it('frees a slot once the oldest counted vote is a minute old', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 100, maxVotesPerMinute: 1 } });
    const [first, second] = await entries(slug, 2);
    const voter = await resident();
    expect((await vote(voter, first!)).statusCode).toBe(200);
    expect((await vote(voter, second!)).statusCode).toBe(429);
    await db.execute(sql`UPDATE votes SET created_at = now() - interval '61 seconds' WHERE submission_id = ${first!}`);
    expect((await vote(voter, second!)).statusCode).toBe(200);
  });

  it('never limits withdrawing a vote, nor repeating one already cast', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 100, maxVotesPerMinute: 1 } });
    const [first, second] = await entries(slug, 2);
    const voter = await resident();
    expect((await vote(voter, first!)).statusCode).toBe(200);
    expect((await vote(voter, second!)).statusCode).toBe(429);
    expect((await vote(voter, first!)).statusCode).toBe(200);
    expect((await unvote(voter, first!)).statusCode).toBe(200);
  });
});

describe('support votes', () => {
  it('count once: 50 identical concurrent votes from one resident give one row and +1', async () => {
    const slug = await createCampaign(app, admin);
    const [id] = await entries(slug, 1);
    const voter = await resident();
    const responses = await Promise.all(Array.from({ length: 50 }, () => vote(voter, id!)));
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    expect(await db.select().from(votes).where(eq(votes.submissionId, id!))).toHaveLength(1);
    const [entry] = await db.select().from(submissions).where(eq(submissions.id, id!));
    expect(entry!.voteCount).toBe(1);
  });

  it('keep every counter equal to its rows under 200 concurrent votes and un-votes from 50 residents', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 10 } });
    const ids = await entries(slug, 4);
    const voters = await Promise.all(Array.from({ length: 50 }, () => resident()));
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const voter = voters[i % 50]!;
        const id = ids[(i * 7) % 4]!;
        return i % 3 === 0 ? unvote(voter, id) : vote(voter, id);
      }),
    );
    await expectCountersMatchRows();
  });

  it('are idempotent both ways and say how much budget is left', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 4 } });
    const [id] = await entries(slug, 1);
    const voter = await resident();
    expect((await vote(voter, id!)).json()).toEqual({ voted: true, voteCount: 1, budget: { used: 1, max: 4, remaining: 3 } });
    expect((await vote(voter, id!)).json()).toMatchObject({ voted: true, voteCount: 1 });
    expect((await unvote(voter, id!)).json()).toEqual({ voted: false, voteCount: 0, budget: { used: 0, max: 4, remaining: 4 } });
    expect((await unvote(voter, id!)).json()).toMatchObject({ voted: false, voteCount: 0 });
    const budget = await injectAs(app, voter, { method: 'GET', url: `/api/campaigns/${slug}/votes/me` });
    expect(budget.json()).toEqual({ used: 0, max: 4, remaining: 4 });
  });

  it('hold the per-campaign budget exactly under concurrency', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 3 } });
    const ids = await entries(slug, 10);
    const voter = await resident();
    const responses = await Promise.all(ids.map((id) => vote(voter, id)));
    expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(3);
    const refused = responses.filter((response) => response.statusCode === 409);
    expect(refused).toHaveLength(7);
    expect(refused[0]!.json()).toMatchObject({ code: 'vote_limit_reached', budget: { used: 3, max: 3, remaining: 0 } });
  });

  it('accept a repeated vote when the budget is used up, and free a vote when one is withdrawn', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 2 } });
    const [first, second, third] = await entries(slug, 3);
    const voter = await resident();
    await vote(voter, first!);
    await vote(voter, second!);
    const repeats = await Promise.all(Array.from({ length: 5 }, () => vote(voter, first!)));
    expect(repeats.map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(repeats[0]!.json()).toEqual({ voted: true, voteCount: 1, budget: { used: 2, max: 2, remaining: 0 } });
    expect((await vote(voter, third!)).statusCode).toBe(409);
    expect((await unvote(voter, second!)).json()).toEqual({ voted: false, voteCount: 0, budget: { used: 1, max: 2, remaining: 1 } });
    expect((await vote(voter, third!)).json()).toEqual({ voted: true, voteCount: 1, budget: { used: 2, max: 2, remaining: 0 } });
    await expectCountersMatchRows();
  });

  it('report the budget right while one resident supports and withdraws the same entry at once', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 5 } });
    const [id] = await entries(slug, 1);
    const voter = await resident();
    await vote(voter, id!);
    const responses = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? unvote(voter, id!) : vote(voter, id!))));
    // One entry in the campaign: a resident can never have used more than one vote.
    for (const response of responses) expect(response.json().budget.used).toBeLessThanOrEqual(1);
    await expectCountersMatchRows();
  });

  it('show whether the viewer supports an entry', async () => {
    const slug = await createCampaign(app, admin);
    const [id] = await entries(slug, 1);
    const voter = await resident();
    await vote(voter, id!);
    expect((await injectAs(app, voter, { method: 'GET', url: `/api/submissions/${id}` })).json().viewerHasVoted).toBe(true);
    expect((await injectAs(app, await resident(), { method: 'GET', url: `/api/submissions/${id}` })).json().viewerHasVoted).toBe(false);
    const list = (await injectAs(app, voter, { method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=new` })).json();
    expect(list.items.find((item: { id: string }) => item.id === id).viewerHasVoted).toBe(true);
  });
});

describe('when votes are allowed', () => {
  it('in collect and discuss, not in refine or announced: 409 stage_closed', async () => {
    const slug = await createCampaign(app, admin);
    const [id] = await entries(slug, 1);
    const voter = await resident();
    expect((await vote(voter, id!)).statusCode).toBe(200);
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
    expect((await unvote(voter, id!)).statusCode).toBe(200);
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'refine' } });
    const closed = await vote(voter, id!);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('stage_closed');
  });

  it('only from verified residents when the campaign asks for it: 403 otherwise', async () => {
    const slug = await createCampaign(app, admin, { settings: { votingRequiresVerification: true } });
    const [id] = await entries(slug, 1);
    const refused = await vote(await resident(false), id!);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/verify your mobile number/);
    expect((await vote(await resident(true), id!)).statusCode).toBe(200);
  });

  it('not on hidden, pending or withdrawn entries', async () => {
    const slug = await createCampaign(app, admin);
    const [hidden, withdrawn] = await entries(slug, 2);
    await db.update(submissions).set({ status: 'hidden' }).where(eq(submissions.id, hidden!));
    await db.update(submissions).set({ status: 'withdrawn' }).where(eq(submissions.id, withdrawn!));
    expect((await vote(await resident(), hidden!)).statusCode).toBe(404);
    expect((await vote(await resident(), withdrawn!)).statusCode).toBe(404);
    const preSlug = await createCampaign(app, admin, { settings: { moderationMode: 'pre' } });
    const author = await resident();
    const pending = (await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${preSlug}/submissions`, payload: { phrase: '待审投票' } })).json().submission;
    expect((await vote(await resident(), pending.id)).statusCode).toBe(404);
    expect((await vote(author, pending.id)).statusCode).toBe(409);
  });

  it('give the budget back when the entry leaves the lists, and stay the voter\'s to take back', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 2 } });
    const author = await resident();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `离开列表的短语${i}号${phraseCounter++}` } });
      ids.push(created.json().submission.id);
    }
    const voter = await resident();
    const budget = async () => (await injectAs(app, voter, { method: 'GET', url: `/api/campaigns/${slug}/votes/me` })).json();
    expect((await vote(voter, ids[0]!)).statusCode).toBe(200);
    expect((await vote(voter, ids[1]!)).statusCode).toBe(200);
    expect((await vote(voter, ids[2]!)).statusCode).toBe(409);

    // The author withdraws one: its place in the budget comes back at once.
    expect((await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${ids[0]}` })).statusCode).toBe(204);
    expect(await budget()).toMatchObject({ used: 1, remaining: 1 });
    const third = await vote(voter, ids[2]!);
    expect(third.statusCode).toBe(200);
    expect(third.json().budget).toMatchObject({ used: 2, remaining: 0 });

    // The vote on the withdrawn entry is still the voter's to take back (no 404), and the count follows.
    const back = await unvote(voter, ids[0]!);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ voted: false, voteCount: 0, budget: { used: 2 } });
    // Someone who never voted on it still finds no such entry.
    expect((await unvote(await resident(), ids[0]!)).statusCode).toBe(404);

    // A hidden entry frees the place too, and counts again once restored.
    await db.update(submissions).set({ status: 'hidden' }).where(eq(submissions.id, ids[1]!));
    expect(await budget()).toMatchObject({ used: 1 });
    await db.update(submissions).set({ status: 'published' }).where(eq(submissions.id, ids[1]!));
    expect(await budget()).toMatchObject({ used: 2 });
    await expectCountersMatchRows();
  });
});

describe('the vote path', () => {
  /** The pool queries one request sends (the app's background jobs share the pool and are not counted). */
  async function queriesOf(send: () => Promise<unknown>): Promise<number> {
    let queries = 0;
    const request = new AsyncLocalStorage<true>();
    const pool = app.pool as unknown as { query: (...args: unknown[]) => unknown };
    const original = pool.query;
    pool.query = (...args: unknown[]) => {
      if (request.getStore()) queries++;
      return original.apply(app.pool, args);
    };
    try {
      await request.run(true, send);
    } finally {
      pool.query = original;
    }
    return queries;
  }

  it('costs two queries, the session and the vote, once the entry was seen', async () => {
    const slug = await createCampaign(app, admin);
    const [id] = await entries(slug, 1);
    expect((await vote(await resident(), id!)).statusCode).toBe(200);
    const voter = await resident();
    let response: Awaited<ReturnType<typeof vote>> | undefined;
    expect(await queriesOf(async () => (response = await vote(voter, id!)))).toBe(2);
    expect(response!.json()).toMatchObject({ voted: true, voteCount: 2 });
    expect(await queriesOf(async () => (response = await unvote(voter, id!)))).toBe(2);
    expect(response!.json()).toMatchObject({ voted: false, voteCount: 1 });
  });

  it('obeys a stage or settings change written straight into the database at the next vote', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 5 } });
    const [first, second, third] = await entries(slug, 3);
    const voter = await resident();
    expect((await vote(voter, first!)).statusCode).toBe(200);
    const change = (settings: object) => db.execute(sql`UPDATE campaigns SET settings = settings || ${JSON.stringify(settings)}::jsonb WHERE slug = ${slug}`);

    await change({ maxVotesPerUser: 1 });
    const limited = await vote(voter, second!);
    expect(limited.statusCode).toBe(409);
    expect(limited.json()).toMatchObject({ code: 'vote_limit_reached', budget: { used: 1, max: 1, remaining: 0 } });

    await change({ maxVotesPerUser: 5, votingRequiresVerification: true });
    expect((await vote(voter, second!)).statusCode).toBe(403);
    await change({ votingRequiresVerification: false });
    expect((await vote(voter, second!)).json()).toMatchObject({ voted: true, budget: { used: 2, max: 5 } });

    await change({ voteCountsHidden: true });
    expect((await vote(voter, third!)).json()).toMatchObject({ voted: true, voteCount: null });

    await db.execute(sql`UPDATE campaigns SET stage = 'refine' WHERE slug = ${slug}`);
    expect((await vote(voter, third!)).json().code).toBe('stage_closed');
    expect((await unvote(voter, third!)).json().code).toBe('stage_closed');
    await db.execute(sql`UPDATE campaigns SET stage = 'collect' WHERE slug = ${slug}`);
    expect((await unvote(voter, third!)).statusCode).toBe(200);
  });

  it('obeys an entry status written straight into the database at the next vote', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const { submission } = (await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `状态直改${phraseCounter++}` } })).json();
    const voter = await resident();
    expect((await vote(voter, submission.id)).statusCode).toBe(200);
    await db.update(submissions).set({ status: 'hidden' }).where(eq(submissions.id, submission.id));
    expect((await vote(await resident(), submission.id)).statusCode).toBe(404);
    expect((await vote(author, submission.id)).statusCode).toBe(409);
    expect((await unvote(await resident(), submission.id)).statusCode).toBe(404);
    expect((await unvote(voter, submission.id)).json()).toMatchObject({ voted: false, voteCount: 0 });
    expect((await vote(voter, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('hidden vote counts', () => {
  it('hide counts from voters, while the author still sees that votes exist', async () => {
    const slug = await createCampaign(app, admin, { settings: { voteCountsHidden: true } });
    const author = await resident();
    const { submission } = (await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: '看不见的票' } })).json();
    const voter = await resident();
    expect((await vote(voter, submission.id)).json()).toMatchObject({ voted: true, voteCount: null });
    const seenByAuthor = (await injectAs(app, author, { method: 'GET', url: `/api/submissions/${submission.id}` })).json();
    expect(seenByAuthor).toMatchObject({ voteCount: null, hasVotes: true });
    const seenByOthers = (await injectAs(app, voter, { method: 'GET', url: `/api/submissions/${submission.id}` })).json();
    expect(seenByOthers).toMatchObject({ voteCount: null, hasVotes: null });
  });
});

describe('trending', () => {
  it('ranks recent support above older support', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxVotesPerUser: 10 } });
    const [older, recent] = await entries(slug, 2);
    for (let i = 0; i < 3; i++) await vote(await resident(), older!);
    await vote(await resident(), recent!);
    await db.update(votes).set({ createdAt: sql`now() - interval '60 hours'` }).where(eq(votes.submissionId, older!));
    const order = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=trending` })).json().items.map((item: { id: string }) => item.id);
    expect(order.indexOf(recent)).toBeLessThan(order.indexOf(older));
    await expectCountersMatchRows();
  });
});
