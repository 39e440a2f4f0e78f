// CPU time by process, read from /proc, to show where a scenario's CPU goes on a shared machine.
import { readdirSync, readFileSync } from 'node:fs';

export type CpuGroups = Record<string, number>;

const TICK_MS = 10; // Linux USER_HZ is 100 on every architecture Node supports

type ProcessTimes = { pid: number; parent: number; comm: string; own: number; user: number; system: number; children: number };

function processTimes(pid: string): ProcessTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (field: number) => Number(fields[field]) * TICK_MS;
    // utime and stime, and cutime + cstime: what its children that have exited used.
    const user = ms(11);
    const system = ms(12);
    return { pid: Number(pid), parent: Number(fields[1]), comm, own: user + system, user, system, children: ms(13) + ms(14) };
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds used so far by PostgreSQL (its exited backends included), by this process, by
 * the server process (with its user and system parts), and by pgbench (this process's exited children: pgbench is the only one).
 */
export function cpuSnapshot(serverPid: number): CpuGroups {
  const self = processTimes(String(process.pid));
  const server = processTimes(String(serverPid));
  const groups: CpuGroups = {
    postgres: 0,
    pgbench: self?.children ?? 0,
    'load generator': self?.own ?? 0,
    server: server?.own ?? 0,
    // The server's time split into its own code (user) and the kernel's work on its behalf (system):
    // on loopback TCP the kernel delivers each packet to the receiver in the sender's time.
    'server user': server?.user ?? 0,
    'server system': server?.system ?? 0,
  };
  for (const times of allProcessTimes()) {
    if (times.comm === 'postgres') groups.postgres! += times.own + times.children;
  }
  return groups;
}

/** The CPU times of every process now running (one that ends while /proc is read is left out). */
export function allProcessTimes(): ProcessTimes[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(processTimes)
    .filter((times): times is ProcessTimes => times !== null);
}

/** CPU milliseconds per operation by group between two snapshots, for groups that used any. */
export function cpuPerOperation(before: CpuGroups, after: CpuGroups, operations: number): string {
  return Object.keys(after)
    .map((group) => [group, (after[group]! - (before[group] ?? 0)) / operations] as const)
    .filter(([, ms]) => ms > 0)
    .map(([group, ms]) => `${group} ${ms.toFixed(2)}`)
    .join(', ');
}
