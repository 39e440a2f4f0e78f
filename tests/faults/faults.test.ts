// `npm run test:faults`: the server under vote, phrase and comment load at half the rate it can
// take, through a kill -9 and a restart, an immediate stop of PostgreSQL and its return, and a
// SIGTERM. After each, every acknowledged write is in the database once and every counter equals
// its rows. Each fault's figures are printed at the end.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, createPool, type Database } from '../../server/src/db/client.ts';
import { openEventStream } from '../helpers/sse.ts';
import { countersAgainstRows, duplicates, findAcknowledged, type Found } from './checks.ts';
import { prepareTarget, saturation, startLoad, type Answer, type LoadTarget } from './load.ts';
import { createFaultCluster, type FaultCluster } from './postgres.ts';
import { startServer, type ServerProcess } from './server.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;
/** The longest a refusal may take while the database is away: the pool's connection timeout is 5 s. */
const REFUSAL_BOUND_MS = 5_500;
/** How soon after the database is back the server must serve again, without a restart. */
const RECOVERY_BOUND_MS = 5_000;
/** The server's grace period for a stop in these tests (SHUTDOWN_GRACE_SECONDS, as a process manager's 30 s), and how long the test waits for the exit. */
const GRACE_MS = 30_000;
const EXIT_WAIT_MS = GRACE_MS + 5_000;

const report: string[] = [];
const describeFound = (found: Found) =>
  Object.entries(found)
    .map(([operation, { acknowledged, found: present }]) => `${operation} ${present}/${acknowledged}`)
    .join(', ');

/** When the first write sent after `since` was acknowledged, in ms after `since`. */
function firstAcknowledgedAfter(answers: Answer[], since: number): number | null {
  const later = answers.filter((answer) => answer.startedAt >= since && ok(answer)).map((answer) => answer.endedAt);
  return later.length ? Math.round(Math.min(...later) - since) : null;
}

