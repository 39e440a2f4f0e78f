import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION, type Role } from '@city-spirit/shared';
import type { Access } from '../../server/src/access.ts';
import { loadConfig } from '../../server/src/config.ts';
import { eq, sql } from 'drizzle-orm';
import { campaigns, submissions } from '../../server/src/db/schema.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';
import { setupTestApp } from '../helpers/app.ts';
import { createUser, injectAs, signedInUser, TEST_PASSWORD, type Session } from '../helpers/accounts.ts';
import { createDraft, draftInput, publishedDraft, refiningCampaign } from '../helpers/drafts.ts';

const { app, db } = await setupTestApp({ demo: true, config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });

type Actor = 'anonymous' | 'resident' | 'anotherResident' | 'moderator' | 'expert' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'resident', 'anotherResident', 'moderator', 'expert', 'admin'];
const roleOf = (actor: Actor): Role | null => (actor === 'anonymous' ? null : actor === 'anotherResident' ? 'resident' : actor);

const bystander = await createUser(db, { displayName: 'Bystander' });

const sessions = new Map<Actor, Session>();
const userIds = new Map<Actor, string>();
for (const actor of ACTORS) {
  const role = roleOf(actor);
  if (!role) continue;
  const { user, session } = await signedInUser(app, db, role);
  sessions.set(actor, session);
  userIds.set(actor, user.id);
}

const [demoCampaign] = await db.select().from(campaigns).where(eq(campaigns.slug, 'chongqing-spirit'));
let entryCount = 0;
/** A new published entry by the resident actor, so each call finds one to edit or withdraw. */
async function residentEntry(): Promise<string> {
  const phrase = `矩阵测试短语${entryCount++}`;
  const [entry] = await db
    .insert(submissions)
    .values({ campaignId: demoCampaign!.id, authorId: userIds.get('resident')!, phrase, language: 'zh', ...textIndexColumns(phrase, '') })
    .returning({ id: submissions.id });
  return entry!.id;
}
const someEntry = await residentEntry();

/** A new comment on someEntry by the actor, straight in the table. */
async function commentBy(authorId: string): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(sql`
    INSERT INTO comments (campaign_id, target_type, target_id, depth, author_id, stance, body)
    VALUES (${demoCampaign!.id}, 'submission', ${someEntry}, 1, ${authorId}, 'neutral', '矩阵评论') RETURNING id`);
  return rows[0]!.id;
}
const bystanderComment = await commentBy(bystander.id);

/** A shortlisted entry of the demo campaign, a draft drawing on it, and an announced campaign, straight in the tables, for the panel's routes. */
async function panelFixtures() {
  const phrase = '矩阵评审短语';
  const [entry] = await db
    .insert(submissions)
    .values({ campaignId: demoCampaign!.id, authorId: bystander.id, phrase, language: 'zh', status: 'shortlisted', ...textIndexColumns(phrase, '') })
    .returning({ id: submissions.id });
  await db.execute(sql`INSERT INTO shortlist_entries (submission_id, campaign_id, rationale) VALUES (${entry!.id}, ${demoCampaign!.id}, '矩阵测试入围')`);
  const { rows } = await db.execute<{ id: string }>(sql`INSERT INTO drafts (campaign_id, author_id) VALUES (${demoCampaign!.id}, ${bystander.id}) RETURNING id`);
  await db.execute(sql`
    INSERT INTO draft_versions (draft_id, number, text, rationale, source_submission_ids, author_id)
    VALUES (${rows[0]!.id}, 1, '矩阵里的草案', '矩阵测试', ARRAY[${entry!.id}]::uuid[], ${bystander.id})`);
  await db.execute(sql`
    INSERT INTO campaigns (slug, title, description, stage, stage_schedule, settings)
    VALUES ('matrix-announced', 'Announced city', 'A campaign already announced.', 'announced', '[]'::jsonb, '{}'::jsonb)`);
  return { shortlistedEntry: entry!.id, draft: rows[0]!.id };
}
const { shortlistedEntry, draft } = await panelFixtures();
const fullScores = { tradition: 4, times: 4, region: 3, development: 4, memorable: 5 };

