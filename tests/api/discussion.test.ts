import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Comment } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const resident = async () => (await signedInUser(app, db, 'resident')).session;

let phraseCounter = 0;
async function entry(slug: string, author?: Session): Promise<string> {
  const response = await injectAs(app, author ?? (await resident()), {
    method: 'POST',
    url: `/api/campaigns/${slug}/submissions`,
    payload: { phrase: `讨论测试短语${phraseCounter++}号` },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().submission.id;
}

const post = (session: Session, entryId: string, payload: Record<string, unknown>) =>
  injectAs(app, session, { method: 'POST', url: `/api/submissions/${entryId}/comments`, payload: { stance: 'neutral', ...payload } });

async function comment(session: Session, entryId: string, payload: Record<string, unknown> = {}): Promise<Comment> {
  const response = await post(session, entryId, { body: 'A comment', ...payload });
  if (response.statusCode !== 201) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json().comment;
}

const list = async (entryId: string, query = '', session: Session | null = null) => {
  const response = await injectAs(app, session, { method: 'GET', url: `/api/submissions/${entryId}/comments${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

async function expectCountsMatchRows() {
  const { rows } = await db.execute<{ id: string; comment_count: number; actual: string }>(sql`
    SELECT s.id, s.comment_count, (SELECT count(*) FROM comments c WHERE c.target_type = 'submission' AND c.target_id = s.id AND c.deleted_at IS NULL) AS actual
    FROM submissions s`);
  for (const row of rows) expect(row.comment_count, `commentCount of ${row.id}`).toBe(Number(row.actual));
  const { rows: stances } = await db.execute<{ target_id: string; support: number; oppose: number; neutral: number; s: string; o: string; n: string }>(sql`
    SELECT st.*, 
      (SELECT count(*) FROM comments c WHERE c.target_id = st.target_id AND c.deleted_at IS NULL AND c.stance = 'support') AS s,
      (SELECT count(*) FROM comments c WHERE c.target_id = st.target_id AND c.deleted_at IS NULL AND c.stance = 'oppose') AS o,
      (SELECT count(*) FROM comments c WHERE c.target_id = st.target_id AND c.deleted_at IS NULL AND c.stance = 'neutral') AS n
    FROM comment_stances st`);
  for (const row of stances) expect([row.support, row.oppose, row.neutral]).toEqual([Number(row.s), Number(row.o), Number(row.n)]);
  const { rows: replies } = await db.execute<{ id: string; reply_count: number; actual: string }>(sql`
    SELECT c.id, c.reply_count, (SELECT count(*) FROM comments r WHERE r.parent_id = c.id) AS actual FROM comments c`);
  for (const row of replies) expect(row.reply_count, `replyCount of ${row.id}`).toBe(Number(row.actual));
}

describe('comments', () => {
  it('keep plain text with its line breaks, name the stance and the author, and count on the entry', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const alice = await resident();
    const created = await comment(alice, id, { body: '  第一行\n<b>不是 HTML</b> https://example.org  ', stance: 'support' });
    expect(created).toMatchObject({ depth: 1, parentId: null, stance: 'support', body: '第一行\n<b>不是 HTML</b> https://example.org', edited: false, deleted: false });
    expect(created.author).toMatchObject({ role: 'resident' });
    const page = await list(id);
    expect(page.items.map((c: Comment) => c.id)).toEqual([created.id]);
    expect(page.stance).toEqual({ support: 1, oppose: 0, neutral: 0 });
    const entryResponse = await app.inject({ method: 'GET', url: `/api/submissions/${id}` });
    expect(entryResponse.json().commentCount).toBe(1);
  });

  it('refuse an empty body, one over 2000 characters, an unknown stance and a parent from another entry', async () => {
    const slug = await createCampaign(app, admin);
    const [id, other] = [await entry(slug), await entry(slug)];
    const alice = await resident();
    expect((await post(alice, id, { body: '   ' })).statusCode).toBe(400);
    expect((await post(alice, id, { body: '字'.repeat(2001) })).statusCode).toBe(400);
    expect((await post(alice, id, { body: '字'.repeat(2000) })).statusCode).toBe(201);
    const bad = await post(alice, id, { body: 'x', stance: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const elsewhere = await comment(alice, other);
    const wrongParent = await post(alice, id, { body: 'x', parentId: elsewhere.id });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().errors[0].path).toBe('body.parentId');
    expect((await post(alice, '00000000-0000-4000-8000-000000000000', { body: 'x' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: 'x', stance: 'neutral' } })).statusCode).toBe(401);
  });

  it('refuse direction-override and control characters in the body, naming the field', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const alice = await resident();
    for (const body of ['看看\u202E这里', '隔离\u2068文字\u2069', '铃声\u0007']) {
      const response = await post(alice, id, { body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().errors[0].path).toBe('body.body');
    }
  });

  it('nest replies to depth 3; a reply to a depth-3 comment is placed at depth 3 naming whom it answers', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const [a, b, c] = [await resident(), await resident(), await resident()];
    const top = await comment(a, id);
    const second = await comment(b, id, { parentId: top.id });
    const third = await comment(c, id, { parentId: second.id });
    const fourth = await comment(a, id, { parentId: third.id });
    expect([top.depth, second.depth, third.depth, fourth.depth]).toEqual([1, 2, 3, 3]);
    expect(fourth.parentId).toBe(second.id);
    expect(fourth.replyTo).toMatchObject({ id: third.id });
    expect(third.replyTo).toBeNull();
    const replies = await list(id, `?parentId=${second.id}`);
    expect(replies.items.map((r: Comment) => r.id)).toEqual([third.id, fourth.id]);
    expect((await list(id)).items[0].replyCount).toBe(1);
    expect((await list(id, `?parentId=${top.id}`)).items[0].replyCount).toBe(2);
    await expectCountsMatchRows();
  });

  it('may be edited by their author within 15 minutes, marked edited, the old text kept for moderators', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const alice = await resident();
    const created = await comment(alice, id, { body: '初稿' });
    expect(created.editableUntil).not.toBeNull();
    const edit = (session: Session, commentId: string, body: string) => injectAs(app, session, { method: 'PATCH', url: `/api/comments/${commentId}`, payload: { body } });
    expect((await edit(await resident(), created.id, '别人改')).statusCode).toBe(403);
    const edited = await edit(alice, created.id, '改好了');
    expect(edited.statusCode).toBe(200);
    expect(edited.json().comment).toMatchObject({ body: '改好了', edited: true });
    const { session: moderator } = await signedInUser(app, db, 'moderator');
    const history = await injectAs(app, moderator, { method: 'GET', url: `/api/comments/${created.id}/edits` });
    expect(history.json()).toMatchObject({ items: [{ body: '初稿' }], current: '改好了' });
    expect((await injectAs(app, alice, { method: 'GET', url: `/api/comments/${created.id}/edits` })).statusCode).toBe(403);

    await db.execute(sql`UPDATE comments SET created_at = now() - interval '16 minutes' WHERE id = ${created.id}`);
    const late = await edit(alice, created.id, '太晚了');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('conflict');
    expect((await list(id)).items[0].editableUntil).toBeNull();
  });

  it('deleted keep their place in the thread with no text, and their replies stay', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const [a, b] = [await resident(), await resident()];
    const top = await comment(a, id, { body: '要删掉的', stance: 'oppose' });
    const reply = await comment(b, id, { parentId: top.id, body: '回复还在' });
    expect((await injectAs(app, b, { method: 'DELETE', url: `/api/comments/${top.id}` })).statusCode).toBe(403);
    expect((await injectAs(app, a, { method: 'DELETE', url: `/api/comments/${top.id}` })).statusCode).toBe(204);
    expect((await injectAs(app, a, { method: 'DELETE', url: `/api/comments/${top.id}` })).statusCode).toBe(204);
    const page = await list(id);
    expect(page.items[0]).toMatchObject({ id: top.id, deleted: true, body: null, author: null, replyCount: 1 });
    expect(page.stance).toEqual({ support: 0, oppose: 0, neutral: 1 });
    expect(page.total).toBe(1);
    expect((await list(id, `?parentId=${top.id}`)).items[0]).toMatchObject({ id: reply.id, body: '回复还在' });
    expect((await post(b, id, { body: 'x', parentId: top.id })).statusCode).toBe(409);
    await expectCountsMatchRows();
  });

  it('withhold the author of a deleted comment also where a reply names whom it answers', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const [a, b, c] = [await resident(), await resident(), await resident()];
    const top = await comment(a, id);
    const second = await comment(b, id, { parentId: top.id });
    const third = await comment(c, id, { parentId: second.id });
    const answer = await comment(a, id, { parentId: third.id });
    expect(answer.replyTo?.id).toBe(third.id);
    await injectAs(app, c, { method: 'DELETE', url: `/api/comments/${third.id}` });
    const replies = await list(id, `?parentId=${second.id}`);
    expect(replies.items.find((r: Comment) => r.id === answer.id).replyTo).toBeNull();
  });

  it('can no longer be deleted once the stage has closed the discussion', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const alice = await resident();
    const c = await comment(alice, id);
    for (const stage of ['discuss', 'refine']) await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage } });
    const refused = await injectAs(app, alice, { method: 'DELETE', url: `/api/comments/${c.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('stage_closed');
  });

  it('show the role of staff authors', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const { session: expert } = await signedInUser(app, db, 'expert');
    expect((await comment(expert, id)).author).toMatchObject({ role: 'expert' });
  });

  it('follow the stage module: open in collect and discuss, closed in refine', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const alice = await resident();
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
    expect((await post(alice, id, { body: 'discuss' })).statusCode).toBe(201);
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'refine' } });
    const closed = await post(alice, id, { body: 'refine' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('stage_closed');
    expect((await list(id)).items).toHaveLength(1);
  });

  it('are limited per person per hour by the campaign setting, then 429 with Retry-After', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxCommentsPerHour: 3 } });
    const id = await entry(slug);
    const alice = await resident();
    for (let i = 0; i < 3; i++) await comment(alice, id);
    const refused = await post(alice, id, { body: 'one too many' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    expect((await post(await resident(), id, { body: 'someone else' })).statusCode).toBe(201);
  });

  it('keep commentCount exact under 50 concurrent comments and deletes', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxCommentsPerHour: 1000 } });
    const id = await entry(slug);
    const people = await Promise.all(Array.from({ length: 5 }, () => resident()));
    const first = await Promise.all(people.map((p) => comment(p, id, { stance: 'support' })));
    const parents = await Promise.all(people.map((p) => comment(p, id, { stance: 'neutral' })));
    const results = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) => post(people[i % 5]!, id, { body: `并发 ${i}`, stance: i % 2 ? 'oppose' : 'support', parentId: i % 3 ? parents[i % 5]!.id : undefined })),
      ...first.map((c, i) => injectAs(app, people[i]!, { method: 'DELETE', url: `/api/comments/${c.id}` })),
    ]);
    expect(results.map((r) => r.statusCode).filter((code) => code >= 300)).toEqual([]);
    const entryResponse = await app.inject({ method: 'GET', url: `/api/submissions/${id}` });
    expect(entryResponse.json().commentCount).toBe(55);
    await expectCountsMatchRows();
  });
});

