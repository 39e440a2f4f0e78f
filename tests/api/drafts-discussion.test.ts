import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createDraft, publishedDraft, refiningCampaign } from '../helpers/drafts.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: expert } = await signedInUser(app, db, 'expert');
const { session: secondExpert } = await signedInUser(app, db, 'expert');
const { session: moderator } = await signedInUser(app, db, 'moderator');

const comment = (session: Session, draftId: string, body = '这一稿读来好记') =>
  injectAs(app, session, { method: 'POST', url: `/api/drafts/${draftId}/comments`, payload: { body, stance: 'support' } });
const notificationsOf = async (session: Session) => (await injectAs(app, session, { method: 'GET', url: '/api/notifications' })).json().items;

async function publishedWithComment() {
  const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
  const draftId = await publishedDraft(app, [expert, secondExpert], slug, entryIds);
  const { session: author } = await signedInUser(app, db);
  const response = await comment(author, draftId);
  expect(response.statusCode, response.body).toBe(201);
  return { slug, draftId, author, commentId: response.json().comment.id as string };
}

describe('comments on drafts', () => {
  it('takes comments on a published draft, counts them on the draft and tells its author', async () => {
    const { draftId, commentId } = await publishedWithComment();
    const detail = (await injectAs(app, null, { method: 'GET', url: `/api/drafts/${draftId}` })).json();
    expect(detail.draft.commentCount).toBe(1);
    const thread = (await injectAs(app, null, { method: 'GET', url: `/api/drafts/${draftId}/comments` })).json();
    expect(thread.items.map((item: { id: string; targetType: string }) => [item.id, item.targetType])).toEqual([[commentId, 'draft']]);
    expect(thread.total).toBe(1);
    const told = await notificationsOf(expert);
    expect(told.find((n: { kind: string }) => n.kind === 'comment.on_entry')).toMatchObject({ subject: { type: 'draft', id: draftId, title: '坚韧顽强，开放包容' }, entryId: null });
  });

  it('keeps a draft in panel review closed: residents 404, the panel 409', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const draftId = await createDraft(app, expert, slug, entryIds);
    const { session: resident } = await signedInUser(app, db);
    expect((await comment(resident, draftId)).statusCode).toBe(404);
    expect((await comment(expert, draftId)).statusCode).toBe(409);
  });

  it('lets residents report such a comment and moderators see, hide and restore it on appeal, its author told', async () => {
    const { draftId, author, commentId } = await publishedWithComment();
    const { session: reporter } = await signedInUser(app, db);
    const report = await injectAs(app, reporter, { method: 'POST', url: '/api/reports', payload: { targetType: 'comment', targetId: commentId, reason: 'other' } });
    expect(report.statusCode, report.body).toBe(201);
    const { slug } = (await db.execute<{ slug: string }>(sql`SELECT c.slug FROM drafts d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = ${draftId}`)).rows[0]!;
    const queue = (await injectAs(app, moderator, { method: 'GET', url: `/api/moderation/queue?campaign=${slug}` })).json().items;
    expect(queue[0]).toMatchObject({ kind: 'reported', targetId: commentId, target: { entryId: null, draftId, entryPhrase: '坚韧顽强，开放包容' } });
    const hide = await injectAs(app, moderator, { method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'comment', targetId: commentId, action: 'hide', reason: '与草案无关的内容' } });
    expect(hide.statusCode, hide.body).toBe(201);
    expect((await notificationsOf(author))[0]).toMatchObject({ kind: 'comment.hidden', subject: { type: 'comment', id: commentId, title: '坚韧顽强，开放包容' }, entryId: null });
    const appeal = await injectAs(app, author, { method: 'POST', url: '/api/moderation/appeals', payload: { targetType: 'comment', targetId: commentId, note: '这条评论讨论的正是草案的措辞，请再看一下。' } });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const restore = await injectAs(app, moderator, { method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'comment', targetId: commentId, action: 'restore', reason: '申诉成立' } });
    expect(restore.statusCode, restore.body).toBe(201);
    expect((await notificationsOf(author))[0]).toMatchObject({ kind: 'appeal.answered', subject: { type: 'comment', id: commentId }, details: { outcome: 'restored' } });
  });

  it('hides an account\'s comments on drafts with a ban', async () => {
    const { commentId } = await publishedWithComment();
    const ban = await injectAs(app, moderator, {
      method: 'POST',
      url: '/api/moderation/actions',
      payload: { targetType: 'comment', targetId: commentId, action: 'ban', reason: '反复发布无关内容', hideContent: true },
    });
    expect(ban.statusCode, ban.body).toBe(201);
    const { rows } = await db.execute<{ hidden: boolean }>(sql`SELECT hidden_at IS NOT NULL AS hidden FROM comments WHERE id = ${commentId}`);
    expect(rows[0]!.hidden).toBe(true);
    const { rows: logged } = await db.execute(sql`SELECT 1 FROM moderation_actions WHERE target_type = 'comment' AND target_id = ${commentId} AND action = 'hide'`);
    expect(logged).toHaveLength(1);
  });
});
