import { count, eq, isNotNull, sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { verify } from '@node-rs/argon2';
import { campaigns, submissions, users } from '../../server/src/db/schema.ts';
import { seedDatabase } from '../../server/src/db/seed.ts';
import { createTestDatabasePool } from '../helpers/app.ts';

describe('demo data', () => {
  it('loads the campaign, one account per role and a few hundred phrases in Chinese and English', async () => {
    const { db, close } = await createTestDatabasePool();
    onTestFinished(close);
    expect(await seedDatabase(db, { demo: true })).toEqual({ demoSeeded: true });

    const accounts = await db.select().from(users).where(isNotNull(users.email));
    expect(accounts.map((account) => [account.email, account.role]).sort()).toEqual([
      ['admin@example.com', 'admin'],
      ['expert@example.com', 'expert'],
      ['moderator@example.com', 'moderator'],
      ['resident@example.com', 'resident'],
    ]);
    for (const account of accounts) {
      expect(await verify(account.passwordHash!, 'chongqing-demo-2026')).toBe(true);
    }
    const phrases = await db.select().from(submissions);
    expect(phrases.length).toBeGreaterThanOrEqual(300);
    expect(phrases.some((phrase) => phrase.language === 'zh')).toBe(true);
    expect(phrases.some((phrase) => phrase.language === 'en')).toBe(true);
    const { rows } = await db.execute<{ drift: string; total: string }>(sql`
      SELECT count(*) FILTER (WHERE s.vote_count <> (SELECT count(*) FROM votes v WHERE v.submission_id = s.id)) AS drift,
             (SELECT count(*) FROM votes) AS total
      FROM submissions s`);
    expect(Number(rows[0]!.drift)).toBe(0);
    expect(Number(rows[0]!.total)).toBeGreaterThan(100);
  });

  it('starts lively discussions: threads with stances, replies to the deepest level, staff comments, counts from the rows', async () => {
    const { db, close } = await createTestDatabasePool();
    onTestFinished(close);
    await seedDatabase(db, { demo: true });
    const { rows } = await db.execute<{ comments: string; stances: string; deepest: string; staff: string; drift: string; stance_drift: string; vote_drift: string }>(sql`
      SELECT (SELECT count(*) FROM comments) AS comments,
        (SELECT count(DISTINCT stance) FROM comments) AS stances,
        (SELECT count(*) FROM comments WHERE reply_to_id IS NOT NULL AND depth = 3) AS deepest,
        (SELECT count(*) FROM comments c JOIN users u ON u.id = c.author_id WHERE u.role <> 'resident') AS staff,
        (SELECT count(*) FROM submissions s WHERE s.comment_count <> (SELECT count(*) FROM comments c WHERE c.target_id = s.id AND c.deleted_at IS NULL)) AS drift,
        (SELECT count(*) FROM comment_stances st WHERE st.support + st.oppose + st.neutral <> (SELECT count(*) FROM comments c WHERE c.target_id = st.target_id)) AS stance_drift,
        (SELECT count(*) FROM comments c WHERE c.upvotes <> (SELECT count(*) FROM comment_votes v WHERE v.comment_id = c.id AND v.value = 1)) AS vote_drift`);
    expect(Number(rows[0]!.comments)).toBeGreaterThanOrEqual(30);
    expect(Number(rows[0]!.stances)).toBe(3);
    expect(Number(rows[0]!.deepest)).toBeGreaterThan(0);
    expect(Number(rows[0]!.staff)).toBeGreaterThan(0);
    expect([rows[0]!.drift, rows[0]!.stance_drift, rows[0]!.vote_drift].map(Number)).toEqual([0, 0, 0]);
    const { rows: inbox } = await db.execute<{ n: string }>(sql`
      SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = 'resident@example.com' AND n.read_at IS NULL`);
    expect(Number(inbox[0]!.n)).toBeGreaterThan(0);
  });

  it('gives the moderators something to do: an entry held back, open reports, a merged pair; with --stage discuss, a shortlist', async () => {
    const { db, close } = await createTestDatabasePool();
    onTestFinished(close);
    await seedDatabase(db, { demo: true, stage: 'discuss' });
    const { rows } = await db.execute<{ pending: string; reports: string; merged: string; moves: string; shortlisted: string; rows_: string; stage: string; drift: string }>(sql`
      SELECT (SELECT count(*) FROM submissions WHERE status = 'pending') AS pending,
        (SELECT count(*) FROM reports WHERE resolved_at IS NULL) AS reports,
        (SELECT count(*) FROM submissions WHERE status = 'merged' AND merged_into_id IS NOT NULL) AS merged,
        (SELECT count(*) FROM merge_vote_moves) AS moves,
        (SELECT count(*) FROM submissions WHERE status = 'shortlisted') AS shortlisted,
        (SELECT count(*) FROM shortlist_entries) AS rows_,
        (SELECT stage::text FROM campaigns LIMIT 1) AS stage,
        (SELECT count(*) FROM submissions s WHERE s.vote_count <> (SELECT count(*) FROM votes v WHERE v.submission_id = s.id)) AS drift`);
    expect(rows[0]).toMatchObject({ pending: '1', merged: '1', shortlisted: '5', rows_: '5', stage: 'discuss', drift: '0' });
    expect(Number(rows[0]!.reports)).toBeGreaterThanOrEqual(3);
  });

  it('builds the campaign in any later stage with what the earlier stages leave, every count from its rows', async () => {
    for (const stage of ['refine', 'announced'] as const) {
      const { db, close } = await createTestDatabasePool();
      onTestFinished(close);
      await seedDatabase(db, { demo: true, stage });
      const { rows } = await db.execute<Record<string, string>>(sql`
        SELECT (SELECT stage::text FROM campaigns LIMIT 1) AS stage,
          (SELECT string_agg(stage::text, ',' ORDER BY started_at) FROM stage_transitions) AS stages,
          (SELECT count(*) FROM comparisons WHERE valid) AS comparisons,
          (SELECT count(*) FROM assessments) AS assessments,
          (SELECT count(*) FROM panel_notes) AS notes,
          (SELECT count(*) FROM drafts WHERE status IN ('published', 'adopted')) AS public_drafts,
          (SELECT count(*) FROM drafts WHERE status = 'draft') AS in_review,
          (SELECT count(*) FROM drafts WHERE status = 'adopted') AS adopted,
          (SELECT count(*) FROM draft_versions) AS versions,
          (SELECT count(*) FROM draft_votes) AS draft_votes,
          (SELECT count(*) FROM drafts d WHERE d.vote_count <> (SELECT count(*) FROM draft_votes v WHERE v.draft_id = d.id)
            OR d.comment_count <> (SELECT count(*) FROM comments c WHERE c.target_type = 'draft' AND c.target_id = d.id AND c.deleted_at IS NULL)
            OR d.endorsements <> (SELECT count(*) FROM draft_endorsements e WHERE e.draft_id = d.id AND e.version = d.current_version AND e.stance = 'endorse')) AS drift,
          (SELECT count(*) FROM submissions WHERE created_at >= (SELECT started_at FROM stage_transitions WHERE stage = 'discuss')) AS written_after_collect,
          (SELECT count(*) FROM notifications WHERE kind = 'campaign.stage_changed') AS told`);
      expect(rows[0]).toMatchObject({
        stage,
        stages: stage === 'refine' ? 'collect,discuss,refine' : 'collect,discuss,refine,announced',
        assessments: '15',
        notes: '4',
        public_drafts: '2',
        in_review: '1',
        adopted: stage === 'announced' ? '1' : '0',
        versions: '4',
        drift: '0',
        written_after_collect: '0',
      });
      expect(Number(rows[0]!.comparisons)).toBeGreaterThan(500);
      expect(Number(rows[0]!.draft_votes)).toBeGreaterThan(50);
      expect(Number(rows[0]!.told)).toBeGreaterThan(100);
    }
  });

  it('loads only once, even when several instances start together', async () => {
    const { db, close } = await createTestDatabasePool();
    onTestFinished(close);
    const results = await Promise.all([1, 2, 3].map(() => seedDatabase(db, { demo: true })));
    expect(results.filter((result) => result.demoSeeded)).toHaveLength(1);
    expect((await db.select({ n: count() }).from(campaigns))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(users).where(eq(users.email, 'admin@example.com')))[0]?.n).toBe(1);
  });

  it('creates no demo accounts when demo data is off (production)', async () => {
    const { db, close } = await createTestDatabasePool();
    onTestFinished(close);
    expect(await seedDatabase(db, { demo: false })).toEqual({ demoSeeded: false });
    expect((await db.select({ n: count() }).from(users))[0]?.n).toBe(0);
    expect((await db.select({ n: count() }).from(campaigns))[0]?.n).toBe(0);
  });
});
