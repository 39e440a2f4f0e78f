// Pins processes to CPUs with taskset, so PostgreSQL can be given CPUs of its own as it would have
// on its own machine, with the client side (pgbench, or the server and its load generator) on the rest.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Layout = { name: string; describe: string; database: string; clients: string };

const list = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);

/** Both layouts the vote benchmark measures; `split` only on machines with two CPUs or more. */
export function layouts(): Layout[] {
  const cpus = availableParallelism();
  const all = list(0, cpus - 1);
  const shared = { name: 'shared', describe: `every process on CPUs ${all}`, database: all, clients: all };
  if (cpus < 2) return [shared];
  const half = Math.floor(cpus / 2);
  const database = list(half, cpus - 1);
  const clients = list(0, half - 1);
  return [shared, { name: 'split', describe: `PostgreSQL on CPU ${database}, everything else on CPU ${clients}`, database, clients }];
}

export const postgresPids = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);

/** Pins every thread of the processes; new PostgreSQL backends inherit their postmaster's CPUs. */
export async function pin(pids: number[], cpus: string): Promise<void> {
  for (const pid of pids) await run('taskset', ['-a', '-p', '-c', cpus, String(pid)]).catch(() => undefined);
}
