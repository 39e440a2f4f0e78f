import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
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
    expect(data).toHaveProperty('votes');
    expect(data).toHaveProperty('comments');
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
    const again = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: user.email, password: 'fresh-start-in-jiangbei-9', displayName: 'New me' } });
    expect(again.statusCode).toBe(201);
  });
});
