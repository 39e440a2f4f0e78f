// Benchmarks: `npm run bench` runs every scenario, `npm run bench -- me` one of them.
// Uses BENCH_DATABASE_URL (a server; a scratch database is created on it) or an embedded PostgreSQL.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createDatabase, createPool } from '../../server/src/db/client.ts';
import { startEmbeddedPostgres } from '../../server/src/db/embedded.ts';
import { runMigrations } from '../../server/src/db/migrate.ts';
import { seedDatabase } from '../../server/src/db/seed.ts';
import { databaseUrlFor } from '../helpers/database-url.ts';
import { similarBenchmark } from './similar.ts';
import { fitBenchmark } from './fit.ts';
import { voteBenchmark } from './vote.ts';
import { commentsBenchmark } from './comments.ts';
import { statsBenchmark } from './stats.ts';
import { exportBenchmark } from './export.ts';
import { overloadBenchmark } from './overload.ts';
import { workersBenchmark } from './workers.ts';
import { BENCH_SERVER_ENV } from './server-env.ts';
import { cpuPerOperation, cpuSnapshot } from './cpu.ts';

type Target = { baseUrl: string; cookie: string };
type Scenario = { name: string; what: string; request: (target: Target) => autocannon.Options };

const SCENARIOS: Scenario[] = [
  {
    name: 'vote',
    what: 'PUT/DELETE vote through the whole stack, against pgbench with the same SQL',
    request: () => ({ url: '' }),
  },
  {
    name: 'comments',
    what: 'a thread of 10 000 comments: first and deep pages of top and new; live fan-out to 1 000 streams',
    request: () => ({ url: '' }),
  },
  {
    name: 'fit',
    what: 'pairwise ranking fit, 300 entries and 1 000 000 comparisons',
    request: () => ({ url: '' }),
  },
  {
    name: 'similar',
    what: 'the similar-phrase query in a campaign of 100 000 entries (runs last: it fills the database)',
    request: () => ({ url: '' }),
  },
  {
    name: 'stats',
    what: 'GET stats and consensus of a campaign of BENCH_STATS_ENTRIES (default 1 000 000) entries with votes, comments and comparisons (runs last: it fills the database)',
    request: () => ({ url: '' }),
  },
  {
    name: 'export',
    what: 'export.csv and export.json of a campaign of BENCH_EXPORT_ENTRIES (1 000 000) entries: rows/s, bytes/s, server peak RSS (runs last: it fills the database)',
    request: () => ({ url: '' }),
  },
  {
    name: 'overload',
    what: 'the entry list at its saturation, then at twice that rate: admitted latency, fast 503 refusals, memory',
    request: () => ({ url: '' }),
  },
  {
    name: 'workers',
    what: "npm start's entry point with WORKERS=1 and WORKERS=2: votes and the entry list at full load, CPU of all its processes",
    request: () => ({ url: '' }),
  },
  {
    name: 'campaign',
    what: 'GET /api/campaigns/:slug (campaign with live counts), anonymous',
    request: ({ baseUrl }) => ({ url: `${baseUrl}/api/campaigns/chongqing-spirit` }),
  },
  {
    name: 'health',
    what: 'GET /api/health: HTTP and the framework alone, no database',
    request: ({ baseUrl }) => ({ url: `${baseUrl}/api/health` }),
  },
  {
    name: 'me',
    what: 'GET /api/auth/me with a session cookie (session lookup on every request)',
    request: ({ baseUrl, cookie }) => ({ url: `${baseUrl}/api/auth/me`, headers: { cookie } }),
  },
];

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

/** Starts the application in a child process (as `npm start` would run it) and waits for its port. */
async function startServer(databaseUrl: string): Promise<{ server: ChildProcess; baseUrl: string }> {
  const server = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    env: {
      ...process.env,
      ...BENCH_SERVER_ENV,
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
    },
  });
  const [message] = (await Promise.race([once(server, 'message'), once(server, 'exit').then(() => { throw new Error('the bench server exited before listening'); })])) as [{ port: number }];
  return { server, baseUrl: `http://127.0.0.1:${message.port}` };
}

