import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../server/src/app.ts';
import { LISTENER_NAME, pruneEvents } from '../../server/src/modules/events/hub.ts';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';
import { openEventStream } from '../helpers/sse.ts';

const events = { heartbeatMs: 300, maxConnectionsPerAddress: 3, resumeWindowMs: 300_000 };
const rateLimit = { ...loadConfig({}).rateLimit, enabled: false };
const { app: first, db, config } = await setupTestApp({ config: { rateLimit, events } });
// A second instance on the same database, as behind a load balancer; clients connect to it.
const second = await buildApp(config);
await second.listen({ host: '127.0.0.1', port: 0 });
afterAll(() => second.close());
const base = `http://127.0.0.1:${(second.server.address() as AddressInfo).port}`;

const { session: admin } = await signedInUser(first, db, 'admin');
const resident = async () => (await signedInUser(first, db, 'resident')).session;

async function entry(slug: string, author: Session): Promise<string> {
  const response = await injectAs(first, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `直播测试${Math.random().toString(36).slice(2, 8)}` } });
  return response.json().submission.id;
}

describe('the campaign event stream', () => {
  it('carries an event made through one instance to a client of another, with an id, a type and one JSON line', async () => {
    const slug = await createCampaign(first, admin);
    const author = await resident();
    const id = await entry(slug, author);
    const stream = openEventStream(`${base}/api/campaigns/${slug}/events`);
    const { status, contentType } = await stream.ready;
    expect(status).toBe(200);
    expect(contentType).toContain('text/event-stream');

    const commenter = await resident();
    const posted = await injectAs(first, commenter, { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: '实时', stance: 'support' } });
    const commentId = posted.json().comment.id;
    const event = await stream.waitFor(() => stream.events.find((e) => e.event === 'comment.created'));
    expect(JSON.parse(event.data)).toEqual({ id: commentId, targetType: 'submission', targetId: id, parentId: null });
    expect(Number(event.id)).toBeGreaterThan(0);

    await injectAs(first, await resident(), { method: 'PUT', url: `/api/submissions/${id}/vote` });
    const votes = await stream.waitFor(() => stream.events.find((e) => e.event === 'submission.votes'));
    expect(JSON.parse(votes.data)).toEqual({ id, voteCount: 1 });

    const created = await entry(slug, await resident());
    const submitted = await stream.waitFor(() => stream.events.find((e) => e.event === 'submission.created' && JSON.parse(e.data).id === created));
    expect(JSON.parse(submitted.data).phrase).toMatch(/^直播测试/);

    await injectAs(first, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
    const stage = await stream.waitFor(() => stream.events.find((e) => e.event === 'stage.changed'));
    expect(JSON.parse(stage.data)).toEqual({ stage: 'discuss' });
    stream.close();
  });

  it('sends a heartbeat comment line while nothing happens', async () => {
    const slug = await createCampaign(first, admin);
    const stream = openEventStream(`${base}/api/campaigns/${slug}/events`);
    await stream.ready;
    await stream.waitFor(() => stream.comments.includes('ping'), 3000);
    stream.close();
  });

  it('sends the events after Last-Event-ID again to a client that comes back', async () => {
    const slug = await createCampaign(first, admin);
    const id = await entry(slug, await resident());
    const stream = openEventStream(`${base}/api/campaigns/${slug}/events`);
    await stream.ready;
    const commenter = await resident();
    const say = (body: string) => injectAs(first, commenter, { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body, stance: 'neutral' } });
    await say('one');
    const firstEvent = await stream.waitFor(() => stream.events.find((e) => e.event === 'comment.created'));
    stream.close();
    const missed = [(await say('two')).json().comment.id, (await say('three')).json().comment.id];

    const back = openEventStream(`${base}/api/campaigns/${slug}/events`, { 'last-event-id': firstEvent.id! });
    await back.ready;
    await back.waitFor(() => back.events.filter((e) => e.event === 'comment.created').length >= 2);
    expect(back.events.filter((e) => e.event === 'comment.created').map((e) => JSON.parse(e.data).id)).toEqual(missed);
    back.close();
  });

  it('keeps vote counts out of the stream while the campaign hides them', async () => {
    const slug = await createCampaign(first, admin, { settings: { voteCountsHidden: true } });
    const id = await entry(slug, await resident());
    const stream = openEventStream(`${base}/api/campaigns/${slug}/events`);
    await stream.ready;
    await injectAs(first, await resident(), { method: 'PUT', url: `/api/submissions/${id}/vote` });
    await injectAs(first, await resident(), { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: 'after the vote', stance: 'neutral' } });
    await stream.waitFor(() => stream.events.find((e) => e.event === 'comment.created'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(stream.events.filter((e) => e.event === 'submission.votes')).toEqual([]);
    stream.close();
  });

  it('sends a notification event to its recipient only', async () => {
    const slug = await createCampaign(first, admin);
    const { session: author } = await signedInUser(first, db, 'resident');
    const id = await entry(slug, author);
    const mine = openEventStream(`${base}/api/campaigns/${slug}/events`, { cookie: author.cookie });
    const anonymous = openEventStream(`${base}/api/campaigns/${slug}/events`);
    await Promise.all([mine.ready, anonymous.ready]);
    await injectAs(first, await resident(), { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: 'for the author', stance: 'support' } });
    const note = await mine.waitFor(() => mine.events.find((e) => e.event === 'notification'));
    expect(JSON.parse(note.data)).toEqual({ kind: 'comment.on_entry' });
    await anonymous.waitFor(() => anonymous.events.find((e) => e.event === 'comment.created'));
    expect(anonymous.events.filter((e) => e.event === 'notification')).toEqual([]);
    mine.close();
    anonymous.close();
  });

  it('bounds the streams per address: beyond it 429 with Retry-After', async () => {
    const slug = await createCampaign(first, admin);
    const streams = Array.from({ length: 3 }, () => openEventStream(`${base}/api/campaigns/${slug}/events`));
    await Promise.all(streams.map((s) => s.ready));
    const refused = openEventStream(`${base}/api/campaigns/${slug}/events`);
    const answer = await refused.ready;
    expect(answer.status).toBe(429);
    expect(answer.contentType).toContain('application/problem+json');
    for (const stream of streams) stream.close();
    refused.close();
    // Closed streams free their places.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = openEventStream(`${base}/api/campaigns/${slug}/events`);
    expect((await again.ready).status).toBe(200);
    again.close();
  });

  it('answers 404 for an unknown campaign and 400 for a bad resume id', async () => {
    expect((await first.inject({ method: 'GET', url: '/api/campaigns/no-such-city/events' })).statusCode).toBe(404);
    expect((await first.inject({ method: 'GET', url: '/api/campaigns/no-such-city/events?lastEventId=x' })).statusCode).toBe(400);
  });

  it('uses one listening connection per instance, however many clients are connected', async () => {
    const slug = await createCampaign(first, admin);
    const streams = Array.from({ length: 3 }, (_, i) => openEventStream(`${base}/api/campaigns/${slug}/events`, { 'x-forwarded-for': `10.0.0.${i}` }));
    await Promise.all(streams.map((s) => s.ready));
    const { rows } = await db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = ${LISTENER_NAME}`,
    );
    // The second instance's, which serves the streams; the first has none (nobody listens through it).
    expect(Number(rows[0]!.n)).toBe(1);
    for (const stream of streams) stream.close();
  });

  it('hears again after its listening connection is lost, and sends what was committed meanwhile', async () => {
    const slug = await createCampaign(first, admin);
    const id = await entry(slug, await resident());
    const stream = openEventStream(`${base}/api/campaigns/${slug}/events`);
    await stream.ready;
    await db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ${LISTENER_NAME}`);
    const posted = await injectAs(first, await resident(), { method: 'POST', url: `/api/submissions/${id}/comments`, payload: { body: 'while nobody listened', stance: 'neutral' } });
    const event = await stream.waitFor(() => stream.events.find((e) => e.event === 'comment.created'), 8000);
    expect(JSON.parse(event.data).id).toBe(posted.json().comment.id);
    stream.close();
  });

  it('prunes events older than the resume window', async () => {
    const slug = await createCampaign(first, admin);
    await entry(slug, await resident());
    await db.execute(sql`UPDATE campaign_events SET created_at = now() - interval '1 hour' WHERE data->>'phrase' LIKE '直播测试%'`);
    expect(await pruneEvents(db, events.resumeWindowMs)).toBeGreaterThan(0);
    const { rows } = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM campaign_events WHERE created_at < now() - interval '10 minutes'`);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('closes its streams with a hint to come back when the instance shuts down, without waiting for them', async () => {
    const slug = await createCampaign(first, admin);
    const third = await buildApp(config);
    await third.listen({ host: '127.0.0.1', port: 0 });
    const stream = openEventStream(`http://127.0.0.1:${(third.server.address() as AddressInfo).port}/api/campaigns/${slug}/events`);
    const { body } = await stream.ready;
    const started = Date.now();
    await third.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await stream.waitFor(() => body().includes('retry: 2000'));
    stream.close();
  });

  it('sends no vote count of an entry that is not public', async () => {
    const slug = await createCampaign(first, admin);
    const author = await resident();
    const id = await entry(slug, author);
    const voter = await resident();
    await injectAs(first, voter, { method: 'PUT', url: `/api/submissions/${id}/vote` });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await db.execute(sql`UPDATE submissions SET status = 'hidden' WHERE id = ${id}`);
    const stream = openEventStream(`${base}/api/campaigns/${slug}/events`);
    await stream.ready;
    // The author may still see the hidden entry, and their own page's withdraw goes through.
    const { session: moderator } = await signedInUser(first, db, 'moderator');
    await injectAs(first, moderator, { method: 'DELETE', url: `/api/submissions/${id}/vote` });
    await injectAs(first, voter, { method: 'DELETE', url: `/api/submissions/${id}/vote` });
    await injectAs(first, await resident(), { method: 'POST', url: `/api/submissions/${await entry(slug, author)}/comments`, payload: { body: 'marker', stance: 'neutral' } });
    await stream.waitFor(() => stream.events.find((e) => e.event === 'comment.created'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(stream.events.filter((e) => e.event === 'submission.votes')).toEqual([]);
    stream.close();
  });

  it('frees the places of clients that leave before their stream is set up', async () => {
    const slug = await createCampaign(first, admin);
    const slow = await buildApp(config);
    await slow.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(slow.server.address() as AddressInfo).port}/api/campaigns/${slug}/events`;
    // Subscribing takes a while (as while the listener reconnects); the clients leave meanwhile.
    const subscribe = slow.events.subscribe;
    slow.events.subscribe = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return subscribe(...args);
    };
    for (let i = 0; i < 5; i++) {
      const stream = openEventStream(url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      stream.close();
      await stream.ready.catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slow.events.listenerCount()).toBe(0);
    slow.events.subscribe = subscribe;
    const streams = Array.from({ length: 3 }, () => openEventStream(url));
    expect((await Promise.all(streams.map((s) => s.ready))).map((r) => r.status)).toEqual([200, 200, 200]);
    for (const stream of streams) stream.close();
    await slow.close();
  });

  it('answers 503 with Retry-After, not a hang or a 500, when it cannot listen', async () => {
    const slug = await createCampaign(first, admin);
    const broken = await buildApp(config);
    await broken.ready();
    const original = broken.events.subscribe;
    broken.events.subscribe = () => Promise.reject(new Error('connection refused'));
    const response = await broken.inject({ method: 'GET', url: `/api/campaigns/${slug}/events` });
    broken.events.subscribe = original;
    await broken.close();
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('unavailable');
    expect(response.headers['retry-after']).toBe('5');
  });
});
