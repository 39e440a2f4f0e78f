import { inArray, sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { submissionListQuerySchema } from '@city-spirit/shared';
import { createDatabase, createPool } from '../../server/src/db/client.ts';
import { listSubmissions } from '../../server/src/modules/submissions/service.ts';
import { seededRandom } from '../helpers/random.ts';
import { submissions } from '../../server/src/db/schema.ts';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { createUser, injectAs, signedInUser } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';

const { app, db, config } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const author = await createUser(db);

const PHRASES = [
  ['坚韧顽强', '抗战时期的陪都精神', '500103'],
  ['开放包容', '码头文化，五湖四海', '500105'],
  ['耿直豪爽', '说话直来直去', '500106'],
  ['爬坡上坎', '山城的路一步步爬', '500103'],
  ['火辣热情', 'Hotpot warmth for everyone', '500108'],
  ['Mountain City Warm Hearts', 'The hills are steep but people stop to help', '500112'],
  ['Rivers Meet Ideas Flow', 'Where the Yangtze meets the Jialing', '500105'],
  ['两江交汇', '长江和嘉陵江在朝天门相会', '500103'],
  ['敢为人先', '从直辖到陆海新通道', '500101'],
  ['山高人为峰', '山再高人站上去就是顶峰', '500241'],
] as const;

async function seedCampaign(extra = 0) {
  const slug = await createCampaign(app, admin);
  const [{ id: campaignId }] = (await db.execute<{ id: string }>(sql`SELECT id FROM campaigns WHERE slug = ${slug}`)).rows as [{ id: string }];
  const rows = [
    ...PHRASES.map(([phrase, explanation, districtCode], i) => ({ phrase, explanation, districtCode, votes: (i * 7) % 5 })),
    ...Array.from({ length: extra }, (_, i) => ({ phrase: `测试短语${i}号`, explanation: '', districtCode: '500118', votes: i % 4 })),
  ];
  await db.insert(submissions).values(
    rows.map((row, i) => ({
      campaignId,
      authorId: author.id,
      phrase: row.phrase,
      explanation: row.explanation,
      districtCode: row.districtCode,
      language: /[a-z]/i.test(row.phrase) ? 'en' : 'zh',
      voteCount: row.votes,
      createdAt: new Date(Date.now() - (rows.length - i) * 60_000),
      ...textIndexColumns(row.phrase, row.explanation),
    })),
  );
  return { slug, campaignId };
}

async function list(slug: string, query: string) {
  const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function allPages(slug: string, query: string, between?: () => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let seed = '';
  do {
    const keepSeed = seed && !query.includes('seed=') ? `&seed=${seed}` : '';
    const page = await list(slug, `${query}&limit=3${keepSeed}${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.items.map((item: { id: string }) => item.id));
    seed = page.seed ?? '';
    cursor = page.nextCursor;
    await between?.();
  } while (cursor);
  return ids;
}

/** Every page a client gets by sending the first page's query, then each nextCursor with `nextQuery` (no seed). */
async function followCursors(slug: string, firstQuery: string, nextQuery = '') {
  const ids: string[] = [];
  let page = await list(slug, firstQuery);
  ids.push(...page.items.map((item: { id: string }) => item.id));
  while (page.nextCursor) {
    page = await list(slug, `${nextQuery}&cursor=${page.nextCursor}`);
    ids.push(...page.items.map((item: { id: string }) => item.id));
  }
  return ids;
}

async function cursorFor(slug: string, sort: string) {
  const { nextCursor } = await list(slug, `sort=${sort}&limit=3`);
  expect(nextCursor).toEqual(expect.any(String));
  return nextCursor as string;
}

describe('browsing entries', () => {
  it('defaults to a random order while collecting, stable for one seed across pages', async () => {
    const { slug } = await seedCampaign();
    const first = await list(slug, 'limit=4');
    expect(first.sort).toBe('random');
    expect(first.seed).toEqual(expect.any(String));
    const again = await list(slug, `limit=4&seed=${first.seed}`);
    expect(again.items.map((i: { id: string }) => i.id)).toEqual(first.items.map((i: { id: string }) => i.id));
    const orders = new Set<string>();
    for (const seed of ['seed-one', 'seed-two', 'seed-three', 'seed-four']) orders.add((await allPages(slug, `sort=random&seed=${seed}`)).join());
    expect(orders.size).toBeGreaterThan(1);
  });

  it.each(['new', 'top', 'trending', 'random'])('pages through sort=%s without skipping or repeating while new entries arrive', async (sort) => {
    const { slug } = await seedCampaign(11);
    const before = await allPages(slug, `sort=${sort}`);
    expect(before).toHaveLength(21);
    let arrivals = 0;
    const during = await allPages(slug, `sort=${sort}`, async () => {
      const response = await injectAs(app, (await signedInUser(app, db)).session, {
        method: 'POST',
        url: `/api/campaigns/${slug}/submissions`,
        payload: { phrase: `新来的短语${arrivals++}${sort}` },
      });
      expect(response.statusCode).toBe(201);
    });
    expect(new Set(during).size).toBe(during.length);
    expect([...during].sort()).toEqual([...before].sort());
  });

  it('orders trending by support decayed over 72 hours, ties newest first, the same across pages', async () => {
    const { slug, campaignId } = await seedCampaign(11);
    const ids = (await list(slug, 'sort=new&limit=100')).items.map((item: { id: string }) => item.id) as string[];
    // Hours ago of each entry's votes: 0 and 1 tie exactly, across the boundary of the first two pages
    // of three; votes 72 hours old or more count nothing.
    const ages = [[1, 30], [1, 30], [5], [30, 50], [71], [1, 1], [200], [1, 1, 1], [50, 50], [30], [5, 71], [80]];
    const cast = ages.flatMap((hours, e) => hours.map((h) => ({ entry: ids[e]!, hours: h })));
    const now = Date.now();
    for (const [i, vote] of cast.entries()) {
      const voter = await createUser(db, { displayName: `Trending voter ${i}` });
      await db.execute(sql`INSERT INTO votes (user_id, submission_id, campaign_id, created_at)
        VALUES (${voter.id}, ${vote.entry}, ${campaignId}, ${new Date(now - vote.hours * 3_600_000)}::timestamptz)`);
    }
    const score = (entry: string) => cast.filter((v) => v.entry === entry && v.hours < 72).reduce((sum, v) => sum + Math.exp(-v.hours / 24), 0);
    const created = new Map<string, string>((await list(slug, 'sort=new&limit=100')).items.map((item: { id: string; createdAt: string }) => [item.id, item.createdAt]));
    const newestFirst = (a: string, b: string) => (a > b ? -1 : a < b ? 1 : 0);
    const expected = [...ids].sort((a, b) => score(b) - score(a) || newestFirst(created.get(a)!, created.get(b)!) || newestFirst(a, b));
    expect(await allPages(slug, 'sort=trending')).toEqual(expected);
    expect((await list(slug, 'sort=trending&limit=100')).items.map((item: { id: string }) => item.id)).toEqual(expected);
  });

  it('pages trending without repeats whichever plan PostgreSQL picks for each page', async () => {
    const { slug, campaignId } = await seedCampaign(11);
    const ids = (await list(slug, 'sort=new&limit=100')).items.map((item: { id: string }) => item.id) as string[];
    const voters = await Promise.all(Array.from({ length: 14 }, (_, i) => createUser(db, { displayName: `Plan voter ${i}` })));
    const random = seededRandom(17);
    // Many votes per entry at scattered ages: a float sum of them depends on the order it adds them in.
    for (const [e, entry] of ids.slice(0, 16).entries()) {
      for (const voter of voters.slice(0, 6 + (e % 9))) {
        await db.execute(sql`INSERT INTO votes (user_id, submission_id, campaign_id, created_at)
          VALUES (${voter.id}, ${entry}, ${campaignId}, now() - ${`${Math.floor(random() * 250_000)} seconds`}::interval)`);
      }
    }
    await db.execute(sql`ANALYZE votes`);
    // One connection reads the votes through their index (by time), the other from the heap.
    const planned = (settings: string) => {
      const url = new URL(config.databaseUrl);
      url.searchParams.set('options', settings);
      const pool = createPool(url.toString(), 1);
      onTestFinished(() => pool.end());
      return createDatabase(pool);
    };
    const plans = [planned('-c enable_seqscan=off -c enable_bitmapscan=off'), planned('-c enable_indexscan=off -c enable_bitmapscan=off')];
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page === 0 || cursor; page++) {
        const query = submissionListQuerySchema.parse({ sort: 'trending', limit, ...(cursor && { cursor }) });
        const result = await listSubmissions(plans[page % 2]!, null, slug, query);
        seen.push(...result.items.map((item) => item.id));
        cursor = result.nextCursor;
      }
      expect(seen.length, `limit ${limit}`).toBe(new Set(seen).size);
      expect([...seen].sort()).toEqual([...ids].sort());
    }
  });

  it('sorts top by votes, then newest; new by time', async () => {
    const { slug } = await seedCampaign();
    const top = (await list(slug, 'sort=top&limit=100')).items;
    const votes = top.map((item: { voteCount: number }) => item.voteCount);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    const created = (await list(slug, 'sort=new&limit=100')).items.map((item: { createdAt: string }) => item.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('searches Chinese and English text in phrases and explanations', async () => {
    const { slug } = await seedCampaign();
    const phrasesFor = async (q: string) => (await list(slug, `sort=new&q=${encodeURIComponent(q)}`)).items.map((item: { phrase: string }) => item.phrase).sort();
    expect(await phrasesFor('山')).toEqual(['山高人为峰', '爬坡上坎'].sort());
    expect(await phrasesFor('陪都')).toEqual(['坚韧顽强']);
    expect(await phrasesFor('嘉陵')).toEqual(['两江交汇']);
    expect(await phrasesFor('mountain city')).toEqual(['Mountain City Warm Hearts']);
    expect(await phrasesFor('yangtze')).toEqual(['Rivers Meet Ideas Flow']);
    expect(await phrasesFor('HOTPOT')).toEqual(['火辣热情']);
    expect(await phrasesFor('陪 都！')).toEqual(['坚韧顽强']);
    expect(await phrasesFor('没有这个词')).toEqual([]);
  });

  it('filters by district', async () => {
    const { slug } = await seedCampaign();
    const phrases = (await list(slug, 'sort=new&districtCode=500103')).items.map((item: { phrase: string }) => item.phrase).sort();
    expect(phrases).toEqual(['两江交汇', '坚韧顽强', '爬坡上坎'].sort());
  });

  it.each(['new', 'top', 'trending', 'random'])('visits every entry once in sort=%s by following nextCursor alone', async (sort) => {
    const { slug } = await seedCampaign(40);
    const everyEntry = (await list(slug, 'sort=new&limit=100')).items.map((item: { id: string }) => item.id);
    for (const nextQuery of ['', `sort=${sort}&limit=3`]) {
      const visited = await followCursors(slug, `sort=${sort}&limit=3`, nextQuery);
      expect(visited, nextQuery).toHaveLength(everyEntry.length);
      expect([...visited].sort()).toEqual([...everyEntry].sort());
    }
  });

  it('keeps the shuffle of the first page when the next pages repeat its seed, and refuses a different seed', async () => {
    const { slug } = await seedCampaign(11);
    const withSeed = await allPages(slug, 'sort=random&seed=kept-seed');
    expect(await followCursors(slug, 'sort=random&limit=3&seed=kept-seed')).toEqual(withSeed);
    const first = await list(slug, 'sort=random&limit=3&seed=kept-seed');
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=random&limit=3&seed=other-seed&cursor=${first.nextCursor}` });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors[0].path).toBe('querystring.seed');
  });

  it.each([
    ['new', 'top'],
    ['top', 'trending'],
    ['trending', 'random'],
    ['random', 'new'],
    ['new', 'random'],
    ['top', 'new'],
  ])('refuses a cursor made for sort=%s when sort=%s is asked for, with 400', async (made, asked) => {
    const { slug } = await seedCampaign(11);
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=${asked}&limit=3&cursor=${await cursorFor(slug, made)}` });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'validation_failed', detail: expect.stringMatching(/another sort or campaign/) });
    expect(response.json().errors[0].path).toBe('querystring.cursor');
  });

  it.each(['new', 'top', 'trending', 'random'])('refuses a cursor of sort=%s made for another campaign, with 400', async (sort) => {
    const { slug: other } = await seedCampaign(11);
    const { slug } = await seedCampaign(11);
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=${sort}&limit=3&cursor=${await cursorFor(other, sort)}` });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', detail: expect.stringMatching(/another sort or campaign/) });
    expect(response.json().errors[0].path).toBe('querystring.cursor');
  });

  it('refuses a tampered cursor with 400', async () => {
    const { slug } = await seedCampaign();
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=new&cursor=not-a-cursor` });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('querystring.cursor');
  });

  it.each([
    ['trending', { score: 'abc' }],
    ['trending', { score: 'Infinity' }],
    ['trending', { asOf: 'yesterday' }],
    ['new', { at: 'not a time' }],
    ['new', { id: 'not-a-uuid' }],
    ['top', { votes: 1.5 }],
    ['top', { at: '2026-13-45 99:00:00+00' }],
    ['random', { key: "x' OR 1=1" }],
    ['new', { at: '2026-01-01 00:00:00+16' }],
    ['new', { asOf: '2026-01-01 00:00:00+00:60' }],
    ['new', { at: undefined }],
    ['top', { votes: undefined }],
    ['random', { key: undefined }],
    ['trending', { score: '1e999' }],
    ['trending', { score: undefined }],
  ])('refuses a well-formed cursor whose %s key is wrong (%j) with 400, not 500', async (sort, wrong) => {
    const { slug } = await seedCampaign(11);
    const first = await list(slug, `sort=${sort}&limit=3`);
    const cursor = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify({ ...cursor, ...wrong })).toString('base64url');
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=${sort}&limit=3&cursor=${tampered}${first.seed ? `&seed=${first.seed}` : ''}` });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors[0].path).toBe('querystring.cursor');
  });
});

