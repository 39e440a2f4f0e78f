import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { submissions } from '../../server/src/db/schema.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...(await import('../../server/src/config.ts')).loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');

const submit = (session: Session | null, slug: string, payload: Record<string, unknown>) =>
  injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload });
const resident = async () => (await signedInUser(app, db)).session;

describe('submitting a phrase', () => {
  it('publishes it, detects its language and answers with similar entries', async () => {
    const slug = await createCampaign(app, admin);
    const alice = await resident();
    await submit(alice, slug, { phrase: '坚韧顽强', explanation: '大轰炸下没有倒下。', districtCode: '500103' });
    const response = await submit(await resident(), slug, { phrase: '坚韧不屈', explanation: '' });
    expect(response.statusCode).toBe(201);
    const { submission, similar } = response.json();
    expect(submission).toMatchObject({ phrase: '坚韧不屈', status: 'published', language: 'zh', voteCount: 0, viewerIsAuthor: true });
    expect(similar).toEqual([expect.objectContaining({ phrase: '坚韧顽强', similarity: expect.any(Number) })]);
    expect(similar[0].similarity).toBeGreaterThanOrEqual(0.3);
    const english = await submit(await resident(), slug, { phrase: 'Mountain City, Warm Hearts' });
    expect(english.json().submission.language).toBe('en');
  });

  it('needs a session', async () => {
    const slug = await createCampaign(app, admin);
    expect((await submit(null, slug, { phrase: '山城' })).statusCode).toBe(401);
  });

  it.each([
    [{ phrase: '山' }, 'body.phrase'],
    [{ phrase: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一' }, 'body.phrase'],
    [{ phrase: '山城', explanation: '很'.repeat(2001) }, 'body.explanation'],
    [{ phrase: '山城', districtCode: '999999' }, 'body.districtCode'],
    [{ phrase: '山城', language: 'fr' }, 'body.language'],
  ])('refuses invalid input %j with 400 naming the field', async (payload, path) => {
    const slug = await createCampaign(app, admin);
    const response = await submit(await resident(), slug, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe(path);
  });

  it.each([
    [{ phrase: '山城\u202E城山' }, 'body.phrase'],
    [{ phrase: '山城\n夜景' }, 'body.phrase'],
    [{ phrase: '山城', explanation: '解释\u2067文字' }, 'body.explanation'],
    [{ phrase: '山城', explanation: '解释\u0008文字' }, 'body.explanation'],
  ])('refuses direction-override and control characters in %j with 400 naming the field', async (payload, path) => {
    const slug = await createCampaign(app, admin);
    const response = await submit(await resident(), slug, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe(path);
  });

  it('keeps line breaks in an explanation', async () => {
    const slug = await createCampaign(app, admin);
    const response = await submit(await resident(), slug, { phrase: '两江汇流', explanation: '第一行\n第二行\r\n第三行' });
    expect(response.statusCode).toBe(201);
    expect(response.json().submission.explanation).toBe('第一行\n第二行\r\n第三行');
  });

  it('refuses a phrase of punctuation and emoji only', async () => {
    const slug = await createCampaign(app, admin);
    const response = await submit(await resident(), slug, { phrase: '！！😀😀' });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/not only punctuation/);
  });

  it('is closed outside the collect stage: 409 stage_closed', async () => {
    const slug = await createCampaign(app, admin, { stage: 'discuss' });
    const response = await submit(await resident(), slug, { phrase: '山城' });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('stage_closed');
  });
});

describe('duplicates', () => {
  it.each([['山 城！'], ['「山城」'], ['山城😀'], ['山城。。。']])('refuses %s after 山城 with 409 duplicate_submission and duplicateOf', async (variant) => {
    const slug = await createCampaign(app, admin);
    const first = (await submit(await resident(), slug, { phrase: '山城' })).json().submission;
    const response = await submit(await resident(), slug, { phrase: variant });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'duplicate_submission', duplicateOf: first.id, duplicate: { id: first.id, status: 'published' } });
  });

  it('treats traditional characters, full-width letters and case as the same', async () => {
    const slug = await createCampaign(app, admin);
    await submit(await resident(), slug, { phrase: '重庆精神' });
    expect((await submit(await resident(), slug, { phrase: '重慶精神' })).json().code).toBe('duplicate_submission');
    await submit(await resident(), slug, { phrase: 'Mountain City' });
    expect((await submit(await resident(), slug, { phrase: 'ＭＯＵＮＴＡＩＮ ｃｉｔｙ！' })).json().code).toBe('duplicate_submission');
  });

  it('lets only one of two identical phrases submitted at the same moment in', async () => {
    const slug = await createCampaign(app, admin);
    const residents = await Promise.all([resident(), resident(), resident(), resident()]);
    const responses = await Promise.all(residents.map((session) => submit(session, slug, { phrase: '两江交汇' })));
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it('allows a phrase again once the earlier entry was withdrawn', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const first = (await submit(author, slug, { phrase: '江城' })).json().submission;
    await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${first.id}` });
    expect((await submit(await resident(), slug, { phrase: '江城' })).statusCode).toBe(201);
  });
});

describe('the per-resident limit', () => {
  it('holds exactly under 20 concurrent submissions from one resident', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxSubmissionsPerUser: 5 } });
    const author = await resident();
    const phrases = Array.from({ length: 20 }, (_, i) => `并发短语第${'一二三四五六七八九十'[i % 10]}${i < 10 ? '甲' : '乙'}号`);
    const responses = await Promise.all(phrases.map((phrase) => submit(author, slug, { phrase })));
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(5);
    expect(responses.filter((response) => response.statusCode === 409)).toHaveLength(15);
    const [{ n }] = (await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM submissions s JOIN campaigns c ON c.id = s.campaign_id WHERE c.slug = ${slug}`)).rows as [{ n: string }];
    expect(Number(n)).toBe(5);
  });

  it('does not count withdrawn entries', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxSubmissionsPerUser: 1 } });
    const author = await resident();
    const first = (await submit(author, slug, { phrase: '雾都' })).json().submission;
    expect((await submit(author, slug, { phrase: '桥都' })).statusCode).toBe(409);
    await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${first.id}` });
    expect((await submit(author, slug, { phrase: '桥都' })).statusCode).toBe(201);
  });
});

describe('the per-resident hourly rate', () => {
  it('refuses exactly the submissions beyond maxSubmissionsPerHour with 429 and the seconds until a slot frees', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxSubmissionsPerUser: 20, maxSubmissionsPerHour: 3 } });
    const author = await resident();
    const phrases = Array.from({ length: 8 }, (_, i) => `限速短语第${'一二三四五六七八'[i]}号`);
    const responses = await Promise.all(phrases.map((phrase) => submit(author, slug, { phrase })));
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(3);
    const refused = responses.filter((response) => response.statusCode === 429);
    expect(refused).toHaveLength(5);
    expect(refused[0]!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused[0]!.json().code).toBe('rate_limited');
    const retryAfter = Number(refused[0]!.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await submit(await resident(), slug, { phrase: '另一位居民的短语' })).statusCode).toBe(201);
  });

  it('counts withdrawn entries, so withdrawing does not reopen the hour', async () => {
    const slug = await createCampaign(app, admin, { settings: { maxSubmissionsPerHour: 1 } });
    const author = await resident();
    const first = (await submit(author, slug, { phrase: '雾都' })).json().submission;
    await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${first.id}` });
    expect((await submit(author, slug, { phrase: '桥都' })).statusCode).toBe(429);
  });
});

