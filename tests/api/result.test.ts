import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CampaignResult } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createDraft, draftInput, endorse, publishedDraft, refiningCampaign } from '../helpers/drafts.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: expert, user: expertUser } = await signedInUser(app, db, 'expert');
const { session: secondExpert, user: secondExpertUser } = await signedInUser(app, db, 'expert');
const panel: [Session, Session] = [expert, secondExpert];

const adopt = (slug: string, draftId: string) => injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/adopt`, payload: { draftId } });
const resultOf = (slug: string) => injectAs(app, null, { method: 'GET', url: `/api/campaigns/${slug}/result` });

describe('adopting a draft', () => {
  it('adopts a published draft: the draft is adopted, the campaign announced, its participants told', async () => {
    const { slug, entryIds, authors } = await refiningCampaign(app, db, admin, { entries: 1 });
    const id = await publishedDraft(app, panel, slug, entryIds);
    const response = await adopt(slug, id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ wording: '坚韧顽强，开放包容', draft: { id, status: 'adopted' } });
    const campaign = (await injectAs(app, null, { method: 'GET', url: `/api/campaigns/${slug}` })).json();
    expect(campaign.stage).toBe('announced');
    expect(campaign.stageHistory.map((period: { stage: string }) => period.stage)).toEqual(['collect', 'discuss', 'refine', 'announced']);
    const told = (await injectAs(app, authors[0]!, { method: 'GET', url: '/api/notifications' })).json().items;
    expect(told.some((n: { kind: string; details: { stage?: string } }) => n.kind === 'campaign.stage_changed' && n.details.stage === 'announced')).toBe(true);
    const { rows } = await db.execute(sql`SELECT 1 FROM audit_log WHERE action = 'campaign.stage_changed' AND details->>'adoptedDraftId' = ${id}`);
    expect(rows).toHaveLength(1);
  });

  it('refuses a draft that is not published, one of another campaign, and a second adoption', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const other = await refiningCampaign(app, db, admin, { entries: 1 });
    const unpublished = await createDraft(app, expert, slug, entryIds);
    const foreign = await publishedDraft(app, panel, other.slug, other.entryIds);
    const published = await publishedDraft(app, panel, slug, entryIds, '山水之城');
    expect((await adopt(slug, unpublished)).statusCode).toBe(409);
    expect((await adopt(slug, foreign)).statusCode).toBe(409);
    expect((await injectAs(app, expert, { method: 'POST', url: `/api/campaigns/${slug}/adopt`, payload: { draftId: published } })).statusCode).toBe(403);
    expect((await adopt(slug, published)).statusCode).toBe(200);
    const second = await adopt(slug, published);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'stage_closed' });
  });
});

describe('the announced result', () => {
  it('answers 404 before the campaign is announced', async () => {
    const { slug } = await refiningCampaign(app, db, admin, { entries: 1 });
    expect((await resultOf(slug)).statusCode).toBe(404);
  });

  it('gives the wording with its provenance: versions, sources with authors and districts, stances, tally, figures and stages', async () => {
    const { session: voter } = await signedInUser(app, db);
    const { slug, entryIds, authors } = await refiningCampaign(app, db, admin, {
      entries: 3,
      duringDiscuss: async (ids) => {
        await db.execute(sql`UPDATE submissions SET district_code = '500103' WHERE id = ${ids[1]!}`);
        await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${ids[1]}/vote` });
        await injectAs(app, voter, { method: 'POST', url: `/api/submissions/${ids[1]}/comments`, payload: { body: '很好记', stance: 'support' } });
      },
    });
    const [first, second, third] = entryIds as [string, string, string];
    await db.execute(sql`
      INSERT INTO assessments (submission_id, expert_id, campaign_id, scores)
      SELECT ${second}, e.id, s.campaign_id, e.scores FROM submissions s,
        (VALUES (${expertUser.id}::uuid, '{"tradition":4,"times":5,"region":3,"development":4,"memorable":5}'::jsonb),
                (${secondExpertUser.id}::uuid, '{"tradition":2,"times":5,"region":5,"development":4,"memorable":3}'::jsonb)) AS e(id, scores)
      WHERE s.id = ${second}`);
    const adopted = await createDraft(app, expert, slug, [first]);
    await endorse(app, expert, adopted);
    await injectAs(app, secondExpert, { method: 'POST', url: `/api/drafts/${adopted}/versions`, payload: draftInput([second, third], '坚韧顽强、开放包容、敢为人先') });
    for (const member of panel) await endorse(app, member, adopted);
    expect((await injectAs(app, expert, { method: 'POST', url: `/api/drafts/${adopted}/publish` })).statusCode).toBe(200);
    const runnerUp = await publishedDraft(app, panel, slug, [first], '山水之城，美丽之地');
    await createDraft(app, expert, slug, [first], '从未发布');
    const residents = await Promise.all([1, 2, 3].map(async () => (await signedInUser(app, db)).session));
    for (const [index, resident] of residents.entries()) await injectAs(app, resident, { method: 'PUT', url: `/api/drafts/${index < 2 ? adopted : runnerUp}/vote` });
    await injectAs(app, residents[0]!, { method: 'POST', url: `/api/drafts/${adopted}/comments`, payload: { body: '赞成这一稿', stance: 'support' } });
    await injectAs(app, authors[2]!, { method: 'DELETE', url: '/api/me' });
    expect((await adopt(slug, adopted)).statusCode).toBe(200);

    const response = await resultOf(slug);
    expect(response.statusCode, response.body).toBe(200);
    const result: CampaignResult = response.json();
    expect(result.wording).toBe('坚韧顽强、开放包容、敢为人先');
    expect(result.versions.map((version) => version.number)).toEqual([1, 2]);
    expect(result.sources.map((source) => [source.submission.id, source.inVersions])).toEqual([
      [first, [1]],
      [second, [2]],
      [third, [2]],
    ]);
    const bySecond = result.sources[1]!;
    expect(bySecond.submission).toMatchObject({ districtCode: '500103', voteCount: 1, commentCount: 1 });
    expect(bySecond.shortlistRationale).toMatch(/山水相依/);
    expect(bySecond.assessment).toEqual({ experts: 2, means: { tradition: 3, times: 5, region: 4, development: 4, memorable: 4 }, overall: 4 });
    expect(result.sources[0]!.assessment).toEqual({ experts: 0, means: { tradition: null, times: null, region: null, development: null, memorable: null }, overall: null });
    expect(result.sources[2]!.submission.author.displayName).toBe('已注销用户');
    expect(result.endorsements.map((e) => [e.version, e.stance])).toEqual([[2, 'endorse'], [2, 'endorse'], [1, 'endorse']]);
    expect(result.tally).toEqual([
      { draftId: adopted, text: result.wording, voteCount: 2, adopted: true },
      { draftId: runnerUp, text: '山水之城，美丽之地', voteCount: 1, adopted: false },
    ]);
    expect(result.criteria.map((criterion) => criterion.key)).toEqual(['tradition', 'times', 'region', 'development', 'memorable']);
    expect(result.stages.map((period) => period.stage)).toEqual(['collect', 'discuss', 'refine', 'announced']);
    expect(result.stages.at(-1)!.endedAt).toBeNull();

    const { rows } = await db.execute<Record<string, number>>(sql`
      WITH c AS (SELECT id FROM campaigns WHERE slug = ${slug})
      SELECT
        (SELECT count(*)::int FROM submissions WHERE campaign_id = (SELECT id FROM c) AND status IN ('published', 'shortlisted', 'merged')) AS entries,
        (SELECT count(DISTINCT district_code)::int FROM submissions WHERE campaign_id = (SELECT id FROM c)) AS districts,
        (SELECT count(*)::int FROM votes WHERE campaign_id = (SELECT id FROM c)) AS votes,
        (SELECT count(*)::int FROM comparisons WHERE campaign_id = (SELECT id FROM c) AND valid) AS comparisons,
        (SELECT count(*)::int FROM comments WHERE campaign_id = (SELECT id FROM c) AND deleted_at IS NULL) AS comments,
        (SELECT count(*)::int FROM draft_votes WHERE campaign_id = (SELECT id FROM c)) AS "draftVotes"`);
    expect(result.figures).toEqual({ ...rows[0], participants: 3 + 1 + 3 });
    expect(result.figures).toMatchObject({ entries: 3, districts: 1, votes: 1, comments: 2, draftVotes: 3 });
  });

  it("leaves an entry hidden since out of the figures with its votes and comments: they equal the sums of the counts shown", async () => {
    const { session: voter } = await signedInUser(app, db);
    const { slug, entryIds, moderator } = await refiningCampaign(app, db, admin, {
      entries: 2,
      duringDiscuss: async (ids) => {
        for (const id of ids) {
          await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${id}/vote` });
          await injectAs(app, voter, { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: '很好记', stance: 'support' } });
        }
      },
    });
    const [kept, hidden] = entryIds as [string, string];
    const draftId = await publishedDraft(app, panel, slug, [kept]);
    const hide = await injectAs(app, moderator, { method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'submission', targetId: hidden, action: 'hide', reason: '内容违反了活动规则' } });
    expect(hide.statusCode, hide.body).toBe(201);
    expect((await adopt(slug, draftId)).statusCode).toBe(200);
    const { figures, sources } = (await resultOf(slug)).json() as CampaignResult;
    expect(figures).toMatchObject({ entries: 1, votes: 1, comments: 1 });
    expect(sources.map((source) => [source.submission.voteCount, source.submission.commentCount])).toEqual([[figures.votes, figures.comments]]);
  });
});