// A campaign in refine with a draft in panel review and a published one, and another announced with its wording.
const panel: [Session, Session] = [sessions.get('expert')!, sessions.get('admin')!];
const refining = await refiningCampaign(app, db, sessions.get('admin')!, { entries: 1 });
const panelDraft = await createDraft(app, panel[0], refining.slug, refining.entryIds);
const shownDraft = await publishedDraft(app, panel, refining.slug, refining.entryIds, '山水之城，美丽之地');
const announced = await refiningCampaign(app, db, sessions.get('admin')!, { entries: 1 });
await injectAs(app, panel[1], {
  method: 'POST',
  url: `/api/campaigns/${announced.slug}/adopt`,
  payload: { draftId: await publishedDraft(app, panel, announced.slug, announced.entryIds) },
});

/** `who` is the specification: who may call the route, independent of the server's access table. */
type Sample = {
  who: Access;
  request: InjectOptions | (() => Promise<InjectOptions>);
  fresh?: boolean;
  /** Only this actor, the resource's author, may act; every other signed-in actor gets 403. */
  author?: Actor;
};

/** One plausible request per route. A route missing here fails the suite: add it with its rule. */
const SAMPLES: Record<string, Sample> = {
  'GET /api/health': { who: 'anyone', request: { method: 'GET', url: '/api/health' } },
  'GET /api/ready': { who: 'anyone', request: { method: 'GET', url: '/api/ready' } },
  'GET /api/openapi.json': { who: 'anyone', request: { method: 'GET', url: '/api/openapi.json' } },
  'GET /api/districts': { who: 'anyone', request: { method: 'GET', url: '/api/districts' } },
  'GET /api/campaigns': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns' } },
  'GET /api/campaigns/:slug': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit' } },
  'POST /api/campaigns': {
    who: ['admin'],
    request: { method: 'POST', url: '/api/campaigns', payload: { slug: 'matrix-city', title: 'Matrix city', description: 'A campaign made by the access test.' } },
  },
  'PATCH /api/campaigns/:slug': { who: ['admin'], request: { method: 'PATCH', url: '/api/campaigns/chongqing-spirit', payload: { settings: { maxSubmissionsPerUser: 5 } } } },
  'POST /api/campaigns/:slug/stage': { who: ['admin'], request: { method: 'POST', url: '/api/campaigns/chongqing-spirit/stage', payload: { stage: 'discuss' } } },
  'POST /api/campaigns/:slug/submissions': {
    who: 'signedIn',
    fresh: true,
    request: { method: 'POST', url: '/api/campaigns/chongqing-spirit/submissions', payload: { phrase: '矩阵里的新短语' } },
  },
  'GET /api/campaigns/:slug/submissions': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/submissions' } },
  'GET /api/campaigns/:slug/submissions/similar': {
    who: 'anyone',
    request: { method: 'GET', url: `/api/campaigns/chongqing-spirit/submissions/similar?text=${encodeURIComponent('山城')}` },
  },
  'GET /api/submissions/:id': { who: 'anyone', request: { method: 'GET', url: `/api/submissions/${someEntry}` } },
  'PATCH /api/submissions/:id': {
    who: 'signedIn',
    author: 'resident',
    request: async () => ({ method: 'PATCH', url: `/api/submissions/${await residentEntry()}`, payload: { explanation: '矩阵改动' } }),
  },
  'DELETE /api/submissions/:id': {
    who: 'signedIn',
    author: 'resident',
    request: async () => ({ method: 'DELETE', url: `/api/submissions/${await residentEntry()}` }),
  },
  'PUT /api/submissions/:id/vote': { who: 'signedIn', request: { method: 'PUT', url: `/api/submissions/${someEntry}/vote` } },
  'DELETE /api/submissions/:id/vote': { who: 'signedIn', request: { method: 'DELETE', url: `/api/submissions/${someEntry}/vote` } },
  'GET /api/campaigns/:slug/pair': { who: 'signedIn', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/pair' } },
  'POST /api/campaigns/:slug/pair': {
    who: 'signedIn',
    request: { method: 'POST', url: '/api/campaigns/chongqing-spirit/pair', payload: { token: 'not-a-real-token-but-long', choice: 'skip' } },
  },
  'GET /api/campaigns/:slug/ranking': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/ranking' } },
  'GET /api/campaigns/:slug/votes/me': { who: 'signedIn', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/votes/me' } },
  'POST /api/auth/register': {
    who: 'anyone',
    request: { method: 'POST', url: '/api/auth/register', payload: { email: 'matrix-new@example.com', password: 'lantern-over-the-river-3', displayName: 'Matrix', privacyConsent: { version: PRIVACY_NOTICE_VERSION } } },
  },
  // Signing in replaces the caller's session, so each actor gets a fresh one.
  'POST /api/auth/login': { who: 'anyone', request: { method: 'POST', url: '/api/auth/login', payload: { login: bystander.email, password: TEST_PASSWORD } }, fresh: true },
  'POST /api/auth/logout': { who: 'signedIn', request: { method: 'POST', url: '/api/auth/logout' }, fresh: true },
  'GET /api/auth/me': { who: 'anyone', request: { method: 'GET', url: '/api/auth/me' } },
  'POST /api/auth/verification': { who: 'signedIn', request: { method: 'POST', url: '/api/auth/verification', payload: { phone: '13600000000' } }, fresh: true },
  'POST /api/auth/verification/confirm': { who: 'signedIn', request: { method: 'POST', url: '/api/auth/verification/confirm', payload: { code: '000000' } } },
  'PATCH /api/me': { who: 'signedIn', request: { method: 'PATCH', url: '/api/me', payload: { locale: 'en' } } },
  'GET /api/me/export': { who: 'signedIn', request: { method: 'GET', url: '/api/me/export' } },
  'DELETE /api/me': { who: 'signedIn', request: { method: 'DELETE', url: '/api/me' }, fresh: true },
  'GET /api/admin/users': { who: ['admin'], request: { method: 'GET', url: '/api/admin/users' } },
  'PATCH /api/admin/users/:id': { who: ['admin'], request: { method: 'PATCH', url: `/api/admin/users/${bystander.id}`, payload: { banned: false, reason: 'access matrix check' } } },
  'GET /api/admin/audit-log': { who: ['admin'], request: { method: 'GET', url: '/api/admin/audit-log' } },
  'GET /api/submissions/:id/comments': { who: 'anyone', request: { method: 'GET', url: `/api/submissions/${someEntry}/comments` } },
  'POST /api/submissions/:id/comments': {
    who: 'signedIn',
    request: { method: 'POST', url: `/api/submissions/${someEntry}/comments`, payload: { body: '矩阵里的评论', stance: 'support' } },
  },
  'PATCH /api/comments/:id': {
    who: 'signedIn',
    author: 'resident',
    request: async () => ({ method: 'PATCH', url: `/api/comments/${await commentBy(userIds.get('resident')!)}`, payload: { body: '改过' } }),
  },
  'DELETE /api/comments/:id': {
    who: 'signedIn',
    author: 'resident',
    request: async () => ({ method: 'DELETE', url: `/api/comments/${await commentBy(userIds.get('resident')!)}` }),
  },
  'PUT /api/comments/:id/vote': { who: 'signedIn', request: { method: 'PUT', url: `/api/comments/${bystanderComment}/vote`, payload: { value: 1 } } },
  'DELETE /api/comments/:id/vote': { who: 'signedIn', request: { method: 'DELETE', url: `/api/comments/${bystanderComment}/vote` } },
  'GET /api/comments/:id/edits': { who: ['moderator'], request: { method: 'GET', url: `/api/comments/${bystanderComment}/edits` } },
  'GET /api/notifications': { who: 'signedIn', request: { method: 'GET', url: '/api/notifications' } },
  'POST /api/notifications/read': { who: 'signedIn', request: { method: 'POST', url: '/api/notifications/read', payload: {} } },
  'POST /api/reports': {
    who: 'signedIn',
    request: async () => ({ method: 'POST', url: '/api/reports', payload: { targetType: 'comment', targetId: await commentBy(bystander.id), reason: 'other' } }),
  },
  'GET /api/moderation/queue': { who: ['moderator'], request: { method: 'GET', url: '/api/moderation/queue?campaign=chongqing-spirit' } },
  'POST /api/moderation/actions': {
    who: ['moderator'],
    request: async () => ({ method: 'POST', url: '/api/moderation/actions', payload: { targetType: 'comment', targetId: await commentBy(bystander.id), action: 'hide', reason: 'access matrix check' } }),
  },
  'POST /api/moderation/appeals': {
    who: 'signedIn',
    author: 'resident',
    request: async () => {
      const id = await commentBy(userIds.get('resident')!);
      await db.execute(sql`UPDATE comments SET hidden_at = now() WHERE id = ${id}`);
      await db.execute(sql`INSERT INTO moderation_actions (campaign_id, target_type, target_id, target_author_id, action, reason, actor_role) VALUES (${demoCampaign!.id}, 'comment', ${id}, ${userIds.get('resident')!}, 'hide', 'matrix', 'moderator')`);
      return { method: 'POST', url: '/api/moderation/appeals', payload: { targetType: 'comment', targetId: id, note: 'please look at this again' } };
    },
  },
  'GET /api/campaigns/:slug/duplicate-clusters': { who: ['moderator'], request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/duplicate-clusters' } },
  'GET /api/campaigns/:slug/moderation-log': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/moderation-log' } },
  // A stream never ends: a bad resume id gets its answer at once, after the access check.
  'GET /api/campaigns/:slug/events': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/events?lastEventId=x' } },
  'PUT /api/submissions/:id/shortlist': {
    who: ['moderator'],
    request: { method: 'PUT', url: `/api/submissions/${someEntry}/shortlist`, payload: { rationale: '矩阵测试：这条表述值得入围。' } },
  },
  'DELETE /api/submissions/:id/shortlist': { who: ['moderator'], request: { method: 'DELETE', url: `/api/submissions/${someEntry}/shortlist` } },
  'GET /api/campaigns/:slug/shortlist': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/shortlist' } },
  'GET /api/campaigns/:slug/criteria': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/criteria' } },
  'PUT /api/submissions/:id/assessment': {
    who: ['expert'],
    request: { method: 'PUT', url: `/api/submissions/${shortlistedEntry}/assessment`, payload: { scores: fullScores } },
  },
  // Everyone may ask; before the announcement only the panel is answered (its own test covers that).
  'GET /api/campaigns/:slug/assessments': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/matrix-announced/assessments' } },
  'GET /api/submissions/:id/notes': { who: ['expert'], request: { method: 'GET', url: `/api/submissions/${shortlistedEntry}/notes` } },
  'POST /api/submissions/:id/notes': { who: ['expert'], request: { method: 'POST', url: `/api/submissions/${shortlistedEntry}/notes`, payload: { body: '矩阵里的评审笔记' } } },
  'GET /api/drafts/:id/notes': { who: ['expert'], request: { method: 'GET', url: `/api/drafts/${draft}/notes` } },
  'POST /api/drafts/:id/notes': { who: ['expert'], request: { method: 'POST', url: `/api/drafts/${draft}/notes`, payload: { body: '矩阵里的草案笔记' } } },
  'GET /api/campaigns/:slug/drafts': { who: 'anyone', request: { method: 'GET', url: `/api/campaigns/${refining.slug}/drafts` } },
  'POST /api/campaigns/:slug/drafts': { who: ['expert'], request: { method: 'POST', url: `/api/campaigns/${refining.slug}/drafts`, payload: draftInput(refining.entryIds) } },
  'GET /api/drafts/:id': { who: 'anyone', request: { method: 'GET', url: `/api/drafts/${shownDraft}` } },
  'POST /api/drafts/:id/versions': { who: ['expert'], request: { method: 'POST', url: `/api/drafts/${panelDraft}/versions`, payload: draftInput(refining.entryIds, '山水之城') } },
  'GET /api/drafts/:id/versions': { who: 'anyone', request: { method: 'GET', url: `/api/drafts/${shownDraft}/versions` } },
  'GET /api/drafts/:id/diff': { who: 'anyone', request: { method: 'GET', url: `/api/drafts/${shownDraft}/diff?from=1&to=1` } },
  'PUT /api/drafts/:id/endorsement': { who: ['expert'], request: { method: 'PUT', url: `/api/drafts/${panelDraft}/endorsement`, payload: { stance: 'object' } } },
  'POST /api/drafts/:id/publish': { who: ['expert'], request: { method: 'POST', url: `/api/drafts/${panelDraft}/publish` } },
  'PUT /api/drafts/:id/vote': { who: 'signedIn', request: { method: 'PUT', url: `/api/drafts/${shownDraft}/vote` } },
  'DELETE /api/drafts/:id/vote': { who: 'signedIn', request: { method: 'DELETE', url: `/api/drafts/${shownDraft}/vote` } },
  'GET /api/drafts/:id/comments': { who: 'anyone', request: { method: 'GET', url: `/api/drafts/${shownDraft}/comments` } },
  'POST /api/drafts/:id/comments': {
    who: 'signedIn',
    request: { method: 'POST', url: `/api/drafts/${shownDraft}/comments`, payload: { body: '矩阵里对草案的评论', stance: 'support' } },
  },
  // Adopting a draft still in panel review is refused (409) after the access check.
  'POST /api/campaigns/:slug/adopt': { who: ['admin'], request: { method: 'POST', url: `/api/campaigns/${refining.slug}/adopt`, payload: { draftId: panelDraft } } },
  'GET /api/campaigns/:slug/result': { who: 'anyone', request: { method: 'GET', url: `/api/campaigns/${announced.slug}/result` } },

  'GET /api/campaigns/:slug/stats': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/stats' } },
  'GET /api/campaigns/:slug/consensus': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/consensus' } },
  'GET /api/campaigns/:slug/open-data': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/open-data' } },
  'GET /api/campaigns/:slug/export.csv': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/export.csv' } },
  'GET /api/campaigns/:slug/export.json': { who: 'anyone', request: { method: 'GET', url: '/api/campaigns/chongqing-spirit/export.json' } },
};



async function sessionFor(actor: Actor, fresh: boolean): Promise<Session | null> {
  const role = roleOf(actor);
  if (!role) return null;
  return fresh ? (await signedInUser(app, db, role)).session : sessions.get(actor)!;
}

function expectedOutcome(access: Access, actor: Actor, author?: Actor): 'allowed' | 401 | 403 {
  if (access === 'anyone') return 'allowed';
  const role = roleOf(actor);
  if (!role) return 401;
  if (author) return actor === author ? 'allowed' : 403;
  if (access === 'signedIn' || role === 'admin' || access.includes(role)) return 'allowed';
  return 403;
}

const routes = app.accessRules.filter((rule) => rule.method !== 'HEAD' && rule.url.startsWith('/api/') && !rule.url.startsWith('/api/docs'));

describe('authorization matrix: every route with every role', () => {
  it('has a sample request for every registered API route', () => {
    const missing = routes.map((rule) => `${rule.method} ${rule.url}`).filter((key) => !SAMPLES[key]);
    expect(missing).toEqual([]);
  });

  it.each(routes.map((rule) => [`${rule.method} ${rule.url}`, rule.access] as const))('%s', async (key, access) => {
    const sample = SAMPLES[key];
    if (!sample) return;
    expect(access, `the access table's rule for ${key}`).toEqual(sample.who);
    const allowedAnswers: number[] = [];
    for (const actor of ACTORS) {
      const request = typeof sample.request === 'function' ? await sample.request() : sample.request;
      const response = await injectAs(app, await sessionFor(actor, sample.fresh ?? false), request);
      const outcome = expectedOutcome(sample.who, actor, sample.author);
      const context = `${key} as ${actor}: ${response.statusCode} ${response.body.slice(0, 200)}`;
      expect(response.statusCode, context).toBeLessThan(500);
      if (outcome === 'allowed') {
        expect([401, 403], context).not.toContain(response.statusCode);
        allowedAnswers.push(response.statusCode);
      } else expect(response.statusCode, context).toBe(outcome);
    }
    // A sample that finds nothing for anyone proves nothing about who may call the route.
    expect(allowedAnswers.every((code) => code === 404), `${key}: every allowed role got 404; give it a request that finds its resource`).toBe(false);
  });
});
