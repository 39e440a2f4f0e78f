import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { STAGES } from '@city-spirit/shared';
import { auditLog, campaigns } from '../../server/src/db/schema.ts';
import { assertStageAllows, STAGE_ALLOWS } from '../../server/src/modules/campaigns/stages.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser } from '../helpers/accounts.ts';

const { app, db } = await setupTestApp();
const { session: admin } = await signedInUser(app, db, 'admin');

let campaignCount = 0;
async function newCampaign() {
  const slug = `city-${++campaignCount}`;
  const response = await injectAs(app, admin, {
    method: 'POST',
    url: '/api/campaigns',
    payload: { slug, title: `City ${campaignCount}`, description: 'A campaign for the stage tests.' },
  });
  expect(response.statusCode).toBe(201);
  return slug;
}
const moveTo = (slug: string, stage: string) => injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage } });

describe('what each stage allows', () => {
  it('follows the contract', () => {
    expect(STAGE_ALLOWS).toEqual({
      collect: ['submit', 'editOwnSubmission', 'withdrawOwnSubmission', 'vote', 'comment', 'report'],
      discuss: ['vote', 'comment', 'pairwise', 'report', 'shortlist', 'assess', 'keepPanelNotes'],
      refine: ['draft', 'assess', 'keepPanelNotes', 'commentOnDraft', 'voteOnDraft', 'report', 'adopt'],
      announced: [],
    });
  });

  it('refuses a wrong-stage action with 409 stage_closed that says when it is open', () => {
    expect(() => assertStageAllows({ stage: 'collect' }, 'submit')).not.toThrow();
    expect(() => assertStageAllows({ stage: 'discuss' }, 'submit')).toThrow(expect.objectContaining({ code: 'stage_closed', status: 409 }));
    expect(() => assertStageAllows({ stage: 'refine' }, 'vote')).toThrow(/open during: collect, discuss/);
    for (const stage of STAGES) expect(() => assertStageAllows({ stage: 'announced' }, STAGE_ALLOWS[stage][0] ?? 'vote')).toThrow();
  });
});

describe('stage changes', () => {
  it('move a campaign forward one stage at a time, each audited', async () => {
    const slug = await newCampaign();
    for (const stage of ['discuss', 'refine']) {
      const response = await moveTo(slug, stage);
      expect(response.statusCode).toBe(200);
      expect(response.json().stage).toBe(stage);
    }
    const [campaign] = await db.select().from(campaigns).where(eq(campaigns.slug, slug));
    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, campaign!.id));
    expect(entries.filter((entry) => entry.action === 'campaign.stage_changed').map((entry) => entry.details)).toEqual([
      { from: 'collect', to: 'discuss' },
      { from: 'discuss', to: 'refine' },
    ]);
  });

  it('announce a campaign only by adopting a draft: the stage change to announced is 409, naming the adoption', async () => {
    const slug = await newCampaign();
    for (const stage of ['discuss', 'refine']) await moveTo(slug, stage);
    const response = await moveTo(slug, 'announced');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'conflict', stage: 'refine', adopt: `/api/campaigns/${slug}/adopt` });
    expect(response.json().detail).toMatch(/adopting one of its published drafts/);
    expect((await app.inject({ method: 'GET', url: `/api/campaigns/${slug}` })).json().stage).toBe('refine');
  });

  it('records when each stage actually began and ended, beside the planned schedule', async () => {
    const slug = await newCampaign();
    const fresh = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}` })).json();
    expect(fresh.stageHistory).toEqual([{ stage: 'collect', startedAt: fresh.createdAt, endedAt: null }]);
    await moveTo(slug, 'discuss');
    await moveTo(slug, 'refine');
    const { stageHistory } = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}` })).json();
    expect(stageHistory.map((period: { stage: string }) => period.stage)).toEqual(['collect', 'discuss', 'refine']);
    expect(stageHistory[0].endedAt).toBe(stageHistory[1].startedAt);
    expect(stageHistory[1].endedAt).toBe(stageHistory[2].startedAt);
    expect(stageHistory[2].endedAt).toBeNull();
    expect(Date.parse(stageHistory[1].startedAt)).toBeGreaterThanOrEqual(Date.parse(stageHistory[0].startedAt));
    const listed = (await app.inject({ method: 'GET', url: '/api/campaigns' })).json().items.find((campaign: { slug: string }) => campaign.slug === slug);
    expect(listed.stageHistory).toEqual(stageHistory);
  });

  it('refuses skipping a stage, going back, staying, or moving past announced: 409', async () => {
    const slug = await newCampaign();
    expect((await moveTo(slug, 'refine')).statusCode).toBe(409);
    expect((await moveTo(slug, 'collect')).statusCode).toBe(409);
    const response = await moveTo(slug, 'announced');
    expect(response.json()).toMatchObject({ code: 'conflict', stage: 'collect', nextStage: 'discuss' });
    expect(response.json().detail).toMatch(/only move on to discuss/);
    for (const stage of ['discuss', 'refine']) await moveTo(slug, stage);
    await db.update(campaigns).set({ stage: 'announced' }).where(eq(campaigns.slug, slug));
    expect((await moveTo(slug, 'announced')).json().detail).toMatch(/no further stage/);
  });

  it('refuses an unknown stage with 400', async () => {
    const slug = await newCampaign();
    expect((await moveTo(slug, 'party')).statusCode).toBe(400);
  });

  it('answer an unknown campaign with 404', async () => {
    expect((await moveTo('nowhere', 'discuss')).statusCode).toBe(404);
  });
});

describe('campaign settings', () => {
  it('are changed by admins, merged with the current ones and audited', async () => {
    const slug = await newCampaign();
    const response = await injectAs(app, admin, {
      method: 'PATCH',
      url: `/api/campaigns/${slug}`,
      payload: { settings: { moderationMode: 'pre', voteCountsHidden: true } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().settings).toMatchObject({ moderationMode: 'pre', voteCountsHidden: true, maxSubmissionsPerUser: 5 });
  });

  it('refuse invalid values and an empty change with 400', async () => {
    const slug = await newCampaign();
    const bad = await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { moderationMode: 'sometimes' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.settings.moderationMode');
    expect((await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: {} })).statusCode).toBe(400);
  });

  it('refuse a schedule whose stages are out of order', async () => {
    const slug = await newCampaign();
    const stageSchedule = ['discuss', 'collect', 'refine', 'announced'].map((stage) => ({ stage, startsAt: null, endsAt: null }));
    expect((await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { stageSchedule } })).statusCode).toBe(400);
  });

  it('refuse a duplicate slug at creation with 409', async () => {
    const slug = await newCampaign();
    const again = await injectAs(app, admin, { method: 'POST', url: '/api/campaigns', payload: { slug, title: 'Again', description: 'Same slug as before.' } });
    expect(again.statusCode).toBe(409);
  });
});

describe('campaign texts', () => {
  it('keep what a change does not mention', async () => {
    const slug = await newCampaign();
    await injectAs(app, admin, {
      method: 'PATCH',
      url: `/api/campaigns/${slug}`,
      payload: { translations: { en: { title: 'City in English', description: 'The English description.' } } },
    });
    const response = await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { title: '新的标题' } });
    expect(response.json()).toMatchObject({ title: '新的标题', translations: { en: { title: 'City in English' } } });
  });
});
