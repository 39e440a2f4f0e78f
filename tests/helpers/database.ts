import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrlFor } from './database-url.ts';

export type TestDatabase = { url: string; name: string; drop: () => Promise<void> };

/** A fresh database copied from the migrated template; its own per test file, so files run in parallel. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('serverUrl');
  // city_spirit_test_<run>_<file>: the global teardown finds this run's leftovers by the prefix.
  const name = `${inject('templateDatabase').replace('_template_', '_test_')}_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`));
  return {
    url: databaseUrlFor(serverUrl, name),
    name,
    drop: () => withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
