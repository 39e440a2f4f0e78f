import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { ACCESS_TABLE } from '../../server/src/access.ts';
import { setupTestApp } from '../helpers/app.ts';
import { injectAs, signedInUser } from '../helpers/accounts.ts';
import { createDraft, draftInput, endorse, publishedDraft, refiningCampaign } from '../helpers/drafts.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: expert } = await signedInUser(app, db, 'expert');
const { session: secondExpert } = await signedInUser(app, db, 'expert');
const { session: thirdExpert } = await signedInUser(app, db, 'expert');
const { session: resident } = await signedInUser(app, db);

const get = (session: typeof expert | null, url: string) => injectAs(app, session, { method: 'GET', url });
const publish = (id: string) => injectAs(app, expert, { method: 'POST', url: `/api/drafts/${id}/publish` });

describe('writing drafts', () => {
  it('creates a draft with its version 1 from shortlisted entries', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin);
    const response = await injectAs(app, expert, { method: 'POST', url: `/api/campaigns/${slug}/drafts`, payload: draftInput(entryIds.slice(0, 2)) });
    expect(response.statusCode, response.body).toBe(201);
    const { draft } = response.json();
    expect(draft).toMatchObject({ text: '坚韧顽强，开放包容', status: 'draft', version: 1, sourceSubmissionIds: entryIds.slice(0, 2), endorsements: 0, publishable: false });
    expect(draft.sources.map((source: { id: string }) => source.id)).toEqual(entryIds.slice(0, 2));
  });

  it('refuses sources that are not shortlisted entries of the campaign, naming each', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const other = await refiningCampaign(app, db, admin, { entries: 1 });
    const [{ id: unlisted }] = (await db.execute<{ id: string }>(sql`
      INSERT INTO submissions (campaign_id, author_id, phrase, language)
      SELECT campaign_id, author_id, '未入围的短语', 'zh' FROM submissions WHERE id = ${entryIds[0]!} RETURNING id`)).rows as [{ id: string }];
    const response = await injectAs(app, expert, { method: 'POST', url: `/api/campaigns/${slug}/drafts`, payload: draftInput([entryIds[0]!, unlisted, other.entryIds[0]!]) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
    expect(response.json().errors.map((error: { path: string }) => error.path)).toEqual(['body.sourceSubmissionIds.1', 'body.sourceSubmissionIds.2']);
  });

  it('is for experts in the refine stage: residents 403, after it 409 stage_closed', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    expect((await injectAs(app, resident, { method: 'POST', url: `/api/campaigns/${slug}/drafts`, payload: draftInput(entryIds) })).statusCode).toBe(403);
    await db.execute(sql`UPDATE campaigns SET stage = 'announced' WHERE slug = ${slug}`);
    expect((await injectAs(app, expert, { method: 'POST', url: `/api/campaigns/${slug}/drafts`, payload: draftInput(entryIds) })).json()).toMatchObject({ code: 'stage_closed' });
  });
});

describe('a draft\'s sources', () => {
  it('keep the id of an entry hidden since, not its phrase', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 2 });
    const id = await createDraft(app, expert, slug, entryIds);
    await db.execute(sql`UPDATE submissions SET status = 'hidden' WHERE id = ${entryIds[1]!}`);
    const { draft } = (await get(expert, `/api/drafts/${id}`)).json();
    expect(draft.sourceSubmissionIds).toEqual(entryIds);
    expect(draft.sources.map((source: { id: string }) => source.id)).toEqual([entryIds[0]]);
  });
});

