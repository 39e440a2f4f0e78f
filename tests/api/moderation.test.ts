import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { QueueItem } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const resident = async () => (await signedInUser(app, db, 'resident')).session;
const moderatorSession = async () => (await signedInUser(app, db, 'moderator')).session;

let counter = 0;
async function entry(slug: string, author: Session): Promise<string> {
  const response = await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `审核测试${counter++}号短语` } });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().submission.id;
}
const report = (session: Session, targetType: string, targetId: string, reason = 'spam') =>
  injectAs(app, session, { method: 'POST', url: '/api/reports', payload: { targetType, targetId, reason, note: '看起来是广告' } });
const act = (session: Session, payload: Record<string, unknown>) => injectAs(app, session, { method: 'POST', url: '/api/moderation/actions', payload: { reason: '违反发言规则', ...payload } });
const status = async (id: string) => (await db.execute<{ status: string }>(sql`SELECT status FROM submissions WHERE id = ${id}`)).rows[0]!.status;
const queue = async (moderator: Session, slug: string, kind = '') => {
  const response = await injectAs(app, moderator, { method: 'GET', url: `/api/moderation/queue?campaign=${slug}${kind ? `&kind=${kind}` : ''}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as QueueItem[];
};
const kindsOf = async (userId: string) =>
  (await db.execute<{ kind: string; details: Record<string, unknown> }>(sql`SELECT kind, details FROM notifications WHERE user_id = ${userId} ORDER BY created_at`)).rows;

describe('reports', () => {
  it('are one per person and target, also under 20 concurrent tries', async () => {
    const slug = await createCampaign(app, admin, { settings: { autoHideReports: 100 } });
    const id = await entry(slug, await resident());
    const reporter = await resident();
    const answers = await Promise.all(Array.from({ length: 20 }, () => report(reporter, 'submission', id)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(19);
    expect(answers.find((a) => a.statusCode === 409)!.json().code).toBe('conflict');
    const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM reports WHERE target_id = ${id}`);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('hide the content at autoHideReports distinct reports, once, and tell its author', async () => {
    const slug = await createCampaign(app, admin, { settings: { autoHideReports: 3 } });
    const { session: author, user } = await signedInUser(app, db, 'resident');
    const id = await entry(slug, author);
    const reporters = await Promise.all(Array.from({ length: 5 }, () => resident()));
    expect((await report(reporters[0]!, 'submission', id)).json().hidden).toBe(false);
    expect((await report(reporters[1]!, 'submission', id)).json().hidden).toBe(false);
    expect(await status(id)).toBe('published');
    const third = await report(reporters[2]!, 'submission', id);
    expect(third.json().hidden).toBe(true);
    expect(await status(id)).toBe('hidden');
    // Hidden, the entry is out of sight: nobody else can report it any more.
    expect((await report(reporters[3]!, 'submission', id)).statusCode).toBe(404);
    const told = (await kindsOf(user.id)).filter((n) => n.kind === 'entry.hidden');
    expect(told).toHaveLength(1);
    expect(String(told[0]!.details.reason)).toMatch(/3 reports/);
    const log = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/moderation-log` })).json().items;
    expect(log[0]).toMatchObject({ action: 'hide', targetId: id, actorRole: null, automatic: true });
    const { session: moderator } = { session: await moderatorSession() };
    const [first] = await queue(moderator, slug);
    expect(first).toMatchObject({ kind: 'hidden', targetId: id, reportCount: 3 });
    expect(first!.reports[0]).toMatchObject({ reason: 'spam', note: '看起来是广告' });
  });

  it('hide a reported comment in its place, its text withheld from others', async () => {
    const slug = await createCampaign(app, admin, { settings: { autoHideReports: 2 } });
    const id = await entry(slug, await resident());
    const commenter = await resident();
    const comment = (await injectAs(app, commenter, { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: '广告广告', stance: 'neutral' } })).json().comment;
    await report(await resident(), 'comment', comment.id);
    await report(await resident(), 'comment', comment.id, 'offensive');
    const seen = (await app.inject({ method: 'GET', url: `/api/submissions/${id}/comments` })).json().items[0];
    expect(seen).toMatchObject({ id: comment.id, hidden: true, body: null, author: null });
    const own = (await injectAs(app, commenter, { method: 'GET', url: `/api/submissions/${id}/comments` })).json().items[0];
    expect(own).toMatchObject({ hidden: true, body: '广告广告' });
  });

  it('refuse your own content, unknown targets and the announced stage', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const id = await entry(slug, author);
    expect((await report(author, 'submission', id)).statusCode).toBe(409);
    expect((await report(author, 'submission', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await injectAs(app, author, { method: 'POST', url: '/api/reports', payload: { targetType: 'submission', targetId: id, reason: 'boring' } })).statusCode).toBe(400);
    for (const stage of ['discuss', 'refine']) await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage } });
    await db.execute(sql`UPDATE campaigns SET stage = 'announced' WHERE slug = ${slug}`);
    const closed = await report(await resident(), 'submission', id);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('stage_closed');
  });
});

describe('moderation actions', () => {
  it('take pre-moderated entries from pending to published, telling the author, in the queue first', async () => {
    const slug = await createCampaign(app, admin, { settings: { moderationMode: 'pre' } });
    const { session: author, user } = await signedInUser(app, db, 'resident');
    const id = await entry(slug, author);
    expect(await status(id)).toBe('pending');
    const moderator = await moderatorSession();
    const items = await queue(moderator, slug, 'pending');
    expect(items.map((item) => item.targetId)).toEqual([id]);
    expect(items[0]!.pendingReason).toBe('pre_moderation');
    const approved = await act(moderator, { targetType: 'submission', targetId: id, action: 'approve', reason: '符合规则' });
    expect(approved.statusCode).toBe(201);
    expect(approved.json()).toMatchObject({ status: 'published', action: { action: 'approve', actorRole: 'moderator', automatic: false } });
    expect(await status(id)).toBe('published');
    expect((await kindsOf(user.id)).map((n) => n.kind)).toContain('entry.approved');
    expect(await queue(moderator, slug, 'pending')).toEqual([]);
  });

  it('write each action to the audit log and to the public log with the role, never the name', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug, await resident());
    const moderator = await moderatorSession();
    for (const [action, expected] of [['hide', 'hidden'], ['restore', 'published'], ['hide', 'hidden'], ['reject', 'rejected'], ['restore', 'published']] as const) {
      const response = await act(moderator, { targetType: 'submission', targetId: id, action, reason: `理由：${action}` });
      expect(response.statusCode, response.body).toBe(201);
      expect(await status(id)).toBe(expected);
    }
    const log = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/moderation-log` })).json();
    expect(log.items.map((item: { action: string }) => item.action)).toEqual(['restore', 'reject', 'hide', 'restore', 'hide']);
    expect(log.items[0]).toEqual({ action: 'restore', targetType: 'submission', targetId: id, reason: '理由：restore', actorRole: 'moderator', automatic: false, createdAt: expect.any(String) });
    const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM audit_log WHERE target_id = ${id} AND action LIKE 'moderation.%'`);
    expect(Number(rows[0]!.n)).toBe(5);
    expect((await act(moderator, { targetType: 'submission', targetId: id, action: 'hide', reason: '' })).statusCode).toBe(400);
  });

  it('let one of two moderators acting at once win; the other gets 409 and the new state', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug, await resident());
    const [first, second] = [await moderatorSession(), await moderatorSession()];
    const answers = await Promise.all([
      act(first, { targetType: 'submission', targetId: id, action: 'hide' }),
      act(second, { targetType: 'submission', targetId: id, action: 'hide' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json()).toMatchObject({ code: 'conflict', currentStatus: 'hidden' });
    const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM moderation_actions WHERE target_id = ${id}`);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('dismiss reports by approving: the content stays, the reports close', async () => {
    const slug = await createCampaign(app, admin, { settings: { autoHideReports: 10 } });
    const id = await entry(slug, await resident());
    await report(await resident(), 'submission', id);
    const moderator = await moderatorSession();
    expect((await queue(moderator, slug, 'reported')).map((item) => item.targetId)).toEqual([id]);
    expect((await act(moderator, { targetType: 'submission', targetId: id, action: 'approve', reason: '没有问题' })).json().status).toBe('published');
    expect(await queue(moderator, slug)).toEqual([]);
    // With nothing open, approving again does not apply.
    expect((await act(moderator, { targetType: 'submission', targetId: id, action: 'approve' })).statusCode).toBe(409);
  });

  it('ban an account: it can no longer contribute, and its content can be hidden with the same reason', async () => {
    const slug = await createCampaign(app, admin);
    const { session: spammer, user } = await signedInUser(app, db, 'resident');
    const id = await entry(slug, spammer);
    await injectAs(app, spammer, { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: '买买买', stance: 'support' } });
    const moderator = await moderatorSession();
    const banned = await act(moderator, { targetType: 'submission', targetId: id, action: 'ban', reason: '批量发广告', hideContent: true });
    expect(banned.statusCode, banned.body).toBe(201);
    expect(banned.json().status).toBe('banned');
    expect(await status(id)).toBe('hidden');
    const { rows } = await db.execute<{ hidden: string }>(sql`SELECT count(*) FILTER (WHERE hidden_at IS NOT NULL) AS hidden FROM comments WHERE author_id = ${user.id}`);
    expect(Number(rows[0]!.hidden)).toBe(1);
    expect((await injectAs(app, spammer, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: '再来一条广告' } })).statusCode).toBe(403);
    expect((await act(moderator, { targetType: 'user', targetId: user.id, action: 'ban' })).statusCode).toBe(409);
    // A moderator cannot ban a moderator; an admin can.
    const { user: otherModerator } = await signedInUser(app, db, 'moderator');
    expect((await act(moderator, { targetType: 'user', targetId: otherModerator.id, action: 'ban' })).statusCode).toBe(403);
    expect((await act(admin, { targetType: 'user', targetId: otherModerator.id, action: 'ban' })).statusCode).toBe(201);
  });
});

