import { createHash, randomInt, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../../db/client.ts';
import { users, verificationCodes } from '../../db/schema.ts';
import { AppError, conflict, rateLimited } from '../../errors.ts';

/** What a real SMS gateway implements to deliver verification codes. */
export type VerificationProvider = {
  name: string;
  send(message: { phone: string; code: string; locale: string; expiresInMinutes: number }): Promise<void>;
};

/** Development and tests: the code goes to the server log instead of a phone. */
export function consoleVerificationProvider(log: FastifyBaseLogger): VerificationProvider {
  return {
    name: 'console',
    async send({ phone, code, expiresInMinutes }) {
      log.info({ verification: { phone, code } }, `verification code for ${phone}: ${code} (valid ${expiresInMinutes} minutes)`);
    },
  };
}

export const CODE_TTL_MINUTES = 10;
export const MAX_ATTEMPTS = 5;
export const MAX_CODES_PER_PHONE_PER_HOUR = 3;

const hashCode = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('base64url');

export async function requestVerificationCode(
  db: Executor,
  user: { id: string; locale: string },
  phone: string,
  provider: VerificationProvider,
): Promise<void> {
  // Another account's number gets the same answer, counted against the same limit, so that no one
  // can learn whose number is registered; its code goes nowhere and its hash matches no code.
  const [owner] = await db.select({ id: users.id }).from(users).where(and(eq(users.phone, phone), ne(users.id, user.id)));
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction(async (tx) => {
    // One phone at a time, so concurrent requests cannot exceed the hourly limit.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`verification:${phone}`}))`);
    const recent = await tx
      .select({ createdAt: verificationCodes.createdAt })
      .from(verificationCodes)
      .where(and(eq(verificationCodes.phone, phone), gt(verificationCodes.createdAt, sql`now() - interval '1 hour'`)))
      .orderBy(asc(verificationCodes.createdAt));
    if (recent.length >= MAX_CODES_PER_PHONE_PER_HOUR) {
      const retryInMs = recent[0]!.createdAt.getTime() + 3_600_000 - Date.now();
      throw rateLimited(`At most ${MAX_CODES_PER_PHONE_PER_HOUR} codes per hour go to one number. Try again in ${Math.ceil(retryInMs / 60_000)} minutes.`, retryInMs);
    }
    await tx.insert(verificationCodes).values({
      id,
      userId: user.id,
      phone,
      codeHash: hashCode(id, owner ? randomUUID() : code),
      expiresAt: sql`now() + make_interval(mins => ${CODE_TTL_MINUTES})`,
    });
  });
  if (!owner) await provider.send({ phone, code, locale: user.locale, expiresInMinutes: CODE_TTL_MINUTES });
}

const needNewCode = () =>
  new AppError('validation_failed', 400, 'There is no valid code for this account: request a new one.', {
    errors: [{ path: 'body.code', message: 'request a new code' }],
  });

/** Checks the latest code; each code allows 5 attempts within 10 minutes, then a new one is needed. */
export async function confirmVerificationCode(db: Executor, userId: string, code: string): Promise<void> {
  const [latest] = await db
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.userId, userId), isNull(verificationCodes.consumedAt), gt(verificationCodes.expiresAt, sql`now()`)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  if (!latest) throw needNewCode();
  const [attempt] = await db
    .update(verificationCodes)
    .set({ attempts: sql`${verificationCodes.attempts} + 1` })
    .where(and(eq(verificationCodes.id, latest.id), sql`${verificationCodes.attempts} < ${MAX_ATTEMPTS}`))
    .returning({ attempts: verificationCodes.attempts });
  if (!attempt) throw needNewCode();
  if (hashCode(latest.id, code) !== latest.codeHash) {
    const left = MAX_ATTEMPTS - attempt.attempts;
    throw new AppError(
      'validation_failed',
      400,
      left > 0 ? `The code is not right. ${left} attempt(s) left.` : 'The code is not right, and that was the last attempt: request a new code.',
      { errors: [{ path: 'body.code', message: 'the code is not right' }], attemptsLeft: left },
    );
  }
  await db.transaction(async (tx) => {
    const [consumed] = await tx
      .update(verificationCodes)
      .set({ consumedAt: sql`now()` })
      .where(and(eq(verificationCodes.id, latest.id), isNull(verificationCodes.consumedAt)))
      .returning({ id: verificationCodes.id });
    if (!consumed) throw needNewCode();
    const [taken] = await tx.select({ id: users.id }).from(users).where(and(eq(users.phone, latest.phone), ne(users.id, userId)));
    if (taken) throw conflict('This mobile number was verified by another account in the meantime.');
    await tx.update(users).set({ phone: latest.phone, verifiedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(users.id, userId));
  });
}
