import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../errors.ts';

const COMMON_PASSWORDS = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
);

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1), OWASP's recommended minimum. */
export const hashPassword = (password: string) => hash(password);

let timingHash: Promise<string> | null = null;

/** Verifies, and spends the same time when there is no account, so log-in does not reveal which accounts exist. */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    timingHash ??= hash('timing-equaliser-password');
    await verify(await timingHash, password);
    return false;
  }
  return verify(passwordHash, password);
}

/** Refuses passwords that are common or built from the account's own details. */
export function assertPasswordAcceptable(password: string, personal: (string | undefined)[]): void {
  const lower = password.toLowerCase();
  const reason = COMMON_PASSWORDS.has(lower)
    ? 'it is one of the most common passwords'
    : /^(.)\1+$/.test(password)
      ? 'it repeats one character'
      : isSequence(lower)
        ? 'it is a simple sequence'
        : personalTokens(personal).some((token) => lower.includes(token))
          ? 'it contains your email, phone number or name'
          : null;
  if (reason) {
    throw new AppError('validation_failed', 400, `Choose another password: ${reason}.`, {
      errors: [{ path: 'body.password', message: `choose another password: ${reason}` }],
    });
  }
}

/** The account's details as lower-case pieces of 4+ characters: "Wang Fang" gives "wangfang", "wang" and "fang". */
function personalTokens(parts: (string | undefined)[]): string[] {
  return parts
    .filter((part): part is string => Boolean(part))
    .flatMap((part) => [part.replace(/\s+/g, ''), ...part.split(/[^\p{L}\p{N}]+/u)])
    .map((token) => token.toLowerCase())
    .filter((token) => token.length >= 4);
}

function isSequence(text: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < text.length; i++) steps.add(text.charCodeAt(i) - text.charCodeAt(i - 1));
  return steps.size === 1 && [1, -1].includes([...steps][0]!);
}
