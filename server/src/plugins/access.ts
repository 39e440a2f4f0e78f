import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ACCESS_TABLE, ALLOWED_WHILE_BANNED, PUBLIC_PREFIXES, type Access } from '../access.ts';
import { forbidden, unauthenticated } from '../errors.ts';

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function accessRuleFor(method: string, url: string): Access | undefined {
  if (!url.startsWith('/api') || PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix))) return 'anyone';
  return ACCESS_TABLE[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

function enforce(access: Access, key: string, request: FastifyRequest): void {
  if (access === 'anyone') return;
  const user = request.user;
  if (!user) throw unauthenticated();
  if (user.banned && UNSAFE_METHODS.has(request.method) && !ALLOWED_WHILE_BANNED.has(key)) {
    throw forbidden('This account is suspended: it can read, download its data or delete itself, but not contribute.');
  }
  if (access === 'signedIn' || user.role === 'admin' || access.includes(user.role)) return;
  throw forbidden(`Only ${access.join(' or ')} accounts may do this.`);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access rule, for the authorization matrix test. */
    accessRules: { method: string; url: string; access: Access }[];
  }
}

/** Attaches the access table's rule to every route; a route without a rule stops the server from starting. */
async function accessPlugin(app: FastifyInstance): Promise<void> {
  const rules: FastifyInstance['accessRules'] = [];
  app.decorate('accessRules', rules);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const access = accessRuleFor(method, route.url);
      if (!access) throw new Error(`No access rule for ${method} ${route.url}: add it to server/src/access.ts`);
      rules.push({ method, url: route.url, access });
    }
    const existing = route.preValidation ? [route.preValidation].flat() : [];
    const check = async (request: FastifyRequest) => {
      enforce(accessRuleFor(request.method, route.url)!, `${request.method} ${route.url}`, request);
    };
    route.preValidation = [check, ...existing];
  });
}

export default fp(accessPlugin, { name: 'access' });
