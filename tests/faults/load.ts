// The fault tests' load: residents voting, submitting phrases and commenting, paced at a rate, each
// request logged with what the server answered, so that afterwards every acknowledged write can be
// looked for in the database.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { sessions, submissions, users } from '../../server/src/db/schema.ts';
import { csrfTokenFor, hashToken } from '../../server/src/modules/accounts/sessions.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';

export type Resident = { id: string; cookie: string; csrf: string };
export type Operation = 'vote' | 'submit' | 'comment';

export type Answer = {
  operation: Operation;
  /** The vote's user and entry, or what the write created (its id from the 201). */
  key: string;
  startedAt: number;
  endedAt: number;
  /** 0 when no answer came: the connection was refused or dropped. */
  status: number;
  contentType: string;
  retryAfter: string | null;
  code: string | null;
};

export type LoadTarget = { slug: string; residents: Resident[]; entryIds: string[]; admin: Resident };

const RESIDENTS = 200;
const ENTRIES = 300;

/** Residents with sessions, an admin, a campaign in the collect stage and entries to vote and comment on. */
export async function prepareTarget(db: Database, baseUrl: string): Promise<LoadTarget> {
  const people = await db
    .insert(users)
    .values(Array.from({ length: RESIDENTS + 1 }, (_, i) => ({ displayName: `故障测试居民${i}`, role: i === 0 ? ('admin' as const) : ('resident' as const) })))
    .returning({ id: users.id });
  const withSessions = await Promise.all(
    people.map(async ({ id }) => {
      const token = randomBytes(24).toString('base64url');
      await db.insert(sessions).values({ userId: id, tokenHash: hashToken(token), ip: '127.0.0.1', userAgent: 'faults' });
      return { id, cookie: `city_spirit_session=${token}`, csrf: csrfTokenFor(token) };
    }),
  );
  const [admin, ...residents] = withSessions;
  const slug = `faults-${randomBytes(3).toString('hex')}`;
  const created = await fetch(`${baseUrl}/api/campaigns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin!.cookie, 'x-csrf-token': admin!.csrf },
    body: JSON.stringify({
      slug,
      title: '故障测试',
      description: 'A campaign for the fault tests.',
      settings: { maxVotesPerUser: 10_000, maxVotesPerMinute: 1000, maxSubmissionsPerUser: 1000, maxSubmissionsPerHour: 1000, maxCommentsPerHour: 1000 },
    }),
  });
  if (created.status !== 201) throw new Error(`campaign not created: ${await created.text()}`);
  const { rows } = await db.execute<{ id: string }>(sql`SELECT id FROM campaigns WHERE slug = ${slug}`);
  const entries = await db
    .insert(submissions)
    .values(
      Array.from({ length: ENTRIES }, (_, i) => ({
        campaignId: rows[0]!.id,
        authorId: residents[i % residents.length]!.id,
        phrase: `故障测试短语${i}`,
        language: 'zh' as const,
        ...textIndexColumns(`故障测试短语${i}`, ''),
      })),
    )
    .returning({ id: submissions.id });
  return { slug, residents, entryIds: entries.map((entry) => entry.id), admin: admin! };
}

/** Draws the next request: six in ten a vote (each resident–entry pair once), two a phrase, two a comment. */
function requests(target: LoadTarget, label: string) {
  const pairs = target.residents.flatMap((resident) => target.entryIds.map((entryId) => [resident, entryId] as const));
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  let n = 0;
  return (): { operation: Operation; key: string; path: string; method: string; resident: Resident; body?: unknown } => {
    n++;
    const resident = target.residents[n % target.residents.length]!;
    const entryId = target.entryIds[Math.floor(Math.random() * target.entryIds.length)]!;
    const roll = Math.random();
    if (roll < 0.6) {
      const [voter, entry] = pairs.pop()!;
      return { operation: 'vote', key: `${voter.id}|${entry}`, method: 'PUT', path: `/api/submissions/${entry}/vote`, resident: voter };
    }
    if (roll < 0.8) {
      return { operation: 'submit', key: '', method: 'POST', path: `/api/campaigns/${target.slug}/submissions`, resident, body: { phrase: `${label}压测短语${n}号${randomBytes(3).toString('hex')}` } };
    }
    return { operation: 'comment', key: '', method: 'POST', path: `/api/submissions/${entryId}/comments`, resident, body: { body: `${label} 压测评论 ${n} ${randomBytes(3).toString('hex')}`, stance: 'support' } };
  };
}

async function send(baseUrl: string, request: ReturnType<ReturnType<typeof requests>>): Promise<Answer> {
  const startedAt = performance.now();
  const answer = { operation: request.operation, key: request.key, startedAt, endedAt: startedAt, status: 0, contentType: '', retryAfter: null as string | null, code: null as string | null };
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: { cookie: request.resident.cookie, 'x-csrf-token': request.resident.csrf, ...(request.body ? { 'content-type': 'application/json' } : {}) },
      body: request.body ? JSON.stringify(request.body) : null,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    answer.status = response.status;
    answer.contentType = response.headers.get('content-type') ?? '';
    answer.retryAfter = response.headers.get('retry-after');
    const body = text ? (JSON.parse(text) as { submission?: { id: string }; comment?: { id: string }; code?: string }) : {};
    if (response.ok && request.operation === 'submit') answer.key = body.submission!.id;
    if (response.ok && request.operation === 'comment') answer.key = body.comment!.id;
    answer.code = body.code ?? null;
  } catch {
    // refused, reset or timed out: no answer
  }
  answer.endedAt = performance.now();
  return answer;
}

export type RunningLoad = { stop: () => Promise<Answer[]>; answers: Answer[] };

/** Sends `rate` requests a second, evenly spaced, whatever the answers; `baseUrl()` is read for each. */
export function startLoad(baseUrl: () => string, target: LoadTarget, rate: number, label: string): RunningLoad {
  const next = requests(target, label);
  const answers: Answer[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      const pending: Promise<void> = send(baseUrl(), next()).then((answer) => {
        answers.push(answer);
        inFlight.delete(pending);
      });
      inFlight.add(pending);
    }
    timer = setTimeout(tick, 5);
  };
  let timer = setTimeout(tick, 0);
  return {
    answers,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(inFlight);
      return answers;
    },
  };
}

/** The rate the server answers writes at with `connections` requests always waiting, over `seconds`, and each kind's median time. */
export async function saturation(baseUrl: string, target: LoadTarget, seconds: number, connections: number): Promise<{ rate: number; medianMs: Record<Operation, number> }> {
  const next = requests(target, 'saturation');
  const until = performance.now() + seconds * 1000;
  const times: Record<Operation, number[]> = { vote: [], submit: [], comment: [] };
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const answer = await send(baseUrl, next());
        if (answer.status >= 200 && answer.status < 300) times[answer.operation].push(answer.endedAt - answer.startedAt);
      }
    }),
  );
  const median = (values: number[]) => Math.round(values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);
  const answered = times.vote.length + times.submit.length + times.comment.length;
  return { rate: answered / seconds, medianMs: { vote: median(times.vote), submit: median(times.submit), comment: median(times.comment) } };
}
