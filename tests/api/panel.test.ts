import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA, type AssessmentSummary, type Criterion, type PanelNote, type Stage } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');
const expert = async () => (await signedInUser(app, db, 'expert')).session;
const resident = async () => (await signedInUser(app, db, 'resident')).session;
const [first, second, third] = [await expert(), await expert(), await expert()];

const KEYS = DEFAULT_CRITERIA.map((criterion) => criterion.key);
/** Scores for the default criteria, in their order. */
const scoresOf = (values: number[], keys = KEYS) => Object.fromEntries(keys.map((key, index) => [key, values[index]]));

let phraseCounter = 0;
const moveTo = async (slug: string, stage: Stage) => {
  const response = await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage } });
  expect(response.statusCode, response.body).toBe(200);
};
const announce = (slug: string) => db.execute(sql`UPDATE campaigns SET stage = 'announced' WHERE slug = ${slug}`);

/** A campaign in the discuss stage with `count` entries, the first `shortlisted` of them on the shortlist. */
async function panelCampaign(count: number, shortlisted = count) {
  const slug = await createCampaign(app, admin);
  const author = await resident();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `评审测试短语${phraseCounter++}号` } });
    expect(response.statusCode, response.body).toBe(201);
    ids.push(response.json().submission.id);
  }
  await moveTo(slug, 'discuss');
  for (const id of ids.slice(0, shortlisted)) {
    const response = await injectAs(app, moderator, { method: 'PUT', url: `/api/submissions/${id}/shortlist`, payload: { rationale: '山水相依，读来好记，值得评审。' } });
    expect(response.statusCode, response.body).toBe(200);
  }
  return { slug, ids };
}

const assess = (session: Session | null, id: string, scores: Record<string, unknown>, note?: string) =>
  injectAs(app, session, { method: 'PUT', url: `/api/submissions/${id}/assessment`, payload: { scores, ...(note === undefined ? {} : { note }) } });
const assessments = (session: Session | null, slug: string) => injectAs(app, session, { method: 'GET', url: `/api/campaigns/${slug}/assessments` });
const summaryOf = async (session: Session | null, slug: string, id: string): Promise<AssessmentSummary> => {
  const response = await assessments(session, slug);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as AssessmentSummary[]).find((item) => item.submissionId === id)!;
};

