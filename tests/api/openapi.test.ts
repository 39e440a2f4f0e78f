import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

const { app } = await setupTestApp();
const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();

type Operation = { responses: Record<string, any>; requestBody?: any; security?: Record<string, string[]>[] };
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NOT_RATE_LIMITED = new Set(['/api/health', '/api/ready']);

const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => {
    const upper = method.toUpperCase();
    const url = path.replace(/\{(\w+)\}/g, ':$1');
    const rule = app.accessRules.find((candidate) => candidate.method === upper && candidate.url === url);
    if (!rule) throw new Error(`no access rule for ${upper} ${url}`);
    return { name: `${upper} ${path}`, method: upper, path, operation, access: rule.access };
  }),
);

/** What the server can answer on this operation whatever its handler does. */
function statusesFor({ method, path, access }: (typeof operations)[number]): string[] {
  const statuses = ['400', '408', '431', '503'];
  if (!NOT_RATE_LIMITED.has(path)) statuses.push('429');
  if (access !== 'anyone') statuses.push('401');
  if (Array.isArray(access) || UNSAFE.has(method)) statuses.push('403');
  if (path.includes('{')) statuses.push('404');
  if (UNSAFE.has(method)) statuses.push('413', '415');
  return statuses;
}

describe('OpenAPI document', () => {
  it('is generated from the route schemas', async () => {
    expect(document.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/ready', '/api/districts', '/api/campaigns', '/api/campaigns/{slug}']) {
      expect(document.paths).toHaveProperty([path]);
    }
    const create = document.paths['/api/campaigns'].post;
    expect(create.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401']));
  });

  it('describes every error as application/problem+json with the Problem schema', () => {
    for (const { name, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${name} ${status}`).toEqual(['application/problem+json']);
        expect(response.content['application/problem+json'].schema, `${name} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
        expect(response.description, `${name} ${status}`).toEqual(expect.any(String));
      }
    }
    expect(document.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
  });

  it('lists on every operation the error statuses the server can give there', () => {
    for (const operation of operations) {
      expect(Object.keys(operation.operation.responses), operation.name).toEqual(expect.arrayContaining(statusesFor(operation)));
    }
  });

  it('keeps the statuses a route itself declares, such as its conflicts', () => {
    expect(Object.keys(document.paths['/api/campaigns'].post.responses)).toContain('409');
    expect(Object.keys(document.paths['/api/campaigns/{slug}/submissions'].post.responses)).toContain('409');
    expect(Object.keys(document.paths['/api/auth/login'].post.responses)).toContain('401');
  });

  it('names the session cookie and the CSRF header as security schemes', () => {
    expect(document.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'city_spirit_session' }),
      csrfToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    });
  });

  it('asks on every operation for what the access table asks: nothing, a session, or a session and its CSRF token', () => {
    for (const { name, method, operation, access } of operations) {
      const credentials = UNSAFE.has(method) ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] };
      // Anyone may call an open route; a session, when sent, is used (and an unsafe request then needs its token).
      expect(operation.security, name).toEqual(access === 'anyone' ? [{}, credentials] : [credentials]);
    }
  });

  it('serves the interactive docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});