describe('appeals', () => {
  it('are once per action; the answer (restore, or keep with a reason) reaches the author', async () => {
    const slug = await createCampaign(app, admin);
    const { session: author, user } = await signedInUser(app, db, 'resident');
    const id = await entry(slug, author);
    const moderator = await moderatorSession();
    const appeal = (note = '这只是一个普通的表述，请再看看。') => injectAs(app, author, { method: 'POST', url: '/api/moderation/appeals', payload: { targetType: 'submission', targetId: id, note } });
    expect((await appeal()).statusCode).toBe(409); // nothing to appeal yet
    await act(moderator, { targetType: 'submission', targetId: id, action: 'hide', reason: '疑似重复' });
    expect((await injectAs(app, await resident(), { method: 'POST', url: '/api/moderation/appeals', payload: { targetType: 'submission', targetId: id, note: '我不是作者但我想申诉' } })).statusCode).toBe(403);
    expect((await appeal('太短')).statusCode).toBe(400);
    const before = (await injectAs(app, author, { method: 'GET', url: `/api/submissions/${id}` })).json();
    expect(before.decision).toMatchObject({ action: 'hide', reason: '疑似重复', automatic: false, appealed: false });
    expect((await app.inject({ method: 'GET', url: `/api/submissions/${id}` })).statusCode).toBe(404);
    expect((await appeal()).statusCode).toBe(201);
    expect((await injectAs(app, author, { method: 'GET', url: `/api/submissions/${id}` })).json().decision.appealed).toBe(true);
    expect((await appeal()).statusCode).toBe(409);
    const [item] = await queue(moderator, slug, 'appealed');
    expect(item).toMatchObject({ kind: 'appealed', targetId: id, appeal: { note: '这只是一个普通的表述，请再看看。', action: 'hide', actionReason: '疑似重复' } });
    // Kept: hiding again answers the appeal with a reason.
    expect((await act(moderator, { targetType: 'submission', targetId: id, action: 'hide', reason: '确实与另一条重复' })).statusCode).toBe(201);
    const answered = (await kindsOf(user.id)).filter((n) => n.kind === 'appeal.answered');
    expect(answered.at(-1)!.details).toMatchObject({ outcome: 'kept', reason: '确实与另一条重复' });
    expect(await queue(moderator, slug, 'appealed')).toEqual([]);
    // The new decision can be appealed once more; restoring upholds that appeal.
    expect((await appeal()).statusCode).toBe(201);
    expect((await act(moderator, { targetType: 'submission', targetId: id, action: 'restore', reason: '复核后恢复' })).json().status).toBe('published');
    expect((await kindsOf(user.id)).filter((n) => n.kind === 'appeal.answered').at(-1)!.details).toMatchObject({ outcome: 'restored' });
  });
});

