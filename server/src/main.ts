import { ConfigError, loadConfig, type Config } from './config.ts';
import { buildApp } from './app.ts';
import { createDatabase, createPool } from './db/client.ts';
import { unsafeDurabilitySettings } from './db/durability.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.ts';
import { runMigrations } from './db/migrate.ts';
import { seedDatabase } from './db/seed.ts';
import { backfillTextIndex } from './modules/submissions/text-index.ts';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const startedAt = performance.now();
  let embedded: EmbeddedPostgres | null = null;
  if (!config.databaseUrl) {
    console.log(`No DATABASE_URL set: starting embedded PostgreSQL (data in ${config.embeddedPostgresDir})`);
    embedded = await startEmbeddedPostgres(config.embeddedPostgresDir, (line) => {
      if (config.logLevel === 'debug' || config.logLevel === 'trace') console.log(`[postgres] ${line}`);
    });
  }
  const databaseUrl = config.databaseUrl ?? embedded!.databaseUrl;

  try {
    const unsafe = await unsafeDurabilitySettings(databaseUrl);
    if (unsafe.length > 0 && !config.allowUnsafeDurability) {
      throw new Error(
        `PostgreSQL runs with ${unsafe.join(' and ')}, so a crash can lose votes and entries it has acknowledged. Turn it on (postgresql.conf, or RESET it for the role or database), or set ALLOW_UNSAFE_DURABILITY=true to start anyway with data you can afford to lose.`,
      );
    }
    await runMigrations(databaseUrl);
    const seedPool = createPool(databaseUrl, 2);
    const { demoSeeded } = await seedDatabase(createDatabase(seedPool), { demo: config.seedDemoData, stage: config.seedStage });
    const backfilled = await backfillTextIndex(createDatabase(seedPool));
    await seedPool.end();

    const app = await buildApp({ ...config, databaseUrl });
    if (unsafe.length > 0) app.log.warn(`ALLOW_UNSAFE_DURABILITY=true: running with ${unsafe.join(' and ')}; a crash can lose acknowledged writes`);
    if (demoSeeded) app.log.info('loaded the demo campaign, phrases and accounts (see README: demo accounts)');
    if (backfilled) app.log.info(`indexed the text of ${backfilled} entries stored before similar-phrase search or the top terms existed`);

    let stoppingSince: number | null = null;
    const shutdown = async (signal: string) => {
      if (stoppingSince !== null) {
        // Ctrl-C under `npm start` arrives twice at once: from the terminal, and forwarded by npm.
        if (performance.now() - stoppingSince < 1000) return;
        app.log.warn(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      stoppingSince = performance.now();
      app.log.info(`${signal}: finishing in-flight requests, then stopping`);
      // A request that never completes (a stalled upload) must not keep a stop waiting for ever.
      let finished = true;
      const grace = setTimeout(() => {
        finished = false;
        app.log.error(`${signal}: requests not finished after ${config.shutdownGraceMs / 1000} s (SHUTDOWN_GRACE_SECONDS): closing their connections`);
        app.server.closeAllConnections();
      }, config.shutdownGraceMs);
      await app.close();
      clearTimeout(grace);
      await embedded?.stop();
      process.exit(finished ? 0 : 1);
    };
    process.on('SIGINT', (signal) => void shutdown(signal));
    process.on('SIGTERM', (signal) => void shutdown(signal));

    await app.listen({ host: config.host, port: config.port });
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    app.log.info(`City Spirit is ready at ${url} (started in ${Math.round(performance.now() - startedAt)} ms)`);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Start-up failed: ${error.message}` : error);
  process.exit(1);
});
