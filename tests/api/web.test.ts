import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

const webDistDir = await mkdtemp(path.join(tmpdir(), 'city-spirit-web-'));
await mkdir(path.join(webDistDir, 'assets'));
await writeFile(path.join(webDistDir, 'index.html'), '<!doctype html><title>City Spirit</title><div id="root"></div>');
await writeFile(path.join(webDistDir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
const { app } = await setupTestApp({ config: { webDistDir } });
afterAll(() => rm(webDistDir, { recursive: true, force: true }));

describe('the web app from the same origin', () => {
  it('serves index.html at /', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves index.html for client-side routes (SPA fallback)', async () => {
    const response = await app.inject({ method: 'GET', url: '/campaigns/chongqing-spirit?tab=stages' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('serves hashed assets with long-lived caching', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('answers a missing asset with 404, not the page (a stale page after a deploy)', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/app-gone.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).not.toMatch(/text\/html/);
  });

  it('keeps unknown /api paths as 404 problem+json, never the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/campaigns/x/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('does not answer unsafe methods on page paths with the page', async () => {
    const response = await app.inject({ method: 'POST', url: '/campaigns', payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and the usual hardening headers on pages and API', async () => {
    for (const url of ['/', '/api/campaigns']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
  });
});