async function main() {
  const wanted = process.argv.slice(2);
  // The similar and stats scenarios fill the database, so they run after the HTTP scenarios.
  // Scenarios that fill the database run after the HTTP ones, in this order.
  const last = ['fit', 'similar', 'stats', 'export'];
  const scenarios = (wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS).sort(
    (a, b) => last.indexOf(a.name) - last.indexOf(b.name),
  );
  if (scenarios.length === 0) throw new Error(`unknown scenario; choose from: ${SCENARIOS.map((s) => s.name).join(', ')}`);

  const dataDir = path.join(tmpdir(), `city-spirit-bench-${randomBytes(4).toString('hex')}`);
  const embedded = process.env.BENCH_DATABASE_URL ? null : await startEmbeddedPostgres(dataDir, () => undefined);
  const serverUrl = process.env.BENCH_DATABASE_URL ?? embedded!.databaseUrl;
  const database = `city_spirit_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = databaseUrlFor(serverUrl, database);
  let server: ChildProcess | null = null;
  const pool = createPool(databaseUrl, 10);

  try {
    await runMigrations(databaseUrl);
    const db = createDatabase(pool);
    await seedDatabase(db, { demo: true });
    const started = await startServer(databaseUrl);
    server = started.server;
    const { baseUrl } = started;
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'resident@example.com', password: 'chongqing-demo-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

    console.log(
      `${DURATION_SECONDS} s per HTTP scenario, ${CONNECTIONS} connections, node ${process.version}; the server runs in its own process with NODE_ENV=production, log level warn and the rate-limit hook on (limits raised so it never refuses; counters in ${process.env.REDIS_URL ? "Redis" : "memory"})`,
    );
    for (const scenario of scenarios) {
      if (scenario.name === 'vote') {
        console.log(await voteBenchmark(db, baseUrl, databaseUrl, DURATION_SECONDS, CONNECTIONS, server));
        continue;
      }
      if (scenario.name === 'comments') {
        console.log(await commentsBenchmark(db, baseUrl, DURATION_SECONDS, CONNECTIONS));
        continue;
      }
      if (scenario.name === 'overload') {
        console.log(await overloadBenchmark(baseUrl, server.pid!, DURATION_SECONDS, CONNECTIONS));
        continue;
      }
      if (scenario.name === 'workers') {
        console.log(await workersBenchmark(db, databaseUrl, DURATION_SECONDS, CONNECTIONS));
        continue;
      }
      if (scenario.name === 'fit') {
        console.log(await fitBenchmark(db));
        continue;
      }
      if (scenario.name === 'stats') {
        console.log(await statsBenchmark(db, baseUrl, DURATION_SECONDS, CONNECTIONS, Number(process.env.BENCH_STATS_ENTRIES ?? 1_000_000)));
        continue;
      }
      if (scenario.name === 'export') {
        console.log(await exportBenchmark(db, baseUrl, server.pid!));
        continue;
      }
      if (scenario.name === 'similar') {
        console.log(await similarBenchmark(db, Number(process.env.BENCH_SIMILAR_ENTRIES ?? 100_000)));
        continue;
      }
      const before = cpuSnapshot(server.pid!);
      const result = await autocannon({ ...scenario.request({ baseUrl, cookie }), duration: DURATION_SECONDS, connections: CONNECTIONS });
      const cpu = cpuPerOperation(before, cpuSnapshot(server.pid!), result.requests.total);
      const failures = result.non2xx + result.errors + result.timeouts;
      console.log(
        `${scenario.name.padEnd(10)} ${Math.round(result.requests.average)} req/s  latency p50 ${result.latency.p50} ms  p97.5 ${result.latency.p97_5} ms  p99 ${result.latency.p99} ms  failures ${failures}  — ${scenario.what}\n           CPU ms per request: ${cpu}`,
      );
    }
  } finally {
    if (server && server.exitCode === null) {
      server.send('stop');
      await once(server, 'exit');
    }
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    if (embedded) {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.password`, { force: true });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
