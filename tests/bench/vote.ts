// `npm run bench -- vote`: the full vote endpoint (session, CSRF, rate-limit hook, stage rule,
// budget, counter) against pgbench running the same SQL on the same database.
import { execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { layouts, pin, pinCluster, type Layout } from './affinity.ts';
import { cpuPerOperation, cpuSnapshot } from './cpu.ts';
import { fullLoad, pacedLoad, summarize, type FullResult, type PacedRequest, type PacedResult } from './paced.ts';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { campaigns, sessions, submissions, users } from '../../server/src/db/schema.ts';
import { csrfTokenFor, hashToken } from '../../server/src/modules/accounts/sessions.ts';
import { sessionByToken } from '../../server/src/modules/accounts/sessions.ts';
import { voteStatements } from '../../server/src/modules/votes/service.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';
import { statusIn } from '../../server/src/db/status-sql.ts';

const run = promisify(execFile);
const VOTERS = 200;
const ENTRIES = 500;
const MAX_VOTES = 10_000; // the most a campaign allows; never reached by 200 voters over 500 entries
const MAX_VOTES_PER_MINUTE = 1000; // the most a campaign allows, so the bench measures the vote path rather than refusals

// The bench's voters, entries and session tokens follow from their numbers, so pgbench can compute
// each statement's parameters from two random numbers without reading anything else.
const voterId = (k: number | string) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
const entryId = (k: number | string) => `00000000-0000-4000-9000-${String(k).padStart(12, '0')}`;
const voterToken = (k: number | string) => `bench-token-${k}`;

// pgbench replays the statements the endpoint sends, taken from the code, prepared as the server
// prepares them. Each placeholder becomes an expression of pgbench's random numbers :u and :e that
// yields the same value the server would bind (the session token's hash is computed as hashToken does).
const benchValues = (campaignId: string, version: string): Record<string, string> => ({
  tokenHash: `rtrim(translate(encode(sha256(convert_to('session:' || '${voterToken('')}' || :u, 'UTF8')), 'base64'), '+/', '-_'), '=')`,
  user: `('${voterId('').slice(0, 24)}' || lpad(:u::text, 12, '0'))::uuid`,
  entry: `('${entryId('').slice(0, 24)}' || lpad(:e::text, 12, '0'))::uuid`,
  campaign: `'${campaignId}'::uuid`,
  version: `'${version}'`,
  max: String(MAX_VOTES),
  perMinute: String(MAX_VOTES_PER_MINUTE),
});

function replay(statement: { getQuery(): { sql: string; params: unknown[] } }, values: Record<string, string>): string {
  const { sql: text, params } = statement.getQuery();
  return `${text.replace(/\$(\d+)/g, (_, i: string) => values[(params[Number(i) - 1] as { name: string }).name]!)};`;
}

// Once the server has seen an entry, a vote sends two statements: the session lookup and the vote
// function, which checks the campaign's row version the server decided on (it does not change during the bench).
function endpointScript(db: Database, campaign: { id: string; version: string }, vote: boolean): string {
  const values = benchValues(campaign.id, campaign.version);
  return [
    `\\set u random(1, ${VOTERS})`,
    `\\set e random(1, ${ENTRIES})`,
    replay(sessionByToken(db), values),
    replay(vote ? voteStatements.castVoteStatement(db) : voteStatements.withdrawVoteStatement(db), values),
    '',
  ].join('\n');
}

type Voter = { cookie: string; csrf: string };

type BenchCampaign = { id: string; version: string };

/** The bench's voters, sessions and entries (again, unchanged, when another scenario made them already). */
export async function prepareVoteBench(db: Database): Promise<{ campaign: BenchCampaign; voters: Voter[]; entryIds: string[] }> {
  const [campaign] = await db.select().from(campaigns).limit(1);
  await db.execute(sql`UPDATE campaigns SET stage = 'collect', settings = settings || ${JSON.stringify({ maxVotesPerUser: MAX_VOTES, maxVotesPerMinute: MAX_VOTES_PER_MINUTE })}::jsonb WHERE id = ${campaign!.id}`);
  const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
  await db.insert(users).values(numbers(VOTERS).map((k) => ({ id: voterId(k), displayName: `Bench voter ${k}` }))).onConflictDoNothing();
  await db.insert(sessions).values(numbers(VOTERS).map((k) => ({ userId: voterId(k), tokenHash: hashToken(voterToken(k)), ip: '127.0.0.1', userAgent: 'bench' }))).onConflictDoNothing();
  const voters = numbers(VOTERS).map((k) => ({ cookie: `city_spirit_session=${voterToken(k)}`, csrf: csrfTokenFor(voterToken(k)) }));
  await db.insert(submissions).values(
    numbers(ENTRIES).map((k) => ({
      id: entryId(k),
      campaignId: campaign!.id,
      authorId: voterId(1),
      phrase: `投票压测${k}`,
      language: 'zh',
      ...textIndexColumns(`投票压测${k}`, ''),
    })),
  ).onConflictDoNothing();
  // pgbench must find the same session the server finds, or it would skip the lookup's work.
  const { rows } = await db.execute<{ found: number }>(sql.raw(`SELECT count(*)::integer AS found FROM sessions WHERE token_hash = ${benchValues(campaign!.id, '').tokenHash!.replace(':u', '1')}`));
  if (rows[0]?.found !== 1) throw new Error('the pgbench session-hash expression does not match hashToken');
  await db.execute(sql`ANALYZE`);
  await similarPairsCaughtUp(db);
  const [{ version }] = (await db.execute<{ version: string }>(sql`SELECT xmin::text AS version FROM campaigns WHERE id = ${campaign!.id}`)).rows as [{ version: string }];
  return { campaign: { id: campaign!.id, version }, voters, entryIds: numbers(ENTRIES).map(entryId) };
}

/**
 * The server pairs every new entry with similar ones in the background (moderation/duplicates.ts):
 * measuring starts once it has worked through the bench's entries, so that work is not counted as the votes'.
 */
async function similarPairsCaughtUp(db: Database): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::integer AS n FROM submissions WHERE pairs_checked_at IS NULL AND ${statusIn('status', 'listed')}`);
    if (rows[0]!.n === 0) return;
    if (Date.now() - started > 300_000) throw new Error(`the server has not paired ${rows[0]!.n} entries after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * pgbench at full speed, or throttled to `rate` (Poisson arrivals, latency from the scheduled start,
 * as in pacedLoad); returns its rate and, throttled, its latencies from the per-transaction log.
 */
async function pgbench(db: Database, databaseUrl: string, options: { campaign: BenchCampaign; seconds: number; clients: number; cpus: string; rate?: number }): Promise<{ tps: number; latencies: number[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'city-spirit-pgbench-'));
  await writeFile(path.join(dir, 'vote.sql'), endpointScript(db, options.campaign, true));
  await writeFile(path.join(dir, 'unvote.sql'), endpointScript(db, options.campaign, false));
  const throttle = options.rate ? ['-R', String(options.rate), '-l', '--log-prefix', path.join(dir, 'log')] : [];
  const { stdout } = await run(
    'taskset',
    ['-c', options.cpus, 'pgbench', '-n', '-M', 'prepared', '-c', String(options.clients), '-j', '2', '-T', String(options.seconds), ...throttle, '-f', path.join(dir, 'vote.sql'), '-f', path.join(dir, 'unvote.sql'), databaseUrl],
  );
  const tps = /tps = ([\d.]+)/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  const logs = options.rate ? (await readdir(dir)).filter((name) => name.startsWith('log.')) : [];
  const lines = (await Promise.all(logs.map((name) => readFile(path.join(dir, name), 'utf8')))).join('').split('\n').filter(Boolean);
  await rm(dir, { recursive: true, force: true });
  // Each line: client, transaction, latency in µs (including the wait behind the schedule), ...
  return { tps: Number(tps[1]), latencies: lines.map((line) => Number(line.split(' ')[2]) / 1000) };
}

