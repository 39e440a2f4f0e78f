import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

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

describe('input PostgreSQL cannot take is refused with 400, never a 500', () => {
  it('refuses NUL characters anywhere in a body, a query or an address, naming the field', async () => {
    const { session } = await signedInUser(app, db);
    const slug = await createCampaign(app, admin);
    const cases = [
      { request: { method: 'POST' as const, url: '/api/auth/login', payload: { login: 'a\u0000b', password: 'x' } }, path: 'body.login' },
      { request: { method: 'POST' as const, url: `/api/campaigns/${slug}/submissions`, payload: { phrase: '坚韧\u0000顽强' } }, path: 'body.phrase' },
      { request: { method: 'GET' as const, url: `/api/campaigns/${slug}/submissions?q=%00` }, path: 'querystring.q' },
      { request: { method: 'GET' as const, url: `/api/campaigns/${slug}/submissions/similar?text=${encodeURIComponent('山\u0000城')}` }, path: 'querystring.text' },
    ];
    for (const { request, path } of cases) {
      const body = expectProblem(await injectAs(app, session, request), 400, 'validation_failed');
      expect(body.errors, request.url).toEqual([{ path, message: expect.stringMatching(/character/) }]);
    }
  });

  it('refuses lone surrogates, which JSON allows and PostgreSQL does not', async () => {
    const payload = '{"slug":"surrogates","title":"标题","description":"说明","settings":{"blockedTerms":["ab\\ud800c"]}}';
    const response = await injectAs(app, admin, { method: 'POST', url: '/api/campaigns', payload, headers: { 'content-type': 'application/json' } });
    const body = expectProblem(response, 400, 'validation_failed');
    expect(body.errors).toEqual([{ path: 'body.settings.blockedTerms.0', message: expect.stringMatching(/character/) }]);
  });

  it('refuses a district code of the right shape that is not one of Chongqing\'s districts', async () => {
    const { session } = await signedInUser(app, db);
    const slug = await createCampaign(app, admin);
    const submitted = await injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: '区号不存在', districtCode: '500199' } });
    expect(expectProblem(submitted, 400, 'validation_failed').errors).toEqual([{ path: 'body.districtCode', message: expect.any(String) }]);
    const profile = await injectAs(app, session, { method: 'PATCH', url: '/api/me', payload: { districtCode: '500299' } });
    expect(expectProblem(profile, 400, 'validation_failed').errors).toEqual([{ path: 'body.districtCode', message: expect.any(String) }]);
  });

  it('answers an address with broken percent-encoding with problem+json', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/api/campaigns/%ff' }), 400, 'validation_failed');
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answer a control character in a header, or headers too large, with problem+json', async () => {
    // The file's app, on a real port: app.inject would not go through Node's HTTP parser.
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
        let answer = '';
        socket.setEncoding('utf8').on('data', (chunk) => (answer += chunk)).on('close', () => resolve(answer)).on('error', reject);
      });
    for (const [request, status] of [
      ['GET /api/health HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0000b\r\n\r\n', 400],
      [`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`, 431],
    ] as const) {
      const answer = await raw(request);
      expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Request Header Fields Too Large'}`);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status, detail: expect.any(String) });
    }
  });
});
