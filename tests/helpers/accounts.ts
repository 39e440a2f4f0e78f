import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Role } from '@city-spirit/shared';
import type { Database } from '../../server/src/db/client.ts';
import { users } from '../../server/src/db/schema.ts';
import { hashPassword } from '../../server/src/modules/accounts/passwords.ts';

export const TEST_PASSWORD = 'violet-river-lantern-42';
let passwordHash: Promise<string> | null = null;

export type TestUser = { id: string; email: string; role: Role };

/** A user straight in the database, with TEST_PASSWORD. */
export async function createUser(db: Database, options: { role?: Role; verified?: boolean; displayName?: string } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `user-${randomBytes(5).toString('hex')}@example.org`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      passwordHash: await passwordHash,
      displayName: options.displayName ?? `Tester ${email.slice(5, 10)}`,
      role: options.role ?? 'resident',
      verifiedAt: options.verified ? new Date() : null,
    })
    .returning();
  return { id: user!.id, email, role: user!.role };
}

export type Session = { cookie: string; csrfToken: string; userId: string };

export function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((value) => value.includes('city_spirit_session='));
  if (!header) throw new Error('no session cookie was set');
  return header.split(';')[0]!;
}

export async function signIn(app: FastifyInstance, login: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return { cookie: sessionCookie(response.headers['set-cookie']), csrfToken: body.csrfToken, userId: body.user.id };
}

/** A new user of the role, signed in. */
export async function signedInUser(app: FastifyInstance, db: Database, role: Role = 'resident', options: { verified?: boolean } = {}) {
  const user = await createUser(db, { role, ...options });
  return { user, session: await signIn(app, user.email) };
}

/** app.inject as the session's user: the cookie and, for unsafe methods, the CSRF header. */
export function injectAs(app: FastifyInstance, session: Session | null, options: InjectOptions) {
  const headers = { ...(options.headers ?? {}) } as Record<string, string>;
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({ ...options, headers });
}
