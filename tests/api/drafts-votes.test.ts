import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createDraft, publishedDraft, refiningCampaign } from '../helpers/drafts.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false }, databasePoolMax: 30 } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: expert } = await signedInUser(app, db, 'expert');
const { session: secondExpert } = await signedInUser(app, db, 'expert');

const vote = (session: Session | null, id: string) => injectAs(app, session, { method: 'PUT', url: `/api/drafts/${id}/vote` });
const unvote = (session: Session | null, id: string) => injectAs(app, session, { method: 'DELETE', url: `/api/drafts/${id}/vote` });

/** Every draft's vote_count against its rows, and each voter's rows in the campaign. */
async function countsOf(slug: string) {
  const { rows } = await db.execute<{ stored: number; counted: number }>(sql`
    SELECT d.vote_count AS stored, (SELECT count(*)::int FROM draft_votes v WHERE v.draft_id = d.id) AS counted
    FROM drafts d JOIN campaigns c ON c.id = d.campaign_id WHERE c.slug = ${slug}`);
  return rows;
}

async function campaignWithDrafts(count: number, settings = {}) {
  const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1, settings });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await publishedDraft(app, [expert, secondExpert], slug, entryIds, `山水之城第${i}稿`));
  return { slug, ids, entryIds };
}

describe('residents voting for a draft', () => {
  it('takes one vote per resident and campaign: voting for another draft moves it, DELETE takes it back', async () => {
    const { slug, ids } = await campaignWithDrafts(2);
    const { session: resident } = await signedInUser(app, db);
    const first = await vote(resident, ids[0]!);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ draftId: ids[0], drafts: [{ id: ids[0], voteCount: 1 }] });
    expect((await vote(resident, ids[0]!)).json()).toEqual({ draftId: ids[0], drafts: [] });
    const moved = (await vote(resident, ids[1]!)).json();
    expect(moved.draftId).toBe(ids[1]);
    expect(moved.drafts).toEqual(expect.arrayContaining([{ id: ids[0], voteCount: 0 }, { id: ids[1], voteCount: 1 }]));
    const listed = (await injectAs(app, resident, { method: 'GET', url: `/api/campaigns/${slug}/drafts` })).json().items;
    expect(listed.map((draft: { id: string; viewerVoted: boolean }) => [draft.id, draft.viewerVoted])).toEqual([[ids[0], false], [ids[1], true]]);
    expect((await unvote(resident, ids[0]!)).json()).toEqual({ draftId: ids[1], drafts: [] });
    expect((await unvote(resident, ids[1]!)).json()).toEqual({ draftId: null, drafts: [{ id: ids[1], voteCount: 0 }] });
    expect(await countsOf(slug)).toEqual([{ stored: 0, counted: 0 }, { stored: 0, counted: 0 }]);
    const { rows } = await db.execute(sql`SELECT 1 FROM campaign_events WHERE type = 'draft.votes' AND data->>'id' = ${ids[1]!}`);
    expect(rows.length).toBe(2);
  });

  it('keeps one vote per resident and exact counts when 40 residents vote for 3 drafts at once', async () => {
    const { slug, ids } = await campaignWithDrafts(3);
    const residents = await Promise.all(Array.from({ length: 40 }, async () => (await signedInUser(app, db)).session));
    const responses = await Promise.all(residents.flatMap((resident) => ids.map((id) => vote(resident, id))));
    expect(responses.filter((response) => response.statusCode !== 200).map((response) => response.body)).toEqual([]);
    const counts = await countsOf(slug);
    expect(counts.every((count) => count.stored === count.counted)).toBe(true);
    expect(counts.reduce((sum, count) => sum + count.counted, 0)).toBe(40);
    const { rows } = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM draft_votes v JOIN campaigns c ON c.id = v.campaign_id WHERE c.slug = ${slug} GROUP BY v.user_id`);
    expect(rows).toHaveLength(40);
    expect(rows.every((row) => row.n === 1)).toBe(true);
  });

  it('takes votes on published drafts only: 404 for a draft residents cannot see, 409 once adopted', async () => {
    const { slug, ids, entryIds } = await campaignWithDrafts(1);
    const hidden = await createDraft(app, expert, slug, entryIds, '未发布');
    const { session: resident } = await signedInUser(app, db);
    expect((await vote(resident, hidden)).statusCode).toBe(404);
    expect((await vote(expert, hidden)).statusCode).toBe(409);
    expect((await vote(null, ids[0]!)).statusCode).toBe(401);
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/adopt`, payload: { draftId: ids[0] } });
    expect((await vote(resident, ids[0]!)).json()).toMatchObject({ code: 'stage_closed' });
  });

  it('counts verified residents only where the campaign says so', async () => {
    const { ids } = await campaignWithDrafts(1, { votingRequiresVerification: true });
    const { session: unverified } = await signedInUser(app, db);
    const { session: verified } = await signedInUser(app, db, 'resident', { verified: true });
    const refused = await vote(unverified, ids[0]!);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/verif/);
    expect((await vote(verified, ids[0]!)).statusCode).toBe(200);
  });

  it('lets a resident take back a vote cast before the campaign required verification, as support votes do', async () => {
    const { slug, ids } = await campaignWithDrafts(1);
    const { session: resident } = await signedInUser(app, db);
    expect((await vote(resident, ids[0]!)).statusCode).toBe(200);
    await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { votingRequiresVerification: true } } });
    const withdrawn = await unvote(resident, ids[0]!);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toEqual({ draftId: null, drafts: [{ id: ids[0], voteCount: 0 }] });
    expect(await countsOf(slug)).toEqual([{ stored: 0, counted: 0 }]);
  });
});
