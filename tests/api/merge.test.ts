import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');
const resident = async () => (await signedInUser(app, db, 'resident')).session;

let counter = 0;
async function entry(slug: string): Promise<string> {
  const response = await injectAs(app, await resident(), { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `合并测试${counter++}号` } });
  return response.json().submission.id;
}
const vote = (session: Session, id: string) => injectAs(app, session, { method: 'PUT', url: `/api/submissions/${id}/vote` });
const act = (payload: Record<string, unknown>) => injectAs(app, moderator, { method: 'POST', url: '/api/moderation/actions', payload: { reason: '意思相同，合并', ...payload } });
const merge = (source: string, target: string) => act({ targetType: 'submission', targetId: source, action: 'merge', mergeIntoId: target });
const restore = (source: string) => act({ targetType: 'submission', targetId: source, action: 'restore', reason: '撤销合并' });
const budgetOf = async (session: Session, slug: string) => (await injectAs(app, session, { method: 'GET', url: `/api/campaigns/${slug}/votes/me` })).json().used as number;
async function votesOf(id: string) {
  const { rows } = await db.execute<{ user_id: string; vote_count: number }>(sql`
    SELECT v.user_id, s.vote_count FROM submissions s LEFT JOIN votes v ON v.submission_id = s.id WHERE s.id = ${id}`);
  return { voters: rows.filter((row) => row.user_id).map((row) => row.user_id).sort(), count: rows[0]!.vote_count };
}
async function expectCountersMatchRows() {
  const { rows } = await db.execute<{ n: string }>(sql`
    SELECT count(*) AS n FROM submissions s WHERE s.vote_count <> (SELECT count(*) FROM votes v WHERE v.submission_id = s.id)`);
  expect(Number(rows[0]!.n)).toBe(0);
}

describe('merging duplicates', () => {
  it('moves votes to the target without counting anyone twice, frees the budget of who voted both, and restores every vote as it was', async () => {
    const slug = await createCampaign(app, admin);
    const [source, target] = [await entry(slug), await entry(slug)];
    const [onlySource, onlyTarget, both] = [await resident(), await resident(), await resident()];
    const ids = async (session: Session) => (await injectAs(app, session, { method: 'GET', url: '/api/auth/me' })).json().user.id as string;
    await vote(onlySource, source);
    await vote(onlyTarget, target);
    await vote(both, source);
    await vote(both, target);
    expect(await budgetOf(both, slug)).toBe(2);

    const merged = await merge(source, target);
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json().status).toBe('merged');
    const after = await votesOf(target);
    expect(after.count).toBe(3);
    expect(after.voters).toEqual([await ids(onlySource), await ids(onlyTarget), await ids(both)].sort());
    expect((await votesOf(source)).count).toBe(0);
    expect(await budgetOf(both, slug)).toBe(1);
    expect(await budgetOf(onlySource, slug)).toBe(1);
    const page = (await app.inject({ method: 'GET', url: `/api/submissions/${source}` })).json();
    expect(page).toMatchObject({ status: 'merged', mergedIntoId: target });
    // Each moved voter is told, and may take the vote back from the target.
    const { rows: told } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM notifications WHERE kind = 'entry.merged' AND subject_id = ${source}`);
    expect(Number(told[0]!.n)).toBe(3); // two voters and the author
    // Votes on the target between merge and restore stay there.
    const newcomer = await resident();
    await vote(newcomer, target);
    await expectCountersMatchRows();

    const restored = await restore(source);
    expect(restored.statusCode, restored.body).toBe(201);
    expect(restored.json().status).toBe('published');
    expect((await votesOf(source)).voters).toEqual([await ids(onlySource), await ids(both)].sort());
    expect((await votesOf(target)).voters).toEqual([await ids(onlyTarget), await ids(both), await ids(newcomer)].sort());
    expect(await budgetOf(both, slug)).toBe(2);
    await expectCountersMatchRows();
    const entryAfter = (await app.inject({ method: 'GET', url: `/api/submissions/${source}` })).json();
    expect(entryAfter).toMatchObject({ status: 'published', mergedIntoId: null });
  });

  it('leaves a moved vote taken back when its voter withdrew it before the restore', async () => {
    const slug = await createCampaign(app, admin);
    const [source, target] = [await entry(slug), await entry(slug)];
    const voter = await resident();
    await vote(voter, source);
    await merge(source, target);
    expect((await injectAs(app, voter, { method: 'DELETE', url: `/api/submissions/${target}/vote` })).json().voted).toBe(false);
    await restore(source);
    expect((await votesOf(source)).count).toBe(0);
    expect((await votesOf(target)).count).toBe(0);
    await expectCountersMatchRows();
  });

  it('counts the merged entry\'s comparisons for the target, and gives them back on restore', async () => {
    const slug = await createCampaign(app, admin);
    const [source, target, other] = [await entry(slug), await entry(slug), await entry(slug)] as [string, string, string];
    const { rows } = await db.execute<{ id: string; campaign_id: string }>(sql`SELECT id, campaign_id FROM submissions WHERE id = ${source}`);
    const campaignId = rows[0]!.campaign_id;
    const someone = (await signedInUser(app, db, 'resident')).user.id;
    // The merged entry beat the other entry 5 times.
    for (let i = 0; i < 5; i++) {
      await db.execute(sql`INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid) VALUES (${campaignId}, ${someone}, ${`merge-${counter}-${i}`}, ${source}, ${other}, 'left', true)`);
    }
    counter++;
    expect(await fitWins(slug, source)).toBe(5);
    await merge(source, target);
    expect(await fitWins(slug, target)).toBe(5);
    await restore(source);
    expect(await fitWins(slug, target)).toBe(0);
    expect(await fitWins(slug, source)).toBe(5);
  });

  it('refuses merging into itself, across campaigns, or an entry that is not listed', async () => {
    const slug = await createCampaign(app, admin);
    const [a, b] = [await entry(slug), await entry(slug)];
    const elsewhere = await entry(await createCampaign(app, admin));
    expect((await merge(a, a)).statusCode).toBe(400);
    expect((await merge(a, elsewhere)).statusCode).toBe(400);
    expect((await act({ targetType: 'submission', targetId: a, action: 'merge' })).statusCode).toBe(400);
    await act({ targetType: 'submission', targetId: b, action: 'hide', reason: '隐藏一下' });
    expect((await merge(a, b)).statusCode).toBe(409);
    expect((await act({ targetType: 'comment', targetId: a, action: 'merge', mergeIntoId: b })).statusCode).toBe(400);
  });
});

/** The ranking as a fresh fit computes it (the cached fit refreshes every few seconds). */
async function fitWins(slug: string, id: string): Promise<number> {
  const { rankingCache } = await import('../../server/src/modules/pairwise/service.ts');
  const ranking = await rankingCache(db).ranking(slug, { limit: 100 });
  return ranking.items.find((item) => item.submission.id === id)?.wins ?? 0;
}
