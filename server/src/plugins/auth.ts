import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@city-spirit/shared';
import { forbidden, unauthenticated } from '../errors.ts';

export type SessionUser = { id: string; role: Role; displayName: string };

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** A preHandler that lets through signed-in users with one of the roles; admins may do everything. */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const user = request.user;
    if (!user) throw unauthenticated();
    if (user.role !== 'admin' && !roles.includes(user.role)) throw forbidden();
  };
}

async function authPlugin(app: FastifyInstance): Promise<void> {
  // Sessions arrive with the accounts feature; until then every request is anonymous.
  app.decorateRequest('user', null);
}

export default fp(authPlugin, { name: 'auth' });