describe('versions', () => {
  it('numbers new versions one after another, each with its own text, author and sources, oldest first', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin);
    const id = await createDraft(app, expert, slug, [entryIds[0]!]);
    const second = await injectAs(app, secondExpert, { method: 'POST', url: `/api/drafts/${id}/versions`, payload: draftInput(entryIds.slice(1), '坚韧顽强、开放包容、敢为人先') });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().draft).toMatchObject({ version: 2, text: '坚韧顽强、开放包容、敢为人先', sourceSubmissionIds: entryIds.slice(1) });
    const versions = (await get(expert, `/api/drafts/${id}/versions`)).json().items;
    expect(versions.map((version: { number: number; text: string }) => [version.number, version.text])).toEqual([
      [1, '坚韧顽强，开放包容'],
      [2, '坚韧顽强、开放包容、敢为人先'],
    ]);
  });

  it('never collide when written at once', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const id = await createDraft(app, expert, slug, entryIds);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => injectAs(app, i % 2 ? expert : secondExpert, { method: 'POST', url: `/api/drafts/${id}/versions`, payload: draftInput(entryIds, `第${i}稿：坚韧顽强`) })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(8).fill(201));
    const { rows } = await db.execute<{ numbers: number[]; current: number }>(sql`
      SELECT array_agg(v.number ORDER BY v.number) AS numbers, max(d.current_version) AS current FROM draft_versions v JOIN drafts d ON d.id = v.draft_id WHERE v.draft_id = ${id}`);
    expect(rows[0]).toEqual({ numbers: [1, 2, 3, 4, 5, 6, 7, 8, 9], current: 9 });
  });

  it('are immutable: no route changes one, and the database refuses UPDATE and DELETE', async () => {
    const verbs = Object.keys(ACCESS_TABLE).filter((key) => key.includes('/api/drafts/:id/versions')).map((key) => key.split(' ')[0]);
    expect(verbs.sort()).toEqual(['GET', 'POST']);
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const id = await createDraft(app, expert, slug, entryIds);
    const refused = { cause: { message: expect.stringMatching(/draft versions are immutable/) } };
    await expect(db.execute(sql`UPDATE draft_versions SET text = '改过' WHERE draft_id = ${id}`)).rejects.toMatchObject(refused);
    await expect(db.execute(sql`DELETE FROM draft_versions WHERE draft_id = ${id}`)).rejects.toMatchObject(refused);
    expect((await get(expert, `/api/drafts/${id}/versions`)).json().items[0].text).toBe('坚韧顽强，开放包容');
  });

  it('diffs two versions character by character, Chinese included; 404 for a version that does not exist', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const id = await createDraft(app, expert, slug, entryIds);
    await injectAs(app, expert, { method: 'POST', url: `/api/drafts/${id}/versions`, payload: draftInput(entryIds, '坚韧顽强、开放包容、敢为人先') });
    const diff = await get(expert, `/api/drafts/${id}/diff?from=1&to=2`);
    expect(diff.statusCode, diff.body).toBe(200);
    expect(diff.json()).toEqual({
      from: 1,
      to: 2,
      changes: [
        { value: '坚韧顽强' },
        { value: '，', removed: true },
        { value: '、', added: true },
        { value: '开放包容' },
        { value: '、敢为人先', added: true },
      ],
    });
    expect((await get(expert, `/api/drafts/${id}/diff?from=1&to=3`)).statusCode).toBe(404);
    expect((await get(expert, `/api/drafts/${id}/diff?from=0&to=1`)).statusCode).toBe(400);
  });

  it('answers 400, not 500, to a version number beyond any version', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const id = await createDraft(app, expert, slug, entryIds);
    for (const query of ['from=99999999999&to=1', 'from=1&to=2147483648']) {
      const response = await get(expert, `/api/drafts/${id}/diff?${query}`);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
  });
});