describe('the campaign\'s criteria', () => {
  it("are Chongqing's five by default", async () => {
    const slug = await createCampaign(app, admin);
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/criteria` });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((criterion: Criterion) => criterion.nameZh)).toEqual(['蕴含传统文化', '富有时代气息', '彰显地域特色', '引领发展思潮', '语言通俗好记']);
    expect(response.json().items[0]).toMatchObject({ key: 'tradition', nameEn: 'Carries traditional culture', description: expect.any(String) });
  });

  it('follow the setting an admin changes', async () => {
    const slug = await createCampaign(app, admin);
    const criteria = [{ key: 'clarity', nameZh: '清楚明白', nameEn: 'Clear', description: '一读就懂' }];
    const patched = await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { criteria } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/criteria` });
    expect(response.json().items).toEqual(criteria);
  });

  it('refuses repeated keys, a badly written key or no criteria at all with a 400 naming the field', async () => {
    const slug = await createCampaign(app, admin);
    const criterion = { key: 'clarity', nameZh: '清楚明白', nameEn: 'Clear', description: '一读就懂' };
    for (const [criteria, path, message] of [
      [[criterion, criterion], 'body.settings.criteria', 'criterion keys must differ'],
      [[{ ...criterion, key: 'Clarity!' }], 'body.settings.criteria.0.key', 'lowercase'],
      [[], 'body.settings.criteria', ''],
    ] as const) {
      const response = await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { criteria } } });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().code).toBe('validation_failed');
      expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(message) })]));
    }
    expect((await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/criteria` })).json().items).toHaveLength(5);
  });
});

describe('assessing a shortlisted entry', () => {
  it("takes one score per criterion and answers with the entry's summary", async () => {
    const { ids } = await panelCampaign(1);
    const response = await assess(first, ids[0]!, scoresOf([5, 4, 3, 2, 1]), '读来有力');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      submissionId: ids[0],
      phrase: expect.stringContaining('评审测试短语'),
      experts: 1,
      means: scoresOf([5, 4, 3, 2, 1]),
      overall: 3,
      mine: { scores: scoresOf([5, 4, 3, 2, 1]), note: '读来有力', updatedAt: expect.any(String) },
    });
  });

  it('treats a criterion named like a built-in property (constructor) as any other: missing is named, figures are numbers', async () => {
    const { slug, ids } = await panelCampaign(1);
    const criteria = ['constructor', 'clarity'].map((key) => ({ key, nameZh: '清楚明白', nameEn: 'Clear', description: '一读就懂' }));
    expect((await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { criteria } } })).statusCode).toBe(200);
    const missing = await assess(first, ids[0]!, { clarity: 3 });
    expect(missing.statusCode, missing.body).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: 'body.scores.constructor' })]);
    await db.execute(sql`INSERT INTO assessments (submission_id, expert_id, campaign_id, scores) SELECT id, (SELECT id FROM users WHERE role = 'expert' LIMIT 1), campaign_id, '{"clarity":3}' FROM submissions WHERE id = ${ids[0]!}`);
    const summary = await summaryOf(first, slug, ids[0]!);
    expect(summary.means).toEqual({ constructor: null, clarity: 3 });
    expect((await assess(first, ids[0]!, { constructor: 4, clarity: 5 })).statusCode).toBe(200);
  });

  it('names each missing and each unknown criterion in the errors', async () => {
    const { ids } = await panelCampaign(1);
    const scores = { ...scoresOf([4, 4, 4, 4]), beauty: 5 };
    const response = await assess(first, ids[0]!, scores);
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.scores.memorable', message: expect.stringContaining('1 to 5') },
        { path: 'body.scores.beauty', message: expect.stringContaining('not a criterion') },
      ]),
    );
    expect(body.detail).toContain('scores.memorable');
  });

  it('refuses scores outside 1–5 and fractions', async () => {
    const { ids } = await panelCampaign(1);
    for (const bad of [0, 6, 3.5, '4']) {
      const response = await assess(first, ids[0]!, { ...scoresOf([4, 4, 4, 4, 4]), tradition: bad });
      expect(response.statusCode, `${bad}: ${response.body}`).toBe(400);
      expect(response.json().errors[0].path).toBe('body.scores.tradition');
    }
  });

  it('assesses shortlisted entries only: 409 for an entry not on the shortlist, 404 for none at all', async () => {
    const { ids } = await panelCampaign(2, 1);
    const response = await assess(first, ids[1]!, scoresOf([4, 4, 4, 4, 4]));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'conflict', detail: expect.stringContaining('shortlisted') });
    expect((await assess(first, '00000000-0000-4000-8000-000000000000', scoresOf([4, 4, 4, 4, 4]))).statusCode).toBe(404);
  });

  it('is refused (stage_closed) when the campaign is announced while the assessment waits for its row', async () => {
    const { slug, ids } = await panelCampaign(1);
    await moveTo(slug, 'refine');
    let pending: ReturnType<typeof assess> | undefined;
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT id FROM campaigns WHERE slug = ${slug} FOR UPDATE`);
      pending = assess(first, ids[0]!, scoresOf([4, 4, 4, 4, 4]));
      await new Promise((resolve) => setTimeout(resolve, 400));
      await tx.execute(sql`UPDATE campaigns SET stage = 'announced' WHERE slug = ${slug}`);
    });
    const response = await pending!;
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().code).toBe('stage_closed');
    const { rows } = await db.execute(sql`SELECT 1 FROM assessments WHERE submission_id = ${ids[0]!}`);
    expect(rows).toHaveLength(0);
  });

  it('is open in the discuss and refine stages: 409 stage_closed once announced', async () => {
    const { slug, ids } = await panelCampaign(1);
    expect((await assess(first, ids[0]!, scoresOf([4, 4, 4, 4, 4]))).statusCode).toBe(200);
    await moveTo(slug, 'refine');
    expect((await assess(first, ids[0]!, scoresOf([3, 4, 4, 4, 4]))).statusCode).toBe(200);
    await announce(slug);
    const late = await assess(first, ids[0]!, scoresOf([5, 4, 4, 4, 4]));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'stage_closed', stage: 'announced' });
  });

  it('is for the panel: a resident or a moderator 403, anonymous 401, an admin may', async () => {
    const { ids } = await panelCampaign(1);
    expect((await assess(await resident(), ids[0]!, scoresOf([4, 4, 4, 4, 4]))).statusCode).toBe(403);
    expect((await assess(moderator, ids[0]!, scoresOf([4, 4, 4, 4, 4]))).statusCode).toBe(403);
    expect((await assess(null, ids[0]!, scoresOf([4, 4, 4, 4, 4]))).statusCode).toBe(401);
    expect((await assess(admin, ids[0]!, scoresOf([4, 4, 4, 4, 4]))).statusCode).toBe(200);
  });

  it("replaces the expert's earlier assessment", async () => {
    const { slug, ids } = await panelCampaign(1);
    await assess(first, ids[0]!, scoresOf([1, 1, 1, 1, 1]), '先看看');
    const before = (await db.execute<{ updated_at: string }>(sql`SELECT updated_at::text FROM assessments WHERE submission_id = ${ids[0]}`)).rows[0]!;
    const response = await assess(first, ids[0]!, scoresOf([5, 5, 5, 5, 5]));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ experts: 1, overall: 5, mine: { note: null } });
    const { rows } = await db.execute<{ n: string; updated_at: string }>(sql`SELECT count(*) OVER () AS n, updated_at::text FROM assessments WHERE submission_id = ${ids[0]}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.updated_at > before.updated_at).toBe(true);
    expect((await summaryOf(first, slug, ids[0]!)).notes).toEqual([]);
  });

  it('keeps one row when the same expert sends two assessments at once', async () => {
    const { ids } = await panelCampaign(1);
    const answers = await Promise.all([assess(first, ids[0]!, scoresOf([1, 1, 1, 1, 1])), assess(first, ids[0]!, scoresOf([2, 2, 2, 2, 2]))]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    const { rows } = await db.execute(sql`SELECT 1 FROM assessments WHERE submission_id = ${ids[0]}`);
    expect(rows).toHaveLength(1);
  });

  it('is written to the audit log', async () => {
    const { ids } = await panelCampaign(1);
    await assess(first, ids[0]!, scoresOf([2, 3, 4, 5, 1]));
    const { rows } = await db.execute<{ actor_id: string; action: string }>(sql`SELECT actor_id, action FROM audit_log WHERE target_id = ${ids[0]} AND action = 'submission.assessed'`);
    expect(rows).toEqual([{ actor_id: first.userId, action: 'submission.assessed' }]);
  });
});

describe("the panel's figures", () => {
  it('give per criterion the mean, spread, min and max of three experts, and the mean of the means', async () => {
    const { slug, ids } = await panelCampaign(2);
    await assess(first, ids[0]!, scoresOf([3, 2, 1, 5, 4]), '传统味足');
    await assess(second, ids[0]!, scoresOf([4, 2, 3, 5, 4]));
    await assess(third, ids[0]!, scoresOf([5, 2, 5, 4, 4]), '地域特色可以更鲜明');
    const summary = await summaryOf(second, slug, ids[0]!);
    expect(summary.experts).toBe(3);
    expect(summary.criteria.tradition).toEqual({ mean: 4, spread: expect.closeTo(Math.sqrt(2 / 3), 6), min: 3, max: 5 });
    expect(summary.criteria.times).toEqual({ mean: 2, spread: 0, min: 2, max: 2 });
    expect(summary.criteria.region).toEqual({ mean: 3, spread: expect.closeTo(Math.sqrt(8 / 3), 6), min: 1, max: 5 });
    expect(summary.criteria.development!.mean).toBeCloseTo(14 / 3, 6);
    expect(summary.criteria.development!.spread).toBeCloseTo(Math.sqrt(2 / 9), 6);
    expect(summary.means).toEqual({ tradition: 4, times: 2, region: 3, development: expect.closeTo(14 / 3, 6), memorable: 4 });
    expect(summary.overall).toBeCloseTo((4 + 2 + 3 + 14 / 3 + 4) / 5, 6);
    expect(summary.mine).toMatchObject({ scores: scoresOf([4, 2, 3, 5, 4]), note: null });
    expect(summary.notes.map((note) => note.note).sort()).toEqual(['传统味足', '地域特色可以更鲜明'].sort());
    expect(summary.notes[0]!.expert.displayName).toEqual(expect.any(String));
  });

  it('list every shortlisted entry, the unscored ones with no figures, best overall first', async () => {
    const { slug, ids } = await panelCampaign(4, 3);
    await assess(first, ids[1]!, scoresOf([5, 5, 5, 5, 5]));
    await assess(first, ids[2]!, scoresOf([2, 2, 2, 2, 2]));
    const response = await assessments(first, slug);
    const items: AssessmentSummary[] = response.json().items;
    expect(items.map((item) => item.submissionId)).toEqual([ids[1], ids[2], ids[0]]);
    expect(items[2]).toMatchObject({ experts: 0, overall: null, mine: null, notes: [], means: scoresOf([null, null, null, null, null] as unknown as number[]) });
    expect(items[2]!.criteria.tradition).toEqual({ mean: null, spread: null, min: null, max: null });
  });

  it("leave out scores for a criterion the campaign no longer has", async () => {
    const { slug, ids } = await panelCampaign(1);
    await assess(first, ids[0]!, scoresOf([4, 4, 4, 4, 1]));
    const criteria = DEFAULT_CRITERIA.slice(0, 4);
    expect((await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { criteria } } })).statusCode).toBe(200);
    const summary = await summaryOf(first, slug, ids[0]!);
    expect(Object.keys(summary.means)).toEqual(KEYS.slice(0, 4));
    expect(summary.overall).toBe(4);
    const refused = await assess(first, ids[0]!, scoresOf([4, 4, 4, 4, 1]));
    expect(refused.json().errors).toEqual([{ path: 'body.scores.memorable', message: expect.stringContaining('not a criterion') }]);
  });

  it("are the panel's until the result is announced: a resident 403, anonymous 401", async () => {
    const { slug, ids } = await panelCampaign(1);
    await assess(first, ids[0]!, scoresOf([4, 4, 4, 4, 4]), '私下的看法');
    const residentView = await assessments(await resident(), slug);
    expect(residentView.statusCode).toBe(403);
    expect(residentView.json()).toMatchObject({ code: 'forbidden', detail: expect.stringContaining('announced') });
    expect((await assessments(moderator, slug)).statusCode).toBe(403);
    expect((await assessments(null, slug)).statusCode).toBe(401);
    expect((await assessments(admin, slug)).statusCode).toBe(200);
  });

  it('are shown to everyone once announced, without the notes or anyone\'s own scores', async () => {
    const { slug, ids } = await panelCampaign(1);
    await assess(first, ids[0]!, scoresOf([4, 4, 4, 4, 4]), '私下的看法');
    await announce(slug);
    for (const session of [await resident(), null]) {
      const response = await assessments(session, slug);
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([expect.objectContaining({ submissionId: ids[0], experts: 1, overall: 4, mine: null, notes: [] })]);
      expect(response.body).not.toContain('私下的看法');
    }
    expect((await summaryOf(first, slug, ids[0]!)).notes).toHaveLength(1);
  });

  it('answer 404 for an unknown campaign', async () => {
    expect((await assessments(first, 'no-such-city')).statusCode).toBe(404);
  });
});

const notesUrl = (target: 'submissions' | 'drafts', id: string) => `/api/${target}/${id}/notes`;
const postNote = (session: Session | null, url: string, body: string, parentId?: string) =>
  injectAs(app, session, { method: 'POST', url, payload: { body, ...(parentId ? { parentId } : {}) } });
const notesAt = async (session: Session, url: string): Promise<PanelNote[]> => {
  const response = await injectAs(app, session, { method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
};
const noteId = async (session: Session, url: string, body: string, parentId?: string): Promise<string> => {
  const response = await postNote(session, url, body, parentId);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().note.id;
};

/** A draft of the campaign straight in the tables, as the drafting module writes it. */
async function draftOf(slug: string, sourceId: string, authorId: string): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(sql`
    INSERT INTO drafts (campaign_id, author_id) SELECT id, ${authorId} FROM campaigns WHERE slug = ${slug} RETURNING id`);
  const id = rows[0]!.id;
  await db.execute(sql`
    INSERT INTO draft_versions (draft_id, number, text, rationale, source_submission_ids, author_id)
    VALUES (${id}, 1, '山水之城 美丽之地', '取自入围表述', ARRAY[${sourceId}]::uuid[], ${authorId})`);
  return id;
}

describe("the panel's notes", () => {
  it('take a note from an expert and show it with its author', async () => {
    const { ids } = await panelCampaign(1);
    const response = await postNote(first, notesUrl('submissions', ids[0]!), '  这条可以再凝练一些。\n比如去掉“的”。  ');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().note).toMatchObject({
      targetType: 'submission',
      targetId: ids[0],
      parentId: null,
      depth: 1,
      body: '这条可以再凝练一些。\n比如去掉“的”。',
      author: { displayName: expect.any(String), role: 'expert' },
      createdAt: expect.any(String),
    });
  });

  it('refuse a note sent while the campaign is being announced, on an entry and on a draft, instead of writing it after', async () => {
    const { slug, ids } = await panelCampaign(1);
    const { rows } = await db.execute<{ id: string }>(sql`SELECT id FROM users WHERE role = 'expert' LIMIT 1`);
    const draft = await draftOf(slug, ids[0]!, rows[0]!.id);
    const pending: ReturnType<typeof postNote>[] = [];
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT id FROM campaigns WHERE slug = ${slug} FOR UPDATE`);
      pending.push(postNote(first, notesUrl('submissions', ids[0]!), '赶在公布前写的'), postNote(first, notesUrl('drafts', draft), '赶在公布前写的'));
      await new Promise((resolve) => setTimeout(resolve, 400));
      await tx.execute(sql`UPDATE campaigns SET stage = 'announced' WHERE slug = ${slug}`);
    });
    for (const response of await Promise.all(pending)) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().code).toBe('stage_closed');
    }
    const { rows: written } = await db.execute(sql`SELECT 1 FROM panel_notes WHERE target_id IN (${ids[0]!}, ${draft})`);
    expect(written).toHaveLength(0);
  });

  it('nest answers to depth 3 and place an answer to a depth-3 note beside it', async () => {
    const { ids } = await panelCampaign(1);
    const url = notesUrl('submissions', ids[0]!);
    const root = await noteId(first, url, '第一层');
    const two = await noteId(second, url, '第二层', root);
    const three = await noteId(third, url, '第三层', two);
    const response = await postNote(first, url, '回答第三层', three);
    expect(response.json().note).toMatchObject({ depth: 3, parentId: two });
    const notes = await notesAt(first, url);
    expect(notes.map((note) => [note.body, note.depth])).toEqual([
      ['第一层', 1],
      ['第二层', 2],
      ['第三层', 3],
      ['回答第三层', 3],
    ]);
  });

  it('list oldest first, each answer right after its parent', async () => {
    const { ids } = await panelCampaign(1);
    const url = notesUrl('submissions', ids[0]!);
    const a = await noteId(first, url, 'A');
    const b = await noteId(second, url, 'B');
    await noteId(third, url, 'B1', b);
    const a1 = await noteId(second, url, 'A1', a);
    await noteId(first, url, 'A1x', a1);
    await noteId(first, url, 'C');
    await noteId(third, url, 'A2', a);
    expect((await notesAt(second, url)).map((note) => note.body)).toEqual(['A', 'A1', 'A1x', 'A2', 'B', 'B1', 'C']);
  });

  it('refuse an answer to a note on another entry, or to no note at all', async () => {
    const { ids } = await panelCampaign(2);
    const elsewhere = await noteId(first, notesUrl('submissions', ids[1]!), '另一条');
    for (const parentId of [elsewhere, '00000000-0000-4000-8000-000000000000']) {
      const response = await postNote(first, notesUrl('submissions', ids[0]!), '回答', parentId);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ path: 'body.parentId', message: expect.stringContaining('not a note') }]);
    }
    expect((await postNote(first, notesUrl('submissions', ids[0]!), '   ')).statusCode).toBe(400);
  });

  it('are kept from residents and moderators (403) and from anonymous callers (401)', async () => {
    const { ids } = await panelCampaign(1);
    const url = notesUrl('submissions', ids[0]!);
    await noteId(first, url, '只给评审看');
    for (const session of [await resident(), moderator]) {
      expect((await injectAs(app, session, { method: 'GET', url })).statusCode).toBe(403);
      expect((await postNote(session, url, '我也想说')).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await notesAt(admin, url)).map((note) => note.body)).toEqual(['只给评审看']);
  });

  it('are taken on shortlisted entries only; those written stay readable after the entry leaves the shortlist', async () => {
    const { ids } = await panelCampaign(2, 1);
    const published = await postNote(first, notesUrl('submissions', ids[1]!), '还没入围');
    expect(published.statusCode).toBe(409);
    expect(published.json().detail).toContain('shortlisted');
    const url = notesUrl('submissions', ids[0]!);
    await noteId(first, url, '入围时写的');
    expect((await injectAs(app, moderator, { method: 'DELETE', url: `/api/submissions/${ids[0]}/shortlist` })).statusCode).toBe(204);
    expect((await postNote(first, url, '出局后写的')).statusCode).toBe(409);
    expect((await notesAt(first, url)).map((note) => note.body)).toEqual(['入围时写的']);
    expect((await postNote(first, notesUrl('submissions', '00000000-0000-4000-8000-000000000000'), '没有这条')).statusCode).toBe(404);
  });

  it('are written in discuss and refine only: 409 stage_closed once announced, still readable', async () => {
    const { slug, ids } = await panelCampaign(1);
    const url = notesUrl('submissions', ids[0]!);
    await noteId(first, url, '讨论阶段');
    await moveTo(slug, 'refine');
    await noteId(first, url, '完善阶段');
    await announce(slug);
    const late = await postNote(first, url, '公布之后');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('stage_closed');
    expect(await notesAt(first, url)).toHaveLength(2);
  });

  it('hang on drafts the same way', async () => {
    const { slug, ids } = await panelCampaign(1);
    await moveTo(slug, 'refine');
    const draft = await draftOf(slug, ids[0]!, first.userId);
    const url = notesUrl('drafts', draft);
    const root = await noteId(second, url, '第二句可以更短');
    const answer = await postNote(first, url, '同意', root);
    expect(answer.json().note).toMatchObject({ targetType: 'draft', targetId: draft, parentId: root, depth: 2 });
    expect((await notesAt(third, url)).map((note) => note.body)).toEqual(['第二句可以更短', '同意']);
    const onEntry = await noteId(first, notesUrl('submissions', ids[0]!), '条目上的');
    expect((await postNote(first, url, '跨目标', onEntry)).statusCode).toBe(400);
    expect((await injectAs(app, await resident(), { method: 'GET', url })).statusCode).toBe(403);
    const missing = notesUrl('drafts', '00000000-0000-4000-8000-000000000000');
    expect((await injectAs(app, first, { method: 'GET', url: missing })).statusCode).toBe(404);
    expect((await postNote(first, missing, '没有这份')).statusCode).toBe(404);
  });

  it('never reach an event, a notification or a resident\'s view of the entry', async () => {
    const { slug, ids } = await panelCampaign(1);
    const before = await db.execute<{ n: string }>(sql`SELECT (SELECT count(*) FROM campaign_events) + (SELECT count(*) FROM notifications) AS n`);
    await noteId(first, notesUrl('submissions', ids[0]!), '内部笔记不外传');
    await assess(second, ids[0]!, scoresOf([4, 4, 4, 4, 4]), '内部评语不外传');
    const after = await db.execute<{ n: string }>(sql`SELECT (SELECT count(*) FROM campaign_events) + (SELECT count(*) FROM notifications) AS n`);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    const viewer = await resident();
    for (const url of [`/api/submissions/${ids[0]}`, `/api/campaigns/${slug}/shortlist`, `/api/submissions/${ids[0]}/comments`]) {
      const response = await injectAs(app, viewer, { method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).not.toContain('不外传');
    }
  });

  it("show an erased expert's notes under the anonymous name", async () => {
    const { ids } = await panelCampaign(1);
    const leaving = await expert();
    const url = notesUrl('submissions', ids[0]!);
    await noteId(leaving, url, '我要走了');
    expect((await injectAs(app, leaving, { method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    const [note] = await notesAt(first, url);
    expect(note!.author.displayName).toBe('已注销用户');
  });
});