describe('the moderation queue', () => {
  it('puts hidden-by-reports first, then appeals, then reported (most reports first), then pending', async () => {
    const slug = await createCampaign(app, admin, { settings: { autoHideReports: 3 } });
    const moderator = await moderatorSession();
    const author = await resident();
    const [hiddenId, appealedId, once, twice] = [await entry(slug, author), await entry(slug, author), await entry(slug, author), await entry(slug, author)];
    for (let i = 0; i < 3; i++) await report(await resident(), 'submission', hiddenId);
    await act(moderator, { targetType: 'submission', targetId: appealedId, action: 'hide' });
    await injectAs(app, author, { method: 'POST', url: '/api/moderation/appeals', payload: { targetType: 'submission', targetId: appealedId, note: '请重新考虑这个决定。' } });
    await report(await resident(), 'submission', once);
    for (let i = 0; i < 2; i++) await report(await resident(), 'submission', twice);
    await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { moderationMode: 'pre' } } });
    const pendingId = await entry(slug, author);
    const items = await queue(moderator, slug);
    expect(items.map((item) => [item.kind, item.targetId])).toEqual([
      ['hidden', hiddenId],
      ['appealed', appealedId],
      ['reported', twice],
      ['reported', once],
      ['pending', pendingId],
    ]);
    expect(items[1]!.authorHistory.map((h) => h.action)).toContain('hide');
    // Pages of two walk the same order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await injectAs(app, moderator, { method: 'GET', url: `/api/moderation/queue?campaign=${slug}&limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      const page: { items: QueueItem[]; nextCursor: string | null } = response.json();
      seen.push(...page.items.map((item) => item.targetId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(items.map((item) => item.targetId));
    expect((await injectAs(app, await resident(), { method: 'GET', url: `/api/moderation/queue?campaign=${slug}` })).statusCode).toBe(403);
  });
});
