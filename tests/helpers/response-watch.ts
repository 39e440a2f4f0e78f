import { AsyncLocalStorage } from 'node:async_hooks';
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
  // The watcher's own query runs outside the request's async context, so tests that count a
  // request's queries (AsyncLocalStorage around app.pool.query) do not count it.
  const outsideRequests = AsyncLocalStorage.snapshot();
  app.addHook('onSend', async (request, reply, payload) => {
    const setCookie = reply.getHeader('set-cookie');
    for (const cookie of [setCookie ?? []].flat()) {
      const value = String(cookie).split(';')[0]!.split('=')[1];
      if (value) tokens.add(value);
    }
    if (typeof payload !== 'string') return payload;
    // The viewer's own contact details as they are now (an erased account's address may later be reused).
    const [viewer] = request.user
      ? await outsideRequests(() => app.db.select({ email: users.email, phone: users.phone }).from(users).where(eq(users.id, request.user!.id)).execute())
      : [];
    seen.push({ url: request.url, viewerContacts: [viewer?.email ?? null, viewer?.phone ?? null], body: payload });
    return payload;
  });

  return async function assertNothingLeaked(db: Database): Promise<void> {
    const accounts = await db.select({ email: users.email, phone: users.phone }).from(users);
    const contacts = accounts.flatMap((account) => [account.email, account.phone]).filter((contact): contact is string => Boolean(contact));
    // The fuzzer sends some 70 000 requests and makes thousands of accounts and sessions: comparing
    // every contact and token with every body took longer than the requests did.
    const findContact = finder(contacts);
    const findToken = finder(tokens);
    for (const response of seen) {
      expect(response.body, `password hash in ${response.url}`).not.toContain('$argon2');
      expect(findToken(response.body), `session token in the body of ${response.url}`).toEqual([]);
      const shown = findContact(response.body).filter((contact) => !response.viewerContacts.includes(contact));
      expect(shown, `contacts shown to another user in ${response.url}`).toEqual([]);
    }
  };
}

/** Characters an email address, a phone number or a session token is made of, and how to find where one may start. */
const KINDS = [
  { alphabet: /^[A-Za-z0-9._%+@-]*@[A-Za-z0-9._%+@-]*$/, runs: (text: string) => runsAround(text, '@', /[A-Za-z0-9._%+@-]/) },
  { alphabet: /^\+?[0-9]{6,}$/, runs: (text: string) => text.match(/\+?[0-9]{6,}/g) ?? [] },
  { alphabet: /^[A-Za-z0-9_-]{20,}$/, runs: (text: string) => text.match(/[A-Za-z0-9_-]{20,}/g) ?? [] },
];

/** The maximal runs of `allowed` characters around each occurrence of `anchor`. */
function runsAround(text: string, anchor: string, allowed: RegExp): string[] {
  const runs: string[] = [];
  for (let at = text.indexOf(anchor); at !== -1; at = text.indexOf(anchor, at + 1)) {
    let start = at;
    let end = at + 1;
    while (start > 0 && allowed.test(text[start - 1]!)) start--;
    while (end < text.length && allowed.test(text[end]!)) end++;
    runs.push(text.slice(start, end));
  }
  return runs;
}

/**
 * Which of many needles occur in a text, without searching the text for each one: a needle of a
 * kind above lies inside one run of its kind's characters, so only the windows of its length over
 * those runs are looked up. A needle of no kind is searched for directly.
 */
export function finder(needles: Iterable<string>): (text: string) => string[] {
  const indexed = KINDS.map((kind) => ({ ...kind, byLength: new Map<number, Set<string>>() }));
  const direct: string[] = [];
  for (const needle of new Set(needles)) {
    const kind = indexed.find((candidate) => candidate.alphabet.test(needle));
    if (!kind) {
      direct.push(needle);
      continue;
    }
    if (!kind.byLength.has(needle.length)) kind.byLength.set(needle.length, new Set());
    kind.byLength.get(needle.length)!.add(needle);
  }
  return (text) => {
    const found = new Set(direct.filter((needle) => text.includes(needle)));
    for (const kind of indexed) {
      if (kind.byLength.size === 0) continue;
      for (const run of kind.runs(text)) {
        for (const [length, set] of kind.byLength) {
          for (let at = 0; at + length <= run.length; at++) {
            const window = run.slice(at, at + length);
            if (set.has(window)) found.add(window);
          }
        }
      }
    }
    return [...found];
  };
}