describe('comment votes', () => {
  const vote = (session: Session, id: string, value: 1 | -1) => injectAs(app, session, { method: 'PUT', url: `/api/comments/${id}/vote`, payload: { value } });

  it('count one per person: a new value replaces the old, and withdrawing removes it', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const c = await comment(await resident(), id);
    const bob = await resident();
    expect((await vote(bob, c.id, 1)).json()).toEqual({ score: 1, upvotes: 1, downvotes: 0, viewerVote: 1 });
    expect((await vote(bob, c.id, 1)).json()).toEqual({ score: 1, upvotes: 1, downvotes: 0, viewerVote: 1 });
    expect((await vote(bob, c.id, -1)).json()).toEqual({ score: -1, upvotes: 0, downvotes: 1, viewerVote: -1 });
    const back = await injectAs(app, bob, { method: 'DELETE', url: `/api/comments/${c.id}/vote` });
    expect(back.json()).toEqual({ score: 0, upvotes: 0, downvotes: 0, viewerVote: null });
    expect((await vote(bob, c.id, 2 as 1)).statusCode).toBe(400);
  });

  it('refuse a vote on your own comment', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const alice = await resident();
    const c = await comment(alice, id);
    expect((await vote(alice, c.id, 1)).statusCode).toBe(409);
  });

  it('stay one per person under 30 concurrent votes of one voter, and exact across voters', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const c = await comment(await resident(), id);
    const bob = await resident();
    await Promise.all(Array.from({ length: 30 }, (_, i) => vote(bob, c.id, i % 2 ? 1 : -1)));
    const voters = await Promise.all(Array.from({ length: 10 }, () => resident()));
    await Promise.all(voters.map((v, i) => vote(v, c.id, i < 7 ? 1 : -1)));
    const { rows } = await db.execute<{ upvotes: number; downvotes: number; up: string; down: string }>(sql`
      SELECT c.upvotes, c.downvotes,
        (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = 1) AS up,
        (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = -1) AS down
      FROM comments c WHERE c.id = ${c.id}`);
    expect(rows[0]!.upvotes).toBe(Number(rows[0]!.up));
    expect(rows[0]!.downvotes).toBe(Number(rows[0]!.down));
    expect(Number(rows[0]!.up) + Number(rows[0]!.down)).toBe(11);
  });

  it('order sort=top by the Wilson lower bound: 90 up and 10 down above 3 up and 0 down above none', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const author = await resident();
    const [few, many, none] = [await comment(author, id, { body: 'few' }), await comment(author, id, { body: 'many' }), await comment(author, id, { body: 'none' })];
    // Votes straight in the table with the counts the vote path keeps, for a hundred voters.
    await db.execute(sql`UPDATE comments SET upvotes = 3, downvotes = 0, wilson = comment_wilson(3, 0) WHERE id = ${few.id}`);
    await db.execute(sql`UPDATE comments SET upvotes = 90, downvotes = 10, wilson = comment_wilson(90, 10) WHERE id = ${many.id}`);
    const top = await list(id, '?sort=top');
    expect(top.items.map((c: Comment) => c.body)).toEqual(['many', 'few', 'none']);
    const { rows } = await db.execute<{ w: number }>(sql`SELECT comment_wilson(90, 10) AS w`);
    expect(rows[0]!.w).toBeCloseTo(0.8256, 3);
    const newest = await list(id, '?sort=new');
    expect(newest.items.map((c: Comment) => c.id)).toEqual([none.id, many.id, few.id]);
  });
});

