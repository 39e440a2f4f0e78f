import { rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/src/db/embedded.ts';
import { runMigrations } from '../../server/src/db/migrate.ts';
import { createDatabase, createPool } from '../../server/src/db/client.ts';
import { seedDistricts } from '../../server/src/db/seed.ts';
import { databaseUrlFor } from './database-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
  }
}

/**
 * One PostgreSQL server for the whole run: the one in TEST_DATABASE_URL, or an embedded one in a
 * temporary directory. A template database is migrated once; each test file copies it.
 */
export default async function setup(project: TestProject) {
  const run = randomBytes(4).toString('hex');
  const dataDir = path.join(tmpdir(), `city-spirit-test-${run}`);
  const embedded = process.env.TEST_DATABASE_URL
    ? null
    : await startEmbeddedPostgres(dataDir, () => undefined);
  const serverUrl = process.env.TEST_DATABASE_URL ?? embedded!.databaseUrl;
  const templateDatabase = `city_spirit_template_${run}`;

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  const templateUrl = databaseUrlFor(serverUrl, templateDatabase);
  await runMigrations(templateUrl);
  const pool = createPool(templateUrl, 1);
  await seedDistricts(createDatabase(pool));
  await pool.end();

  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    // Each test database is named after this run; any still here was never dropped by its file.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'city_spirit_test_${run}_%'`);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.end();
    if (embedded) {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.password`, { force: true });
    }
    // Expected when suites are skipped (no Redis, a -t filter): vitest runs no afterAll there.
    // Otherwise a helper registered afterAll inside beforeAll or a test, where it never runs.
    if (rows.length > 0) console.warn(`dropped ${rows.length} test database(s) that no afterAll dropped`);
  };
}
