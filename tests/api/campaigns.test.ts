import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';
import { signedInUser } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ demo: true });

describe('campaigns', () => {
  it('lists the demo campaign in the collect stage', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/campaigns' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ slug: 'chongqing-spirit', title: '重庆城市精神', stage: 'collect' });
    expect(items[0].translations.en.title).toBe('Spirit of Chongqing City');
  });

  it('shows one campaign with its schedule for all four stages, in order', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/campaigns/chongqing-spirit' });
    expect(response.statusCode).toBe(200);
    const campaign = response.json();
    expect(campaign.stageSchedule.map((window: { stage: string }) => window.stage)).toEqual(['collect', 'discuss', 'refine', 'announced']);
    expect(campaign.settings).toMatchObject({ moderationMode: 'post', maxSubmissionsPerUser: expect.any(Number) });
  });

  it('shows counts equal to the rows behind them', async () => {
    await db.execute(sql`UPDATE submissions SET status = 'hidden' WHERE id = (SELECT id FROM submissions ORDER BY created_at LIMIT 1)`);
    const { counts } = (await app.inject({ method: 'GET', url: '/api/campaigns/chongqing-spirit' })).json();
    const { rows } = await db.execute<{ submissions: string; participants: string; districts: string }>(sql`
      SELECT count(*) AS submissions, count(DISTINCT author_id) AS participants, count(DISTINCT district_code) AS districts
      FROM submissions WHERE status IN ('published', 'shortlisted', 'merged')`);
    const expected = rows[0]!;
    expect(counts).toEqual({
      submissions: Number(expected.submissions),
      participants: Number(expected.participants),
      districts: Number(expected.districts),
    });
    expect(counts.submissions).toBeGreaterThanOrEqual(30);
  });

  it('keeps its counts equal to the rows through every kind of change, concurrent ones too', async () => {
    const expectCountsOfRows = async () => {
      const { rows } = await db.execute<{ submissions: number; participants: number; districts: number }>(sql`
        SELECT count(*)::integer AS submissions, count(DISTINCT author_id)::integer AS participants,
          count(DISTINCT district_code)::integer AS districts
        FROM submissions WHERE status IN ('published', 'shortlisted', 'merged')`);
      const { counts } = (await app.inject({ method: 'GET', url: '/api/campaigns/chongqing-spirit' })).json();
      expect(counts).toEqual(rows[0]);
      const { items } = (await app.inject({ method: 'GET', url: '/api/campaigns' })).json();
      expect(items[0].counts).toEqual(rows[0]);
    };
    const { rows: people } = await db.execute<{ id: string }>(sql`
      INSERT INTO users (display_name) SELECT 'Counted ' || g FROM generate_series(1, 8) g RETURNING id`);
    const add = (author: string, district: string | null, status = 'published') => db.execute(sql`
      INSERT INTO submissions (campaign_id, author_id, phrase, language, district_code, status)
      SELECT id, ${author}, ${`计数${Math.random()}`}, 'zh', ${district}, ${status}::submission_status FROM campaigns LIMIT 1`);
    // A new author in a new district, then a second entry of theirs, and one still pending.
    await add(people[0]!.id, '500240');
    await add(people[0]!.id, '500240');
    await add(people[1]!.id, null, 'pending');
    await expectCountsOfRows();
    // Concurrent entries from the same new authors and districts.
    await Promise.all(Array.from({ length: 40 }, (_, i) => add(people[2 + (i % 6)]!.id, ['500241', '500242', null][i % 3]!)));
    await expectCountsOfRows();
    // Moderation: hidden, restored, rejected, merged; an author's last entry hidden.
    await db.execute(sql`UPDATE submissions SET status = 'hidden' WHERE author_id = ${people[0]!.id}`);
    await expectCountsOfRows();
    await db.execute(sql`UPDATE submissions SET status = 'published' WHERE author_id = ${people[0]!.id}`);
    await db.execute(sql`UPDATE submissions SET status = 'published' WHERE author_id = ${people[1]!.id}`);
    await db.execute(sql`UPDATE submissions SET status = 'merged' WHERE district_code = '500241'`);
    await db.execute(sql`UPDATE submissions SET status = 'rejected' WHERE district_code = '500242'`);
    await expectCountsOfRows();
    // A district changed or cleared, an entry moved to another author, votes changing counters only.
    await db.execute(sql`UPDATE submissions SET district_code = NULL WHERE author_id = ${people[0]!.id}`);
    await db.execute(sql`UPDATE submissions SET district_code = '500243', author_id = ${people[3]!.id} WHERE author_id = ${people[2]!.id}`);
    await db.execute(sql`UPDATE submissions SET vote_count = vote_count + 1`);
    await expectCountsOfRows();
    // Entries deleted.
    await db.execute(sql`DELETE FROM submissions WHERE author_id = ${people[3]!.id}`);
    await db.execute(sql`DELETE FROM submissions WHERE id IN (SELECT id FROM submissions WHERE author_id = ${people[4]!.id} LIMIT 3)`);
    await expectCountsOfRows();
  });

  it('reads settings stored out of range (written straight into the database) as their defaults', async () => {
    await db.execute(sql`UPDATE campaigns SET settings = settings || '{"maxVotesPerUser": 0, "moderationMode": "never", "voteCountsHidden": "yes"}'::jsonb WHERE slug = 'chongqing-spirit'`);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/campaigns/chongqing-spirit' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().settings).toMatchObject({ maxVotesPerUser: 10, moderationMode: 'post', voteCountsHidden: false });
      expect((await app.inject({ method: 'GET', url: '/api/campaigns' })).statusCode).toBe(200);
    } finally {
      await db.execute(sql`UPDATE campaigns SET settings = settings - 'maxVotesPerUser' - 'moderationMode' - 'voteCountsHidden' WHERE slug = 'chongqing-spirit'`);
    }
  });

  it('answers an unknown campaign with 404 problem+json', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/campaigns/atlantis' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found', detail: 'There is no campaign "atlantis".' });
  });
});

describe('districts', () => {
  it("lists Chongqing's 38 district-level divisions with Chinese and English names", async () => {
    const response = await app.inject({ method: 'GET', url: '/api/districts' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(38);
    expect(items).toContainEqual({ code: '500103', nameZh: '渝中区', nameEn: 'Yuzhong District', kind: 'district' });
    expect(items.filter((district: { kind: string }) => district.kind === 'autonomous_county')).toHaveLength(4);
  });
});

describe('the campaign list', () => {
  const listed = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/campaigns?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: { slug: string }[]; nextCursor: string | null };
  };

  it('pages oldest first with limit, cursor and nextCursor, 20 to a page unless asked', async () => {
    const { session: admin } = await signedInUser(app, db, 'admin');
    const created = [];
    for (let i = 0; i < 24; i++) created.push(await createCampaign(app, admin));
    const everyCampaign = ['chongqing-spirit', ...created];

    const first = await listed('');
    expect(first.items.map((campaign) => campaign.slug)).toEqual(everyCampaign.slice(0, 20));
    expect(first.nextCursor).toEqual(expect.any(String));

    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listed(`limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(7);
      slugs.push(...page.items.map((campaign) => campaign.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(slugs).toEqual(everyCampaign);
    expect((await listed('limit=100')).nextCursor).toBeNull();
  });

  it.each(['limit=0', 'limit=101', 'limit=many', 'cursor=not-a-cursor'])('refuses %s with 400 problem+json', async (query) => {
    const response = await app.inject({ method: 'GET', url: `/api/campaigns?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors[0].path).toBe(`querystring.${query.split('=')[0]}`);
  });
});
