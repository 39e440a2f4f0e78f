// `npm run bench -- workers`: the production entry point (`server/src/main.ts`, as `npm start` runs
// it) with WORKERS=1 and then WORKERS=2 on the bench's database: votes and the entry list at full
// load (closed loop), with the CPU of the whole process tree (main process and workers) and of PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../server/src/db/client.ts';
import { allProcessTimes, cpuSnapshot } from './cpu.ts';
import { BENCH_SERVER_ENV } from './server-env.ts';
import { fullLoad, type FullResult, type PacedRequest } from './paced.ts';
import { prepareVoteBench, randomVote } from './vote.ts';

const WORKER_COUNTS = [1, 2];

/** CPU milliseconds used so far by a process and every process below it. */
function treeCpuMs(root: number): number {
  const processes = allProcessTimes();
  const parents = new Map(processes.map(({ pid, parent }) => [pid, parent]));
  const inTree = (pid: number): boolean => pid === root || (pid > 1 && parents.has(pid) && inTree(parents.get(pid)!));
  return processes.filter(({ pid }) => inTree(pid)).reduce((sum, { own }) => sum + own, 0);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * `node server/src/main.ts` with WORKERS=n and the bench server's log level (warn: a log line per
 * request would cost more than the request), ready once every worker listens.
 */
async function startInstance(databaseUrl: string, workers: number): Promise<{ process: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../server/src/main.ts', import.meta.url))], {
    env: {
      ...process.env,
      ...BENCH_SERVER_ENV,
      LOG_LEVEL: process.env.BENCH_WORKERS_LOG_LEVEL ?? 'warn',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      WORKERS: String(workers),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // With workers, the main process says when all of them listen; one process is ready when it answers.
  const ready = async () =>
    workers > 1 ? output.includes(`with ${workers} workers`) : await fetch(`${baseUrl}/api/ready`).then((response) => response.ok, () => false);
  for (const started = Date.now(); !(await ready()); ) {
    if (child.exitCode !== null) throw new Error(`WORKERS=${workers} exited with ${child.exitCode} before it was ready:\n${output}`);
    if (Date.now() - started > 60_000) throw new Error(`WORKERS=${workers} not ready in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { process: child, baseUrl };
}

async function stopInstance(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

type Measured = { result: FullResult; serverCpu: number; postgresCpu: number };

async function measured(pid: number, run: () => Promise<FullResult>): Promise<Measured> {
  const [serverBefore, postgresBefore] = [treeCpuMs(pid), cpuSnapshot(pid).postgres!];
  const result = await run();
  return { result, serverCpu: (treeCpuMs(pid) - serverBefore) / result.answered, postgresCpu: (cpuSnapshot(pid).postgres! - postgresBefore) / result.answered };
}

const line = (what: string, { result, serverCpu, postgresCpu }: Measured) =>
  `             ${what}: ${Math.round(result.rate)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, failures ${result.failures}; CPU ms per request: server processes ${serverCpu.toFixed(2)}, postgres ${postgresCpu.toFixed(2)}`;

export async function workersBenchmark(db: Database, databaseUrl: string, seconds: number, connections: number): Promise<string> {
  const { voters, entryIds } = await prepareVoteBench(db);
  const list = (): PacedRequest => ({ method: 'GET', path: '/api/campaigns/chongqing-spirit/submissions?sort=top&limit=20', headers: {} });
  const vote = () => randomVote(voters, entryIds);
  const lines = [`workers    npm start's entry point with WORKERS=${WORKER_COUNTS.join(' and ')}, ${connections} connections, each load ${seconds} s after a 3 s warm-up`];
  for (const workers of WORKER_COUNTS) {
    const instance = await startInstance(databaseUrl, workers);
    try {
      const pid = instance.process.pid!;
      const load = (next: () => PacedRequest, time: number) => () => fullLoad({ baseUrl: instance.baseUrl, seconds: time, connections, next });
      await load(vote, 3)();
      const votes = await measured(pid, load(vote, seconds));
      await load(list, 3)();
      const reads = await measured(pid, load(list, seconds));
      lines.push(`           WORKERS=${workers}:`, line('votes (PUT/DELETE)', votes), line('entry list (top, 20)', reads));
    } finally {
      await stopInstance(instance.process);
    }
  }
  return lines.join('\n');
}
