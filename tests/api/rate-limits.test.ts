import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { createUser, injectAs, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';

const defaults = loadConfig({}).rateLimit;
let ipCounter = 1;
const newIp = () => `198.51.100.${ipCounter++}`;

describe('log-in throttling', async () => {
  const { app, db } = await setupTestApp();
  const attempt = (login: string, password: string, remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password }, remoteAddress });

  it('allows 10 failures a minute on one account from one address, then 429 with Retry-After even for the right password', async () => {
    const ip = newIp();
    const user = await createUser(db);
    for (let i = 0; i < 10; i++) expect((await attempt(user.email, `wrong-${i}`, ip)).statusCode).toBe(401);
    const blocked = await attempt(user.email, TEST_PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await attempt(user.email, TEST_PASSWORD, newIp())).statusCode).toBe(200);
  });

  it('lets the other residents behind one address sign in while one account there is throttled', async () => {
    const ip = newIp();
    const [forgetful, neighbour] = [await createUser(db), await createUser(db)];
    for (let i = 0; i < 11; i++) await attempt(forgetful.email, `wrong-${i}`, ip);
    expect((await attempt(forgetful.email, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await attempt(neighbour.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await attempt(`typo${i}@example.com`, 'wrong-password', ip)).statusCode).toBe(401);
  });

  it('does not count refused attempts: hammering one throttled account does not lock out its address', async () => {
    const ip = newIp();
    const [target, neighbour] = [await createUser(db), await createUser(db)];
    for (let i = 0; i < 10; i++) await attempt(target.email, `wrong-${i}`, ip);
    for (let i = 0; i < 120; i++) expect((await attempt(target.email, `again-${i}`, ip)).statusCode).toBe(429);
    expect((await attempt(neighbour.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('allows 100 failures a minute from one address across accounts, then 429 for every sign-in from it', async () => {
    const ip = newIp();
    const user = await createUser(db);
    for (let i = 0; i < 100; i++) {
      expect((await attempt(`resident${i}@example.com`, 'wrong-password', ip)).statusCode).toBe(401);
    }
    const blocked = await attempt(user.email, TEST_PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await attempt(user.email, TEST_PASSWORD, newIp())).statusCode).toBe(200);
  }, 60_000);

  it('does not count successful sign-ins as failures', async () => {
    const ip = newIp();
    const user = await createUser(db);
    for (let i = 0; i < 15; i++) expect((await attempt(user.email, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('allows 100 failures an hour on one account, from any number of addresses, then 429', async () => {
    const user = await createUser(db);
    for (let i = 0; i < defaults.loginFailuresPerAccountPerHour; i++) {
      expect((await attempt(user.email, `wrong-${i}`, `203.0.113.${i % 250}`)).statusCode).toBe(401);
    }
    const blocked = await attempt(user.email, TEST_PASSWORD, newIp());
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(60);
  }, 60_000);

  it('holds the per-address and account limit under concurrent attempts', async () => {
    const ip = newIp();
    const responses = await Promise.all(Array.from({ length: 25 }, (_, i) => attempt('parallel@example.com', `wrong-${i}`, ip)));
    expect(responses.filter((response) => response.statusCode === 401)).toHaveLength(10);
    expect(responses.filter((response) => response.statusCode === 429)).toHaveLength(15);
  });
});

describe('request rate limits', async () => {
  const { app, db } = await setupTestApp({
    config: { rateLimit: { ...defaults, anonymousPerMinute: 5, userReadsPerMinute: 8, userWritesPerMinute: 3 } },
  });

  it('limits anonymous requests per address, and answers 429 problem+json with Retry-After', async () => {
    const ip = newIp();
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/api/campaigns', remoteAddress: ip })).statusCode).toBe(200);
    const blocked = await app.inject({ method: 'GET', url: '/api/campaigns', remoteAddress: ip });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(blocked.json().code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/api/campaigns', remoteAddress: newIp() })).statusCode).toBe(200);
  });

  it('never limits health and readiness checks', async () => {
    const ip = newIp();
    for (let i = 0; i < 12; i++) expect((await app.inject({ method: 'GET', url: '/api/ready', remoteAddress: ip })).statusCode).toBe(200);
  });

  it('limits writes per user, whatever the address, apart from reads', async () => {
    const user = await createUser(db);
    const session = await signIn(app, user.email);
    for (let i = 0; i < 3; i++) {
      const response = await injectAs(app, session, { method: 'PATCH', url: '/api/me', payload: { displayName: `Name ${i}` }, remoteAddress: newIp() });
      expect(response.statusCode).toBe(200);
    }
    const blocked = await injectAs(app, session, { method: 'PATCH', url: '/api/me', payload: { displayName: 'One more' }, remoteAddress: newIp() });
    expect(blocked.statusCode).toBe(429);
    expect((await injectAs(app, session, { method: 'GET', url: '/api/auth/me', remoteAddress: newIp() })).statusCode).toBe(200);
  });
});

describe('RATE_LIMIT_ENABLED=false', async () => {
  const { app } = await setupTestApp({ config: { rateLimit: { ...defaults, enabled: false, anonymousPerMinute: 2 } } });

  it('turns every limit off, log-in throttling included', async () => {
    const ip = newIp();
    for (let i = 0; i < 15; i++) {
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'x@example.com', password: 'wrong-password' }, remoteAddress: ip })).statusCode).toBe(401);
    }
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/api/campaigns', remoteAddress: ip })).statusCode).toBe(200);
  });
});