describe('review before publication', () => {
  it('keeps entries pending in pre-moderation: visible to their author and moderators only', async () => {
    const slug = await createCampaign(app, admin, { settings: { moderationMode: 'pre' } });
    const author = await resident();
    const { submission } = (await submit(author, slug, { phrase: '火锅之城' })).json();
    expect(submission).toMatchObject({ status: 'pending', pendingReason: 'pre_moderation' });
    expect((await injectAs(app, author, { method: 'GET', url: `/api/submissions/${submission.id}` })).statusCode).toBe(200);
    expect((await injectAs(app, moderator, { method: 'GET', url: `/api/submissions/${submission.id}` })).statusCode).toBe(200);
    expect((await injectAs(app, await resident(), { method: 'GET', url: `/api/submissions/${submission.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/submissions/${submission.id}` })).statusCode).toBe(404);
    const list = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=new` })).json();
    expect(list.items).toEqual([]);
    const mine = (await injectAs(app, author, { method: 'GET', url: `/api/campaigns/${slug}/submissions?author=me&sort=new` })).json();
    expect(mine.items.map((item: { id: string }) => item.id)).toEqual([submission.id]);
  });

  it('sends entries with a blocked term to review even in post-moderation', async () => {
    const slug = await createCampaign(app, admin, { settings: { blockedTerms: ['广告'] } });
    const blocked = (await submit(await resident(), slug, { phrase: '山城美景', explanation: '加微信看廣告' })).json().submission;
    expect(blocked).toMatchObject({ status: 'pending', pendingReason: 'blocked_term' });
    const clean = (await submit(await resident(), slug, { phrase: '山城夜景' })).json().submission;
    expect(clean.status).toBe('published');
  });

  it('lets only moderators list entries by a non-public status', async () => {
    const slug = await createCampaign(app, admin, { settings: { moderationMode: 'pre' } });
    await submit(await resident(), slug, { phrase: '待审短语' });
    expect((await injectAs(app, await resident(), { method: 'GET', url: `/api/campaigns/${slug}/submissions?status=pending` })).statusCode).toBe(403);
    const queue = (await injectAs(app, moderator, { method: 'GET', url: `/api/campaigns/${slug}/submissions?status=pending&sort=new` })).json();
    expect(queue.items).toHaveLength(1);
  });
});

describe('editing and withdrawing', () => {
  it('lets the author edit while the entry has no votes, and no one else', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const { submission } = (await submit(author, slug, { phrase: '山城精神' })).json();
    const edited = await injectAs(app, author, { method: 'PATCH', url: `/api/submissions/${submission.id}`, payload: { phrase: '山城人的精神', explanation: '改得更清楚。' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ phrase: '山城人的精神', explanation: '改得更清楚。' });
    expect((await injectAs(app, await resident(), { method: 'PATCH', url: `/api/submissions/${submission.id}`, payload: { phrase: '别人的改动' } })).statusCode).toBe(403);
    await db.update(submissions).set({ voteCount: 1 }).where(eq(submissions.id, submission.id));
    const withVotes = await injectAs(app, author, { method: 'PATCH', url: `/api/submissions/${submission.id}`, payload: { phrase: '再改一次' } });
    expect(withVotes.statusCode).toBe(409);
    expect(withVotes.json().detail).toMatch(/already has votes/);
  });

  it('refuses an edit that makes the entry a duplicate', async () => {
    const slug = await createCampaign(app, admin);
    await submit(await resident(), slug, { phrase: '桥都' });
    const author = await resident();
    const { submission } = (await submit(author, slug, { phrase: '桥之都' })).json();
    const response = await injectAs(app, author, { method: 'PATCH', url: `/api/submissions/${submission.id}`, payload: { phrase: '橋都' } });
    expect(response.json().code).toBe('duplicate_submission');
  });

  it('lets the author withdraw; then it is gone for everyone else', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const { submission } = (await submit(author, slug, { phrase: '不夜城' })).json();
    expect((await injectAs(app, await resident(), { method: 'DELETE', url: `/api/submissions/${submission.id}` })).statusCode).toBe(403);
    expect((await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${submission.id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/submissions/${submission.id}` })).statusCode).toBe(404);
    expect((await injectAs(app, author, { method: 'GET', url: `/api/submissions/${submission.id}` })).json().status).toBe('withdrawn');
  });

  it('closes editing and withdrawing after the collect stage', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const { submission } = (await submit(author, slug, { phrase: '勇往直前' })).json();
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
    expect((await injectAs(app, author, { method: 'PATCH', url: `/api/submissions/${submission.id}`, payload: { phrase: '勇往直前吧' } })).json().code).toBe('stage_closed');
    expect((await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${submission.id}` })).json().code).toBe('stage_closed');
  });
});

describe('hidden vote counts', () => {
  it('shows no counts to residents and refuses sorting by them, while moderators see them', async () => {
    const slug = await createCampaign(app, admin, { settings: { voteCountsHidden: true } });
    const { submission } = (await submit(await resident(), slug, { phrase: '山城之光' })).json();
    expect(submission.voteCount).toBeNull();
    expect((await app.inject({ method: 'GET', url: `/api/submissions/${submission.id}` })).json().voteCount).toBeNull();
    expect((await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=top` })).statusCode).toBe(400);
    expect((await injectAs(app, moderator, { method: 'GET', url: `/api/submissions/${submission.id}` })).json().voteCount).toBe(0);
    expect((await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=trending` })).statusCode).toBe(400);
  });

  it('fall back to newest first as the default order after collecting, instead of refusing', async () => {
    const slug = await createCampaign(app, admin, { settings: { voteCountsHidden: true }, stage: 'discuss' });
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions` });
    expect(response.statusCode).toBe(200);
    expect(response.json().sort).toBe('new');
  });
});
