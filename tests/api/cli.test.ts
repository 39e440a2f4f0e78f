import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../server/src/config.ts';
import { auditLog, users } from '../../server/src/db/schema.ts';
import { setupTestDatabase } from '../helpers/app.ts';
import { createUser } from '../helpers/accounts.ts';

const run = promisify(execFile);
const { db, url } = await setupTestDatabase();

function cli(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'server/src/db/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production' },
  });
}

describe('npm run user:role (the first admin of an installation)', () => {
  it('gives a signed-up account a role and records it in the audit log', async () => {
    const user = await createUser(db);
    const { stdout } = await cli('role', user.email.toUpperCase(), 'admin', 'First administrator of the city');
    expect(stdout).toMatch(/is now admin/);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.role).toBe('admin');
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, user.id));
    expect(entry).toMatchObject({ action: 'user.role_changed', actorId: null, details: { from: 'resident', to: 'admin' } });
    expect(entry!.reason).toMatch(/^First administrator of the city \(command line/);
  });

  it('explains what is missing instead of failing obscurely', async () => {
    await expect(cli('role', 'nobody@example.com', 'admin', 'x')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/No account signs in with nobody@example.com/) });
    await expect(cli('role', 'nobody@example.com', 'emperor', 'x')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/usage:/) });
  });
});
