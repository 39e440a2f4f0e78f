import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CampaignConsensus, CampaignSettings } from '@city-spirit/shared';
import { DEFAULT_CAMPAIGN_SETTINGS } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { consensusScore } from '../../server/src/modules/insights/consensus.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');

async function residents(count: number, districtCode: string): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < count; i++) {
    const { session, user } = await signedInUser(app, db, 'resident');
    await db.execute(sql`UPDATE users SET district_code = ${districtCode} WHERE id = ${user.id}`);
    sessions.push(session);
  }
  return sessions;
}

async function submit(slug: string, author: Session, phrase: string): Promise<string> {
  const response = await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().submission.id;
}

async function support(voters: Session[], entryId: string): Promise<void> {
  for (const voter of voters) {
    const response = await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${entryId}/vote` });
    expect(response.statusCode, response.body).toBe(200);
  }
}

async function shortlist(slug: string, ids: string[]): Promise<void> {
  await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
  for (const id of ids) {
    const response = await injectAs(app, moderator, { method: 'PUT', url: `/api/submissions/${id}/shortlist`, payload: { rationale: '各区讨论中都有人提到。' } });
    expect(response.statusCode, response.body).toBe(200);
  }
}

async function consensus(slug: string, viewer: Session | null = null): Promise<CampaignConsensus> {
  const response = await injectAs(app, viewer, { method: 'GET', url: `/api/campaigns/${slug}/consensus` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/**
 * Yuzhong (10 residents) all support one phrase; Yuzhong, Jiangbei and Shapingba (5 each, all voting for a third) give another
 * two supporters each; one resident of Dadukou, below the minimum, supports the first.
 */
async function cityOfThreeDistricts(settings: Partial<CampaignSettings> = {}) {
  const slug = await createCampaign(app, admin, { settings });
  const yuzhong = await residents(10, '500103');
  const jiangbei = await residents(5, '500105');
  const shapingba = await residents(5, '500106');
  const [dadukou] = await residents(1, '500104');
  const everywhere = await submit(slug, yuzhong[0]!, '坚韧顽强，开放包容');
  const oneDistrict = await submit(slug, yuzhong[1]!, '解放碑的夜景');
  const notShortlisted = await submit(slug, yuzhong[2]!, '洪崖洞');
  await support([...yuzhong.slice(0, 2), ...jiangbei.slice(0, 2), ...shapingba.slice(0, 2)], everywhere);
  await support([...yuzhong, dadukou!], oneDistrict);
  await support([...jiangbei, ...shapingba], notShortlisted);
  await shortlist(slug, [everywhere, oneDistrict]);
  return { slug, everywhere, oneDistrict, notShortlisted };
}

describe('GET /api/campaigns/:slug/consensus', () => {
  it('answers 404 for a campaign that does not exist', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/campaigns/no-such-city/consensus' })).statusCode).toBe(404);
  });

  it('ranks a phrase every district supports above one that only a single district supports, though it has more votes', async () => {
    const { slug, everywhere, oneDistrict } = await cityOfThreeDistricts();
    const result = await consensus(slug);

    expect(result.minParticipants).toBe(DEFAULT_CAMPAIGN_SETTINGS.consensusMinParticipants);
    expect(result.districtsCounted).toEqual(['500103', '500105', '500106']);
    expect(result.items.map((item) => item.submission.id)).toEqual([everywhere, oneDistrict]);
    const [first, second] = result.items;
    expect(second!.supportShare).toBeGreaterThan(first!.supportShare);
    // 21 participants: 10 + 5 + 5 who voted, and one in Dadukou.
    expect(first!.supportShare).toBeCloseTo(6 / 21);
    expect(second!.supportShare).toBeCloseTo(11 / 21);
    expect(first!.districts).toEqual([
      { code: '500103', supporters: 2, participants: 10, share: 0.2 },
      { code: '500105', supporters: 2, participants: 5, share: 0.4 },
      { code: '500106', supporters: 2, participants: 5, share: 0.4 },
    ]);
    expect(first!.consensus).toBeCloseTo((3 / 12) * (3 / 7) * (3 / 7));
    expect(second!.consensus).toBeCloseTo((11 / 12) * (1 / 7) * (1 / 7));
  });

  it('counts a district only from the campaign\'s minimum number of participants', async () => {
    const { slug } = await cityOfThreeDistricts({ consensusMinParticipants: 1 });
    const result = await consensus(slug);
    expect(result.districtsCounted).toEqual(['500103', '500104', '500105', '500106']);
    expect(result.items[0]!.districts.find((district) => district.code === '500104')).toEqual({ code: '500104', supporters: 0, participants: 1, share: 0 });
  });

  it('follows a supporter who moves to another district', async () => {
    const slug = await createCampaign(app, admin, { settings: { consensusMinParticipants: 1 } });
    const [voter] = await residents(1, '500103');
    const entry = await submit(slug, voter!, '两江交汇');
    await support([voter!], entry);
    await shortlist(slug, [entry]);
    expect((await injectAs(app, voter!, { method: 'PATCH', url: '/api/me', payload: { districtCode: '500110' } })).statusCode).toBe(200);
    const [item] = (await consensus(slug)).items;
    expect(item!.districts).toEqual([{ code: '500110', supporters: 1, participants: 1, share: 1 }]);
  });

  it('shows no support figures while the campaign hides vote counts, except to staff', async () => {
    const { slug } = await cityOfThreeDistricts({ voteCountsHidden: true });
    const hidden = await consensus(slug);
    expect(hidden).toMatchObject({ items: [], countsHidden: true });
    const staff = await consensus(slug, moderator);
    expect(staff.countsHidden).toBe(false);
    expect(staff.items).toHaveLength(2);
  });

  it('refuses a minimum of participants below 1', async () => {
    const slug = await createCampaign(app, admin);
    const response = await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { consensusMinParticipants: 0 } } });
    expect(response.statusCode).toBe(400);
  });

  it('scores by the product of (supporters + 1) / (participants + 2)', () => {
    expect(consensusScore([])).toBe(1);
    expect(consensusScore([{ supporters: 4, participants: 4 }])).toBeCloseTo(5 / 6);
    expect(consensusScore([{ supporters: 4, participants: 4 }, { supporters: 0, participants: 4 }])).toBeCloseTo((5 / 6) * (1 / 6));
  });
});
