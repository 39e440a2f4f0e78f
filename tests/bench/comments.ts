// A long discussion: one entry with 10 000 comments (a third at the top level, the rest replies to
// depth 3, with up and down votes), read over HTTP: the first and a deep page of sort=top and
// sort=new, anonymous and signed in. Then the live stream's fan-out: 1 000 clients connected to one
// instance, one comment posted, the time until the last client has its event.
import http from 'node:http';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { fullLoad, pacedLoad } from './paced.ts';

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 10_000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1_000);

export async function fillThread(db: Database, entryId: string): Promise<void> {
  await db.execute(sql`INSERT INTO users (display_name) SELECT 'Thread voice ' || g FROM generate_series(1, 500) g`);
  const top = Math.round(COMMENTS / 3);
  // Top level: authors, stances and times spread; votes as counts, with a few hundred vote rows for viewers.
  await db.execute(sql`
    WITH voices AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM users WHERE display_name LIKE 'Thread voice %')
    INSERT INTO comments (campaign_id, target_type, target_id, depth, author_id, stance, body, upvotes, downvotes, created_at)
    SELECT s.campaign_id, 'submission', s.id, 1, v.id, (ARRAY['support','oppose','neutral'])[1 + g % 3]::comment_stance,
      '第 ' || g || ' 条意见：' || repeat('重庆的山水与人情，', 1 + g % 6), floor(power(random(), 3) * 80)::int, floor(random() * 10)::int,
      now() - (g || ' minutes')::interval
    FROM submissions s, generate_series(1, ${top}) g JOIN voices v ON v.k = 1 + g % 500 WHERE s.id = ${entryId}`);
  // Replies: half under top-level comments (depth 2), half under those (depth 3).
  for (const depth of [2, 3]) {
    const count = Math.round((COMMENTS - top) / 2);
    await db.execute(sql`
      WITH parents AS (SELECT id, campaign_id, target_id, row_number() OVER (ORDER BY id) AS k FROM comments WHERE target_id = ${entryId} AND depth = ${depth - 1}),
           n AS (SELECT count(*) AS parents FROM parents),
           -- A few comments draw most replies (the parent's rank drawn as N·r²).
           picks AS (SELECT g, 1 + floor(power(random(), 2) * n.parents)::bigint AS pk FROM generate_series(1, ${count}) g, n),
           voices AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM users WHERE display_name LIKE 'Thread voice %')
      INSERT INTO comments (campaign_id, target_type, target_id, parent_id, depth, author_id, stance, body, upvotes, downvotes, created_at)
      SELECT p.campaign_id, 'submission', p.target_id, p.id, ${depth}, v.id, (ARRAY['support','oppose','neutral'])[1 + picks.g % 3]::comment_stance,
        '回复 ' || picks.g, floor(random() * 20)::int, floor(random() * 5)::int, now() - (picks.g || ' seconds')::interval
      FROM picks JOIN parents p ON p.k = picks.pk JOIN voices v ON v.k = 1 + (picks.g * 7) % 500`);
  }
  await db.execute(sql`UPDATE comments SET wilson = comment_wilson(upvotes, downvotes) WHERE target_id = ${entryId}`);
  await db.execute(sql`UPDATE comments c SET reply_count = r.n FROM (SELECT parent_id, count(*)::int AS n FROM comments WHERE target_id = ${entryId} AND parent_id IS NOT NULL GROUP BY parent_id) r WHERE r.parent_id = c.id`);
  await db.execute(sql`
    INSERT INTO comment_votes (comment_id, user_id, value)
    SELECT c.id, u.id, 1 FROM (SELECT id FROM comments WHERE target_id = ${entryId} AND depth = 1 ORDER BY wilson DESC LIMIT 200) c
    CROSS JOIN (SELECT id FROM users WHERE email = 'resident@example.com') u ON CONFLICT DO NOTHING`);
  await db.execute(sql`UPDATE submissions SET comment_count = (SELECT count(*) FROM comments WHERE target_id = ${entryId} AND deleted_at IS NULL) WHERE id = ${entryId}`);
  await db.execute(sql`
    INSERT INTO comment_stances (target_type, target_id, support, oppose, neutral)
    SELECT 'submission', ${entryId}, count(*) FILTER (WHERE stance = 'support'), count(*) FILTER (WHERE stance = 'oppose'), count(*) FILTER (WHERE stance = 'neutral')
    FROM comments WHERE target_id = ${entryId} AND deleted_at IS NULL
    ON CONFLICT (target_type, target_id) DO UPDATE SET support = EXCLUDED.support, oppose = EXCLUDED.oppose, neutral = EXCLUDED.neutral`);
  await db.execute(sql`VACUUM ANALYZE comments, comment_votes, comment_stances`);
}

