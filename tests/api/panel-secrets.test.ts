import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ACCESS_TABLE } from '../../server/src/access.ts';
import { loadConfig } from '../../server/src/config.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

/**
 * The panel's work stays with the panel until the announcement: a secret planted in every private
 * place (assessment notes, panel notes on an entry and on a draft, an unpublished draft's text and
 * rationale, endorsement notes) must not appear in any response anyone outside the panel can get
 * from any GET route, nor in a live event, a notification or a data export.
 */
const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const SECRET = 'PLANTED-SECRET-7f3a';

const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');
const { session: expert } = await signedInUser(app, db, 'expert');
const { session: secondExpert } = await signedInUser(app, db, 'expert');
const { session: resident } = await signedInUser(app, db, 'resident', { verified: true });

async function ok(session: Session, request: Parameters<typeof injectAs>[2]) {
  const response = await injectAs(app, session, request);
  if (response.statusCode >= 300) throw new Error(`${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
  return response.body ? response.json() : null;
}

const slug = await createCampaign(app, admin, { settings: { panelQuorum: 2 } });
const entries: string[] = [];
for (const phrase of ['山城秘密甲', '山城秘密乙', '山城秘密丙']) {
  entries.push((await ok(resident, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase, explanation: '为秘密测试写的短语。' } })).submission.id);
}
const commentId = (await ok(resident, { method: 'POST', url: `/api/submissions/${entries[0]}/comments`, payload: { body: '公开的评论', stance: 'support' } })).comment.id;
await ok(admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } });
for (const id of entries) await ok(moderator, { method: 'PUT', url: `/api/submissions/${id}/shortlist`, payload: { rationale: '讨论中支持较多，表述也有地域特色。' } });

const { items: criteria } = await ok(resident, { method: 'GET', url: `/api/campaigns/${slug}/criteria` });
const scores = Object.fromEntries(criteria.map((criterion: { key: string }) => [criterion.key, 4]));
for (const id of entries) await ok(expert, { method: 'PUT', url: `/api/submissions/${id}/assessment`, payload: { scores, note: `${SECRET} assessment note` } });
const entryNote = (await ok(expert, { method: 'POST', url: `/api/submissions/${entries[0]}/notes`, payload: { body: `${SECRET} entry note` } })).note.id;
await ok(secondExpert, { method: 'POST', url: `/api/submissions/${entries[0]}/notes`, payload: { body: `${SECRET} reply`, parentId: entryNote } });

await ok(admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'refine' } });
const draftOf = async (text: string, rationale: string) =>
  (await ok(expert, { method: 'POST', url: `/api/campaigns/${slug}/drafts`, payload: { text, rationale, sourceSubmissionIds: entries.slice(0, 2) } })).draft.id as string;
// A published draft's versions and rationales are public; its endorsement notes are the panel's until the announcement.
const published = await draftOf('公开的稿子', '公开的理由');
await ok(expert, { method: 'POST', url: `/api/drafts/${published}/versions`, payload: { text: '公开的稿子第二版', rationale: '第二版的理由', sourceSubmissionIds: entries.slice(0, 1) } });
for (const who of [expert, secondExpert]) await ok(who, { method: 'PUT', url: `/api/drafts/${published}/endorsement`, payload: { stance: 'endorse', note: `${SECRET} endorsement` } });
await ok(expert, { method: 'POST', url: `/api/drafts/${published}/publish` });
const unpublished = await draftOf(`${SECRET}未公开`, `${SECRET} rationale`);
await ok(secondExpert, { method: 'POST', url: `/api/drafts/${unpublished}/versions`, payload: { text: `${SECRET}未公开第二版`, rationale: `${SECRET} second rationale`, sourceSubmissionIds: entries.slice(1, 3) } });
await ok(secondExpert, { method: 'PUT', url: `/api/drafts/${unpublished}/endorsement`, payload: { stance: 'object', note: `${SECRET} objection` } });
await ok(expert, { method: 'POST', url: `/api/drafts/${unpublished}/notes`, payload: { body: `${SECRET} draft note` } });
await ok(expert, { method: 'POST', url: `/api/drafts/${published}/notes`, payload: { body: `${SECRET} published draft note` } });
// Residents take part: a comment on the published draft and a draft vote.
const draftComment = (await ok(resident, { method: 'POST', url: `/api/drafts/${published}/comments`, payload: { body: '我支持这一稿', stance: 'support' } })).comment.id;
await ok(resident, { method: 'PUT', url: `/api/drafts/${published}/vote` });

const { rows: campaignRow } = await db.execute<{ id: string }>(sql`SELECT id FROM campaigns WHERE slug = ${slug}`);
const ids = [...entries, published, unpublished, commentId, draftComment, entryNote, campaignRow[0]!.id];
const QUERIES = ['', `?campaign=${slug}&from=1&to=2&limit=100`];

/** Every GET path of the access table, filled with every id planted here, as each viewer may call it. */
function requestsFor(path: string): string[] {
  const filled = path.replace(':slug', slug);
  const urls = filled.includes(':id') ? ids.map((id) => filled.replace(':id', id)) : [filled];
  return urls.flatMap((url) => QUERIES.map((query) => `${url}${query}`));
}
const getRoutes = Object.keys(ACCESS_TABLE)
  .filter((route) => route.startsWith('GET '))
  .map((route) => route.slice(4))
  .filter((path) => !path.endsWith('/events'));

describe('the panel\'s private work before the announcement', () => {
  it('is planted where the panel can read it (so the scan below is not vacuous)', async () => {
    const seen: string[] = [];
    for (const path of getRoutes) {
      for (const url of requestsFor(path)) {
        const response = await injectAs(app, expert, { method: 'GET', url });
        if (response.body.includes(SECRET)) seen.push(path);
      }
    }
    // The expert's own data export holds the expert's own work.
    expect(new Set(seen)).toEqual(
      new Set(['/api/me/export', '/api/campaigns/:slug/assessments', '/api/submissions/:id/notes', '/api/drafts/:id/notes', '/api/campaigns/:slug/drafts', '/api/drafts/:id', '/api/drafts/:id/versions', '/api/drafts/:id/diff'].filter((path) => getRoutes.includes(path))),
    );
  });

  it('appears in no response of any GET route to anonymous visitors, residents or moderators', async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const viewer of [null, resident, moderator]) {
      for (const path of getRoutes) {
        for (const url of requestsFor(path)) {
          const response = await injectAs(app, viewer, { method: 'GET', url });
          checked++;
          if (response.body.includes(SECRET)) leaks.push(`${viewer === null ? 'anonymous' : viewer === resident ? 'resident' : 'moderator'} GET ${url}: ${response.statusCode}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('is in no live event, no notification and no other account\'s data export', async () => {
    // The stream sends these rows (and resumes from them), so none may hold the secret.
    const { rows: events } = await db.execute<{ type: string; leaks: boolean }>(sql`
      SELECT type, data::text LIKE ${`%${SECRET}%`} AS leaks FROM campaign_events WHERE campaign_id = ${campaignRow[0]!.id}`);
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['draft.published', 'comment.created', 'stage.changed']));
    expect(events.filter((event) => event.leaks)).toEqual([]);
    const { rows: notifications } = await db.execute<{ kind: string }>(sql`SELECT kind FROM notifications WHERE subject_title LIKE ${`%${SECRET}%`} OR details::text LIKE ${`%${SECRET}%`}`);
    expect(notifications).toEqual([]);
    for (const viewer of [resident, moderator]) {
      const exported = await injectAs(app, viewer, { method: 'GET', url: '/api/me/export' });
      expect(exported.statusCode).toBe(200);
      expect(exported.body).not.toContain(SECRET);
    }
  });
});
