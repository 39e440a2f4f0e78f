import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { problemSchema } from '@city-spirit/shared';
import { BODY_LIMIT_BYTES, buildApp } from '../../server/src/app.ts';
import { createTestApp, setupTestApp, testConfig } from '../helpers/app.ts';
import { signedInUser } from '../helpers/accounts.ts';

// Each status the document claims for every route, provoked on a sample route as a client would.
const { app, db, config } = await setupTestApp();
const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
const { session } = await signedInUser(app, db);

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

/** The answer is a problem+json of that status, and the document lists that status on the operation. */
function expectDocumentedProblem(operation: string, answer: Answer, status: number) {
  const [method, path] = operation.split(' ');
  expect(answer.statusCode, operation).toBe(status);
  expect(String(answer.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(problemSchema.parse(JSON.parse(answer.body))).toMatchObject({ status });
  expect(Object.keys(document.paths[path!][method!.toLowerCase()].responses), operation).toContain(String(status));
}

/** A raw exchange with a listening server, through Node's HTTP parser (app.inject skips it). */
function exchange(port: number, request: string, { end = true } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => (end ? socket.end(request) : socket.write(request)));
    let raw = '';
    socket.setEncoding('utf8').on('data', (chunk) => (raw += chunk)).on('error', reject).on('close', () => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ statusCode: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

describe('the error statuses the API document lists', () => {
  it('400 for a body that breaks its schema', async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { displayName: 'x' } });
    expectDocumentedProblem('POST /api/auth/register', answer, 400);
  });

  it('401 for a signed-in route without a session, 403 for a write with the session but without its CSRF token', async () => {
    expectDocumentedProblem('GET /api/notifications', await app.inject({ method: 'GET', url: '/api/notifications' }), 401);
    const withoutToken = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: session.cookie }, payload: { login: 'a@example.com', password: 'x' } });
    expectDocumentedProblem('POST /api/auth/login', withoutToken, 403);
  });

  it('404 for an id that names nothing', async () => {
    expectDocumentedProblem('GET /api/submissions/{id}', await app.inject({ method: 'GET', url: `/api/submissions/${randomUUID()}` }), 404);
  });

  it('413 for a body over the limit', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ displayName: 'a'.repeat(BODY_LIMIT_BYTES) }),
    });
    expectDocumentedProblem('POST /api/auth/register', answer, 413);
  });

  it('415 for a text/plain body, on a route that takes a body and on one that takes none', async () => {
    const register = await app.inject({ method: 'POST', url: '/api/auth/register', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expectDocumentedProblem('POST /api/auth/register', register, 415);
    const remove = await app.inject({ method: 'DELETE', url: `/api/submissions/${randomUUID()}`, headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expectDocumentedProblem('DELETE /api/submissions/{id}', remove, 415);
  });

  it('429 once a rate limit is used up', async () => {
    const limited = await createTestApp({ config: { rateLimit: { ...config.rateLimit, anonymousPerMinute: 1 } } });
    try {
      await limited.app.inject({ method: 'GET', url: '/api/districts' });
      expectDocumentedProblem('GET /api/districts', await limited.app.inject({ method: 'GET', url: '/api/districts' }), 429);
    } finally {
      await limited.close();
    }
  });

  it('503 while the database cannot be reached, on any route that reads it, a session check included', async () => {
    const unreachable = await buildApp(testConfig('postgres://postgres@127.0.0.1:1/none'));
    try {
      expectDocumentedProblem('GET /api/districts', await unreachable.inject({ method: 'GET', url: '/api/districts' }), 503);
      const health = await unreachable.inject({ method: 'GET', url: '/api/health', headers: { cookie: session.cookie } });
      expectDocumentedProblem('GET /api/health', health, 503);
    } finally {
      await unreachable.close();
    }
  });

  describe('from the HTTP parser, on a listening server', async () => {
    // Short timeouts, checked often, so that a stalled request is answered within the test.
    app.server.headersTimeout = 300;
    app.server.requestTimeout = 300;
    (app.server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval = 100;
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;

    it('400 for a header with a control character', async () => {
      const answer = await exchange(port, 'GET /api/districts HTTP/1.1\r\nHost: x\r\nUser-Agent: a\u0001b\r\n\r\n');
      expectDocumentedProblem('GET /api/districts', answer, 400);
    });

    it('431 for headers too large', async () => {
      const answer = await exchange(port, `GET /api/districts HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`);
      expectDocumentedProblem('GET /api/districts', answer, 431);
    });

    it('408 for a request that stops arriving', async () => {
      const answer = await exchange(port, 'GET /api/districts HTTP/1.1\r\nHost: x\r\n', { end: false });
      expectDocumentedProblem('GET /api/districts', answer, 408);
    });
  });
});
