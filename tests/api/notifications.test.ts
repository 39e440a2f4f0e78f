import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Notification } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const resident = async () => (await signedInUser(app, db, 'resident')).session;

async function entry(slug: string, author: Session, phrase: string): Promise<string> {
  const response = await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase } });
  return response.json().submission.id;
}
async function comment(session: Session, entryId: string, parentId?: string): Promise<string> {
  const response = await injectAs(app, session, { method: 'POST', url: `/api/submissions/${entryId}/comments`, payload: { body: '说得好', stance: 'support', parentId } });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().comment.id;
}
async function inbox(session: Session): Promise<{ items: Notification[]; unreadCount: number; nextCursor: string | null }> {
  const response = await injectAs(app, session, { method: 'GET', url: '/api/notifications' });
  expect(response.statusCode).toBe(200);
  return response.json();
}
const read = (session: Session, ids?: string[]) => injectAs(app, session, { method: 'POST', url: '/api/notifications/read', payload: ids ? { ids } : {} });

describe('notifications', () => {
  it('tell an entry\'s author of comments, grouped: five comments are one item with count 5', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const id = await entry(slug, author, '山水之城');
    for (let i = 0; i < 5; i++) await comment(await resident(), id);
    const { items, unreadCount } = await inbox(author);
    expect(unreadCount).toBe(1);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'comment.on_entry', count: 5, read: false, campaignSlug: slug, entryId: id, subject: { type: 'submission', id, title: '山水之城' } });
    expect(items[0]!.actor?.displayName).toMatch(/^Tester/);
  });

  it('tell a commenter of replies, and nobody of their own comments', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const id = await entry(slug, author, '火锅之城');
    const alice = await resident();
    const first = await comment(alice, id);
    await comment(author, id, first);
    await comment(alice, id, first);
    const aliceInbox = await inbox(alice);
    expect(aliceInbox.items.map((n) => [n.kind, n.count])).toEqual([['comment.reply', 1]]);
    // The author answered on their own entry: their inbox has alice's comment only (not their own reply, nor alice's reply to herself).
    const authorInbox = await inbox(author);
    expect(authorInbox.items.map((n) => [n.kind, n.count])).toEqual([['comment.on_entry', 2]]);
  });

  it('are written in the transaction of their cause', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const id = await entry(slug, author, '桥都');
    const commentId = await comment(await resident(), id);
    const { rows } = await db.execute<{ same: boolean }>(sql`
      SELECT (SELECT xmin::text FROM comments WHERE id = ${commentId}) = (SELECT xmin::text FROM notifications WHERE entry_id = ${id}) AS same`);
    expect(rows[0]!.same).toBe(true);
  });

  it('are marked read some or all; a later event starts a new item', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const [one, two] = [await entry(slug, author, '雾都'), await entry(slug, author, '山城')];
    await comment(await resident(), one);
    await comment(await resident(), two);
    const before = await inbox(author);
    expect(before.unreadCount).toBe(2);
    expect((await read(author, [before.items[0]!.id])).statusCode).toBe(204);
    expect((await inbox(author)).unreadCount).toBe(1);
    // Someone else's ids change nothing.
    const other = await resident();
    expect((await read(other, [before.items[1]!.id])).statusCode).toBe(204);
    expect((await inbox(author)).unreadCount).toBe(1);
    expect((await read(author)).statusCode).toBe(204);
    expect((await inbox(author)).unreadCount).toBe(0);
    await comment(await resident(), one);
    const after = await inbox(author);
    expect(after.unreadCount).toBe(1);
    expect(after.items).toHaveLength(3);
    expect(after.items[0]).toMatchObject({ count: 1, read: false, entryId: one });
    expect((await injectAs(app, author, { method: 'POST', url: '/api/notifications/read', payload: { ids: ['nope'] } })).statusCode).toBe(400);
  });

  it('tell everyone who took part that the stage changed, once each', async () => {
    const slug = await createCampaign(app, admin);
    const [author, voter, commenter, bystander] = [await resident(), await resident(), await resident(), await resident()];
    const id = await entry(slug, author, '江城');
    await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${id}/vote` });
    await comment(commenter, id);
    await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
    for (const person of [author, voter, commenter]) {
      const staged = (await inbox(person)).items.filter((n) => n.kind === 'campaign.stage_changed');
      expect(staged).toHaveLength(1);
      expect(staged[0]).toMatchObject({ campaignSlug: slug, details: { stage: 'discuss' } });
    }
    expect((await inbox(bystander)).items).toEqual([]);
  });

  it('page newest first', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await entry(slug, author, `分页${i}号城`));
    for (const id of ids) await comment(await resident(), id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await injectAs(app, author, { method: 'GET', url: `/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      const page = response.json();
      seen.push(...page.items.map((n: Notification) => n.entryId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('name no erased account: the latest commenter who deletes the account shows as erased, and their own notifications go', async () => {
    const slug = await createCampaign(app, admin);
    const author = await resident();
    const id = await entry(slug, author, '抹去的名字');
    const { session: leaver, user } = await signedInUser(app, db, 'resident');
    await comment(await resident(), id);
    await comment(leaver, id);
    const leaverName = (await inbox(author)).items[0]!.actor?.displayName;
    expect(leaverName).toMatch(/^Tester/);
    // The leaver was told of something too.
    const own = await entry(slug, leaver, '要走的人的表述');
    await comment(author, own);
    expect((await injectAs(app, leaver, { method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    const { items } = await inbox(author);
    expect(items[0]!.actor).toEqual({ displayName: '已注销用户' });
    expect(JSON.stringify(items)).not.toContain(leaverName);
    const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${user.id}`);
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
