// The application as production runs it: `server/src/main.ts` in a process of its own, so that the
// fault tests can kill it, stop it with a signal and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from '../../server/src/config.ts';
import { freePort } from '../../server/src/db/embedded.ts';

export type ServerProcess = {
  baseUrl: string;
  child: ChildProcess;
  /** What the process wrote to stdout and stderr. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Waits until /api/health answers 200, or the process exits, or the time is up. */
async function healthy(baseUrl: string, server: Pick<ServerProcess, 'child' | 'output'>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode}:\n${server.output()}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server did not become healthy in ${timeoutMs} ms:\n${server.output()}`);
}

/** Starts the server on `databaseUrl`, on the given port or a free one, and waits until it is healthy. */
export async function startServer(databaseUrl: string, port?: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '20',
      HOST: '127.0.0.1',
      PORT: String(chosen),
      WEB_DIST_DIR: 'web/dist',
      SEED_DEMO_DATA: 'false',
      // The load comes from one address and a few hundred accounts: the request limits must not refuse it.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
      RATE_LIMIT_USER_READS_PER_MINUTE: '100000000',
      RATE_LIMIT_USER_WRITES_PER_MINUTE: '100000000',
      EVENTS_MAX_CONNECTIONS_PER_ADDRESS: '1000',
      // These tests are about crashes, not overload: on a busy machine no request may be shed.
      OVERLOAD_MAX_POOL_WAITING: '0',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      SHUTDOWN_GRACE_SECONDS: '30',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const server: ServerProcess = { baseUrl: `http://127.0.0.1:${chosen}`, child, output: () => output, exited };
  await healthy(server.baseUrl, server, 60_000);
  return server;
}
