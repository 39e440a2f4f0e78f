// `npm run bench -- vote`: the full vote endpoint (session, CSRF, rate-limit hook, stage rule,
// budget, counter) against pgbench running the same SQL on the same database.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { campaigns, submissions, users } from '../../server/src/db/schema.ts';
import { createSession, csrfTokenFor, hashToken } from '../../server/src/modules/accounts/sessions.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';

const run = promisify(execFile);
const VOTERS = 200;
const ENTRIES = 500;

const ENDPOINT_SQL = (vote: boolean) => `\\set u random(1, ${VOTERS})
\\set e random(1, ${ENTRIES})
SELECT s.id, u.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = (SELECT token_hash FROM bench_voters WHERE k = :u);
BEGIN;
SELECT id, campaign_id, status, author_id FROM submissions WHERE id = (SELECT id FROM bench_entries WHERE k = :e);
SELECT id, slug, stage, settings FROM campaigns WHERE id = (SELECT campaign_id FROM bench_entries WHERE k = :e);
${vote ? `SELECT pg_advisory_xact_lock(hashtext((SELECT campaign_id::text FROM bench_entries WHERE k = :e)), hashtext('votes:' || (SELECT user_id::text FROM bench_voters WHERE k = :u)));
SELECT user_id FROM votes WHERE user_id = (SELECT user_id FROM bench_voters WHERE k = :u) AND submission_id = (SELECT id FROM bench_entries WHERE k = :e);
SELECT count(*) FROM votes WHERE user_id = (SELECT user_id FROM bench_voters WHERE k = :u) AND campaign_id = (SELECT campaign_id FROM bench_entries WHERE k = :e);
WITH changed AS (INSERT INTO votes (user_id, submission_id, campaign_id) SELECT v.user_id, e.id, e.campaign_id FROM bench_voters v, bench_entries e WHERE v.k = :u AND e.k = :e ON CONFLICT DO NOTHING RETURNING 1)` : `WITH changed AS (DELETE FROM votes WHERE user_id = (SELECT user_id FROM bench_voters WHERE k = :u) AND submission_id = (SELECT id FROM bench_entries WHERE k = :e) RETURNING 1)`}
UPDATE submissions SET vote_count = vote_count ${vote ? '+' : '-'} (SELECT count(*) FROM changed) WHERE id = (SELECT id FROM bench_entries WHERE k = :e) RETURNING vote_count;
SELECT count(*) FROM votes WHERE user_id = (SELECT user_id FROM bench_voters WHERE k = :u) AND campaign_id = (SELECT campaign_id FROM bench_entries WHERE k = :e);
COMMIT;
`;

type Voter = { cookie: string; csrf: string };

async function prepare(db: Database): Promise<{ voters: Voter[]; entryIds: string[] }> {
  const [campaign] = await db.select().from(campaigns).limit(1);
  await db.execute(sql`UPDATE campaigns SET stage = 'collect', settings = settings || '{"maxVotesPerUser": 100000}'::jsonb WHERE id = ${campaign!.id}`);
  const created = await db
    .insert(users)
    .values(Array.from({ length: VOTERS }, (_, i) => ({ displayName: `Bench voter ${i}` })))
    .returning({ id: users.id });
  const voters: Voter[] = [];
  await db.execute(sql`CREATE TABLE bench_voters (k int PRIMARY KEY, user_id uuid, token_hash text)`);
  await db.execute(sql`CREATE TABLE bench_entries (k int PRIMARY KEY, id uuid, campaign_id uuid)`);
  for (const [i, user] of created.entries()) {
    const { token } = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'bench' });
    voters.push({ cookie: `city_spirit_session=${token}`, csrf: csrfTokenFor(token) });
    await db.execute(sql`INSERT INTO bench_voters VALUES (${i + 1}, ${user.id}, ${hashToken(token)})`);
  }
  const entries = await db
    .insert(submissions)
    .values(
      Array.from({ length: ENTRIES }, (_, i) => ({
        campaignId: campaign!.id,
        authorId: created[0]!.id,
        phrase: `投票压测${i}`,
        language: 'zh',
        ...textIndexColumns(`投票压测${i}`, ''),
      })),
    )
    .returning({ id: submissions.id });
  for (const [i, entry] of entries.entries()) await db.execute(sql`INSERT INTO bench_entries VALUES (${i + 1}, ${entry.id}, ${campaign!.id})`);
  await db.execute(sql`ANALYZE`);
  return { voters, entryIds: entries.map((entry) => entry.id) };
}

async function pgbench(databaseUrl: string, seconds: number, clients: number): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'city-spirit-pgbench-'));
  await writeFile(path.join(dir, 'vote.sql'), ENDPOINT_SQL(true));
  await writeFile(path.join(dir, 'unvote.sql'), ENDPOINT_SQL(false));
  const { stdout } = await run('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', path.join(dir, 'vote.sql'), '-f', path.join(dir, 'unvote.sql'), databaseUrl]);
  const tps = /tps = ([\d.]+)/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(tps[1]);
}

function cannon(baseUrl: string, voters: Voter[], entryIds: string[], options: { seconds: number; connections: number; rate?: number }) {
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  return autocannon({
    url: baseUrl,
    duration: options.seconds,
    connections: options.connections,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const voter = pick(voters);
          return {
            ...request,
            method: Math.random() < 0.5 ? 'PUT' : 'DELETE',
            path: `/api/submissions/${pick(entryIds)}/vote`,
            headers: { cookie: voter.cookie, 'x-csrf-token': voter.csrf },
          };
        },
      },
    ],
  });
}

export async function voteBenchmark(db: Database, baseUrl: string, databaseUrl: string, seconds: number, connections: number): Promise<string> {
  const { voters, entryIds } = await prepare(db);
  const database = await pgbench(databaseUrl, seconds, connections);
  const full = await cannon(baseUrl, voters, entryIds, { seconds, connections });
  const half = Math.round(database / 2);
  const paced = await cannon(baseUrl, voters, entryIds, { seconds, connections, rate: half });
  const { rows } = await db.execute<{ drift: string }>(sql`
    SELECT count(*) AS drift FROM submissions s WHERE s.vote_count <> (SELECT count(*) FROM votes v WHERE v.submission_id = s.id)`);
  const failures = (result: autocannon.Result) => result.non2xx + result.errors + result.timeouts;
  return [
    `vote       pgbench (same SQL, ${connections} clients): ${Math.round(database)} tx/s`,
    `           endpoint, ${connections} connections: ${Math.round(full.requests.average)} req/s = ${(full.requests.average / database).toFixed(2)}× pgbench (target ≥ 0.6×), p99 ${full.latency.p99} ms, failures ${failures(full)}`,
    `           endpoint paced at ${half} req/s (half of pgbench): p50 ${paced.latency.p50} ms, p99 ${paced.latency.p99} ms (target ≤ 25 ms), failures ${failures(paced)}`,
    `           counters differing from count(*) afterwards: ${rows[0]!.drift}`,
  ].join('\n');
}
