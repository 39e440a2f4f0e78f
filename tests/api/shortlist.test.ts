import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CampaignSettings, ShortlistItem, Stage } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { auditLog, moderationActions, shortlistEntries, submissions } from '../../server/src/db/schema.ts';
import { UNSHORTLIST_REASON } from '../../server/src/modules/shortlist/service.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');
const resident = async () => (await signedInUser(app, db, 'resident')).session;

const RATIONALE = '山水相依，读来好记，讨论中支持者众多。';

let phraseCounter = 0;
async function entry(slug: string, author?: Session): Promise<string> {
  const response = await injectAs(app, author ?? (await resident()), {
    method: 'POST',
    url: `/api/campaigns/${slug}/submissions`,
    payload: { phrase: `入围测试短语${phraseCounter++}号` },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().submission.id;
}

const moveTo = async (slug: string, stage: Stage) => {
  const response = await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage } });
  expect(response.statusCode, response.body).toBe(200);
};

/** A campaign with entries written in collect, then moved on to discuss. */
async function discussion(count: number, options: { settings?: Partial<CampaignSettings>; authors?: Session[] } = {}) {
  const slug = await createCampaign(app, admin, { settings: options.settings ?? {} });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await entry(slug, options.authors?.[i]));
  await moveTo(slug, 'discuss');
  return { slug, ids };
}

const put = (session: Session | null, id: string, rationale = RATIONALE) =>
  injectAs(app, session, { method: 'PUT', url: `/api/submissions/${id}/shortlist`, payload: { rationale } });
const remove = (session: Session | null, id: string) => injectAs(app, session, { method: 'DELETE', url: `/api/submissions/${id}/shortlist` });
const shortlist = async (slug: string, session: Session | null = null): Promise<ShortlistItem[]> => {
  const response = await injectAs(app, session, { method: 'GET', url: `/api/campaigns/${slug}/shortlist` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
};
const statusOf = async (id: string) => (await db.select({ status: submissions.status }).from(submissions).where(eq(submissions.id, id)))[0]!.status;
const rowOf = async (id: string) => (await db.select().from(shortlistEntries).where(eq(shortlistEntries.submissionId, id)))[0];

describe('putting an entry on the shortlist', () => {
  it('is open in the discuss stage only: 409 stage_closed in collect and in refine', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    const early = await put(moderator, id);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'stage_closed', stage: 'collect' });
    expect((await remove(moderator, id)).json()).toMatchObject({ code: 'stage_closed' });
    await moveTo(slug, 'discuss');
    expect((await put(moderator, id)).statusCode).toBe(200);
    await moveTo(slug, 'refine');
    const late = await remove(moderator, id);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'stage_closed', stage: 'refine' });
    expect((await put(moderator, id, 'Another rationale, too late.')).json()).toMatchObject({ code: 'stage_closed' });
    expect(await statusOf(id)).toBe('shortlisted');
  });

  it('is for moderators and admins: residents 403, anonymous 401', async () => {
    const { ids } = await discussion(2);
    expect((await put(null, ids[0]!)).statusCode).toBe(401);
    expect((await put(await resident(), ids[0]!)).statusCode).toBe(403);
    expect((await remove(await resident(), ids[0]!)).statusCode).toBe(403);
    expect((await put(moderator, ids[0]!)).statusCode).toBe(200);
    expect((await put(admin, ids[1]!)).statusCode).toBe(200);
    expect(await statusOf(ids[0]!)).toBe('shortlisted');
  });

  it('sets the status, keeps the rationale and answers with the shortlist item', async () => {
    const { ids } = await discussion(1);
    const response = await put(moderator, ids[0]!, `  ${RATIONALE}  `);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      submission: { id: ids[0], status: 'shortlisted' },
      rationale: RATIONALE,
      voteCount: 0,
      commentCount: 0,
      score: null,
      shortlistedAt: expect.any(String),
    });
    expect(await rowOf(ids[0]!)).toMatchObject({ rationale: RATIONALE, addedBy: moderator.userId });
  });

  it('refuses a rationale under 10 characters or over 1000', async () => {
    const { ids } = await discussion(1);
    expect((await put(moderator, ids[0]!, '太短了')).statusCode).toBe(400);
    expect((await put(moderator, ids[0]!, '字'.repeat(1001))).statusCode).toBe(400);
    expect(await rowOf(ids[0]!)).toBeUndefined();
  });

  it('takes listed entries only: withdrawn and pending 409, an unknown entry 404', async () => {
    const slug = await createCampaign(app, admin, { settings: { moderationMode: 'pre' } });
    const author = await resident();
    const pending = await entry(slug, author);
    const withdrawnId = await entry(slug, author);
    expect((await injectAs(app, author, { method: 'DELETE', url: `/api/submissions/${withdrawnId}` })).statusCode).toBe(204);
    await moveTo(slug, 'discuss');
    expect(await statusOf(pending)).toBe('pending');
    const refused = await put(moderator, pending);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('conflict');
    expect((await put(moderator, withdrawnId)).statusCode).toBe(409);
    expect((await put(moderator, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await remove(moderator, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect([await statusOf(pending), await statusOf(withdrawnId)]).toEqual(['pending', 'withdrawn']);
    expect(await shortlist(slug)).toEqual([]);
  });

  it('a second time changes the rationale, keeps when it was shortlisted, and does not notify again', async () => {
    const author = await resident();
    const { slug, ids } = await discussion(1, { authors: [author] });
    const first = (await put(moderator, ids[0]!)).json();
    const second = await put(moderator, ids[0]!, 'A better reason: it reads well in both languages.');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ rationale: 'A better reason: it reads well in both languages.', shortlistedAt: first.shortlistedAt });
    expect((await put(moderator, ids[0]!, 'A better reason: it reads well in both languages.')).statusCode).toBe(200);
    const actions = await db.select().from(moderationActions).where(eq(moderationActions.targetId, ids[0]!));
    expect(actions.map((a) => [a.action, a.reason])).toEqual([
      ['shortlist', RATIONALE],
      ['shortlist', 'A better reason: it reads well in both languages.'],
    ]);
    const inbox = (await injectAs(app, author, { method: 'GET', url: '/api/notifications' })).json();
    const shortlisted = inbox.items.filter((n: { kind: string }) => n.kind === 'entry.shortlisted');
    expect(shortlisted.map((n: { count: number }) => n.count)).toEqual([1]);
    expect((await shortlist(slug)).map((item) => item.rationale)).toEqual(['A better reason: it reads well in both languages.']);
  });
});

