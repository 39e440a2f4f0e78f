import cluster, { type Worker } from 'node:cluster';
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
  if (cluster.isWorker) return serve(config, config.databaseUrl!, async () => undefined, startedAt);
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

    const notices: Notice[] = [];
    if (unsafe.length > 0) notices.push(['warn', `ALLOW_UNSAFE_DURABILITY=true: running with ${unsafe.join(' and ')}; a crash can lose acknowledged writes`]);
    if (demoSeeded) notices.push(['info', 'loaded the demo campaign, phrases and accounts (see README: demo accounts)']);
    if (backfilled) notices.push(['info', `indexed the text of ${backfilled} entries stored before similar-phrase search or the top terms existed`]);
    const stopDatabase = async () => {
      await embedded?.stop();
    };
    if (config.workers > 1) {
      for (const [level, message] of notices) (level === 'warn' ? console.warn : console.log)(message);
      superviseWorkers(config, databaseUrl, stopDatabase, startedAt);
    } else await serve(config, databaseUrl, stopDatabase, startedAt, notices);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** What start-up has to say, logged once the app (and its logger) exists. */
type Notice = ['info' | 'warn', string];

const addressOf = (config: Config) => `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;

/**
 * Builds the app and serves it until SIGTERM or SIGINT: it stops accepting, finishes the requests
 * in flight (at most SHUTDOWN_GRACE_SECONDS), runs `afterClose` and exits. One process, or one worker.
 */
async function serve(config: Config, databaseUrl: string, afterClose: () => Promise<void>, startedAt: number, notices: Notice[] = []): Promise<void> {
  const app = await buildApp({ ...config, databaseUrl });
  for (const [level, message] of notices) app.log[level](message);
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
    await afterClose();
    process.exit(finished ? 0 : 1);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
  // A worker whose primary is gone (killed) stops too.
  if (cluster.isWorker) process.on('disconnect', () => void shutdown('disconnect'));

  await app.listen({ host: config.host, port: config.port });
  const who = cluster.isWorker ? `worker ${process.pid}` : 'City Spirit';
  app.log.info(`${who} is ready at ${addressOf(config)} (started in ${Math.round(performance.now() - startedAt)} ms)`);
}

/**
 * WORKERS=n: n processes serve the port (node:cluster hands connections to them in turn), all on
 * the one database; a worker that dies is replaced; SIGTERM or SIGINT stops every worker (each
 * finishing its requests), then the embedded PostgreSQL.
 */
function superviseWorkers(config: Config, databaseUrl: string, afterStop: () => Promise<void>, startedAt: number): void {
  const running = new Set<Worker>();
  let stoppingSince: number | null = null;
  let failed = false;
  let listening = 0;
  const start = () => {
    // The workers skip the start-up (migrations, seed): the primary has done it on this database.
    const worker = cluster.fork({ DATABASE_URL: databaseUrl, SEED_DEMO_DATA: 'false' });
    running.add(worker);
    worker.once('listening', () => {
      listening += 1;
      if (listening === config.workers) console.log(`City Spirit is ready at ${addressOf(config)} with ${config.workers} workers (started in ${Math.round(performance.now() - startedAt)} ms)`);
    });
    worker.once('exit', (code, signal) => {
      running.delete(worker);
      if (stoppingSince === null) {
        console.error(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
        start();
        return;
      }
      // A worker still starting has nothing in flight and may end by the signal itself; one killed after its grace period failed.
      if ((code !== null && code !== 0) || signal === 'SIGKILL') failed = true;
      if (running.size === 0) void afterStop().then(() => process.exit(failed ? 1 : 0));
    });
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stoppingSince !== null) {
      if (performance.now() - stoppingSince < 1000) return;
      console.error(`${signal} again: stopping the workers without waiting`);
      for (const worker of running) worker.process.kill('SIGKILL');
      return;
    }
    stoppingSince = performance.now();
    console.log(`${signal}: stopping ${running.size} workers`);
    for (const worker of running) worker.process.kill('SIGTERM');
    // A worker past its own grace period is stuck: end it.
    setTimeout(() => {
      for (const worker of running) worker.process.kill('SIGKILL');
    }, config.shutdownGraceMs + 5_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (let i = 0; i < config.workers; i++) start();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Start-up failed: ${error.message}` : error);
  process.exit(1);
});
