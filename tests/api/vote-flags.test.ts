import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { QueueItem } from '@city-spirit/shared';
import { loadConfig } from '../../server/src/config.ts';
import { flagSuspiciousVotes } from '../../server/src/modules/moderation/vote-flags.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');

let counter = 0;
async function entry(slug: string): Promise<string> {
  const { session } = await signedInUser(app, db, 'resident');
  const response = await injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `刷票检测${counter++}号短语` } });
  return response.json().submission.id;
}

/** `count` votes on the entry spread evenly from `fromMinutesAgo` over `spanMinutes`, by accounts `accountAgeHours` old now. */
async function votes(entryId: string, count: number, { fromMinutesAgo = 0, spanMinutes = 50, accountAgeHours = 24 * 30 } = {}): Promise<void> {
  await db.execute(sql`
    WITH voters AS (
      INSERT INTO users (display_name, created_at)
      SELECT 'voter ' || gen_random_uuid(), now() - make_interval(hours => ${accountAgeHours}) FROM generate_series(1, ${count}) RETURNING id
    ), numbered AS (SELECT id, row_number() OVER () - 1 AS i FROM voters)
    INSERT INTO votes (user_id, submission_id, campaign_id, created_at)
    SELECT n.id, s.id, s.campaign_id, now() - make_interval(mins => ${fromMinutesAgo}) - (n.i * ${spanMinutes}::float8 / ${count}) * interval '1 minute'
    FROM numbered n, submissions s WHERE s.id = ${entryId}`);
}

const flagged = async (slug: string): Promise<QueueItem[]> =>
  (await injectAs(app, moderator, { method: 'GET', url: `/api/moderation/queue?campaign=${slug}&kind=suspicious_votes` })).json().items;
const act = (session: Session, targetId: string, action: string) =>
  injectAs(app, session, { method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'submission', targetId, action, reason: '已核查投票情况' } });

describe('the suspicious-voting flag', () => {
  it('flags a burst: five times the entry\'s own hourly baseline, with at least 20 votes in the hour', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    await votes(id, 24, { fromMinutesAgo: 70, spanMinutes: 23 * 60 });
    await votes(id, 25);
    await flagSuspiciousVotes(db);
    const items = await flagged(slug);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'suspicious_votes', targetType: 'submission', targetId: id });
    expect(items[0]!.voteFlag).toMatchObject({ reason: 'burst', votesLastHour: 25, hourlyBaseline: 1, newAccountShare: 0 });
  });

  it('leaves a steady entry alone, however many votes it gets', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    await votes(id, 480, { fromMinutesAgo: 61, spanMinutes: 23 * 60 + 58 });
    await votes(id, 25);
    const quiet = await entry(slug);
    await votes(quiet, 19);
    await flagSuspiciousVotes(db);
    expect(await flagged(slug)).toEqual([]);
  });

  it('flags an entry most of whose voters of the last day have accounts under 24 hours old', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    await votes(id, 21, { fromMinutesAgo: 70, spanMinutes: 20 * 60, accountAgeHours: 23 });
    await votes(id, 10, { fromMinutesAgo: 70, spanMinutes: 20 * 60 });
    await flagSuspiciousVotes(db);
    const items = await flagged(slug);
    expect(items).toHaveLength(1);
    expect(items[0]!.voteFlag).toMatchObject({ reason: 'new_accounts', votersLastDay: 31 });
    expect(items[0]!.voteFlag!.newAccountShare).toBeCloseTo(21 / 31, 3);
  });

  it('shows a flag once: the next run does not add it again', async () => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    await votes(id, 30);
    await flagSuspiciousVotes(db);
    await votes(id, 30);
    await flagSuspiciousVotes(db);
    expect(await flagged(slug)).toHaveLength(1);
    const { rows } = await db.execute(sql`SELECT 1 FROM vote_flags WHERE submission_id = ${id}`);
    expect(rows).toHaveLength(1);
  });

  it.each(['approve', 'hide'])('leaves the queue once a moderator resolves it (%s), and is not raised again by the next run', async (action) => {
    const slug = await createCampaign(app, admin);
    const id = await entry(slug);
    await votes(id, 30);
    await flagSuspiciousVotes(db);
    expect(await flagged(slug)).toHaveLength(1);
    expect((await act(moderator, id, action)).statusCode).toBe(201);
    expect(await flagged(slug)).toEqual([]);
    await flagSuspiciousVotes(db);
    expect(await flagged(slug)).toEqual([]);
  });
});
