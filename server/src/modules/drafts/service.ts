import { sql } from 'drizzle-orm';
import { canPublishDraft, inDraftStatusSet, isShortlisted, type DraftVersionInput, type EndorsementStance, type Role, type SubmissionStatus } from '@city-spirit/shared';
import type { Database, Executor } from '../../db/client.ts';
import { draftStatusIn } from '../../db/status-sql.ts';
import { AppError, conflict, notFound } from '../../errors.ts';
import { advanceStage, toCampaignRules, type CampaignRules } from '../campaigns/service.ts';
import { assertStageAllows } from '../campaigns/stages.ts';
import { recordEvent } from '../events/hub.ts';
import { notify } from '../notifications/service.ts';
import { visibleDraft, type DraftRecord } from './listing.ts';

export type PanelMember = { id: string; role: Role };
type VersionInput = Required<Pick<DraftVersionInput, 'text' | 'rationale' | 'sourceSubmissionIds'>>;

/** Every source must be a shortlisted entry of the campaign: else 400 naming each one that is not. */
async function assertShortlistedSources(tx: Executor, campaignId: string, ids: string[]): Promise<void> {
  const { rows } = await tx.execute<{ id: string; campaign_id: string; status: SubmissionStatus }>(sql`
    SELECT id, campaign_id, status FROM submissions WHERE id = ANY(${sql.param(ids)}::uuid[])`);
  const errors = ids.flatMap((id, index) => {
    const entry = rows.find((row) => row.id === id);
    if (entry && entry.campaign_id === campaignId && isShortlisted(entry)) return [];
    const message = !entry || entry.campaign_id !== campaignId ? 'not an entry of this campaign' : `this entry is ${entry.status}, not on the shortlist`;
    return [{ path: `body.sourceSubmissionIds.${index}`, message }];
  });
  if (errors.length > 0) throw new AppError('validation_failed', 400, 'A draft draws on shortlisted entries of its campaign only.', { errors });
}

/** The campaign by slug, its row shared for the transaction so that its stage holds while the draft is written. */
async function sharedCampaign(tx: Executor, slug: string): Promise<CampaignRules & { title: string }> {
  const { rows } = await tx.execute<{ id: string; slug: string; stage: CampaignRules['stage']; settings: CampaignRules['settings']; title: string }>(sql`
    SELECT id, slug, stage, settings, title FROM campaigns WHERE slug = ${slug} FOR SHARE`);
  const row = rows[0];
  if (!row) throw notFound(`There is no campaign "${slug}".`);
  return { ...toCampaignRules(row), title: row.title };
}

async function insertVersion(tx: Executor, draftId: string, number: number, author: PanelMember, input: VersionInput): Promise<void> {
  await tx.execute(sql`
    INSERT INTO draft_versions (draft_id, number, text, rationale, source_submission_ids, author_id)
    VALUES (${draftId}, ${number}, ${input.text}, ${input.rationale}, ${sql.param(input.sourceSubmissionIds)}::uuid[], ${author.id})`);
}

/** A new draft and its version 1, in one transaction. */
export async function createDraft(db: Database, author: PanelMember, slug: string, input: VersionInput): Promise<string> {
  return db.transaction(async (tx) => {
    const campaign = await sharedCampaign(tx, slug);
    assertStageAllows(campaign, 'draft');
    await assertShortlistedSources(tx, campaign.id, input.sourceSubmissionIds);
    const { rows } = await tx.execute<{ id: string }>(sql`
      INSERT INTO drafts (campaign_id, author_id) VALUES (${campaign.id}, ${author.id}) RETURNING id`);
    const id = rows[0]!.id;
    await insertVersion(tx, id, 1, author, input);
    return id;
  });
}

/** The draft locked, in a stage that drafts, still the panel's to change; a published draft is fixed. */
async function draftInReview(tx: Executor, viewer: PanelMember, id: string): Promise<DraftRecord> {
  const draft = await visibleDraft(tx, id, viewer, true);
  assertStageAllows(draft.campaign, 'draft');
  if (!inDraftStatusSet('inPanelReview', draft.status)) {
    throw conflict(`This draft is ${draft.status} and fixed as it is; start a new draft to propose another wording.`);
  }
  return draft;
}

/**
 * A new immutable version numbered after the current one, with its own author, rationale and
 * sources. The draft's row is locked, so concurrent versions are numbered one after the other; the
 * counts start again from the new version's own stances (none yet).
 */
export async function addVersion(db: Database, author: PanelMember, id: string, input: VersionInput): Promise<void> {
  await db.transaction(async (tx) => {
    const draft = await draftInReview(tx, author, id);
    await assertShortlistedSources(tx, draft.campaign.id, input.sourceSubmissionIds);
    const number = draft.currentVersion + 1;
    await insertVersion(tx, id, number, author, input);
    await tx.execute(sql`
      UPDATE drafts SET current_version = ${number}, endorsements = 0, objections = 0, updated_at = now() WHERE id = ${id}`);
  });
}