describe('the author', () => {
  it('is told, with the rationale, in the transaction that shortlists the entry', async () => {
    const author = await resident();
    const { ids } = await discussion(1, { authors: [author] });
    expect((await put(moderator, ids[0]!)).statusCode).toBe(200);
    const inbox = (await injectAs(app, author, { method: 'GET', url: '/api/notifications' })).json();
    const shortlisted = inbox.items.filter((n: { kind: string }) => n.kind === 'entry.shortlisted');
    expect(shortlisted).toHaveLength(1);
    expect(shortlisted[0]).toMatchObject({ kind: 'entry.shortlisted', entryId: ids[0], actor: null, details: { rationale: RATIONALE } });
    const { rows } = await db.execute<{ entry: string; row: string; notification: string }>(sql`
      SELECT (SELECT xmin::text FROM submissions WHERE id = ${ids[0]}) AS entry,
             (SELECT xmin::text FROM shortlist_entries WHERE submission_id = ${ids[0]}) AS row,
             (SELECT xmin::text FROM notifications WHERE entry_id = ${ids[0]} AND kind = 'entry.shortlisted') AS notification`);
    expect(rows[0]!.row).toBe(rows[0]!.entry);
    expect(rows[0]!.notification).toBe(rows[0]!.entry);
  });

  it('gets nothing when the notification cannot be written: the whole change is undone', async () => {
    const author = await resident();
    const { ids } = await discussion(1, { authors: [author] });
    const id = ids[0]!;
    await db.execute(sql.raw(`
      CREATE FUNCTION refuse_test_notification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.entry_id = '${id}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_test_notification BEFORE INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION refuse_test_notification();`));
    try {
      expect((await put(moderator, id)).statusCode).toBe(500);
    } finally {
      await db.execute(sql.raw('DROP TRIGGER refuse_test_notification ON notifications; DROP FUNCTION refuse_test_notification();'));
    }
    expect(await statusOf(id)).toBe('published');
    expect(await rowOf(id)).toBeUndefined();
    expect(await db.select().from(moderationActions).where(eq(moderationActions.targetId, id))).toEqual([]);
    expect(await db.select().from(auditLog).where(eq(auditLog.targetId, id))).toEqual([]);
  });

  it('is not told of shortlisting their own entry', async () => {
    const { ids } = await discussion(1, { authors: [moderator] });
    expect((await put(moderator, ids[0]!)).statusCode).toBe(200);
    const inbox = (await injectAs(app, moderator, { method: 'GET', url: '/api/notifications' })).json();
    expect(inbox.items.filter((n: { kind: string }) => n.kind === 'entry.shortlisted')).toEqual([]);
  });
});

