import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '@city-spirit/shared';
import { users } from '../../server/src/db/schema.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, sessionCookie, signIn, TEST_PASSWORD, createUser } from '../helpers/accounts.ts';

const { app, db } = await setupTestApp();

/** Signs up with consent to the current privacy notice, unless the payload says otherwise. */
const register = (payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/auth/register', payload: { privacyConsent: { version: PRIVACY_NOTICE_VERSION }, ...payload } });
const strongPassword = 'misty-stairs-of-yuzhong-7';

describe('signing up', () => {
  it('creates a resident with an email address and signs them in', async () => {
    const response = await register({ email: 'Li.Wei@Example.COM', password: strongPassword, displayName: '李伟', districtCode: '500103', locale: 'zh-CN' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({ displayName: '李伟', role: 'resident', verified: false, districtCode: '500103', email: 'li.wei@example.com', phone: null });
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = String([response.headers['set-cookie']].flat()[0]);
    expect(cookie).toMatch(/^city_spirit_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie(response.headers['set-cookie']) } });
    expect(me.json()).toMatchObject({ user: { id: body.user.id }, csrfToken: body.csrfToken });
  });

  it('accepts a mainland mobile number written with spaces and dashes, stored as +86 and 11 digits', async () => {
    const response = await register({ phone: '+86 139-2300-1234', password: strongPassword, displayName: 'Phone Person' });
    expect(response.statusCode).toBe(201);
    expect(response.json().user.phone).toBe('+8613923001234');
  });

  it('refuses a number that is not a mainland mobile number', async () => {
    const response = await register({ phone: '+1 415 555 0100', password: strongPassword, displayName: 'Caller' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ path: 'body.phone' });
  });

  it('needs exactly one of email and phone', async () => {
    expect((await register({ password: strongPassword, displayName: 'Nobody' })).statusCode).toBe(400);
    const both = await register({ email: 'both@example.com', phone: '13800000001', password: strongPassword, displayName: 'Both' });
    expect(both.statusCode).toBe(400);
    expect(both.json().detail).toMatch(/either an email address or a mobile number/);
  });

  it.each([
    ['short1', /at least 10 characters/],
    ['1234567890', /most common passwords/],
    ['woaini1314520', /most common passwords/],
    ['zzzzzzzzzzzz', /repeats one character/],
    ['abcdefghijklm', /sequence/],
    ['wangfang-secret', /your email, phone number or name/],
  ])('refuses the weak password %s and says why', async (password, reason) => {
    const response = await register({ email: `wangfang-${Math.random()}@example.com`.replace('0.', ''), password, displayName: 'Wang Fang' });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(reason);
    expect(response.json().errors[0].path).toBe('body.password');
  });

  it('refuses an email address already registered, whatever its case: 409 conflict', async () => {
    await register({ email: 'taken@example.com', password: strongPassword, displayName: 'First' });
    const again = await register({ email: 'TAKEN@example.com', password: strongPassword, displayName: 'Second' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('conflict');
  });

  it('silently refuses a bot that fills in the honeypot field', async () => {
    const response = await register({ email: 'bot@example.com', password: strongPassword, displayName: 'Bot', website: 'http://spam.example' });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).not.toMatch(/website|honeypot/i);
    expect(await db.select().from(users).where(eq(users.email, 'bot@example.com'))).toHaveLength(0);
  });

  it('stores only an argon2id hash of the password', async () => {
    await register({ email: 'hashed@example.com', password: strongPassword, displayName: 'Hashed' });
    const [row] = await db.select().from(users).where(eq(users.email, 'hashed@example.com'));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });
  it('counts a display name in characters, as the API document does: 40 emoji fit, 41 do not', async () => {
    const fits = await register({ email: 'emoji-40@example.com', password: strongPassword, displayName: '🌶'.repeat(40) });
    expect(fits.statusCode).toBe(201);
    const tooLong = await register({ email: 'emoji-41@example.com', password: strongPassword, displayName: '🌶'.repeat(41) });
    expect(tooLong.statusCode).toBe(400);
  });
});

describe('consenting to the privacy notice at sign-up', () => {
  it('refuses a sign-up without consent to the privacy notice, naming the field', async () => {
    const response = await register({ email: 'no-consent@example.com', password: strongPassword, displayName: 'No Consent', privacyConsent: undefined });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'body.privacyConsent' })] });
    expect(await db.select().from(users).where(eq(users.email, 'no-consent@example.com'))).toHaveLength(0);
  });

  it('refuses consent to an earlier version of the notice and names the current one', async () => {
    const response = await register({ email: 'old-consent@example.com', password: strongPassword, displayName: 'Old Consent', privacyConsent: { version: '2020-01-01' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ path: 'body.privacyConsent.version' });
    expect(response.json().detail).toContain(PRIVACY_NOTICE_VERSION);
    expect(await db.select().from(users).where(eq(users.email, 'old-consent@example.com'))).toHaveLength(0);
  });

  it('records the version consented to and when', async () => {
    const before = Date.now();
    const response = await register({ email: 'consented@example.com', password: strongPassword, displayName: 'Consented' });
    expect(response.statusCode).toBe(201);
    const [row] = await db.select().from(users).where(eq(users.email, 'consented@example.com'));
    expect(row!.privacyConsentVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(row!.privacyConsentAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row!.privacyConsentAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('shows the consent in the account\'s data export', async () => {
    const response = await register({ email: 'consent-export@example.com', password: strongPassword, displayName: 'Consent Export' });
    const session = { cookie: sessionCookie(response.headers['set-cookie']), csrfToken: response.json().csrfToken, userId: response.json().user.id };
    const [row] = await db.select().from(users).where(eq(users.email, 'consent-export@example.com'));
    const exported = (await injectAs(app, session, { method: 'GET', url: '/api/me/export' })).json();
    expect(exported.account.privacyConsent).toEqual({ version: PRIVACY_NOTICE_VERSION, givenAt: row!.privacyConsentAt!.toISOString() });
  });

  it('exports no consent for an account made before consent was asked', async () => {
    const user = await createUser(db);
    const exported = (await injectAs(app, await signIn(app, user.email), { method: 'GET', url: '/api/me/export' })).json();
    expect(exported.account.privacyConsent).toBeNull();
  });
});

describe('signing in and out', () => {
  it('answers a wrong password and an unknown account exactly alike', async () => {
    const user = await createUser(db);
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: user.email, password: 'not-the-password' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'nobody@example.com', password: 'not-the-password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it('signs in with the phone number in any common notation', async () => {
    await register({ phone: '13512345678', password: strongPassword, displayName: 'Phone Login' });
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '135 1234 5678', password: strongPassword } });
    expect(response.statusCode).toBe(200);
  });

  it('issues a new session token at every sign-in', async () => {
    const user = await createUser(db);
    const first = await signIn(app, user.email);
    const second = await signIn(app, user.email);
    expect(first.cookie).not.toBe(second.cookie);
    expect(first.csrfToken).not.toBe(second.csrfToken);
  });

  it('ends the session on sign-out, on the server', async () => {
    const user = await createUser(db);
    const session = await signIn(app, user.email);
    const out = await injectAs(app, session, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.json().user).toBeNull();
    expect((await injectAs(app, session, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });

  it('tells anonymous visitors they are not signed in, with a token to use', async () => {
    const me = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: null, csrfToken: expect.any(String) });
  });
});

describe('profile', () => {
  it('lets residents change display name, district and language', async () => {
    const user = await createUser(db);
    const session = await signIn(app, user.email, TEST_PASSWORD);
    const response = await injectAs(app, session, { method: 'PATCH', url: '/api/me', payload: { displayName: '南岸晨跑', districtCode: '500108', locale: 'en' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ displayName: '南岸晨跑', districtCode: '500108', locale: 'en' });
  });

  it('refuses a district that does not exist with 400', async () => {
    const user = await createUser(db);
    const session = await signIn(app, user.email);
    const response = await injectAs(app, session, { method: 'PATCH', url: '/api/me', payload: { districtCode: '110101' } });
    expect(response.statusCode).toBe(400);
  });
});

describe('display names', () => {
  const refusal = async (displayName: string) => {
    const response = await register({ email: `names-${Math.random()}@example.com`.replace('0.', ''), password: strongPassword, displayName });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors[0].path).toBe('body.displayName');
    return response.json().detail as string;
  };

  it.each([
    ['a right-to-left override', 'abc\u202Egpj.exe'],
    ['a left-to-right embedding', '\u202A山城居民'],
    ['an isolate', '山城\u2066居民\u2069'],
    ['a control character', '山城\u0007居民'],
    ['a C1 control character', '山城\u0085居民'],
  ])('refuses a display name with %s', async (_what, displayName) => {
    expect(await refusal(displayName)).toMatch(/control|direction/);
  });

  it('refuses a display name of zero-width and invisible characters only', async () => {
    expect(await refusal('\u200B\u200C\u200D\u2060')).toMatch(/visible/);
    expect(await refusal('\u3164\u3164')).toMatch(/visible/);
  });

  it('refuses the deleted-user label, however it is written', async () => {
    expect(await refusal('已注销用户')).toMatch(/reserved/);
    expect(await refusal('已注\u200B销用户')).toMatch(/reserved/);
  });

  it("refuses a display name that copies a staff member's", async () => {
    await createUser(db, { role: 'moderator', displayName: 'Harbour Keeper' });
    await createUser(db, { role: 'expert', displayName: '江北专家' });
    expect(await refusal('harbour keeper')).toMatch(/reserved/);
    expect(await refusal('ＨＡＲＢＯＵＲ\u200B KEEPER')).toMatch(/reserved/);
    expect(await refusal('江北专家')).toMatch(/reserved/);
  });

  it("lets a resident take another resident's name", async () => {
    await createUser(db, { displayName: 'Common Name' });
    const response = await register({ email: 'common-name@example.com', password: strongPassword, displayName: 'Common Name' });
    expect(response.statusCode).toBe(201);
  });

  it('applies the same rules when the name is changed on the profile', async () => {
    await createUser(db, { role: 'admin', displayName: 'Platform Admin Zhang' });
    const user = await createUser(db);
    const session = await signIn(app, user.email);
    for (const displayName of ['platform admin zhang', '已注销用户', 'x\u202Ey', '\u200B\u200B']) {
      const response = await injectAs(app, session, { method: 'PATCH', url: '/api/me', payload: { displayName } });
      expect(response.statusCode, displayName).toBe(400);
      expect(response.json().errors[0].path).toBe('body.displayName');
    }
  });

  it('lets a staff member keep their own name when editing the profile', async () => {
    const staff = await createUser(db, { role: 'moderator', displayName: 'Mod Own Name' });
    const session = await signIn(app, staff.email);
    const response = await injectAs(app, session, { method: 'PATCH', url: '/api/me', payload: { displayName: 'Mod Own Name', locale: 'en' } });
    expect(response.statusCode).toBe(200);
  });
});
