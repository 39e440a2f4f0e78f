import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/src/db/schema.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signIn, signedInUser } from '../helpers/accounts.ts';

const { app, db } = await setupTestApp();
const { user: adminUser, session: admin } = await signedInUser(app, db, 'admin');

const patchUser = (id: string, payload: Record<string, unknown>) => injectAs(app, admin, { method: 'PATCH', url: `/api/admin/users/${id}`, payload });
const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('admins manage roles', () => {
  it("changes a user's role, ends their sessions and records who, what, target, when and why", async () => {
    const { user, session } = await signedInUser(app, db, 'resident');
    const response = await patchUser(user.id, { role: 'moderator', reason: 'Volunteer moderator for Yuzhong' });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ id: user.id, role: 'moderator' });

    expect((await me(session.cookie)).json().user).toBeNull();
    const again = await signIn(app, user.email);
    expect((await me(again.cookie)).json().user.role).toBe('moderator');

    const entries = await db.select().from(auditLog).where(eq(auditLog.targetId, user.id));
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: adminUser.id,
        actorRole: 'admin',
        action: 'user.role_changed',
        targetType: 'user',
        reason: 'Volunteer moderator for Yuzhong',
        details: { from: 'resident', to: 'moderator' },
        createdAt: expect.any(Date),
      }),
    ]);
  });

  it('needs a reason', async () => {
    const { user } = await signedInUser(app, db);
    const response = await patchUser(user.id, { role: 'expert' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.reason');
  });

  it('refuses to let admins change their own role', async () => {
    expect((await patchUser(adminUser.id, { role: 'resident', reason: 'stepping down' })).statusCode).toBe(409);
  });

  it('answers an unknown user with 404', async () => {
    expect((await patchUser('00000000-0000-4000-8000-000000000000', { banned: true, reason: 'spam' })).statusCode).toBe(404);
  });

  it('lists the audit log to admins, newest first', async () => {
    const { user } = await signedInUser(app, db);
    await patchUser(user.id, { banned: true, reason: 'listing check' });
    const response = await injectAs(app, admin, { method: 'GET', url: '/api/admin/audit-log?limit=1' });
    expect(response.statusCode).toBe(200);
    expect(response.json().items[0]).toMatchObject({ action: 'user.banned', targetId: user.id, reason: 'listing check', actor: { id: adminUser.id, role: 'admin' } });
    expect(response.json().nextCursor).toEqual(expect.any(String));
  });
});

describe('bans', () => {
  it("ends a banned user's sessions; signed in again they can read and leave but not write", async () => {
    const { user, session } = await signedInUser(app, db);
    expect((await patchUser(user.id, { banned: true, reason: 'Repeated abuse in comments' })).json().user.banned).toBe(true);
    expect((await me(session.cookie)).json().user).toBeNull();

    const again = await signIn(app, user.email);
    expect((await me(again.cookie)).json().user.banned).toBe(true);
    const write = await injectAs(app, again, { method: 'PATCH', url: '/api/me', payload: { displayName: 'Back again' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toMatch(/suspended/);
    expect((await injectAs(app, again, { method: 'GET', url: '/api/me/export' })).statusCode).toBe(200);

    await patchUser(user.id, { banned: false, reason: 'Appeal accepted' });
    const unbanned = await signIn(app, user.email);
    expect((await injectAs(app, unbanned, { method: 'PATCH', url: '/api/me', payload: { displayName: 'Back again' } })).statusCode).toBe(200);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.targetId, user.id))).map((entry) => entry.action);
    expect(actions).toEqual(['user.banned', 'user.unbanned']);
  });
});

describe('the audit log', () => {
  it('is append-only: the database refuses updates and deletes', async () => {
    const { user } = await signedInUser(app, db);
    await patchUser(user.id, { role: 'expert', reason: 'Panel member' });
    await expect(db.execute(sql`UPDATE audit_log SET reason = 'rewritten'`)).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_log`)).rejects.toThrow();
  });
});

describe('admin lists', () => {
  it.each([
    ['/api/admin/users', () => adminUser.id],
    ['/api/admin/audit-log', () => '1'],
  ])('refuse a cursor with an impossible time or id at %s with 400, not 500', async (path, validId) => {
    const cursor = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const wrong of [
      { at: '2026-02-31T00:00:00.000Z', id: validId() },
      { at: 'soon', id: validId() },
      { at: '2026-01-01 00:00:00+14:00:00', id: validId() },
      { at: '9999-12-31 23:59:59-15', id: validId() },
      { at: new Date().toISOString(), id: 'not-an-id' },
    ]) {
      const response = await injectAs(app, admin, { method: 'GET', url: `${path}?cursor=${cursor(wrong)}` });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0].path).toBe('querystring.cursor');
    }
    const fine = await injectAs(app, admin, { method: 'GET', url: `${path}?cursor=${cursor({ at: new Date().toISOString(), id: validId() })}` });
    expect(fine.statusCode, fine.body).toBe(200);
  });

  it('page through the audit log with the cursors they give', async () => {
    for (let i = 0; i < 3; i++) await patchUser((await signedInUser(app, db, 'resident')).user.id, { role: 'moderator', reason: `Paging check ${i}` });
    const first = (await injectAs(app, admin, { method: 'GET', url: '/api/admin/audit-log?limit=2' })).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await injectAs(app, admin, { method: 'GET', url: `/api/admin/audit-log?limit=2&cursor=${first.nextCursor}` });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items[0].id).not.toBe(first.items[0].id);
  });
});

describe('two admins at once', () => {
  it('cannot demote each other at the same moment: one change wins, one admin stays', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await signedInUser(app, db, 'admin');
      const b = await signedInUser(app, db, 'admin');
      const demote = (actor: typeof a, target: typeof b) =>
        injectAs(app, actor.session, { method: 'PATCH', url: `/api/admin/users/${target.user.id}`, payload: { role: 'resident', reason: 'Crossed demotion check' } });
      const results = await Promise.all([demote(a, b), demote(b, a)]);
      // The loser finds it is no longer an admin (403), or, arriving after the winner's change, that
      // its session ended with its role (401).
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses[0]).toBe(200);
      expect([401, 403]).toContain(statuses[1]);
      const { rows } = await db.execute<{ admins: number }>(sql`
        SELECT count(*)::integer AS admins FROM users WHERE id IN (${a.user.id}, ${b.user.id}) AND role = 'admin'`);
      expect(rows[0]!.admins).toBe(1);
    }
  });
});
