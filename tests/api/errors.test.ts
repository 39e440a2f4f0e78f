import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser } from '../helpers/accounts.ts';

const { app, db } = await setupTestApp();
const { session: admin } = await signedInUser(app, db, 'admin');

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json: () => any; body: string }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ status, code, type: `urn:city-spirit:problem:${code}` });
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail).toEqual(expect.any(String));
  expect(response.body).not.toMatch(/at .*\.(ts|js):\d+|stack/i);
  return body;
}

describe('errors are problem+json that say what to fix', () => {
  it('answers malformed JSON with 400 validation_failed', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/campaigns', payload: '{', headers: { 'content-type': 'application/json' } });
    const body = expectProblem(response, 400, 'validation_failed');
    expect(body.detail).toMatch(/not valid JSON/);
  });

  it('answers an empty JSON body with 400', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/campaigns', payload: '', headers: { 'content-type': 'application/json' } });
    expectProblem(response, 400, 'validation_failed');
  });

  it('answers an unknown API route with 404 not_found', async () => {
    const body = expectProblem(await app.inject({ method: 'GET', url: '/api/nope' }), 404, 'not_found');
    expect(body.detail).toContain('/api/nope');
  });

  it('answers an unknown method on an API path with 404', async () => {
    expectProblem(await app.inject({ method: 'DELETE', url: '/api/health' }), 404, 'not_found');
  });

  it('answers a wrong content type with 415', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/campaigns', payload: 'slug=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const body = expectProblem(response, 415, 'unsupported_media_type');
    expect(body.detail).toMatch(/application\/json/);
  });

  it('answers a body over 1 MB with 413', async () => {
    const payload = JSON.stringify({ slug: 'big', title: 'Big', description: 'x'.repeat(1_100_000) });
    expectProblem(await app.inject({ method: 'POST', url: '/api/campaigns', payload, headers: { 'content-type': 'application/json' } }), 413, 'payload_too_large');
  });

  it('lists each invalid field with its path', async () => {
    const response = await injectAs(app, admin, { method: 'POST', url: '/api/campaigns', payload: { slug: 'Not A Slug', title: 'x' } });
    const body = expectProblem(response, 400, 'validation_failed');
    const paths = body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['body.slug', 'body.title', 'body.description']));
    expect(body.detail).toContain('body.slug');
  });

  it('answers invalid path parameters with 400', async () => {
    const body = expectProblem(await app.inject({ method: 'GET', url: '/api/campaigns/NOT_A_SLUG!' }), 400, 'validation_failed');
    expect(body.errors[0].path).toBe('params.slug');
  });

  it('refuses to create a campaign without a session: 401', async () => {
    const payload = { slug: 'next-city', title: 'Next city', description: 'A campaign for the next city.' };
    expectProblem(await app.inject({ method: 'POST', url: '/api/campaigns', payload }), 401, 'unauthenticated');
  });
});