/** A random resident supports or withdraws from a random entry, as pgbench's two scripts do. */
export function randomVote(voters: Voter[], entryIds: string[]): PacedRequest {
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const voter = pick(voters);
  return {
    method: Math.random() < 0.5 ? 'PUT' : 'DELETE',
    path: `/api/submissions/${pick(entryIds)}/vote`,
    headers: { cookie: voter.cookie, 'x-csrf-token': voter.csrf },
  };
}

type Measured<T> = { result: T; cpu: string };

const WARM_UP_SECONDS = 3;

/**
 * Runs one phase: VACUUM clears the last phase's dead rows, then the same load runs unmeasured for a
 * few seconds (fresh connections, prepared statements, full-page writes after VACUUM) before the
 * measured run. Forcing a CHECKPOINT here made every phase start with a burst of full-page writes.
 */
async function phase<T>(db: Database, serverPid: number, operations: (result: T) => number, run: (seconds: number) => Promise<T>, seconds: number): Promise<Measured<T>> {
  await db.execute(sql`VACUUM (ANALYZE) votes, submissions`);
  await run(WARM_UP_SECONDS);
  const before = cpuSnapshot(serverPid);
  const result = await run(seconds);
  return { result, cpu: cpuPerOperation(before, cpuSnapshot(serverPid), operations(result)) };
}

type Target = { baseUrl: string; databaseUrl: string; server: ChildProcess };
type Bench = Awaited<ReturnType<typeof prepareVoteBench>>;

/** Measures one CPU layout, with the bench's PostgreSQL cluster and our processes pinned for it. */
async function measure(db: Database, target: Target, bench: Bench, options: { seconds: number; connections: number; layout: Layout }) {
  const { layout } = options;
  const [backend] = (await db.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)).rows;
  const restore = [await pinCluster(backend!.pid, layout.database), await pin([process.pid, target.server.pid!], layout.clients)];
  try {
    return await measureLayout(db, target, bench, options);
  } finally {
    for (const undo of restore.reverse()) await undo();
  }
}

