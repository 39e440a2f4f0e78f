import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { problemSchema, type ErrorCode, type Problem } from '@city-spirit/shared';
import { AppError } from '../errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Errors that mean the database cannot be reached right now, not that the request was wrong. */
/**
 * node-postgres's words, without a code, when no connection could be had in time (the pool's and a
 * client's) or when the connection went away under a query or between two (a database restart).
 */
const CONNECTION_LOST =
  /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout|Connection terminated unexpectedly|Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;
const DATABASE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);

type CodedError = Error & { code?: unknown; constraint?: unknown };

/** Database drivers and drizzle wrap the cause; any link of the chain may carry the code. Returns that link. */
function errorWithCode(error: unknown, codes: Set<string>): CodedError | null {
  for (let link = error, depth = 0; link instanceof Error && depth < 5; link = link.cause, depth++) {
    if (codes.has(String((link as CodedError).code))) return link;
    if (link instanceof AggregateError) {
      for (const inner of link.errors) {
        const found = errorWithCode(inner, codes);
        if (found) return found;
      }
    }
  }
  return null;
}

const hasErrorCode = (error: unknown, codes: Set<string>) => errorWithCode(error, codes) !== null;

/** Whether any link of the cause chain says its connection to the database was lost or never made. */
function lostConnection(error: unknown): boolean {
  for (let link = error, depth = 0; link instanceof Error && depth < 5; link = link.cause, depth++) {
    if (CONNECTION_LOST.test(link.message)) return true;
  }
  return false;
}

const UNIQUE_VIOLATION = new Set(['23505']);
const FOREIGN_KEY_VIOLATION = new Set(['23503']);

/** The problem statuses a route's own rules can answer with; those every route gives are added by plugins/openapi.ts. */
export function problemResponses(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(statuses.map((status) => [status, problemSchema]));
}

export function problem(status: number, code: ErrorCode, detail: string, extensions: Record<string, unknown> = {}): Problem {
  // Extensions come first: one named like a standard member (status, code…) must not replace it.
  return {
    ...extensions,
    type: `urn:city-spirit:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(JSON.stringify(body));
}

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof AppError) return problem(error.status, error.code, error.detail, error.extensions);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    const errors = error.validation.map((issue) => ({
      path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid',
    }));
    const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return problem(400, 'validation_failed', `The request is not valid. ${summary}`, { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'validation_failed', 'The request body is not valid JSON. Check quotes, commas and brackets.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'validation_failed', 'The request body is empty but its content-type is application/json. Send a JSON object.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'payload_too_large', `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? 1_048_576} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported_media_type', `The content-type "${request.headers['content-type'] ?? ''}" is not accepted here. Send JSON with content-type: application/json.`);
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return problem(400, 'validation_failed', 'The request body is not valid JSON. Check quotes, commas and brackets.');
  }
  const missing = errorWithCode(error, FOREIGN_KEY_VIOLATION);
  if (String(missing?.constraint ?? '').includes('district_code')) {
    // The schemas check a district code's shape; the districts table knows which exist.
    return problem(400, 'validation_failed', "The request is not valid. body.districtCode: choose one of Chongqing's districts (GET /api/districts).", {
      errors: [{ path: 'body.districtCode', message: "choose one of Chongqing's districts" }],
    });
  }
  if (missing) {
    return problem(409, 'conflict', 'This refers to something that no longer exists. Reload and try again.');
  }
  if (hasErrorCode(error, UNIQUE_VIOLATION)) {
    return problem(409, 'conflict', 'This conflicts with data saved in the meantime. Reload and try again.');
  }
  if (error.code === 'ECONNRESET' && request.raw.destroyed) {
    // The client's connection closed before its body was complete (it went away, or was too slow: 408).
    return problem(400, 'validation_failed', 'The request body was cut off before it was complete. Send it again.');
  }
  if (hasErrorCode(error, DATABASE_UNAVAILABLE) || lostConnection(error)) {
    return problem(503, 'unavailable', 'The service cannot reach its database right now. Try again in a moment.', { retryAfter: 5 });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return problem(status, CODE_BY_STATUS[status] ?? 'validation_failed', error.message);
  }
  return problem(500, 'internal_error', 'Something went wrong on our side. It has been logged; please try again later.');
}

/**
 * Requests Node's HTTP parser refuses before fastify sees them (a NUL or control byte in a header,
 * headers too large, a request too slow to arrive) get a problem+json like every other error.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail]: [number, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'payload_too_large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive: its headers and body must come within the time limit. Send it again.']
        : [400, 'validation_failed', 'The request could not be read as HTTP: check its headers for control characters.'];
  const body = JSON.stringify(problem(status, code, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error, request);
    // A 503 the app chose (load shedding, a dependency it knows is down) is a decision, not a failure: the plugin that refuses reports it.
    if (body.status >= 500 && !(error instanceof AppError)) request.log.error({ err: error }, 'request failed');
    if ((body.status === 429 || body.status === 503) && typeof body.retryAfter === 'number') reply.header('retry-after', String(body.retryAfter));
    return sendProblem(reply, body);
  });
}

export default fp(errorsPlugin, { name: 'errors' });
