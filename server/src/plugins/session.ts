import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { Role } from '@city-spirit/shared';
import { AppError } from '../errors.ts';
import type { SessionPolicy } from '../modules/accounts/sessions.ts';
import { createSession, csrfTokenFor, deleteSession, findActiveSession, type ActiveSession } from '../modules/accounts/sessions.ts';

export type SessionUser = { id: string; role: Role; displayName: string; banned: boolean };
type SessionSubject = { id: string; role: Role; displayName: string; bannedAt: Date | null };

const toSessionUser = (user: SessionSubject): SessionUser => ({
  id: user.id,
  role: user.role,
  displayName: user.displayName,
  banned: user.bannedAt !== null,
});

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    session: { id: string; token: string } | null;
    /** The signed-in user's row as the session lookup read it, so handlers need not read it again. */
    account: ActiveSession['user'] | null;
  }
  interface FastifyReply {
    /** Starts a new session for the user (a new token at every sign-in) and returns its CSRF token. */
    startSession(user: SessionSubject): Promise<string>;
    endSession(): Promise<void>;
  }
}

/** The session cookie's name; over HTTPS it is sent as `__Host-` and this name. */
export const SESSION_COOKIE = 'city_spirit_session';
const COOKIE = SESSION_COOKIE;
const SECURE_COOKIE = `__Host-${COOKIE}`;
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');
const isHttps = (request: FastifyRequest) => request.protocol === 'https';

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function clearCookies(reply: FastifyReply): void {
  reply.clearCookie(COOKIE, { path: '/' });
  if (isHttps(reply.request)) reply.clearCookie(SECURE_COOKIE, { path: '/', secure: true });
}

async function sessionPlugin(app: FastifyInstance, { policy }: { policy: SessionPolicy }): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('account', null);

  app.decorateReply('startSession', async function (this: FastifyReply, user: SessionSubject) {
    const request = this.request;
    if (request.session) await deleteSession(app.db, request.session.id);
    const { id, token } = await createSession(app.db, user.id, { ip: request.ip, userAgent: request.headers['user-agent'] });
    request.session = { id, token };
    request.user = toSessionUser(user);
    const secure = isHttps(request);
    this.setCookie(secure ? SECURE_COOKIE : COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: policy.maxAgeDays * 86_400,
    });
    return csrfTokenFor(token);
  });

  app.decorateReply('endSession', async function (this: FastifyReply) {
    if (this.request.session) await deleteSession(app.db, this.request.session.id);
    this.request.session = null;
    this.request.user = null;
    clearCookies(this);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!isApi(request)) return;
    const token = request.cookies[SECURE_COOKIE] ?? request.cookies[COOKIE];
    if (!token) return;
    const active = token.length <= 100 ? await findActiveSession(app.db, token, policy) : null;
    if (!active) {
      clearCookies(reply);
      return;
    }
    request.session = { id: active.sessionId, token };
    request.user = toSessionUser(active.user);
    request.account = active.user;
    if (UNSAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], csrfTokenFor(token))) {
      throw new AppError(
        'csrf_failed',
        403,
        'This request needs the x-csrf-token header with the csrfToken from GET /api/auth/me (or from signing in).',
      );
    }
  });
}

export default fp(sessionPlugin, { name: 'session' });
