import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { problemSchema } from '@city-spirit/shared';
import type { Access } from '../access.ts';
import { accessRuleFor, UNSAFE_METHODS } from './access.ts';
import { isRateLimited } from './security.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './session.ts';

type Transform = typeof jsonSchemaTransform;
type RouteSchema = NonNullable<Parameters<Transform>[0]['schema']> & { response?: Record<string, unknown> };

/** Why the server answers with each problem status, whatever the route. */
const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: a field, a parameter, the JSON, the address or a header. `errors` lists the fields.',
  401: 'Sign in first: no valid session cookie was sent.',
  403: 'This account may not do this, is suspended, or the x-csrf-token header is missing or wrong.',
  404: 'Nothing here with this id or slug (or it is not visible to you).',
  408: 'The request took too long to arrive.',
  409: 'The request conflicts with the current state (a stage, a limit, a duplicate, a change made in the meantime).',
  413: 'The request body is larger than the limit.',
  415: 'The body\'s content-type is not accepted: send application/json.',
  429: 'Too many requests: see Retry-After.',
  431: 'The request headers are too large.',
  503: 'The database cannot be reached for a moment: see Retry-After.',
};

/**
 * The problem statuses every route can give by how the server works, beside those its schema
 * declares: the HTTP parser, the rate limits, the session and access checks, the body parser and
 * the database answer on every route alike, so they are listed here once instead of on each route.
 */
function serverStatuses(method: string, url: string, access: Access): number[] {
  const unsafe = UNSAFE_METHODS.has(method);
  return [
    400, 408, 431, 503,
    ...(isRateLimited(url) ? [429] : []),
    ...(access === 'anyone' ? [] : [401]),
    ...(Array.isArray(access) || unsafe ? [403] : []),
    ...(url.includes(':') ? [404] : []),
    ...(unsafe ? [413, 415] : []),
  ];
}

/** What a caller shows: nothing on open routes (a session, if sent, is used), else the cookie, plus the CSRF token on writes. */
function securityFor(method: string, access: Access): Record<string, string[]>[] {
  const credentials: Record<string, string[]> = UNSAFE_METHODS.has(method) ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] };
  return access === 'anyone' ? [{}, credentials] : [credentials];
}

const problemResponse = (status: number) => ({
  description: PROBLEM_DESCRIPTIONS[status] ?? 'The request could not be served.',
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** Adds the server's own statuses and security to a route's schema; every error is a problem+json. */
const transform: Transform = (input) => {
  const schema = input.schema as RouteSchema | undefined;
  const method = [input.route.method].flat()[0]!;
  const access = accessRuleFor(method, input.url);
  if (!schema || schema.hide || !access) return jsonSchemaTransform(input);
  const declared = Object.keys(schema.response ?? {}).map(Number);
  const statuses = [...new Set([...declared, ...serverStatuses(method, input.url, access)])].sort((a, b) => a - b);
  const response = Object.fromEntries(
    statuses.map((status) => [status, status >= 400 ? problemResponse(status) : schema.response![status]]),
  );
  return jsonSchemaTransform({ ...input, schema: { ...schema, response, security: securityFor(method, access) } as typeof input.schema });
};

async function openapiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'City Spirit API',
        description: 'Public HTTP API of City Spirit, the civic platform for putting a city\'s spirit into words. Errors are RFC 9457 problem details.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: `Set by signing in or registering; over HTTPS it is named __Host-${SESSION_COOKIE}.`,
          },
          csrfToken: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: 'The csrfToken from signing in or GET /api/auth/me; needed with the session on POST, PUT, PATCH and DELETE.',
          },
        },
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'campaigns', description: 'Campaigns and their stages' },
        { name: 'submissions', description: 'Phrases residents submit, browse and find similar ones' },
        { name: 'votes', description: 'Support votes with a per-campaign budget' },
        { name: 'pairwise', description: 'Which of two phrases is better? Comparisons and the ranking fitted from them' },
        { name: 'districts', description: 'Reference data' },
        { name: 'accounts', description: 'Sign-up, sign-in, sessions, verification, your data' },
        { name: 'admin', description: 'Roles, bans and the audit log (admins only)' },
      ],
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiHooks: {
      // Swagger UI sets a few inline styles; scripts stay as strict as everywhere else.
      onRequest: async (_request, reply) => {
        const csp = String(reply.getHeader('content-security-policy') ?? '');
        if (csp) reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'openapi' });