/** The expert's stance on the current version (replacing an earlier one on it); the counts are recounted under the draft's lock. */
export async function endorse(db: Database, expert: PanelMember, id: string, stance: EndorsementStance, note: string | undefined): Promise<void> {
  await db.transaction(async (tx) => {
    const draft = await draftInReview(tx, expert, id);
    await tx.execute(sql`
      INSERT INTO draft_endorsements (draft_id, version, expert_id, stance, note) VALUES (${id}, ${draft.currentVersion}, ${expert.id}, ${stance}, ${note ?? null})
      ON CONFLICT (draft_id, version, expert_id) DO UPDATE SET stance = EXCLUDED.stance, note = EXCLUDED.note, updated_at = now()`);
    await tx.execute(sql`
      UPDATE drafts d SET
        endorsements = (SELECT count(*) FROM draft_endorsements e WHERE e.draft_id = d.id AND e.version = d.current_version AND e.stance = 'endorse'),
        objections = (SELECT count(*) FROM draft_endorsements e WHERE e.draft_id = d.id AND e.version = d.current_version AND e.stance = 'object'),
        updated_at = now()
      WHERE d.id = ${id}`);
  });
}

/** The authors of the current version's sources hear that a published draft draws on their entry: one notification each. */
async function notifySourceAuthors(tx: Executor, draft: DraftRecord): Promise<void> {
  const { rows } = await tx.execute<{ author_id: string; entry_id: string; phrases: string[]; text: string }>(sql`
    SELECT s.author_id, (array_agg(s.id ORDER BY s.created_at))[1]::text AS entry_id, array_agg(s.phrase ORDER BY s.created_at) AS phrases, v.text
    FROM drafts d JOIN draft_versions v ON v.draft_id = d.id AND v.number = d.current_version
    JOIN submissions s ON s.id = ANY(v.source_submission_ids) JOIN users u ON u.id = s.author_id AND u.deleted_at IS NULL
    WHERE d.id = ${draft.id} GROUP BY s.author_id, v.text ORDER BY s.author_id`);
  for (const row of rows) {
    await notify(tx, {
      userId: row.author_id,
      kind: 'draft.published_from_your_entry',
      campaignId: draft.campaign.id,
      subject: { type: 'draft', id: draft.id, title: row.text },
      entryId: row.entry_id,
      actorId: null,
      details: { phrases: row.phrases },
    });
  }
}

/** Publishes a draft whose endorsements reach the quorum and outnumber its objections: residents see it, comment and vote. */
export async function publishDraft(db: Database, expert: PanelMember, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const draft = await draftInReview(tx, expert, id);
    const quorum = draft.campaign.settings.panelQuorum;
    if (!canPublishDraft(draft, quorum)) {
      throw new AppError(
        'conflict',
        409,
        `This draft has ${draft.endorsements} endorsement(s) and ${draft.objections} objection(s) on version ${draft.currentVersion}; publishing needs at least ${quorum} endorsement(s), more than its objections.`,
        { endorsements: draft.endorsements, objections: draft.objections, panelQuorum: quorum },
      );
    }
    await tx.execute(sql`UPDATE drafts SET status = 'published', published_at = now(), updated_at = now() WHERE id = ${id}`);
    await tx.execute(sql`
      INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, reason, details)
      VALUES (${expert.id}, ${expert.role}, 'draft.published', 'draft', ${id}, ${`version ${draft.currentVersion} published`},
        ${JSON.stringify({ campaignId: draft.campaign.id, version: draft.currentVersion, endorsements: draft.endorsements, objections: draft.objections })}::jsonb)`);
    await recordEvent(tx, draft.campaign.id, 'draft.published', { id });
    await notifySourceAuthors(tx, draft);
  });
}

/**
 * Adopts a published draft as the campaign's wording, and the campaign is announced, in one
 * transaction: the campaign's row is locked first, then the draft's.
 */
export async function adoptDraft(db: Database, admin: PanelMember, slug: string, draftId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows: campaigns } = await tx.execute<{ id: string; slug: string; stage: CampaignRules['stage']; settings: CampaignRules['settings']; title: string }>(sql`
      SELECT id, slug, stage, settings, title FROM campaigns WHERE slug = ${slug} FOR UPDATE`);
    const campaign = campaigns[0];
    if (!campaign) throw notFound(`There is no campaign "${slug}".`);
    assertStageAllows(campaign, 'adopt');
    const { rows } = await tx.execute<{ id: string; campaign_id: string; status: string }>(sql`
      SELECT id, campaign_id, status FROM drafts WHERE id = ${draftId} FOR UPDATE`);
    const draft = rows[0];
    if (!draft) throw notFound('There is no such draft.');
    if (draft.campaign_id !== campaign.id) throw conflict('This draft belongs to another campaign; adopt one of this campaign\'s published drafts.');
    const { rows: adopted } = await tx.execute(sql`
      UPDATE drafts SET status = 'adopted', adopted_at = now(), updated_at = now() WHERE id = ${draftId} AND ${draftStatusIn('status', 'adoptable')} RETURNING id`);
    if (adopted.length === 0) throw conflict(`This draft is ${draft.status}; only a published draft can be adopted.`);
    await advanceStage(tx, admin, campaign, 'announced', { adoptedDraftId: draftId });
  });
}