describe('the public shortlist', () => {
  it('shows each entry with its rationale, counts and pairwise score, best score first', async () => {
    const { slug, ids } = await discussion(4);
    const [strong, weak, uncompared, notShortlisted] = ids as [string, string, string, string];
    const [voter, commenter] = [await resident(), await resident()];
    expect((await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${uncompared}/vote` })).statusCode).toBe(200);
    const commented = await injectAs(app, commenter, { method: 'POST', url: `/api/submissions/${weak}/comments`, payload: { body: '好记', stance: 'support' } });
    expect(commented.statusCode).toBe(201);
    // Comparisons before the first fit of this campaign: strong beats weak three times out of four.
    const { rows: campaignRows } = await db.execute<{ id: string }>(sql`SELECT campaign_id AS id FROM submissions WHERE id = ${strong}`);
    const campaignId = campaignRows[0]!.id;
    for (const [i, winner] of ['left', 'left', 'left', 'right'].entries()) {
      await db.execute(sql`INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid)
        VALUES (${campaignId}, ${voter.userId}, ${`shortlist-${campaignId}-${i}`}, ${strong}, ${weak}, ${winner}::pair_choice, true)`);
    }
    for (const id of [uncompared, weak, strong]) expect((await put(moderator, id)).statusCode).toBe(200);
    await put(moderator, weak, 'Readers liked it in the discussion, and it is short.');

    const items = await shortlist(slug);
    expect(items.map((item) => item.submission.id)).toEqual([strong, weak, uncompared]);
    expect(items.map((item) => item.submission.id)).not.toContain(notShortlisted);
    const ranking = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/ranking` })).json();
    const rankedScore = (id: string) => ranking.items.find((item: { submission: { id: string } }) => item.submission.id === id).score;
    expect(items[0]).toMatchObject({ rationale: RATIONALE, score: rankedScore(strong), voteCount: 0, commentCount: 0 });
    expect(items[0]!.score).toBeGreaterThan(50);
    expect(items[1]).toMatchObject({ rationale: 'Readers liked it in the discussion, and it is short.', score: rankedScore(weak), commentCount: 1 });
    expect(items[2]).toMatchObject({ score: null, voteCount: 1, submission: { status: 'shortlisted', author: { displayName: expect.any(String) } } });
    expect((await app.inject({ method: 'GET', url: '/api/campaigns/no-such-city/shortlist' })).statusCode).toBe(404);
  });

  it('orders entries without a score by support', async () => {
    const { slug, ids } = await discussion(2);
    const voter = await resident();
    await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${ids[1]}/vote` });
    for (const id of ids) await put(moderator, id);
    expect((await shortlist(slug)).map((item) => item.submission.id)).toEqual([ids[1], ids[0]]);
  });

  it('hides vote counts from residents while the campaign hides them, and shows them to staff', async () => {
    const { slug, ids } = await discussion(1, { settings: { voteCountsHidden: true } });
    await injectAs(app, await resident(), { method: 'PUT', url: `/api/submissions/${ids[0]}/vote` });
    const shown = await put(moderator, ids[0]!);
    expect(shown.json().voteCount).toBe(1);
    expect((await shortlist(slug))[0]!.voteCount).toBeNull();
    expect((await shortlist(slug, await resident()))[0]!.voteCount).toBeNull();
    expect((await shortlist(slug, moderator))[0]!.voteCount).toBe(1);
    await moveTo(slug, 'refine');
    expect((await shortlist(slug))[0]!.voteCount).toBe(1);
  });
});

describe('taking an entry off the shortlist', () => {
  it('puts it back to published, deletes the row, and is idempotent', async () => {
    const { slug, ids } = await discussion(1);
    const id = ids[0]!;
    await put(moderator, id);
    expect((await remove(moderator, id)).statusCode).toBe(204);
    expect(await statusOf(id)).toBe('published');
    expect(await rowOf(id)).toBeUndefined();
    expect(await shortlist(slug)).toEqual([]);
    expect((await remove(moderator, id)).statusCode).toBe(204);
    const actions = await db.select().from(moderationActions).where(eq(moderationActions.targetId, id));
    expect(actions.map((a) => a.action)).toEqual(['shortlist', 'unshortlist']);
    // The entry is in the lists again, open to votes.
    expect((await injectAs(app, await resident(), { method: 'PUT', url: `/api/submissions/${id}/vote` })).statusCode).toBe(200);
  });
});

describe('the record', () => {
  it('writes the audit log and the public moderation log for each change', async () => {
    const { ids } = await discussion(1);
    const id = ids[0]!;
    const [{ authorId, campaignId }] = (await db.select().from(submissions).where(eq(submissions.id, id))) as [typeof submissions.$inferSelect];
    await put(moderator, id);
    await remove(moderator, id);
    const actions = await db.select().from(moderationActions).where(eq(moderationActions.targetId, id)).orderBy(moderationActions.createdAt);
    expect(actions).toEqual([
      expect.objectContaining({ campaignId, targetType: 'submission', targetAuthorId: authorId, action: 'shortlist', reason: RATIONALE, actorId: moderator.userId, actorRole: 'moderator' }),
      expect.objectContaining({ campaignId, targetType: 'submission', targetAuthorId: authorId, action: 'unshortlist', reason: UNSHORTLIST_REASON, actorRole: 'moderator' }),
    ]);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.targetType, 'submission'), eq(auditLog.targetId, id))).orderBy(auditLog.id);
    expect(audit.map((row) => [row.action, row.actorId, row.actorRole, row.reason])).toEqual([
      ['submission.shortlisted', moderator.userId, 'moderator', RATIONALE],
      ['submission.unshortlisted', moderator.userId, 'moderator', UNSHORTLIST_REASON],
    ]);
    expect(audit[1]!.details).toMatchObject({ campaignId, rationale: RATIONALE });
  });
});

describe('two moderators at once', () => {
  it('leave the status and the row consistent under concurrent puts and deletes', async () => {
    const { session: other } = await signedInUser(app, db, 'moderator');
    const { ids } = await discussion(3);
    for (const id of ids) {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? remove(i % 4 === 1 ? moderator : other, id) : put(i % 4 === 0 ? moderator : other, id, `${RATIONALE} (${i})`))),
      );
      expect(results.map((r) => r.statusCode).filter((code) => code >= 300 && code !== 404)).toEqual([]);
    }
    const { rows } = await db.execute<{ id: string; status: string; on_list: boolean }>(sql`
      SELECT s.id, s.status, EXISTS (SELECT 1 FROM shortlist_entries se WHERE se.submission_id = s.id) AS on_list
      FROM submissions s WHERE s.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    for (const row of rows) expect(row.status === 'shortlisted', `${row.id}: ${row.status}`).toBe(row.on_list);
    // Each change that happened is in the log, alternating: never two shortlists' additions nor two removals in a row.
    for (const id of ids) {
      const actions = await db.select({ action: moderationActions.action, details: moderationActions.details }).from(moderationActions).where(eq(moderationActions.targetId, id)).orderBy(moderationActions.createdAt);
      const changes = actions.filter((a) => !('previousRationale' in a.details)).map((a) => a.action);
      for (let i = 1; i < changes.length; i++) expect(changes[i], `${id}: ${changes.join(', ')}`).not.toBe(changes[i - 1]);
      const last = changes.at(-1);
      expect(await statusOf(id)).toBe(last === 'shortlist' ? 'shortlisted' : 'published');
    }
  });
});
