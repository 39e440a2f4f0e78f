import type { FastifyInstance } from 'fastify';
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
    ...overrides,
  };
}

/**
 * The whole application on its own database, closed and dropped after the file's tests.
 * `demo: true` loads the demo campaign, accounts and phrases.
 */
export async function setupTestApp(
  options: { demo?: boolean; config?: Partial<AppConfig>; dependencies?: AppDependencies } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, options.config);
  const app = await buildApp(config, options.dependencies);
  const assertNothingLeaked = watchResponses(app);
  if (options.demo) await seedDatabase(app.db, { demo: true });
  await app.ready();
  afterAll(async () => {
    try {
      await assertNothingLeaked(app.db);
    } finally {
      await app.close();
      await database.drop();
    }
  });
  return { app, db: app.db, config };
}

/** A pool on a fresh test database without an app, for service-level tests. */
export async function setupTestDatabase(): Promise<{ db: Database; url: string }> {
  const database = await createTestDatabase();
  const pool = createPool(database.url, 10);
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });
  return { db: createDatabase(pool), url: database.url };
}
