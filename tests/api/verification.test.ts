import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verificationCodes } from '../../server/src/db/schema.ts';
import type { VerificationProvider } from '../../server/src/modules/accounts/verification.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';

const sent: { phone: string; code: string }[] = [];
const provider: VerificationProvider = { name: 'test', send: async ({ phone, code }) => void sent.push({ phone, code }) };
const { app, db } = await setupTestApp({ dependencies: { verificationProvider: provider } });

let nextPhone = 13_700_000_000;
const newPhone = () => String(nextPhone++);
const lastCodeFor = (phone: string) => sent.filter((message) => message.phone === `+86${phone}`).at(-1)!.code;
const requestCode = (session: Session, phone: string) => injectAs(app, session, { method: 'POST', url: '/api/auth/verification', payload: { phone } });
const confirm = (session: Session, code: string) => injectAs(app, session, { method: 'POST', url: '/api/auth/verification/confirm', payload: { code } });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('verifying a resident by text message', () => {
  it('sends a 6-digit code and verifies the account with that number', async () => {
    const { session } = await signedInUser(app, db);
    const phone = newPhone();
    const response = await requestCode(session, phone);
    expect(response.statusCode).toBe(202);
    const code = lastCodeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    const confirmed = await confirm(session, code);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user).toMatchObject({ verified: true, phone: `+86${phone}` });
  });

  it('stores the code only as a hash', async () => {
    const { user, session } = await signedInUser(app, db);
    const phone = newPhone();
    await requestCode(session, phone);
    const [row] = await db.select().from(verificationCodes).where(eq(verificationCodes.userId, user.id));
    expect(row!.codeHash).not.toContain(lastCodeFor(phone));
    expect(row!.codeHash.length).toBeGreaterThan(20);
  });

  it('allows 5 attempts per code, then a new code is needed', async () => {
    const { session } = await signedInUser(app, db);
    const phone = newPhone();
    await requestCode(session, phone);
    const code = lastCodeFor(phone);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await confirm(session, wrong(code));
      expect(response.statusCode).toBe(400);
      expect(response.json().attemptsLeft).toBe(5 - attempt);
    }
    const sixth = await confirm(session, code);
    expect(sixth.statusCode).toBe(400);
    expect(sixth.json().detail).toMatch(/request a new one/);
    await requestCode(session, phone);
    expect((await confirm(session, lastCodeFor(phone))).statusCode).toBe(200);
  });

  it('lets a code expire after 10 minutes', async () => {
    const { user, session } = await signedInUser(app, db);
    const phone = newPhone();
    await requestCode(session, phone);
    await db.update(verificationCodes).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(verificationCodes.userId, user.id));
    expect((await confirm(session, lastCodeFor(phone))).statusCode).toBe(400);
  });

  it('sends at most 3 codes per number per hour, whoever asks, then 429 with Retry-After', async () => {
    const phone = newPhone();
    const { session: first } = await signedInUser(app, db);
    const { session: second } = await signedInUser(app, db);
    expect((await requestCode(first, phone)).statusCode).toBe(202);
    expect((await requestCode(second, phone)).statusCode).toBe(202);
    expect((await requestCode(first, phone)).statusCode).toBe(202);
    const fourth = await requestCode(second, phone);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().code).toBe('rate_limited');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(3000);
  });

  it('holds the hourly limit under concurrent requests', async () => {
    const phone = newPhone();
    const { session } = await signedInUser(app, db);
    const responses = await Promise.all(Array.from({ length: 8 }, () => requestCode(session, phone)));
    expect(responses.filter((response) => response.statusCode === 202)).toHaveLength(3);
    expect(responses.filter((response) => response.statusCode === 429)).toHaveLength(5);
  });

  it("answers for another account's number exactly as for a free one, sends it nothing, and never verifies it", async () => {
    const phone = newPhone();
    const { session: owner } = await signedInUser(app, db);
    await requestCode(owner, phone);
    await confirm(owner, lastCodeFor(phone));
    const messagesBefore = sent.length;

    const { session: other } = await signedInUser(app, db);
    const taken = await requestCode(other, phone);
    const free = await requestCode(other, newPhone());
    expect(taken.statusCode).toBe(202);
    expect(taken.body).toBe(free.body);
    expect(sent.slice(messagesBefore).map((message) => message.phone)).not.toContain(`+86${phone}`);

    const { session: prober } = await signedInUser(app, db);
    await requestCode(prober, phone);
    const attempt = await confirm(prober, lastCodeFor(phone));
    expect(attempt.statusCode).toBe(400);
    expect(attempt.json()).toMatchObject({ code: 'validation_failed', attemptsLeft: 4 });
    const me = await injectAs(app, prober, { method: 'GET', url: '/api/auth/me' });
    expect(me.json().user).toMatchObject({ verified: false, phone: null });
    const ownerMe = await injectAs(app, owner, { method: 'GET', url: '/api/auth/me' });
    expect(ownerMe.json().user).toMatchObject({ verified: true, phone: `+86${phone}` });
  });

  it("counts requests for another account's number against the hourly limit like any other", async () => {
    const phone = newPhone();
    const { session: owner } = await signedInUser(app, db);
    await requestCode(owner, phone);
    await confirm(owner, lastCodeFor(phone));
    const { session: other } = await signedInUser(app, db);
    expect((await requestCode(other, phone)).statusCode).toBe(202);
    expect((await requestCode(other, phone)).statusCode).toBe(202);
    expect((await requestCode(other, phone)).statusCode).toBe(429);
  });

  it('needs a signed-in user', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/auth/verification', payload: { phone: '13800000000' } })).statusCode).toBe(401);
  });
});
