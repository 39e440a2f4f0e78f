import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '@city-spirit/shared';
import { sessions, submissions, users } from '../../server/src/db/schema.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser } from '../helpers/accounts.ts';

const { app, db } = await setupTestApp({ demo: true });
const [campaign] = await db.query.campaigns.findMany();

async function residentWithEntry() {
  const { user, session } = await signedInUser(app, db);
  const [entry] = await db
    .insert(submissions)
    .values({ campaignId: campaign!.id, authorId: user.id, phrase: '山高水长', explanation: 'Mountains and rivers', language: 'zh' })
    .returning();
  return { user, session, entry: entry! };
}

describe('download my data', () => {
  it('returns the account, sessions and contributions as a JSON download', async () => {
    const { user, session, entry } = await residentWithEntry();
    const response = await injectAs(app, session, { method: 'GET', url: '/api/me/export' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const data = response.json();
    expect(data.account).toMatchObject({ id: user.id, email: user.email });
    expect(data.account).not.toHaveProperty('passwordHash');
    expect(data.sessions).toHaveLength(1);
    expect(data.submissions).toEqual([expect.objectContaining({ id: entry.id, phrase: '山高水长' })]);
  });

  /** Each table that refers to an account, and the part of the export that holds its rows. */
  const EXPORTED_TABLES: Record<string, string> = {
    sessions: 'sessions',
    verification_codes: 'verificationRequests',
    submissions: 'submissions',
    votes: 'votes',
    pair_tokens: 'pairsShown',
    comparisons: 'comparisons',
    audit_log: 'actionsTaken',
    comments: 'comments',
    comment_votes: 'commentVotes',
    notifications: 'notifications',
    reports: 'reports',
    moderation_actions: 'moderationActions',
    appeals: 'appeals',
    shortlist_entries: 'shortlistAdditions',
    merge_vote_moves: 'votesMovedByMerges',
    assessments: 'assessments',
    panel_notes: 'panelNotes',
    drafts: 'draftsCreated',
    draft_versions: 'draftVersions',
    draft_endorsements: 'draftEndorsements',
    draft_votes: 'draftVotes',
  };

  it('covers every table that refers to an account (a new one fails here until the export holds it)', async () => {
    const { rows } = await db.execute<{ table_name: string }>(sql`
      SELECT DISTINCT cl.relname AS table_name FROM pg_constraint co
      JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class ref ON ref.oid = co.confrelid
      WHERE co.contype = 'f' AND ref.relname = 'users' ORDER BY 1`);
    expect(rows.map((row) => row.table_name)).toEqual(Object.keys(EXPORTED_TABLES).sort());
  });

  it('holds every vote, pair, comparison, comment with its earlier texts, comment vote, notification and staff action of the caller', async () => {
    const { user, session } = await signedInUser(app, db, 'moderator');
    const others = [await signedInUser(app, db), await signedInUser(app, db)];
    const slug = campaign!.slug;
    const post = async (who: typeof session, phrase: string) =>
      (await injectAs(app, who, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase } })).json().submission.id as string;
    const own = await post(session, '导出测试自己的');
    const theirs = await post(others[0]!.session, '导出测试别人的');
    expect((await injectAs(app, session, { method: 'PUT', url: `/api/submissions/${theirs}/vote` })).statusCode).toBe(200);
    const mine = (await injectAs(app, session, { method: 'POST', url: `/api/submissions/${theirs}/comments`, payload: { body: '第一稿', stance: 'support' } })).json().comment.id;
    await injectAs(app, session, { method: 'PATCH', url: `/api/comments/${mine}`, payload: { body: '第二稿' } });
    const their = (await injectAs(app, others[1]!.session, { method: 'POST', url: `/api/submissions/${own}/comments`, payload: { body: '给你', stance: 'neutral' } })).json().comment.id;
    expect((await injectAs(app, session, { method: 'PUT', url: `/api/comments/${their}/vote`, payload: { value: 1 } })).statusCode).toBe(200);
    expect((await injectAs(app, session, { method: 'POST', url: '/api/auth/verification', payload: { phone: '13600000123' } })).statusCode).toBe(202);
    await db.execute(sql`INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, reason) VALUES (${user.id}, 'moderator', 'test.action', 'submission', ${theirs}, 'export test')`);
    // A report, an action about the caller's entry, an appeal and a shortlist pick, straight in the tables.
    await db.execute(sql`INSERT INTO reports (campaign_id, target_type, target_id, reporter_id, reason) VALUES (${campaign!.id}, 'submission', ${theirs}, ${user.id}, 'spam')`);
    const { rows: acted } = await db.execute<{ id: string }>(sql`
      INSERT INTO moderation_actions (campaign_id, target_type, target_id, target_author_id, action, reason, actor_id, actor_role)
      VALUES (${campaign!.id}, 'submission', ${own}, ${user.id}, 'hide', 'export test', ${others[0]!.user.id}, 'moderator') RETURNING id`);
    await db.execute(sql`INSERT INTO appeals (action_id, author_id, note) VALUES (${acted[0]!.id}, ${user.id}, 'please look again')`);
    await db.execute(sql`INSERT INTO merge_vote_moves (action_id, user_id, kind, voted_at) VALUES (${acted[0]!.id}, ${user.id}, 'moved', now())`);
    await db.execute(sql`INSERT INTO shortlist_entries (submission_id, campaign_id, rationale, added_by) VALUES (${theirs}, ${campaign!.id}, 'export test', ${user.id})`);
    // A pair shown and answered, straight in the tables (pairs need the discuss stage).
    await db.execute(sql`INSERT INTO pair_tokens (token, campaign_id, user_id, left_id, right_id, used_at) VALUES ('export-test-token', ${campaign!.id}, ${user.id}, ${own}, ${theirs}, now())`);
    await db.execute(sql`INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid) VALUES (${campaign!.id}, ${user.id}, 'export-test-token', ${own}, ${theirs}, 'left', true)`);

    // The panel's work and a draft vote, straight in the tables.
    await db.execute(sql`INSERT INTO assessments (submission_id, expert_id, campaign_id, scores, note) VALUES (${theirs}, ${user.id}, ${campaign!.id}, '{"memorable": 4}', 'export test')`);
    await db.execute(sql`INSERT INTO panel_notes (campaign_id, target_type, target_id, depth, author_id, body) VALUES (${campaign!.id}, 'submission', ${theirs}, 1, ${user.id}, 'export test')`);
    const { rows: drafted } = await db.execute<{ id: string }>(sql`INSERT INTO drafts (campaign_id, author_id) VALUES (${campaign!.id}, ${user.id}) RETURNING id`);
    await db.execute(sql`INSERT INTO draft_versions (draft_id, number, text, rationale, source_submission_ids, author_id) VALUES (${drafted[0]!.id}, 1, '山高水长', 'export test', ARRAY[${theirs}]::uuid[], ${user.id})`);
    await db.execute(sql`INSERT INTO draft_endorsements (draft_id, version, expert_id, stance) VALUES (${drafted[0]!.id}, 1, ${user.id}, 'endorse')`);
    await db.execute(sql`INSERT INTO draft_votes (campaign_id, user_id, draft_id) VALUES (${campaign!.id}, ${user.id}, ${drafted[0]!.id})`);

    const data = (await injectAs(app, session, { method: 'GET', url: '/api/me/export' })).json();
    for (const section of Object.values(EXPORTED_TABLES)) expect(data[section], section).not.toHaveLength(0);
    expect(data.votes).toEqual([expect.objectContaining({ submissionId: theirs, phrase: '导出测试别人的' })]);
    expect(data.comments).toEqual([expect.objectContaining({ id: mine, body: '第二稿', earlierTexts: [expect.objectContaining({ body: '第一稿' })] })]);
    expect(data.commentVotes).toEqual([expect.objectContaining({ commentId: their, value: 1 })]);
    expect(data.notifications).toEqual([expect.objectContaining({ kind: 'comment.on_entry', entryId: own })]);
    expect(data.comparisons).toEqual([expect.objectContaining({ choice: 'left', counted: true })]);
    expect(data.pairsShown).toHaveLength(1);
    expect(data.actionsTaken).toEqual([expect.objectContaining({ action: 'test.action' })]);
  });

  it('shows no vote count of the caller\'s entries while the campaign hides them', async () => {
    const { session } = await signedInUser(app, db);
    const { session: admin } = await signedInUser(app, db, 'admin');
    const slug = `hidden-${Date.now()}`;
    await injectAs(app, admin, { method: 'POST', url: '/api/campaigns', payload: { slug, title: 'Hidden counts', description: 'Counts are hidden here.', settings: { voteCountsHidden: true } } });
    const id = (await injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: '藏起来的票数' } })).json().submission.id;
    await injectAs(app, (await signedInUser(app, db)).session, { method: 'PUT', url: `/api/submissions/${id}/vote` });
    const data = (await injectAs(app, session, { method: 'GET', url: '/api/me/export' })).json();
    expect(data.submissions).toEqual([expect.objectContaining({ id, voteCount: null })]);
    expect(JSON.stringify(data)).not.toMatch(/"voteCount":1/);
  });
});

describe('delete my account', () => {
  it('erases personal data and sessions, keeps contributions under "已注销用户"', async () => {
    const { user, session, entry } = await residentWithEntry();
    const response = await injectAs(app, session, { method: 'DELETE', url: '/api/me' });
    expect(response.statusCode).toBe(204);

    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ email: null, phone: null, passwordHash: null, displayName: '已注销用户', districtCode: null });
    expect(row!.deletedAt).toBeInstanceOf(Date);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const [kept] = await db.select().from(submissions).where(eq(submissions.id, entry.id));
    expect(kept!.phrase).toBe('山高水长');

    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: user.email, password: 'violet-river-lantern-42' } });
    expect(login.statusCode).toBe(401);
  });

  it('frees the email address for a new account', async () => {
    const { user, session } = await residentWithEntry();
    await injectAs(app, session, { method: 'DELETE', url: '/api/me' });
    const again = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: user.email, password: 'fresh-start-in-jiangbei-9', displayName: 'New me', privacyConsent: { version: PRIVACY_NOTICE_VERSION } } });
    expect(again.statusCode).toBe(201);
  });
});