describe('comment pages', () => {
  it('page through top, new and old without repeats or gaps', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxCommentsPerHour: 1000 } });
    const id = await entry(slug);
    const author = await resident();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await comment(author, id, { body: `第${i}条` })).id);
    await db.execute(sql`UPDATE comments SET upvotes = (random() * 5)::int, wilson = comment_wilson((random() * 5)::int, 1) WHERE target_id = ${id}`);
    for (const sort of ['top', 'new', 'old']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Comment[]; nextCursor: string | null } = await list(id, `?sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(25);
      expect(seen.length, sort).toBe(25);
    }
    const tampered = await app.inject({ method: 'GET', url: `/api/submissions/${id}/comments?sort=top&cursor=abc` });
    expect(tampered.statusCode).toBe(400);
    // JavaScript reads 1e-400 as 0, PostgreSQL refuses it: the cursor check must too.
    for (const wilson of ['1e-400', '2', '-0.5']) {
      const cursor = Buffer.from(JSON.stringify({ at: '2026-01-01T00:00:00Z', id: ids[0], wilson })).toString('base64url');
      const crafted = await app.inject({ method: 'GET', url: `/api/submissions/${id}/comments?sort=top&cursor=${cursor}` });
      expect(crafted.statusCode, wilson).toBe(400);
    }
    const trending = Buffer.from(JSON.stringify({ asOf: '2026-01-01T00:00:00Z', at: '2026-01-01T00:00:00Z', id: ids[0], score: '1e-400' })).toString('base64url');
    expect((await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=trending&cursor=${trending}` })).statusCode).toBe(400);
  });

  it('cost a fixed number of SQL queries whatever the thread size', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxCommentsPerHour: 1000 } });
    const small = await entry(slug);
    const large = await entry(slug);
    const author = await resident();
    const viewer = await resident();
    for (let i = 0; i < 3; i++) await comment(author, small);
    await db.execute(sql`
      INSERT INTO comments (campaign_id, target_type, target_id, depth, author_id, stance, body)
      SELECT s.campaign_id, 'submission', s.id, 1, s.author_id, 'neutral', 'bulk ' || g FROM submissions s, generate_series(1, 300) g WHERE s.id = ${large}`);
    const count = async (entryId: string) => {
      // Only the request's own queries count: the app's background jobs (similar pairs, vote counts)
      // share the pool and may run during the request, as they did under load in CI.
      let queries = 0;
      const request = new AsyncLocalStorage<true>();
      const original = app.pool.query.bind(app.pool);
      const pool = app.pool as unknown as { query: (...args: unknown[]) => unknown };
      pool.query = (...args: unknown[]) => {
        if (request.getStore()) queries++;
        return (original as (...a: unknown[]) => unknown)(...args);
      };
      try {
        await request.run(true, () => list(entryId, '?limit=20', viewer));
      } finally {
        pool.query = original as unknown as (...args: unknown[]) => unknown;
      }
      return queries;
    };
    const [smallQueries, largeQueries] = [await count(small), await count(large)];
    expect(largeQueries).toBe(smallQueries);
    expect(largeQueries).toBeGreaterThan(0);
    expect(largeQueries).toBeLessThanOrEqual(5);
  });
});
