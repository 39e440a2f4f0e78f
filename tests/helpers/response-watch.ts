import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../server/src/db/client.ts';
import { users } from '../../server/src/db/schema.ts';

type Seen = { url: string; viewerId: string | null; body: string };

/**
 * Records every response of a test app so that, after the file's tests, nothing sent may hold a
 * password hash, a session token in a body, or another user's email address or phone number.
 */
export function watchResponses(app: FastifyInstance) {
  const seen: Seen[] = [];
  const tokens = new Set<string>();
  app.addHook('onSend', async (request, reply, payload) => {
    const setCookie = reply.getHeader('set-cookie');
    for (const cookie of [setCookie ?? []].flat()) {
      const value = String(cookie).split(';')[0]!.split('=')[1];
      if (value) tokens.add(value);
    }
    if (typeof payload === 'string') seen.push({ url: request.url, viewerId: request.user?.id ?? null, body: payload });
    return payload;
  });

  return async function assertNothingLeaked(db: Database): Promise<void> {
    const accounts = await db.select({ id: users.id, email: users.email, phone: users.phone }).from(users);
    for (const response of seen) {
      expect(response.body, `password hash in ${response.url}`).not.toContain('$argon2');
      for (const token of tokens) expect(response.body.includes(token), `session token in the body of ${response.url}`).toBe(false);
      for (const account of accounts) {
        if (account.id === response.viewerId) continue;
        for (const contact of [account.email, account.phone]) {
          if (contact) expect(response.body.includes(contact), `${contact} shown to another user in ${response.url}`).toBe(false);
        }
      }
    }
  };
}