describe('similar phrases', () => {
  it('ranks near-duplicates first with a similarity score', async () => {
    const { slug } = await seedCampaign();
    const { items } = await list(slug, '').then(() => app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions/similar?text=${encodeURIComponent('坚韧不拔')}` }).then((r) => r.json()));
    expect(items[0]).toMatchObject({ phrase: '坚韧顽强' });
    expect(items[0].similarity).toBeGreaterThanOrEqual(0.3);
  });

  it('finds reordered and traditional variants', async () => {
    const { slug } = await seedCampaign();
    const similar = async (text: string) =>
      (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions/similar?text=${encodeURIComponent(text)}` })).json().items;
    expect((await similar('包容开放'))[0]).toMatchObject({ phrase: '开放包容', similarity: 1 });
    expect((await similar('兩江交匯'))[0]).toMatchObject({ phrase: '两江交汇', similarity: 1 });
    expect((await similar('mountain city'))[0]).toMatchObject({ phrase: 'Mountain City Warm Hearts' });
    expect(await similar('量子计算')).toEqual([]);
  });

  it('leaves out entries that are not published', async () => {
    const { slug, campaignId } = await seedCampaign();
    await db.update(submissions).set({ status: 'hidden' }).where(inArray(submissions.phrase, ['开放包容']));
    const { items } = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions/similar?text=${encodeURIComponent('包容开放')}` })).json();
    expect(items.map((item: { phrase: string }) => item.phrase)).not.toContain('开放包容');
    expect(campaignId).toBeTruthy();
  });

  it('needs some text: 400', async () => {
    const { slug } = await seedCampaign();
    expect((await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions/similar?text=` })).statusCode).toBe(400);
  });
});
