import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

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
