import { sql } from 'drizzle-orm';
import { canSeeDraft, canSeeEndorsements, isPanelMember, type Draft, type DraftStatus, type PolicyViewer } from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { draftStatusIn } from '../../db/status-sql.ts';
import { notFound } from '../../errors.ts';
import { campaignRules, toCampaignRules, type CampaignRules } from '../campaigns/service.ts';
import { draftRowsQuery, endorsementColumns, toDraft, toDraftVersion, toEndorsement, versionColumns, type DraftRow, type EndorsementRow, type VersionRow } from './present.ts';

export type DraftRecord = {
  id: string;
  status: DraftStatus;
  currentVersion: number;
  endorsements: number;
  objections: number;
  campaign: CampaignRules & { title: string };
};

/**
 * A draft with its campaign, 404 unless the viewer may see it; `lock` takes the draft's row (and
 * shares the campaign's, so the stage cannot move under it) for the rest of the transaction.
 */
export async function visibleDraft(db: Executor, id: string, viewer: PolicyViewer, lock = false): Promise<DraftRecord> {
  const { rows } = await db.execute<{
    id: string;
    status: DraftStatus;
    current_version: number;
    endorsements: number;
    objections: number;
    campaign_id: string;
    slug: string;
    stage: CampaignRules['stage'];
    settings: CampaignRules['settings'];
    title: string;
  }>(sql`
    SELECT d.id, d.status, d.current_version, d.endorsements, d.objections, c.id AS campaign_id, c.slug, c.stage, c.settings, c.title
    FROM drafts d JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = ${id}
    ${lock ? sql`FOR SHARE OF c FOR UPDATE OF d` : sql``}`);
  const row = rows[0];
  if (!row || !canSeeDraft(row, viewer)) throw notFound('There is no such draft, or the panel has not published it.');
  return {
    id: row.id,
    status: row.status,
    currentVersion: Number(row.current_version),
    endorsements: Number(row.endorsements),
    objections: Number(row.objections),
    campaign: { ...toCampaignRules({ id: row.campaign_id, slug: row.slug, stage: row.stage, settings: row.settings }), title: row.title },
  };
}

const publicOnly = (viewer: PolicyViewer) => (isPanelMember(viewer) ? sql`` : sql`AND ${draftStatusIn('d.status', 'public')}`);

/** The adopted draft first, then the published ones in the order they were published, then the panel's drafts, latest change first. */
const fairOrder = sql`${draftStatusIn('d.status', 'adopted')} DESC, ${draftStatusIn('d.status', 'published')} DESC, d.published_at ASC NULLS LAST, d.updated_at DESC, d.id`;

/** A campaign's drafts as the viewer may see them, in one query. */
export async function campaignDrafts(db: Executor, campaign: CampaignRules, viewer: PolicyViewer): Promise<Draft[]> {
  const { rows } = await db.execute<DraftRow>(draftRowsQuery(viewer?.id ?? null, sql`d.campaign_id = ${campaign.id} ${publicOnly(viewer)}`, fairOrder));
  return rows.map((row) => toDraft(row, campaign.settings.panelQuorum));
}

export async function listDrafts(db: Executor, viewer: PolicyViewer, slug: string): Promise<{ items: Draft[] }> {
  return { items: await campaignDrafts(db, await campaignRules(db, { slug }), viewer) };
}

export async function endorsementsOf(db: Executor, draftId: string) {
  const { rows } = await db.execute<EndorsementRow>(sql`
    SELECT ${endorsementColumns} FROM draft_endorsements e JOIN users u ON u.id = e.expert_id
    WHERE e.draft_id = ${draftId} ORDER BY e.version DESC, e.updated_at, u.display_name`);
  return rows.map(toEndorsement);
}

/** One draft with the panel's stances: shown to the panel, and to everyone once the campaign is announced. */
export async function draftDetail(db: Executor, viewer: PolicyViewer, id: string) {
  const draft = await visibleDraft(db, id, viewer);
  const [{ rows }, endorsementList] = await Promise.all([
    db.execute<DraftRow>(draftRowsQuery(viewer?.id ?? null, sql`d.id = ${id}`)),
    canSeeEndorsements(viewer, draft.campaign.stage) ? endorsementsOf(db, id) : Promise.resolve([]),
  ]);
  return { draft: toDraft(rows[0]!, draft.campaign.settings.panelQuorum), endorsementList };
}

export async function versionsOf(db: Executor, draftId: string) {
  const { rows } = await db.execute<VersionRow>(sql`
    SELECT ${versionColumns} FROM draft_versions v JOIN users u ON u.id = v.author_id WHERE v.draft_id = ${draftId} ORDER BY v.number`);
  return rows.map(toDraftVersion);
}

export async function listVersions(db: Executor, viewer: PolicyViewer, id: string) {
  await visibleDraft(db, id, viewer);
  return { items: await versionsOf(db, id) };
}
