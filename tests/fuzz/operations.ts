import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Role } from '@city-spirit/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { setupTestApp, testConfig } from '../helpers/app.ts';
import { createUser, signedInUser, type Session } from '../helpers/accounts.ts';

/** Cases per operation and role; the issue asks for at least 500 in CI. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SLUG = 'chongqing-spirit';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ROLES = ['anonymous', 'resident', 'moderator', 'expert', 'admin'] as const;
type Caller = (typeof ROLES)[number];

/** Operations the fuzzer leaves alone, and why. */
const SKIPPED: Record<string, string> = {
  // A live stream never ends, so app.inject would wait forever; tests/api/events.test.ts covers it.
  'GET /api/campaigns/{slug}/events': 'an endless event stream',
};
/** Operations that end the caller's session: each role gets its own session for them, made anew after a success. */
const ENDS_SESSION = new Set(['DELETE /api/me', 'POST /api/auth/logout']);

/**
 * The fuzzer's operation/role pairs, every `shards`-th one from `shard` on: each test file runs one shard
 * on its own app and database, so vitest's workers fuzz them in parallel.
 */
export async function fuzzOperations(shard: number, shards: number) {
  const { app, db } = await setupTestApp({
    demo: true,
    config: { rateLimit: { ...testConfig('').rateLimit, enabled: false } },
  });
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const schemas = document.components.schemas as Record<string, any>;

  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi', components: document.components });
  const validators = new Map<any, ReturnType<typeof ajv.compile>>();
  function validatorFor(schema: any) {
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
      validators.set(schema, validate);
    }
    return validate;
  }

  type Operation = { parameters?: any[]; requestBody?: any; responses: Record<string, any> };
  const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const upper = method.toUpperCase();
      const rule = app.accessRules.find((candidate) => candidate.method === upper && candidate.url === path.replace(/\{(\w+)\}/g, ':$1'));
      if (!rule) throw new Error(`no access rule for ${upper} ${path}`);
      return { name: `${upper} ${path}`, method: upper, path, operation, access: rule.access };
    }),
  );

  function callersOf(access: (typeof operations)[number]['access']): Caller[] {
    if (access === 'anyone') return [...ROLES];
    if (access === 'signedIn') return ROLES.filter((role) => role !== 'anonymous');
    return ['admin', ...(access as readonly Role[]).filter((role) => role !== 'admin')];
  }

  async function sessionOf(role: Role): Promise<Session> {
    return (await signedInUser(app, db, role, { verified: true })).session;
  }
  const sessions = new Map<Caller, Session | null>([['anonymous', null]]);
  for (const role of ROLES.slice(1) as Role[]) sessions.set(role, await sessionOf(role));

  /** Real ids from the demo data, so that some cases reach past the lookup into the handlers. */
  async function realIds() {
    const entries = (await app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/submissions?limit=20` })).json().items ?? [];
    const entryIds: string[] = entries.map((entry: any) => entry.id);
    const drafts = (await app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/drafts` })).json();
    const draftIds: string[] = (Array.isArray(drafts) ? drafts : drafts.items ?? []).map((draft: any) => draft.id);
    const commentIds: string[] = [];
    for (const id of entryIds.slice(0, 5)) {
      const comments = (await app.inject({ method: 'GET', url: `/api/submissions/${id}/comments` })).json();
      commentIds.push(...(comments.items ?? []).map((comment: any) => comment.id));
    }
    // The admin may ban or demote whoever the fuzzer names: throwaway accounts, never the shared sessions.
    const userIds = await Promise.all([1, 2, 3].map(async () => (await createUser(db)).id));
    return { slug: [SLUG], id: [...entryIds, ...draftIds, ...commentIds, ...userIds] };
  }
  const known = await realIds();

  const nasty = fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\u202Eevil',
    '\u200B\u200B\u200B',
    '\u200D',
    '🏙️👨‍👩‍👧‍👦',
    '已注销用户',
    '../../etc/passwd',
    '%00',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    'null',
    'undefined',
    'NaN',
    '-1',
    '0',
    '1e309',
    '9'.repeat(40),
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    'eyJ9',
    'x'.repeat(300),
  );
  const hugeString = fc.constantFrom('x'.repeat(100_000), '字'.repeat(100_000), '\u202E'.repeat(10_000));
  const nastyNumber = fc.constantFrom(-1, 0, 1, -0, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, Number.MAX_VALUE, 1e-300);
  const anyJson = fc.oneof(
    nasty,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
    fc.array(nasty, { maxLength: 3 }),
    fc.dictionary(nasty, nasty, { maxKeys: 2 }),
  );

  function resolve(schema: any): any {
    return schema?.$ref ? schemas[schema.$ref.split('/').pop()] : schema;
  }

  /** Values the schema allows, at and near its bounds, depth-limited for recursive schemas. */
  function validValue(raw: any, depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(raw) ?? {};
    if (depth > 4) return fc.constant(null);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((inner: any) => validValue(inner, depth + 1)));
    if (schema.allOf) return validValue(schema.allOf[0], depth + 1);
    const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
    switch (type) {
      case 'string': {
        const min = schema.minLength ?? 0;
        const max = schema.maxLength ?? 200;
        if (schema.format === 'uuid') return fc.uuid();
        if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
        if (schema.format === 'email') return fc.emailAddress();
        if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max);
        return fc.oneof(
          fc.string({ minLength: min, maxLength: Math.min(max, 60), unit: 'grapheme' }),
          fc.constant('字'.repeat(min)),
          fc.constant('a'.repeat(max)),
          fc.constant('a'.repeat(max + 1)),
        );
      }
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
        const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
        const inRange = type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
        return fc.oneof(inRange, fc.constantFrom(min, max, min - 1, max + 1));
      }
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(validValue(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) });
      case 'object':
        return objectValue(schema, depth);
      default:
        return anyJson;
    }
  }

  /** An object of the schema, sometimes with a required field missing or an unknown one added. */
  function objectValue(schema: any, depth: number): fc.Arbitrary<unknown> {
    const properties: Record<string, any> = schema.properties ?? {};
    const required = new Set<string>(schema.required ?? []);
    const fields = Object.fromEntries(Object.entries(properties).map(([name, inner]) => [name, fuzzedValue(inner, depth + 1)]));
    return fc
      .tuple(
        fc.record(fields, { requiredKeys: [...required].filter((name) => name in fields) }),
        fc.option(fc.constantFrom(...(required.size ? [...required] : ['none']))),
        fc.option(fc.tuple(fc.constantFrom('unknownField', '__proto__', 'constructor', 'id', 'role'), anyJson)),
      )
      .map(([value, drop, extra]) => {
        const object: Record<string, unknown> = { ...value };
        if (drop) delete object[drop];
        if (extra) Object.defineProperty(object, extra[0], { value: extra[1], enumerable: true, writable: true, configurable: true });
        return object;
      });
  }

  /** Mostly what the schema allows, often what it does not: wrong types, huge and hostile strings. */
  function fuzzedValue(schema: any, depth = 0): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 5, arbitrary: validValue(schema, depth) },
      { weight: 2, arbitrary: anyJson },
      { weight: 1, arbitrary: hugeString },
    );
  }

  function pathValue(name: string): fc.Arbitrary<string> {
    const real = known[name as keyof typeof known] ?? [];
    return fc.oneof(
      ...(real.length ? [{ weight: 4, arbitrary: fc.constantFrom(...real) }] : []),
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: nasty },
      { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) },
    ).filter((value) => value !== ''); // an empty segment names another route
  }

  function queryValue(schema: any): fc.Arbitrary<string> {
    return fc
      .oneof(
        { weight: 4, arbitrary: validValue(schema) },
        { weight: 2, arbitrary: nasty },
        { weight: 1, arbitrary: nastyNumber },
        { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
        { weight: 1, arbitrary: hugeString },
      )
      .map(String);
  }

  /** encodeURIComponent, with a lone surrogate sent as its (invalid UTF-8) WTF-8 bytes instead of throwing. */
  function encodeSegment(value: string): string {
    return value.replace(/[\ud800-\udfff]/g, 'SURROGATE').split('SURROGATE').map(encodeURIComponent).join('%ED%A0%80');
  }

  type Request = { method: string; url: string; body?: unknown; rawBody?: string; contentType?: string };

  function requestsFor({ method, path, operation }: (typeof operations)[number]): fc.Arbitrary<Request> {
    const parameters: any[] = operation.parameters ?? [];
    const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
    const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
    const pathArb = fc.record<Record<string, string>>(Object.fromEntries(pathParameters.map((parameter) => [parameter.name, pathValue(parameter.name)])));
    const queryArb = fc.record<Record<string, string>>(
      Object.fromEntries([
        ...queryParameters.map((parameter) => [parameter.name, queryValue(parameter.schema)]),
        ['unknownParameter', nasty],
      ]),
      { requiredKeys: queryParameters.filter((parameter) => parameter.required).map((parameter): string => parameter.name) as never[] },
    );
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    const bodyArb: fc.Arbitrary<Pick<Request, 'body' | 'rawBody' | 'contentType'>> = bodySchema
      ? fc.oneof(
          { weight: 8, arbitrary: fuzzedValue(bodySchema).map((body) => ({ body })) },
          { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '').map((rawBody) => ({ rawBody, contentType: 'application/json' })) },
          { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded').map((contentType) => ({ rawBody: 'a=1', contentType })) },
        )
      : fc.constant({});
    return fc.tuple(pathArb, queryArb, bodyArb).map(([pathValues, query, body]) => {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(pathValues[name]!));
      const search = new URLSearchParams(query as Record<string, string>).toString();
      return { method, url: search ? `${url}?${search}` : url, ...body };
    });
  }

  function injectOptions(request: Request, session: Session | null): InjectOptions {
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      if (UNSAFE.has(request.method)) headers['x-csrf-token'] = session.csrfToken;
    }
    if (request.contentType) headers['content-type'] = request.contentType;
    const options: InjectOptions = { method: request.method as InjectOptions['method'], url: request.url, headers };
    if (request.rawBody !== undefined) options.payload = request.rawBody;
    else if (request.body !== undefined) options.payload = request.body as InjectOptions['payload'];
    return options;
  }

  /** What is wrong with a response to the operation, or null. */
  function problemWith(operation: Operation, response: Awaited<ReturnType<FastifyInstance['inject']>>): string | null {
    const status = response.statusCode;
    const type = String(response.headers['content-type'] ?? '').split(';')[0]!;
    if (status >= 500) return `a ${status}`;
    const documented = operation.responses[String(status)];
    if (!documented) return `status ${status} is not in the document`;
    if (status >= 400) {
      if (type !== 'application/problem+json') return `a ${status} as ${type || 'no content type'}`;
      const validate = validatorFor({ $ref: '#/components/schemas/Problem' });
      return validate(response.json()) ? null : `a ${status} that is not a Problem: ${ajv.errorsText(validate.errors)}`;
    }
    const content = documented.content ?? {};
    if (!Object.keys(content).length) return response.body === '' ? null : `a ${status} with a body the document does not describe`;
    if (!(type in content)) return `a ${status} as ${type}, the document says ${Object.keys(content).join(', ')}`;
    if (type !== 'application/json' || !content[type].schema) return null;
    const validate = validatorFor(content[type].schema);
    return validate(response.json()) ? null : `a ${status} that does not match its schema: ${ajv.errorsText(validate.errors)}`;
  }

  function reproducer(request: Request, session: Session | null, response: { statusCode: number; headers: object; body: string }) {
    const options = injectOptions(request, session);
    const body = options.payload === undefined ? '' : typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload);
    return [
      `${options.method} ${options.url}`,
      `headers: ${JSON.stringify(options.headers)}`,
      `body: ${body.length > 500 ? `${body.slice(0, 500)}… (${body.length} chars)` : body}`,
      `response: ${response.statusCode} ${JSON.stringify(response.headers)} ${response.body.slice(0, 1000)}`,
    ].join('\n');
  }

  let cases = 0;
  const statuses = new Map<number, number>();
  const started = Date.now();
  afterAll(() => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    const skipped = Object.entries(SKIPPED).map(([name, why]) => `${name} (${why})`).join(', ');
    console.log(`fuzz shard ${shard + 1}/${shards}: ${cases} cases (${RUNS} per operation and role) in ${seconds} s; answers ${answers}; skipped ${skipped}`);
  });

  describe(`every operation of the OpenAPI document, fuzzed per role (shard ${shard + 1} of ${shards})`, () => {
    let pair = -1;
    for (const entry of operations) {
      if (SKIPPED[entry.name]) {
        if (shard === 0) it.skip(`${entry.name}: ${SKIPPED[entry.name]}`, () => {});
        continue;
      }
      for (const caller of callersOf(entry.access)) {
        pair += 1;
        if (pair % shards !== shard) continue;
        it(`${entry.name} as ${caller} (${RUNS} cases): no 5xx, problems as problem+json, successes as documented`, async () => {
          let session = sessions.get(caller) ?? null;
          let pairCases = 0;
          if (ENDS_SESSION.has(entry.name) && caller !== 'anonymous') session = await sessionOf(caller as Role);
          await fc.assert(
            fc.asyncProperty(requestsFor(entry), async (request) => {
              cases += 1;
              pairCases += 1;
              const response = await app.inject(injectOptions(request, session));
              statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
              const problem = problemWith(entry.operation, response);
              if (problem) throw new Error(`${entry.name} as ${caller}: ${problem}\n${reproducer(request, session, response)}`);
              if (ENDS_SESSION.has(entry.name) && caller !== 'anonymous' && response.statusCode < 300) session = await sessionOf(caller as Role);
            }),
            { numRuns: RUNS, endOnFailure: true },
          );
          expect(pairCases).toBe(RUNS);
        });
      }
    }

    it('ran every operation the document lists', () => {
      expect(operations.length).toBeGreaterThan(50);
    });
  });
}
