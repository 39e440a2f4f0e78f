import { ConfigError, loadConfig } from '../config.ts';
import { createDatabase, createPool } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { runMigrations } from './migrate.ts';
import { seedDatabase } from './seed.ts';

const USAGE = 'usage: npm run db:migrate | npm run db:seed';

async function run(command: string | undefined): Promise<void> {
  if (command !== 'migrate' && command !== 'seed') throw new ConfigError(USAGE);
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.embeddedPostgresDir, () => undefined);
  const databaseUrl = config.databaseUrl ?? embedded!.databaseUrl;
  try {
    await runMigrations(databaseUrl);
    console.log('migrations applied');
    if (command === 'seed') {
      const pool = createPool(databaseUrl, 2);
      const { demoSeeded } = await seedDatabase(createDatabase(pool), { demo: config.seedDemoData });
      await pool.end();
      console.log(
        demoSeeded
          ? 'districts and demo data loaded'
          : config.seedDemoData
            ? 'districts updated; demo data skipped because the database already has a campaign'
            : 'districts updated; demo data is never loaded when NODE_ENV=production',
      );
    }
  } finally {
    await embedded?.stop();
  }
}

run(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
