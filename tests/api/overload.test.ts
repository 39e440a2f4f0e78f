import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

const SLUG = 'chongqing-spirit';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// One app whose pool has one connection and sheds from two waiting requests; one that sheds when the loop lags.
const { app: queued } = await setupTestApp({ demo: true, config: { databasePoolMax: 1, overload: { maxPoolWaiting: 2, maxEventLoopDelayMs: 0 } } });
const { app: lagging } = await setupTestApp({ demo: true, config: { overload: { maxPoolWaiting: 0, maxEventLoopDelayMs: 50 } } });

describe('under overload', () => {
  const app = queued;

  it('refuses at once with 503 and Retry-After while too many requests wait for the database, and serves again after', async () => {
    const held = await app.pool.connect();
    // Requests queue for the one connection until two wait (the app's background jobs may wait too).
    const admitted: Promise<{ statusCode: number }>[] = [];
    while (app.pool.waitingCount < 2) {
      const before = app.pool.waitingCount;
      admitted.push(app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}` }));
      await until(() => app.pool.waitingCount > before);
    }

    const started = performance.now();
    const refused = await app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/submissions` });
    expect(performance.now() - started).toBeLessThan(50);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ status: 503, code: 'unavailable' });
    // The health check is never refused: a load balancer must not take a busy instance for a dead one.
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).not.toBe(503);

    held.release();
    for (const response of await Promise.all(admitted)) expect(response.statusCode).toBe(200);
    // The app's background jobs drain from the queue too: serving again may take a moment.
    await expect.poll(async () => (await app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/submissions` })).statusCode, { timeout: 5000 }).toBe(200);
  });
});

describe('when the event loop falls behind', () => {
  const app = lagging;

  it('refuses new requests with 503 until it has caught up', async () => {
    // Building the apps (seeding, compiling) made the loop lag too: start once it has caught up.
    await expect.poll(async () => (await app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}` })).statusCode, { timeout: 5000 }).toBe(200);
    const blockedUntil = Date.now() + 400;
    while (Date.now() < blockedUntil) {
      // a handler hogging the CPU
    }
    await sleep(20);
    const refused = await app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}` });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    let status = 503;
    const deadline = Date.now() + 5000;
    while (status === 503 && Date.now() < deadline) {
      await sleep(100);
      status = (await app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}` })).statusCode;
    }
    expect(status).toBe(200);
  });
});
