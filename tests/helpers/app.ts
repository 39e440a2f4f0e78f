import type { FastifyInstance } from 'fastify';
import type { Stage } from '@city-spirit/shared';
import { afterAll } from 'vitest';
import { buildApp, type AppConfig, type AppDependencies } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { createDatabase, createPool, type Database } from '../../server/src/db/client.ts';
import { seedDatabase } from '../../server/src/db/seed.ts';
import { createTestDatabase } from './database.ts';
import { watchResponses } from './response-watch.ts';

export type TestApp = { app: FastifyInstance; db: Database; config: AppConfig };

export function testConfig(databaseUrl: string, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    webDistDir: null,
    databaseUrl,
    // Tests share two cores with their PostgreSQL and browsers: a slow moment must not refuse their requests (tests/api/overload.test.ts turns it on).
    overload: { maxPoolWaiting: 0, maxEventLoopDelayMs: 0 },
    ...overrides,
  };
}

/**
 * The whole application on its own database; `close` checks that no response leaked anything,
 * closes the app and drops the database. `demo: true` loads the demo campaign, accounts and phrases.
 */
export async function createTestApp(
  options: { demo?: boolean; demoStage?: Stage; config?: Partial<AppConfig>; dependencies?: AppDependencies } = {},
): Promise<TestApp & { close: () => Promise<void> }> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, options.config);
  const app = await buildApp(config, options.dependencies);
  const assertNothingLeaked = watchResponses(app);
  if (options.demo) await seedDatabase(app.db, { demo: true, stage: options.demoStage });
  await app.ready();
  const close = async () => {
    try {
      await assertNothingLeaked(app.db);
    } finally {
      await app.close();
      await database.drop();
    }
  };
  return { app, db: app.db, config, close };
}

/**
 * createTestApp, closed and dropped after the file's tests. Call it while the file is collected
 * (at the top level or in a describe block): vitest ignores an afterAll registered inside beforeAll.
 */
export async function setupTestApp(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const { close, ...testApp } = await createTestApp(options);
  afterAll(close);
  return testApp;
}

/** A pool on a fresh test database without an app, for service-level tests; `close` drops it. */
export async function createTestDatabasePool(): Promise<{ db: Database; url: string; close: () => Promise<void> }> {
  const database = await createTestDatabase();
  const pool = createPool(database.url, 10);
  const close = async () => {
    await pool.end();
    await database.drop();
  };
  return { db: createDatabase(pool), url: database.url, close };
}

/** createTestDatabasePool, dropped after the file's tests (call it while the file is collected). */
export async function setupTestDatabase(): Promise<{ db: Database; url: string }> {
  const { close, ...database } = await createTestDatabasePool();
  afterAll(close);
  return database;
}
