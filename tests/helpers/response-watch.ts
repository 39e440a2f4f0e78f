import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../server/src/db/client.ts';
import { users } from '../../server/src/db/schema.ts';

type Seen = { url: string; viewerContacts: (string | null)[]; body: string };

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
    if (typeof payload !== 'string') return payload;
    // The viewer's own contact details as they are now (an erased account's address may later be reused).
    const [viewer] = request.user
      ? await app.db.select({ email: users.email, phone: users.phone }).from(users).where(eq(users.id, request.user.id))
      : [];
    seen.push({ url: request.url, viewerContacts: [viewer?.email ?? null, viewer?.phone ?? null], body: payload });
    return payload;
  });

  return async function assertNothingLeaked(db: Database): Promise<void> {
    const accounts = await db.select({ email: users.email, phone: users.phone }).from(users);
    const contacts = accounts.flatMap((account) => [account.email, account.phone]).filter((contact): contact is string => Boolean(contact));
    for (const response of seen) {
      expect(response.body, `password hash in ${response.url}`).not.toContain('$argon2');
      for (const token of tokens) expect(response.body.includes(token), `session token in the body of ${response.url}`).toBe(false);
      for (const contact of contacts) {
        if (response.viewerContacts.includes(contact)) continue;
        expect(response.body.includes(contact), `${contact} shown to another user in ${response.url}`).toBe(false);
      }
    }
  };
}
