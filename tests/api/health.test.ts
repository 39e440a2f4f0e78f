import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../server/src/app.ts';
import { setupTestApp, testConfig } from '../helpers/app.ts';

const { app } = await setupTestApp();

describe('health and readiness', () => {
  it('reports the process alive', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('reports ready while the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: 'up' });
  });

  it('reports 503 unavailable when the database does not answer, while health stays 200', async () => {
    const unreachable = await buildApp(testConfig('postgres://postgres@127.0.0.1:1/none'));
    onTestFinished(() => unreachable.close());
    const ready = await unreachable.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.json()).toMatchObject({ code: 'unavailable', database: 'down' });
    expect((await unreachable.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('answers a database outage on other routes with 503, not 500', async () => {
    const unreachable = await buildApp(testConfig('postgres://postgres@127.0.0.1:1/none'));
    onTestFinished(() => unreachable.close());
    const response = await unreachable.inject({ method: 'GET', url: '/api/campaigns' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'unavailable' });
  });
});
