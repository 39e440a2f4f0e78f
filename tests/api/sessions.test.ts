import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../server/src/db/schema.ts';
import { setupTestApp } from '../helpers/app.ts';
import { createUser, injectAs, signIn, signedInUser } from '../helpers/accounts.ts';

const { app, db } = await setupTestApp({ config: { trustProxy: true } });

const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

async function idleFor(userId: string, hours: number) {
  await db.update(sessions).set({ lastSeenAt: sql`now() - make_interval(hours => ${hours})` }).where(eq(sessions.userId, userId));
}

describe('CSRF protection', () => {
  it('refuses an unsafe request with a session cookie but without x-csrf-token: 403 csrf_failed', async () => {
    const { session } = await signedInUser(app, db);
    const response = await app.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: session.cookie }, payload: { displayName: 'Changed' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it('refuses a wrong token', async () => {
    const { session } = await signedInUser(app, db);
    const response = await injectAs(app, { ...session, csrfToken: session.csrfToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }, { method: 'POST', url: '/api/auth/logout' });
    expect(response.json()).toMatchObject({ code: 'csrf_failed' });
  });

  it("refuses another session's token", async () => {
    const { session: mine } = await signedInUser(app, db);
    const { session: theirs } = await signedInUser(app, db);
    const response = await injectAs(app, { ...mine, csrfToken: theirs.csrfToken }, { method: 'POST', url: '/api/auth/logout' });
    expect(response.statusCode).toBe(403);
  });

  it('accepts the token from GET /api/auth/me', async () => {
    const { session } = await signedInUser(app, db);
    const { csrfToken } = (await me(session.cookie)).json();
    expect((await injectAs(app, { ...session, csrfToken }, { method: 'PATCH', url: '/api/me', payload: { displayName: 'Renamed' } })).statusCode).toBe(200);
  });

  it('does not ask for a token on safe requests', async () => {
    const { session } = await signedInUser(app, db);
    expect((await app.inject({ method: 'GET', url: '/api/me/export', headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });
});

describe('session cookies over https', () => {
  it('are Secure and use the __Host- prefix', async () => {
    const user = await createUser(db);
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { login: user.email, password: 'violet-river-lantern-42' },
    });
    const cookie = String([response.headers['set-cookie']].flat()[0]);
    expect(cookie).toMatch(/^__Host-city_spirit_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
  });
});

describe('session expiry', () => {
  it('keeps a resident signed in after 13 idle hours but not after 31 days', async () => {
    const { user, session } = await signedInUser(app, db, 'resident');
    await idleFor(user.id, 13);
    expect((await me(session.cookie)).json().user?.id).toBe(user.id);
    await idleFor(user.id, 31 * 24);
    expect((await me(session.cookie)).json().user).toBeNull();
  });

  it.each(['moderator', 'expert', 'admin'] as const)('signs a %s out after 12 idle hours', async (role) => {
    const { user, session } = await signedInUser(app, db, role);
    await idleFor(user.id, 11);
    expect((await me(session.cookie)).json().user?.id).toBe(user.id);
    await idleFor(user.id, 13);
    expect((await me(session.cookie)).json().user).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it('ends any session after its maximum age, however active', async () => {
    const { user, session } = await signedInUser(app, db, 'resident');
    await db.update(sessions).set({ createdAt: sql`now() - interval '91 days'` }).where(eq(sessions.userId, user.id));
    expect((await me(session.cookie)).json().user).toBeNull();
  });

  it('treats a forged or unknown cookie as signed out and clears it', async () => {
    const response = await me('city_spirit_session=forged-token-value');
    expect(response.json().user).toBeNull();
    expect(String(response.headers['set-cookie'])).toMatch(/city_spirit_session=;/);
  });
});
