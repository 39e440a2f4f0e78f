import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import pg from 'pg';
import { repoRoot } from '../../server/src/config.ts';
import { createTestDatabase } from '../helpers/database.ts';

const started: ChildProcess[] = [];
afterAll(() => started.forEach((child) => child.kill('SIGKILL')));

type StartedServer = { child: ChildProcess; output: () => string; errors: () => string; exited: Promise<number | null> };

function startServer(env: Record<string, string>): StartedServer {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'info', WEB_DIST_DIR: 'nonexistent-web-dist', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => {
    output += chunk;
    errors += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, errors: () => errors, exited };
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForReady(port: number, output: () => string, timeoutMs = 30_000, route = '/api/ready'): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${route}`);
      if (response.ok) return Date.now() - start;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become ready in ${timeoutMs} ms:\n${output()}`);
}

function postgresProcessesFor(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The process and every process below it, from each process's parent in /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('starting and stopping the server', () => {
  it('keeps the exit code a program sets after using embedded PostgreSQL (a failed test run must not exit 0)', async () => {
    const dataDir = path.join(tmpdir(), `city-spirit-exitcode-${randomBytes(4).toString('hex')}`);
    onTestFinished(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.password`, { force: true });
    });
    const script = `
      const { startEmbeddedPostgres } = await import('./server/src/db/embedded.ts');
      const embedded = await startEmbeddedPostgres(${JSON.stringify(dataDir)}, () => {});
      await embedded.stop();
      process.exitCode = 3;`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: 'ignore' });
    started.push(child);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(3);
  }, 60_000);

  it('stops at once with exit code 1 and one clear line on a bad setting', async () => {
    const server = startServer({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toMatch(/^Invalid configuration: PORT="eighty": [^\n]+$/);
  });

  it('refuses to start on a database where synchronous_commit is off, with one clear line, unless ALLOW_UNSAFE_DURABILITY=true', async () => {
    const database = await createTestDatabase();
    try {
      await refusesThenAllows(database);
    } finally {
      await database.drop();
    }
  }, 60_000);

  async function refusesThenAllows(database: { url: string; name: string }) {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${database.name} SET synchronous_commit = off`);
    await admin.end();
    const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: 'false' };

    const refused = startServer({ ...env, PORT: String(await freePort()) });
    expect(await refused.exited).toBe(1);
    expect(refused.errors().trim()).toMatch(/^[^\n]*synchronous_commit=off[^\n]*ALLOW_UNSAFE_DURABILITY=true[^\n]*$/);

    const port = await freePort();
    const allowed = startServer({ ...env, PORT: String(port), ALLOW_UNSAFE_DURABILITY: 'true' });
    await waitForReady(port, allowed.output);
    expect(allowed.output()).toMatch(/synchronous_commit=off/);
    allowed.child.kill('SIGTERM');
    expect(await allowed.exited).toBe(0);
  }

  it('without DATABASE_URL runs embedded PostgreSQL, keeps its data between runs and leaves no process behind', async () => {
    const dataDir = path.join(tmpdir(), `city-spirit-startup-${randomBytes(4).toString('hex')}`);
    onTestFinished(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.password`, { force: true });
    });
    const env = { EMBEDDED_POSTGRES_DIR: dataDir };

    const port = await freePort();
    const first = startServer({ ...env, PORT: String(port) });
    await waitForReady(port, first.output);
    const campaigns = await (await fetch(`http://127.0.0.1:${port}/api/campaigns`)).json();
    expect(campaigns.items[0].slug).toBe('chongqing-spirit');
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const secondPort = await freePort();
    const second = startServer({ ...env, PORT: String(secondPort) });
    const secondStartMs = await waitForReady(secondPort, second.output);
    expect(secondStartMs).toBeLessThan(10_000);
    const again = await (await fetch(`http://127.0.0.1:${secondPort}/api/campaigns`)).json();
    expect(again.items.map((campaign: { id: string }) => campaign.id)).toEqual([campaigns.items[0].id]);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 90_000);
});

describe('npm start under a process manager that signals the npm process alone', () => {
  const dataDir = path.join(tmpdir(), `city-spirit-npm-start-${randomBytes(4).toString('hex')}`);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.password`, { force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops npm, the server and the embedded PostgreSQL on ${signal} to npm`, async () => {
      const { DATABASE_URL: _ignored, ...inherited } = process.env;
      const port = await freePort();
      // Its own process group, as under a process manager, and so that a failed run can be cleaned up whole.
      const npm = spawn('npm', ['start'], {
        cwd: repoRoot,
        env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'info', WEB_DIST_DIR: 'nonexistent-web-dist', SEED_DEMO_DATA: 'false', EMBEDDED_POSTGRES_DIR: dataDir, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let output = '';
      npm.stdout!.on('data', (chunk) => (output += chunk));
      npm.stderr!.on('data', (chunk) => (output += chunk));
      const exited = new Promise<void>((resolve) => npm.on('exit', () => resolve()));
      try {
        await waitForReady(port, () => output, 60_000, '/api/health');
        const run = processTree(npm.pid!);
        expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
        expect(run).toEqual(expect.arrayContaining(postgresProcessesFor(dataDir)));

        process.kill(npm.pid!, signal);
        const npmExited = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20_000))]);
        expect(npmExited, `npm still running 20 s after ${signal}:\n${output}`).toBe(true);
        expect(run.filter(isRunning)).toEqual([]);
        expect(postgresProcessesFor(dataDir)).toEqual([]);
      } finally {
        try {
          process.kill(-npm.pid!, 'SIGKILL');
        } catch {
          // the whole run has gone
        }
      }
    }, 90_000);
  }
});

describe('several worker processes (WORKERS)', () => {
  it('serves from n workers on one port and one embedded PostgreSQL, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    const dataDir = path.join(tmpdir(), `city-spirit-workers-${randomBytes(4).toString('hex')}`);
    onTestFinished(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.password`, { force: true });
    });
    const port = await freePort();
    const server = startServer({ WORKERS: '2', PORT: String(port), EMBEDDED_POSTGRES_DIR: dataDir, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
    await waitForReady(port, server.output, 90_000);
    const primary = server.child.pid!;
    const workers = () =>
      processTree(primary).filter((pid) => pid !== primary && isRunning(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/src/main.ts'));
    await expect.poll(() => workers().length, { timeout: 30_000 }).toBe(2);
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/api/campaigns`)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));

    const [dead] = workers();
    process.kill(dead!, 'SIGKILL');
    await expect.poll(() => workers().filter((pid) => pid !== dead).length, { timeout: 30_000 }).toBe(2);
    await waitForReady(port, server.output, 30_000);

    const tree = processTree(primary);
    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);
    await expect.poll(() => tree.filter(isRunning), { timeout: 15_000 }).toEqual([]);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    expect(server.output()).toMatch(/worker \d+ exited \(SIGKILL\)/);
  }, 180_000);
});