describe('endorsements and publishing', () => {
  it('publishes at the quorum only, and not while objections keep up', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const id = await createDraft(app, expert, slug, entryIds);
    await endorse(app, expert, id);
    const early = await publish(id);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/1 endorsement.*at least 2/);
    await endorse(app, secondExpert, id);
    await endorse(app, thirdExpert, id, 'object');
    const { session: fourth } = await signedInUser(app, db, 'expert');
    await endorse(app, fourth, id, 'object');
    const tied = await publish(id);
    expect(tied.statusCode).toBe(409);
    expect((await get(expert, `/api/drafts/${id}`)).json().draft).toMatchObject({ endorsements: 2, objections: 2, publishable: false });
    await endorse(app, fourth, id, 'endorse');
    const published = await publish(id);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().draft).toMatchObject({ status: 'published', endorsements: 3, objections: 1 });
  });

  it('replaces an expert\'s stance on a version and starts the count again on a new version, keeping the old as history', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const id = await createDraft(app, expert, slug, entryIds);
    await endorse(app, expert, id);
    await endorse(app, expert, id, 'object');
    let detail = (await get(expert, `/api/drafts/${id}`)).json();
    expect(detail.draft).toMatchObject({ endorsements: 0, objections: 1, viewerStance: 'object' });
    await endorse(app, secondExpert, id);
    await injectAs(app, expert, { method: 'POST', url: `/api/drafts/${id}/versions`, payload: draftInput(entryIds, '坚韧顽强，敢为人先') });
    detail = (await get(expert, `/api/drafts/${id}`)).json();
    expect(detail.draft).toMatchObject({ version: 2, endorsements: 0, objections: 0, viewerStance: null });
    expect(detail.endorsementList.map((e: { version: number; stance: string }) => [e.version, e.stance]).sort()).toEqual([[1, 'endorse'], [1, 'object']]);
    await endorse(app, secondExpert, id);
    expect((await get(expert, `/api/drafts/${id}`)).json().draft).toMatchObject({ endorsements: 1, objections: 0 });
  });

  it('fixes a published draft: no new version, no new stance (409), and tells the source authors', async () => {
    const { slug, entryIds, authors } = await refiningCampaign(app, db, admin, { entries: 2 });
    const id = await publishedDraft(app, [expert, secondExpert], slug, entryIds);
    const again = await injectAs(app, expert, { method: 'POST', url: `/api/drafts/${id}/versions`, payload: draftInput(entryIds) });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/new draft/);
    expect((await endorse(app, thirdExpert, id)).statusCode).toBe(409);
    const notifications = (await get(authors[0]!, '/api/notifications')).json().items;
    expect(notifications[0]).toMatchObject({ kind: 'draft.published_from_your_entry', subject: { type: 'draft', id, title: '坚韧顽强，开放包容' }, entryId: entryIds[0] });
    const { rows } = await db.execute(sql`SELECT 1 FROM campaign_events WHERE type = 'draft.published' AND data->>'id' = ${id}`);
    expect(rows).toHaveLength(1);
  });
});

describe('who sees drafts', () => {
  it('shows the panel every draft and everyone else the published ones only', async () => {
    const { slug, entryIds } = await refiningCampaign(app, db, admin, { entries: 1 });
    const hidden = await createDraft(app, expert, slug, entryIds, '尚未发布的草案');
    const shown = await publishedDraft(app, [expert, secondExpert], slug, entryIds);
    const ids = async (session: typeof expert | null) => (await get(session, `/api/campaigns/${slug}/drafts`)).json().items.map((d: { id: string }) => d.id);
    expect(await ids(expert)).toEqual([shown, hidden]);
    expect(await ids(admin)).toEqual([shown, hidden]);
    expect(await ids(resident)).toEqual([shown]);
    expect(await ids(null)).toEqual([shown]);
    for (const session of [resident, null]) {
      for (const path of ['', '/versions', '/diff?from=1&to=1', '/comments']) {
        expect((await get(session, `/api/drafts/${hidden}${path}`)).statusCode, path).toBe(404);
      }
    }
    expect((await get(resident, `/api/drafts/${shown}`)).json().endorsementList).toEqual([]);
    expect((await get(expert, `/api/drafts/${shown}`)).json().endorsementList).toHaveLength(2);
  });
});