/** The cursor of page `page` (counting from 1) of a sort, by paging through from the first. */
async function cursorOfPage(baseUrl: string, entryId: string, sort: string, page: number): Promise<string> {
  let cursor = '';
  for (let i = 1; i < page; i++) {
    const response = await fetch(`${baseUrl}/api/submissions/${entryId}/comments?sort=${sort}&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
    const body = (await response.json()) as { nextCursor: string | null };
    if (!body.nextCursor) throw new Error(`sort=${sort} has fewer than ${page} pages`);
    cursor = body.nextCursor;
  }
  return cursor;
}

/**
 * The highest rate (closed loop), then latency at half that rate (open loop, from each request's
 * scheduled start), where the p99 target applies: a page is fast when the server is not saturated.
 */
async function load(baseUrl: string, path: string, headers: Record<string, string>, seconds: number, connections: number) {
  const next = () => ({ method: 'GET' as const, path, headers });
  const full = await fullLoad({ baseUrl, seconds, connections, next });
  const rate = Math.max(1, Math.round(full.rate / 2));
  const half = await pacedLoad({ baseUrl, rate, seconds, connections, next });
  const failures = full.failures + half.failures;
  return `at most ${Math.round(full.rate)} req/s; at ${rate} req/s p50 ${half.latency.p50} ms, p99 ${half.latency.p99} ms${failures ? `, ${failures} failures` : ''}`;
}

/** 1 000 streams on one instance; one comment; how long until each stream has its event. */
async function fanOut(baseUrl: string, slug: string, entryId: string, cookie: string, csrfToken: string): Promise<string> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const arrived: number[] = [];
  const requests: http.ClientRequest[] = [];
  const connected = await Promise.all(
    Array.from({ length: STREAMS }, () =>
      new Promise<void>((resolve, reject) => {
        const request = http.get(`${baseUrl}/api/campaigns/${slug}/events`, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
          if (response.statusCode !== 200) reject(new Error(`stream refused: ${response.statusCode}`));
          response.setEncoding('utf8');
          let seen = false;
          response.on('data', (chunk: string) => {
            // Only the one comment is posted: its event may come before the POST's answer does.
            if (!seen && chunk.includes('event: comment.created')) {
              seen = true;
              arrived.push(performance.now());
            }
          });
          resolve();
        });
        request.on('error', reject);
        requests.push(request);
      }),
    ),
  );
  const sentAt = performance.now();
  const posted = await fetch(`${baseUrl}/api/submissions/${entryId}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ body: '直播扇出测试', stance: 'neutral' }),
  });
  if (posted.status !== 201) throw new Error(`comment refused: ${posted.status} ${await posted.text()}`);
  const acknowledgedAt = performance.now();
  const deadline = Date.now() + 20_000;
  while (arrived.length < connected.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  for (const request of requests) request.destroy();
  agent.destroy();
  arrived.sort((a, b) => a - b);
  const ms = (t: number | undefined) => (t === undefined ? 'n/a' : `${(t - sentAt).toFixed(0)} ms`);
  return `${arrived.length} of ${connected.length} streams had the event; after the POST was sent: POST answered ${(acknowledgedAt - sentAt).toFixed(0)} ms, first stream ${ms(arrived[0])}, median ${ms(arrived[Math.floor(arrived.length / 2)])}, last ${ms(arrived.at(-1))}`;
}

export async function commentsBenchmark(db: Database, baseUrl: string, seconds: number, connections: number): Promise<string> {
  const [entry] = (await db.execute<{ id: string; slug: string }>(sql`
    SELECT s.id, c.slug FROM submissions s JOIN campaigns c ON c.id = s.campaign_id ORDER BY s.created_at LIMIT 1`)).rows;
  await fillThread(db, entry!.id);
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'resident@example.com', password: 'chongqing-demo-2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const { rows } = await db.execute<{ n: string; top: string }>(sql`SELECT count(*) AS n, count(*) FILTER (WHERE depth = 1) AS top FROM comments WHERE target_id = ${entry!.id}`);
  const pages = Math.floor(Number(rows[0]!.top) / 20);
  const lines = [`comments   one entry with ${rows[0]!.n} comments (${rows[0]!.top} at the top level, the rest replies to depth 3), pages of 20, ${seconds} s and ${connections} connections each:`];
  const url = (sort: string, cursor: string) => `/api/submissions/${entry!.id}/comments?sort=${sort}&limit=20${cursor ? `&cursor=${cursor}` : ''}`;
  for (const sort of ['top', 'new']) {
    const deep = await cursorOfPage(baseUrl, entry!.id, sort, pages - 5);
    lines.push(`           sort=${sort} first page, anonymous: ${await load(baseUrl, url(sort, ''), {}, seconds, connections)}`);
    lines.push(`           sort=${sort} first page, signed in (own votes looked up): ${await load(baseUrl, url(sort, ''), { cookie }, seconds, connections)}`);
    lines.push(`           sort=${sort} page ${pages - 5} of ${pages}, anonymous: ${await load(baseUrl, url(sort, deep), {}, seconds, connections)}`);
  }
  const [busiest] = (await db.execute<{ id: string; reply_count: number }>(sql`
    SELECT id, reply_count FROM comments WHERE target_id = ${entry!.id} AND depth = 1 ORDER BY reply_count DESC LIMIT 1`)).rows;
  lines.push(`           replies of the busiest comment (${busiest!.reply_count} replies), first page: ${await load(baseUrl, `/api/submissions/${entry!.id}/comments?parentId=${busiest!.id}&limit=20`, {}, seconds, connections)}`);
  lines.push(`           live fan-out: ${await fanOut(baseUrl, entry!.slug, entry!.id, cookie, csrfToken)}`);
  return lines.join('\n');
}