async function measureLayout(db: Database, target: Target, bench: Bench, options: { seconds: number; connections: number; layout: Layout }) {
  const { seconds, connections, layout } = options;
  const { campaign, voters, entryIds } = bench;
  const pid = target.server.pid!;
  const database = await phase(db, pid, ({ tps }: { tps: number }) => tps * seconds, (time) => pgbench(db, target.databaseUrl, { campaign, seconds: time, clients: connections, cpus: layout.clients }), seconds);
  const full = await phase(db, pid, (result: FullResult) => result.answered, (time) => fullLoad({ baseUrl: target.baseUrl, seconds: time, connections, next: () => randomVote(voters, entryIds) }), seconds);
  const half = Math.round(database.result.tps / 2);
  const pacedDatabase = await phase(db, pid, ({ tps }: { tps: number }) => tps * seconds, (time) => pgbench(db, target.databaseUrl, { campaign, seconds: time, clients: connections, cpus: layout.clients, rate: half }), seconds);
  const pacedLatency = summarize(pacedDatabase.result.latencies);
  const paced = await phase(
    db,
    pid,
    (result: PacedResult) => result.sent,
    async (time) => {
      await serverDurations(target.server);
      return pacedLoad({ baseUrl: target.baseUrl, rate: half, seconds: time, connections, next: () => randomVote(voters, entryIds) });
    },
    seconds,
  );
  const { durations, loopDelay } = await serverDurations(target.server);
  const inServer = summarize(durations);
  const rate = full.result.rate;
  return [
    `           ${layout.name} CPUs (${layout.describe}):`,
    `             pgbench, the same statements prepared, ${connections} clients: ${Math.round(database.result.tps)} tx/s`,
    `             endpoint, ${connections} connections: ${Math.round(rate)} req/s = ${(rate / database.result.tps).toFixed(2)}× pgbench (target ≥ 0.7×), p50 ${full.result.latency.p50} ms, p99 ${full.result.latency.p99} ms, failures ${full.result.failures}`,
    `             endpoint paced at ${half} req/s (half of pgbench): evenly spaced: p50 ${paced.result.latency.p50} ms, p90 ${paced.result.latency.p90} ms, p99 ${paced.result.latency.p99} ms (target ≤ 25 ms), max ${paced.result.latency.max} ms, failures ${paced.result.failures}`,
    `             pgbench paced at the same rate (Poisson arrivals): p50 ${pacedLatency.p50} ms, p90 ${pacedLatency.p90} ms, p99 ${pacedLatency.p99} ms, max ${pacedLatency.max} ms`,
    `             the same requests timed inside the server (routing to reply sent): p50 ${inServer.p50} ms, p90 ${inServer.p90} ms, p99 ${inServer.p99} ms, max ${inServer.max} ms; event-loop delay p50 ${loopDelay.p50} ms, p99 ${loopDelay.p99} ms, max ${loopDelay.max} ms`,
    `             CPU ms per vote: pgbench run: ${database.cpu}; endpoint run: ${full.cpu}; paced run: ${paced.cpu}`,
  ];
}

/** The server-side durations (ms) of the requests since the last call. */
async function serverDurations(server: ChildProcess): Promise<{ durations: number[]; loopDelay: { p50: number; p99: number; max: number } }> {
  server.send('durations');
  const [message] = (await once(server, 'message')) as [{ durations: number[]; loopDelay: { p50: number; p99: number; max: number } }];
  return message;
}

/**
 * What pgbench's parameter expressions (the token hash, the voter's and the entry's uuid)
 * cost PostgreSQL per transaction, in µs: work the server does in Node instead, so it slows pgbench.
 */
async function expressionCost(db: Database, campaign: BenchCampaign): Promise<number> {
  const values = benchValues(campaign.id, campaign.version);
  const row = (k: string) => [values.tokenHash, values.user, values.entry].map((value) => value!.replace(/(?<!:):[ue]\b/g, k)).join(', ');
  const timed = async (select: string) => {
    const started = performance.now();
    await db.execute(sql.raw(`SELECT sum(length(concat_ws(',', ${select}))) FROM generate_series(1, 200000) g`));
    return ((performance.now() - started) * 1000) / 200_000;
  };
  await timed('g');
  return (await timed(row('g'))) - (await timed('g'));
}

export async function voteBenchmark(db: Database, baseUrl: string, databaseUrl: string, seconds: number, connections: number, server: ChildProcess): Promise<string> {
  const bench = await prepareVoteBench(db);
  const lines = ['vote       PUT/DELETE vote through the whole stack, and pgbench replaying its statements on the same database'];
  lines.push(`           pgbench computes its parameters in SQL: ${(await expressionCost(db, bench.campaign)).toFixed(1)} µs of PostgreSQL time per transaction that the endpoint spends in Node instead`);
  for (const layout of layouts()) lines.push(...(await measure(db, { baseUrl, databaseUrl, server }, bench, { seconds, connections, layout })));
  const { rows } = await db.execute<{ drift: string }>(sql`
    SELECT count(*) AS drift FROM submissions s WHERE s.vote_count <> (SELECT count(*) FROM votes v WHERE v.submission_id = s.id)`);
  lines.push(`           counters differing from count(*) afterwards: ${rows[0]!.drift}`);
  return lines.join('\n');
}
