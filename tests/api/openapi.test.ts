import { describe, expect, it } from 'vitest';
import {
  COMMENT_BODY_MAX_LENGTH,
  DRAFT_TEXT_MAX_LENGTH,
  DRAFT_TEXT_MIN_LENGTH,
  EXPLANATION_MAX_LENGTH,
  PHRASE_MAX_LENGTH,
  PHRASE_MIN_LENGTH,
} from '@city-spirit/shared';
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

function resolve(schema: any): any {
  return schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
}

/** Every string a request body may carry, with where it sits. */
function bodyStrings(schema: any, where: string, seen = new Set<any>()): { where: string; schema: any }[] {
  const resolved = resolve(schema);
  if (!resolved || seen.has(resolved)) return [];
  seen.add(resolved);
  const nested = [
    ...Object.entries(resolved.properties ?? {}).flatMap(([name, inner]) => bodyStrings(inner, `${where}.${name}`, seen)),
    ...[resolved.items, ...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])]
      .filter(Boolean)
      .flatMap((inner: any) => bodyStrings(inner, where, seen)),
  ];
  return resolved.type === 'string' ? [{ where, schema: resolved }, ...nested] : nested;
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
    // Deleting a comment changes its thread's counts, which close with the discussion stage.
    expect(Object.keys(document.paths['/api/comments/{id}'].delete.responses)).toContain('409');
  });

  it('documents a success response on every operation, the live event stream included', () => {
    for (const { name, operation } of operations) {
      expect(Object.keys(operation.responses).filter((status) => status.startsWith('2')), name).not.toEqual([]);
    }
    expect(Object.keys(document.paths['/api/campaigns/{slug}/events'].get.responses['200'].content)).toEqual(['text/event-stream']);
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

  it('states the length limits of phrases, explanations, comments, drafts and display names', () => {
    const schemas = document.components.schemas;
    expect(schemas.SubmissionCreateInput.properties.phrase).toMatchObject({ minLength: PHRASE_MIN_LENGTH, maxLength: PHRASE_MAX_LENGTH });
    expect(schemas.SubmissionCreateInput.properties.explanation).toMatchObject({ maxLength: EXPLANATION_MAX_LENGTH });
    expect(schemas.SubmissionUpdateInput.properties.phrase).toMatchObject({ minLength: PHRASE_MIN_LENGTH, maxLength: PHRASE_MAX_LENGTH });
    expect(schemas.CommentCreateInput.properties.body).toMatchObject({ minLength: 1, maxLength: COMMENT_BODY_MAX_LENGTH });
    expect(schemas.DraftVersionCreateInput.properties.text).toMatchObject({ minLength: DRAFT_TEXT_MIN_LENGTH, maxLength: DRAFT_TEXT_MAX_LENGTH });
    expect(schemas.RegisterInput.properties.displayName).toMatchObject({ minLength: 2, maxLength: 40 });
    expect(schemas.ProfileUpdateInput.properties.displayName).toMatchObject({ minLength: 2, maxLength: 40 });
  });

  it('bounds every string a request body may carry', () => {
    const unbounded = operations.flatMap(({ name, operation }) =>
      bodyStrings(operation.requestBody?.content?.['application/json']?.schema, name)
        .filter(({ schema }) => schema.maxLength === undefined && !schema.enum && schema.const === undefined && !schema.pattern)
        .map(({ where }) => where),
    );
    expect(unbounded.join('\n')).toEqual('');
  });

  it('names request schemas once with Input, never InputInput', () => {
    expect(Object.keys(document.components.schemas).filter((name) => name.endsWith('InputInput'))).toEqual([]);
  });

  it('serves the interactive docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});
