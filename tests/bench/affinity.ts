// Pins processes to CPUs with taskset, so PostgreSQL can be given CPUs of its own as it would have
// on its own machine, with the client side (pgbench, or the server and its load generator) on the rest.
// Only the bench's own PostgreSQL cluster and processes are pinned, and each gets its mask back.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type Layout = { name: string; describe: string; database: string; clients: string };

function status(pid: number, field: string): string | undefined {
  try {
    return new RegExp(`^${field}:\\s*(.*)$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]?.trim();
  } catch {
    return undefined;
  }
}

/** CPU ids in a list such as "0-3,6". */
function cpuIds(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return Array.from({ length: to! - from! + 1 }, (_, i) => from! + i);
  });
}

/**
 * The layouts the vote benchmark measures, over the CPUs this process may use; `split` needs two.
 * BENCH_LAYOUTS (for example `shared`) measures only those named.
 */
export function layouts(): Layout[] {
  const wanted = process.env.BENCH_LAYOUTS?.split(',').filter(Boolean);
  return allLayouts().filter((layout) => !wanted || wanted.includes(layout.name));
}

function allLayouts(): Layout[] {
  const all = status(process.pid, 'Cpus_allowed_list') ?? '0';
  const cpus = cpuIds(all);
  const shared = { name: 'shared', describe: `every process on CPUs ${all}`, database: all, clients: all };
  if (cpus.length < 2) return [shared];
  const half = Math.floor(cpus.length / 2);
  const clients = cpus.slice(0, half).join(',');
  const database = cpus.slice(half).join(',');
  return [shared, { name: 'split', describe: `PostgreSQL on CPU ${database}, everything else on CPU ${clients}`, database, clients }];
}

/** A postmaster and all its children (backends and background processes). */
function cluster(postmaster: number): number[] {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => Number(status(pid, 'PPid')) === postmaster);
  return [postmaster, ...children];
}

async function setMask(pid: number, cpus: string): Promise<void> {
  try {
    await run('taskset', ['-a', '-p', '-c', cpus, String(pid)]);
  } catch (error) {
    if (status(pid, 'Pid') !== undefined) throw new Error(`taskset could not pin process ${pid} to CPUs ${cpus}: ${String(error)}`);
  }
}

/** Pins the processes (new backends inherit their postmaster's CPUs); returns what restores them. */
export async function pin(pids: number[], cpus: string): Promise<() => Promise<void>> {
  const saved = pids.map((pid) => [pid, status(pid, 'Cpus_allowed_list')] as const);
  for (const pid of pids) await setMask(pid, cpus);
  return async () => {
    for (const [pid, mask] of saved) if (mask) await setMask(pid, mask);
  };
}

/**
 * Pins the PostgreSQL cluster that serves `backendPid` (its postmaster, found as the backend's
 * parent, and every child, present and future); the restorer gives all of them the postmaster's mask back.
 */
export async function pinCluster(backendPid: number, cpus: string): Promise<() => Promise<void>> {
  const postmaster = Number(status(backendPid, 'PPid'));
  const original = status(postmaster, 'Cpus_allowed_list');
  if (!original) throw new Error(`no PostgreSQL postmaster found above backend ${backendPid}`);
  for (const pid of cluster(postmaster)) await setMask(pid, cpus);
  return async () => {
    for (const pid of cluster(postmaster)) await setMask(pid, original);
  };
}
