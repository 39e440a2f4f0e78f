import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { createUser, injectAs, signIn } from '../helpers/accounts.ts';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis.ts';

const hasRedis = await redisAvailable();
if (!hasRedis && process.env.CI) throw new Error(`CI needs Redis at ${TEST_REDIS_URL} for the multi-instance tests`);

describe.skipIf(!hasRedis)('two server instances on one database and one Redis', async () => {
  const rateLimit = { ...loadConfig({}).rateLimit, anonymousPerMinute: 30 };
  const { app: first, db, config } = await setupTestApp({ config: { redisUrl: TEST_REDIS_URL, rateLimit } });
  const second = await buildApp(config);
  await second.ready();
  afterAll(() => second.close());
  // Unique per run: counters in Redis outlive a test run by up to an hour.
  const run = randomBytes(2);
  const ip = (n: number) => `10.${run[0]}.${run[1]}.${n}`;

  it('share sessions: signed in on one, recognised by the other; signed out on one, out on both', async () => {
    const user = await createUser(db);
    const session = await signIn(first, user.email);
    const me = await second.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
    expect(me.json().user.id).toBe(user.id);
    expect((await injectAs(second, session, { method: 'PATCH', url: '/api/me', payload: { displayName: 'Seen by both' } })).statusCode).toBe(200);
    expect((await injectAs(first, session, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await second.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })).json().user).toBeNull();
  });

  it('share request rate limits', async () => {
    const address = ip(1);
    for (let i = 0; i < 15; i++) expect((await first.inject({ method: 'GET', url: '/api/districts', remoteAddress: address })).statusCode).toBe(200);
    for (let i = 0; i < 15; i++) expect((await second.inject({ method: 'GET', url: '/api/districts', remoteAddress: address })).statusCode).toBe(200);
    expect((await first.inject({ method: 'GET', url: '/api/districts', remoteAddress: address })).statusCode).toBe(429);
    expect((await second.inject({ method: 'GET', url: '/api/districts', remoteAddress: address })).statusCode).toBe(429);
  });

  it('share log-in throttling', async () => {
    const address = ip(2);
    // Failures are counted per address and account together (10 a minute), whichever instance takes them.
    const attempt = (app: typeof first) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'shared@example.com', password: 'wrong-password' }, remoteAddress: address });
    for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? first : second)).statusCode).toBe(401);
    expect((await attempt(first)).statusCode).toBe(429);
    expect((await attempt(second)).statusCode).toBe(429);
  });
});
