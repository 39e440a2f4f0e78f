import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CampaignStats } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { statusIn } from '../../server/src/db/status-sql.ts';
import { medianOfCounts } from '../../server/src/modules/insights/stats.ts';
import { backfillTextIndex } from '../../server/src/modules/submissions/text-index.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');

/** A signed-in resident living in the district given (or in none). */
async function resident(districtCode: string | null = null): Promise<Session> {
  const { session, user } = await signedInUser(app, db, 'resident');
  await db.execute(sql`UPDATE users SET district_code = ${districtCode} WHERE id = ${user.id}`);
  return session;
}

let phraseCounter = 0;
async function submit(slug: string, author: Session, phrase = `统计测试短语${phraseCounter++}号`, districtCode?: string): Promise<string> {
  const response = await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase, ...(districtCode && { districtCode }) } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().submission.id;
}

async function vote(voter: Session, entryId: string): Promise<void> {
  const response = await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${entryId}/vote` });
  expect(response.statusCode, response.body).toBe(200);
}

async function comment(author: Session, entryId: string, stance: 'support' | 'oppose' | 'neutral'): Promise<string> {
  const response = await injectAs(app, author, { method: 'POST', url: `/api/submissions/${entryId}/comments`, payload: { body: '我觉得这个说法很贴切。', stance } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id ?? response.json().comment.id;
}

async function stats(slug: string): Promise<CampaignStats> {
  const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/stats` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const campaignIdOf = async (slug: string) => (await db.execute<{ id: string }>(sql`SELECT id FROM campaigns WHERE slug = ${slug}`)).rows[0]!.id;

describe('GET /api/campaigns/:slug/stats', () => {
  it('answers 404 for a campaign that does not exist', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/campaigns/no-such-city/stats' });
    expect(response.statusCode).toBe(404);
  });

  it('lists all 38 districts with zeros, and participants and entries without a district apart', async () => {
    const slug = await createCampaign(app, admin);
    const yuzhong = await resident('500103');
    const nowhere = await resident(null);
    const voter = await resident('500105');
    const entry = await submit(slug, yuzhong, '山城步道', '500103');
    await submit(slug, nowhere, '江上索道');
    await vote(voter, entry);

    const { perDistrict, outside } = await stats(slug);
    const codes = (await db.execute<{ code: string }>(sql`SELECT code FROM districts ORDER BY code`)).rows.map((row) => row.code);
    expect(perDistrict.map((district) => district.code)).toEqual(codes);
    expect(perDistrict).toHaveLength(38);
    expect(perDistrict.find((district) => district.code === '500103')).toEqual({ code: '500103', participants: 1, entries: 1, share: 1 / 3 });
    expect(perDistrict.find((district) => district.code === '500105')).toEqual({ code: '500105', participants: 1, entries: 0, share: 1 / 3 });
    expect(perDistrict.filter((district) => district.participants === 0 && district.entries === 0)).toHaveLength(36);
    expect(outside).toEqual({ participants: 1, entries: 1, share: 1 / 3 });
  });

  it('counts each day in Asia/Shanghai time, across the day boundary at 16:00 UTC', async () => {
    const slug = await createCampaign(app, admin);
    const late = await resident('500101');
    const early = await resident('500102');
    const lateEntry = await submit(slug, late);
    const earlyEntry = await submit(slug, early);
    await vote(early, lateEntry);
    await comment(late, earlyEntry, 'support');
    await db.execute(sql`UPDATE submissions SET created_at = '2026-11-30T15:59:59Z' WHERE id = ${lateEntry}`);
    await db.execute(sql`UPDATE submissions SET created_at = '2026-11-30T16:00:01Z' WHERE id = ${earlyEntry}`);
    await db.execute(sql`UPDATE votes SET created_at = '2026-11-30T15:59:59Z' WHERE submission_id = ${lateEntry}`);
    await db.execute(sql`UPDATE comments SET created_at = '2026-11-30T16:00:01Z' WHERE target_id = ${earlyEntry}`);

    const { perDay } = await stats(slug);
    expect(perDay).toEqual([
      // 23:59:59 in Chongqing: the late entry, by its author, and the early resident's vote.
      { date: '2026-11-30', entries: 1, votes: 1, comments: 0, participants: 2 },
      // 00:00:01 the next day: the early entry and the late resident's comment.
      { date: '2026-12-01', entries: 1, votes: 0, comments: 1, participants: 2 },
    ]);
  });

  it('gives the top terms of public phrases, traditional folded to simplified, English lower-cased, each with its entries', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident('500103');
    const simplified = await submit(slug, author, '坚韧顽强，开放包容');
    const traditional = await submit(slug, author, '堅韌頑強');
    const english = await submit(slug, author, 'Resilient and Open');
    const alsoEnglish = await submit(slug, author, 'RESILIENT CITY');
    const withdrawn = await submit(slug, author, '坚韧不拔');
    const gone = await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${withdrawn}` });
    expect(gone.statusCode, gone.body).toBe(204);

    const { topTerms } = await stats(slug);
    const term = (text: string) => topTerms.find((entry) => entry.term === text);
    expect(term('坚韧')).toMatchObject({ count: 2 });
    expect(term('坚韧')!.submissionIds.sort()).toEqual([simplified, traditional].sort());
    expect(term('顽强')).toMatchObject({ count: 2 });
    expect(term('resilient')!.submissionIds.sort()).toEqual([english, alsoEnglish].sort());
    expect(term('开放')).toMatchObject({ count: 1, submissionIds: [simplified] });
    expect(term('and')).toBeUndefined();
    expect(term('堅韌')).toBeUndefined();
    expect(term('不拔')).toBeUndefined();
    expect(topTerms[0]!.count).toBeGreaterThanOrEqual(topTerms.at(-1)!.count);
  });

  it('gives the stance of comments not deleted, the funnel and the stage timeline', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident('500103');
    const talker = await resident('500104');
    const entry = await submit(slug, author);
    await vote(talker, entry);
    await comment(talker, entry, 'support');
    await comment(talker, entry, 'support');
    await comment(author, entry, 'neutral');
    const deleted = await comment(talker, entry, 'oppose');
    const removal = await injectAs(app, talker, { method: 'DELETE', url: `/api/comments/${deleted}` });
    expect(removal.statusCode, removal.body).toBe(204);
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });

    const figures = await stats(slug);
    expect(figures.stance).toEqual({ support: 2, oppose: 0, neutral: 1 });
    const registered = Number((await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM users WHERE deleted_at IS NULL`)).rows[0]!.n);
    expect(figures.funnel).toEqual({ registered, submitted: 1, voted: 1, commented: 2 });
    expect(figures.stages.map((stage) => stage.stage)).toEqual(['collect', 'discuss']);
    expect(Date.parse(figures.stages[1]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(figures.stages[0]!.startedAt));
    expect(Date.parse(figures.generatedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('counts reports, moderation actions and the median minutes from a report to the action on it', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const entries = [await submit(slug, author), await submit(slug, author), await submit(slug, author)];
    for (const entry of entries) {
      const report = await injectAs(app, await resident(), { method: 'POST', url: '/api/reports', payload: { targetType: 'submission', targetId: entry, reason: 'spam' } });
      expect(report.statusCode, report.body).toBe(201);
    }
    await db.execute(sql`UPDATE reports SET created_at = now() - interval '30 minutes' WHERE target_id = ${entries[0]}`);
    await db.execute(sql`UPDATE reports SET created_at = now() - interval '90 minutes' WHERE target_id = ${entries[1]}`);
    for (const entry of entries.slice(0, 2)) {
      const hide = await injectAs(app, moderator, { method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'submission', targetId: entry, action: 'hide', reason: '广告内容' } });
      expect(hide.statusCode, hide.body).toBe(201);
    }

    const { moderation } = await stats(slug);
    expect(moderation).toEqual({ reports: 3, actions: 2, medianMinutesToAction: 60 });
  });

  it('takes the median of whole minutes from their counts', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts([{ minutes: 4, reports: 1 }])).toBe(4);
    expect(medianOfCounts([{ minutes: 1, reports: 2 }, { minutes: 9, reports: 1 }])).toBe(1);
    expect(medianOfCounts([{ minutes: 2, reports: 1 }, { minutes: 10, reports: 1 }])).toBe(6);
  });

  it('keeps every figure equal to the rows behind it after writes, withdrawals, hides, deletions, moves and erasure', async () => {
    const slug = await createCampaign(app, admin);
    const campaignId = await campaignIdOf(slug);
    const districts = ['500101', '500103', '500105', null];
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => resident(districts[i % districts.length]!)));
    const entries: string[] = [];
    for (const [i, person] of people.entries()) entries.push(await submit(slug, person, `一致性短语${i}号，山城精神`, i % 2 ? '500103' : undefined));
    for (const [i, person] of people.entries()) {
      await vote(person, entries[(i + 1) % entries.length]!);
      await vote(person, entries[(i + 3) % entries.length]!);
      await comment(person, entries[(i + 2) % entries.length]!, (['support', 'oppose', 'neutral'] as const)[i % 3]!);
    }
    // Spread the rows over three days, some across the boundary at 16:00 UTC.
    await db.execute(sql`UPDATE submissions SET created_at = '2026-11-29T15:59:59Z'::timestamptz + (row_number * interval '7 hours')
      FROM (SELECT id, row_number() OVER (ORDER BY id) FROM submissions WHERE campaign_id = ${campaignId}) n WHERE submissions.id = n.id`);
    await db.execute(sql`UPDATE votes SET created_at = '2026-11-29T16:00:01Z'::timestamptz + (ascii(user_id::text) % 3) * interval '1 day' WHERE campaign_id = ${campaignId}`);
    // Comparisons, one of them invalid (a replayed token), by a resident who did nothing else.
    const { user: comparer } = await signedInUser(app, db, 'resident');
    await db.execute(sql`INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid, created_at)
      VALUES (${campaignId}, ${comparer.id}, 'stats-a', ${entries[0]}, ${entries[1]}, 'left', true, '2026-11-30T03:00:00Z'),
             (${campaignId}, ${comparer.id}, 'stats-a', ${entries[0]}, ${entries[1]}, 'left', false, '2026-12-03T03:00:00Z')`);
    // A vote taken back, an entry withdrawn, an entry hidden, a comment deleted.
    expect((await injectAs(app, people[0]!, { method: 'DELETE', url: `/api/submissions/${entries[1]}/vote` })).statusCode).toBe(200);
    expect((await injectAs(app, people[2]!, { method: 'DELETE', url: `/api/submissions/${entries[2]}` })).statusCode).toBe(204);
    const hide = await injectAs(app, moderator, { method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'submission', targetId: entries[5], action: 'hide', reason: '与主题无关' } });
    expect(hide.statusCode, hide.body).toBe(201);
    const doomed = await comment(people[3]!, entries[0]!, 'oppose');
    expect((await injectAs(app, people[3]!, { method: 'DELETE', url: `/api/comments/${doomed}` })).statusCode).toBe(204);
    // A resident moves to another district; another erases their account.
    expect((await injectAs(app, people[1]!, { method: 'PATCH', url: '/api/me', payload: { districtCode: '500110' } })).statusCode).toBe(200);
    expect((await injectAs(app, people[4]!, { method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);

    const figures = await stats(slug);
    const activities = sql`
      SELECT author_id AS user_id, created_at, 'entry' AS kind FROM submissions WHERE campaign_id = ${campaignId} AND ${statusIn('status', 'public')}
      UNION ALL SELECT user_id, created_at, 'vote' FROM votes WHERE campaign_id = ${campaignId}
      UNION ALL SELECT user_id, created_at, 'comparison' FROM comparisons WHERE campaign_id = ${campaignId} AND valid
      UNION ALL SELECT author_id, created_at, 'comment' FROM comments WHERE campaign_id = ${campaignId} AND deleted_at IS NULL`;
    const { rows: days } = await db.execute<{ date: string; entries: number; votes: number; comments: number; participants: number }>(sql`
      SELECT to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date,
        count(*) FILTER (WHERE kind = 'entry')::int AS entries, count(*) FILTER (WHERE kind = 'vote')::int AS votes,
        count(*) FILTER (WHERE kind = 'comment')::int AS comments, count(DISTINCT user_id)::int AS participants
      FROM (${activities}) a GROUP BY 1 ORDER BY 1`);
    expect(figures.perDay).toEqual(days);
    expect(days.length).toBeGreaterThanOrEqual(3);

    const { rows: places } = await db.execute<{ code: string; participants: number; entries: number }>(sql`
      SELECT d.code,
        (SELECT count(DISTINCT a.user_id) FROM (${activities}) a JOIN users u ON u.id = a.user_id WHERE u.district_code = d.code)::int AS participants,
        (SELECT count(*) FROM submissions s WHERE s.campaign_id = ${campaignId} AND s.district_code = d.code AND ${statusIn('s.status', 'public')})::int AS entries
      FROM districts d ORDER BY d.code`);
    expect(figures.perDistrict.map(({ share: _share, ...district }) => district)).toEqual(places);
    const [outside] = (
      await db.execute<{ participants: number; entries: number; all_participants: number }>(sql`
        SELECT (SELECT count(DISTINCT a.user_id) FROM (${activities}) a JOIN users u ON u.id = a.user_id WHERE u.district_code IS NULL)::int AS participants,
          (SELECT count(*) FROM submissions WHERE campaign_id = ${campaignId} AND district_code IS NULL AND ${statusIn('status', 'public')})::int AS entries,
          (SELECT count(DISTINCT user_id) FROM (${activities}) a)::int AS all_participants`)
    ).rows;
    expect(figures.outside).toEqual({ participants: outside!.participants, entries: outside!.entries, share: outside!.participants / outside!.all_participants });
    expect(figures.perDistrict.reduce((sum, district) => sum + district.participants, 0) + figures.outside.participants).toBe(outside!.all_participants);

    const [funnel] = (
      await db.execute<{ submitted: number; voted: number; commented: number }>(sql`
        SELECT count(DISTINCT user_id) FILTER (WHERE kind = 'entry')::int AS submitted, count(DISTINCT user_id) FILTER (WHERE kind = 'vote')::int AS voted,
          count(DISTINCT user_id) FILTER (WHERE kind = 'comment')::int AS commented FROM (${activities}) a`)
    ).rows;
    expect(figures.funnel).toMatchObject(funnel!);

    const { rows: stances } = await db.execute<{ stance: 'support' | 'oppose' | 'neutral'; n: number }>(sql`
      SELECT stance, count(*)::int AS n FROM comments WHERE campaign_id = ${campaignId} AND deleted_at IS NULL GROUP BY stance`);
    expect(figures.stance).toEqual({ support: 0, oppose: 0, neutral: 0, ...Object.fromEntries(stances.map((row) => [row.stance, row.n])) });

    const { rows: terms } = await db.execute<{ term: string; n: number }>(sql`
      SELECT term, count(*)::int AS n FROM submissions, unnest(terms) term WHERE campaign_id = ${campaignId} AND ${statusIn('status', 'public')} GROUP BY term`);
    expect(Object.fromEntries(figures.topTerms.map((term) => [term.term, term.count]))).toEqual(Object.fromEntries(terms.map((row) => [row.term, row.n])));
    expect(figures.topTerms.find((term) => term.term === '山城')!.count).toBe(6);
  });

  it('keeps the figures equal to the rows under concurrent votes and withdrawals of many residents', async () => {
    const slug = await createCampaign(app, admin);
    const campaignId = await campaignIdOf(slug);
    const author = await resident('500103');
    const entries = [await submit(slug, author), await submit(slug, author), await submit(slug, author)];
    const voters = await Promise.all(Array.from({ length: 24 }, (_, i) => resident(['500101', '500102', null][i % 3]!)));
    await Promise.all(voters.flatMap((voter) => entries.map((entry) => vote(voter, entry))));
    await Promise.all(
      voters.slice(0, 12).map(async (voter, i) => {
        const response = await injectAs(app, voter, { method: 'DELETE', url: `/api/submissions/${entries[i % 3]}/vote` });
        expect(response.statusCode, response.body).toBe(200);
      }),
    );

    const figures = await stats(slug);
    const [truth] = (
      await db.execute<{ votes: number; voters: number }>(sql`
        SELECT count(*)::int AS votes, count(DISTINCT user_id)::int AS voters FROM votes WHERE campaign_id = ${campaignId}`)
    ).rows;
    expect(figures.perDay.reduce((sum, day) => sum + day.votes, 0)).toBe(truth!.votes);
    expect(truth!.votes).toBe(24 * 3 - 12);
    expect(figures.funnel.voted).toBe(truth!.voters);
    const { rows: support } = await db.execute<{ submission_id: string; district: string; kept: number; counted: number }>(sql`
      WITH counted AS (
        SELECT v.submission_id, coalesce(u.district_code, '') AS district, count(*)::int AS n
        FROM votes v JOIN users u ON u.id = v.user_id WHERE v.campaign_id = ${campaignId} GROUP BY 1, 2),
      kept AS (SELECT submission_id, district_code AS district, supporters AS n FROM submission_district_support
        WHERE submission_id = ANY(${sql.param(entries)}::uuid[]) AND supporters <> 0)
      SELECT coalesce(c.submission_id, k.submission_id) AS submission_id, coalesce(c.district, k.district) AS district,
        coalesce(k.n, 0) AS kept, coalesce(c.n, 0) AS counted
      FROM counted c FULL JOIN kept k ON k.submission_id = c.submission_id AND k.district = c.district`);
    expect(support.length).toBe(9);
    for (const row of support) expect(row.kept, `${row.submission_id} ${row.district}`).toBe(row.counted);
  });

  it('counts the terms of entries stored before terms existed once start-up fills them in', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const entry = await submit(slug, author, '巴山渝水，魔幻之都');
    await db.execute(sql`UPDATE submissions SET terms = NULL WHERE id = ${entry}`);
    expect((await stats(slug)).topTerms.find((term) => term.term === '魔幻')).toBeUndefined();
    expect(await backfillTextIndex(db)).toBeGreaterThanOrEqual(1);
    expect((await stats(slug)).topTerms.find((term) => term.term === '魔幻')).toEqual({ term: '魔幻', count: 1, submissionIds: [entry] });
  });
});
