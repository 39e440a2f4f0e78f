import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { rateLimited } from '../errors.ts';

type SecurityOptions = { rateLimit: Config['rateLimit']; redis: Redis | null };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNLIMITED = ['/api/health', '/api/ready'];

/** Whether requests to this address count against the request rate limits. */
export const isRateLimited = (url: string) => url.startsWith('/api/') && !UNLIMITED.some((path) => url.startsWith(path));

const isWrite = (request: FastifyRequest) => WRITE_METHODS.has(request.method);

/**
 * The headers helmet sets, read once: none depends on the request (no CSP nonces), and building them
 * per request cost about a tenth of the server's CPU on the vote endpoint.
 */
function staticHeaders(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error) => {
    if (error) throw error;
  });
  return headers;
}

/** Security headers with a strict CSP (no inline scripts), and request rate limits. */
async function securityPlugin(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const headers = staticHeaders(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  }));
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  const limits = options.rateLimit;
  if (!limits.enabled) return;
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    ...(options.redis ? { redis: options.redis, nameSpace: 'city-spirit:rate:' } : {}),
    skipOnError: false,
    allowList: (request) => !isRateLimited(request.url),
    // Signed-in users are counted per account (reads and writes apart), everyone else per address.
    keyGenerator: (request) => (request.user ? `user:${request.user.id}:${isWrite(request) ? 'w' : 'r'}` : `ip:${request.ip}`),
    max: (request) => (!request.user ? limits.anonymousPerMinute : isWrite(request) ? limits.userWritesPerMinute : limits.userReadsPerMinute),
    errorResponseBuilder: (_request, context) =>
      rateLimited(`Too many requests: at most ${context.max} a minute. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, context.ttl),
  });
}

export default fp(securityPlugin, { name: 'security' });