describe('under load at half its saturation, the platform keeps every acknowledged write through', () => {
  let cluster: FaultCluster;
  let server: ServerProcess;
  let pool: ReturnType<typeof createPool>;
  let db: Database;
  let target: LoadTarget;
  let rate: number;
  let port: number;

  beforeAll(async () => {
    cluster = await createFaultCluster();
    server = await startServer(cluster.url);
    port = Number(new URL(server.baseUrl).port);
    pool = createPool(cluster.url, 4);
    db = createDatabase(pool);
    target = await prepareTarget(db, server.baseUrl);
    const saturated = await saturation(server.baseUrl, target, 3, 16);
    rate = Math.max(5, Math.ceil(saturated.rate / 2));
    const medians = Object.entries(saturated.medianMs).map(([operation, ms]) => `${operation} ${ms} ms`).join(', ');
    report.push(`faults on ${cluster.version}: saturation ${Math.round(saturated.rate)} writes/s (16 at a time; medians ${medians}), load ${rate} writes/s (60 % votes, 20 % phrases, 20 % comments)`);
  }, 180_000);

  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await pool?.end();
    await cluster?.remove();
    console.log(report.join('\n'));
  }, 60_000);

  async function expectEverythingKept(answers: Answer[]): Promise<Found> {
    const found = await findAcknowledged(db, answers);
    for (const { acknowledged, found: present } of Object.values(found)) expect(present).toBe(acknowledged);
    expect(found.vote.acknowledged + found.submit.acknowledged + found.comment.acknowledged).toBeGreaterThan(0);
    expect(await countersAgainstRows(db, server.baseUrl, target.slug)).toEqual([]);
    expect(await duplicates(db, target.slug)).toEqual([]);
    return found;
  }

  it('a kill -9 of the server and a restart', async () => {
    const load = startLoad(() => server.baseUrl, target, rate, 'kill');
    await sleep(2_000);
    const killedAt = performance.now();
    server.child.kill('SIGKILL');
    await server.exited;
    server = await startServer(cluster.url, port);
    await sleep(2_000);
    const answers = await load.stop();

    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    const recovery = firstAcknowledgedAfter(answers, killedAt);
    expect(recovery).not.toBeNull();
    const found = await expectEverythingKept(answers);
    report.push(`  kill -9: ${answers.length} writes sent, found/acknowledged: ${describeFound(found)}; serving again ${recovery} ms after the kill (restart included)`);
  }, 120_000);

  it('an immediate stop of PostgreSQL: the server stays up, answers 503 at once, and serves again when it is back', async () => {
    const load = startLoad(() => server.baseUrl, target, rate, 'database');
    await sleep(2_000);
    const stoppedAt = performance.now();
    await cluster.crash();
    await sleep(3_000);
    const restartAt = performance.now();
    await cluster.start();
    const backAt = performance.now();
    await sleep(RECOVERY_BOUND_MS + 1_000);
    const answers = await load.stop();

    expect(server.child.exitCode, server.output()).toBeNull();
    expect(answers.filter((answer) => answer.status === 0 || (answer.status >= 500 && answer.status !== 503))).toEqual([]);
    const during = answers.filter((answer) => answer.startedAt > stoppedAt + 100 && answer.startedAt < restartAt);
    const refused = during.filter((answer) => !ok(answer));
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.contentType).toBe('application/problem+json; charset=utf-8');
      expect(answer.code).toBe('unavailable');
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    const slowestRefusal = Math.round(Math.max(...refused.map((answer) => answer.endedAt - answer.startedAt)));
    expect(slowestRefusal).toBeLessThanOrEqual(REFUSAL_BOUND_MS);
    const recovery = firstAcknowledgedAfter(answers, backAt);
    expect(recovery).not.toBeNull();
    expect(recovery!).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    const found = await expectEverythingKept(answers);
    report.push(
      `  PostgreSQL stopped -m immediate for 3 s: ${answers.length} writes sent, found/acknowledged: ${describeFound(found)}; ` +
        `${refused.length} refusals while it was down, all 503 unavailable with Retry-After, the slowest after ${slowestRefusal} ms; ` +
        `serving again ${recovery} ms after it was back (${Math.round(backAt - restartAt)} ms to start it), no restart of the server`,
    );
  }, 120_000);

  it('a SIGTERM: the server finishes what it took, closes event streams with a retry hint and exits 0 in the grace period', async () => {
    const stream = openEventStream(`${server.baseUrl}/api/campaigns/${target.slug}/events`);
    expect((await stream.ready).status).toBe(200);
    const load = startLoad(() => server.baseUrl, target, rate, 'term');
    await sleep(2_000);
    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    const exit = await Promise.race([server.exited, sleep(EXIT_WAIT_MS).then(() => null)]);
    const stoppedIn = Math.round(performance.now() - signalledAt);
    // Exit code 0 means every request finished within the grace period (past it the server closes them and exits 1).
    expect(exit, `still running ${EXIT_WAIT_MS} ms after SIGTERM:\n${server.output().slice(-3000)}`).toEqual({ code: 0, signal: null });
    expect(server.output()).not.toMatch(/pool after|after calling end|unhandled|uncaught/i);
    expect((await stream.ready).body()).toMatch(/retry: \d+\n\n$/);
    const stopped = server;
    server = await startServer(cluster.url, port);
    await sleep(1_000);
    const answers = await load.stop();

    // What the server had taken before the signal it finished: an answer came for every request sent well before it.
    const taken = answers.filter((answer) => answer.startedAt < signalledAt - 50);
    expect(taken.filter((answer) => answer.status === 0 || answer.status >= 500)).toEqual([]);
    expect(answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
    const found = await expectEverythingKept(answers);
    report.push(
      `  SIGTERM: exited 0 after ${stoppedIn} ms (grace ${GRACE_MS} ms); the event stream ended with a retry hint; ` +
        `${answers.length} writes sent, found/acknowledged: ${describeFound(found)}; serving again ${firstAcknowledgedAfter(answers, signalledAt)} ms after the signal (restart included); ` +
        `server log lines: ${stopped.output().split('\n').filter(Boolean).length}`,
    );
  }, 120_000);

  it('a SIGTERM while a request never completes: after the grace period the server closes it, says so, and exits 1', async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    server = await startServer(cluster.url, port, { SHUTDOWN_GRACE_SECONDS: '2' });
    // A body that stops arriving: the request stays in flight until its time runs out (60 s).
    const stalled = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write(`POST /api/campaigns/${target.slug}/submissions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\ncookie: ${target.residents[0]!.cookie}\r\nx-csrf-token: ${target.residents[0]!.csrf}\r\n\r\n{"phrase":`);
    const closed = new Promise((resolve) => stalled.once('close', resolve));
    await sleep(300);
    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    const exit = await Promise.race([server.exited, sleep(EXIT_WAIT_MS).then(() => null)]);
    const stoppedIn = Math.round(performance.now() - signalledAt);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(stoppedIn).toBeGreaterThanOrEqual(2_000);
    expect(stoppedIn).toBeLessThan(5_000);
    expect(server.output()).toMatch(/not finished after 2 s/);
    await closed;
    server = await startServer(cluster.url, port);
    report.push(`  SIGTERM with a stalled request: exited 1 after ${stoppedIn} ms (grace 2 s), the request closed`);
  }, 120_000);
});
