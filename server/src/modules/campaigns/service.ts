import { asc, eq, sql } from 'drizzle-orm';
import {
  campaignCreateSchema,
  campaignSettingsSchema,
  type CampaignSettings,
  DEFAULT_CAMPAIGN_SETTINGS,
  nextStage,
  STAGES,
  type Campaign,
  type CampaignCreate,
  type Role,
  type Stage,
  type StagePeriod,
  type campaignUpdateSchema,
} from '@city-spirit/shared';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { auditLog, campaignCounts, campaigns, stageTransitions } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor, timeCursorSchema } from '../../pagination.ts';
import { recordEvent } from '../events/hub.ts';
import { assertStageChangeAllowed } from './stages.ts';
import { notifyParticipants } from '../notifications/service.ts';

// Kept by migration 0007's trigger in the transaction that changes an entry, so reading them costs
// one row: visible entries (published, shortlisted, merged), their distinct authors and districts.
const campaignWithCounts = {
  campaign: campaigns,
  submissions: sql<number>`coalesce(${campaignCounts.submissions}, 0)`.mapWith(Number),
  participants: sql<number>`coalesce(${campaignCounts.participants}, 0)`.mapWith(Number),
  districts: sql<number>`coalesce(${campaignCounts.districts}, 0)`.mapWith(Number),
  stageHistory: sql<StagePeriod[]>`(
    SELECT coalesce(json_agg(json_build_object(
      'stage', st.stage,
      'startedAt', to_char(st.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'endedAt', to_char(st.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ) ORDER BY st.started_at), '[]'::json)
    FROM (
      SELECT stage, started_at, lead(started_at) OVER (ORDER BY started_at) AS ended_at
      FROM ${stageTransitions} WHERE ${stageTransitions.campaignId} = ${campaigns.id}
    ) st)`,
};

type CampaignRow = {
  campaign: typeof campaigns.$inferSelect;
  submissions: number;
  participants: number;
  districts: number;
  stageHistory: StagePeriod[];
};

function toCampaign({ campaign, submissions, participants, districts, stageHistory }: CampaignRow): Campaign {
  return {
    id: campaign.id,
    slug: campaign.slug,
    title: campaign.title,
    description: campaign.description,
    translations: campaign.translations,
    stage: campaign.stage,
    stageSchedule: campaign.stageSchedule,
    stageHistory,
    settings: storedSettings(campaign.settings),
    counts: { submissions, participants, districts },
    createdAt: campaign.createdAt.toISOString(),
  };
}

/** Campaigns oldest first, a page at a time (the first is the one the home page shows). */
export async function listCampaigns(db: Executor, query: { limit: number; cursor?: string | undefined }): Promise<{ items: Campaign[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, timeCursorSchema) : null;
  const rows = await db
    .select({ ...campaignWithCounts, createdAtExact: sql<string>`${campaigns.createdAt}::text` })
    .from(campaigns)
    .leftJoin(campaignCounts, eq(campaignCounts.campaignId, campaigns.id))
    .where(after ? sql`(${campaigns.createdAt}, ${campaigns.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : undefined)
    .orderBy(asc(campaigns.createdAt), asc(campaigns.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toCampaign),
    // The database's text of the time keeps its microseconds, which an ISO string would round away.
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.createdAtExact, id: last.campaign.id }) : null,
  };
}

export async function getCampaign(db: Executor, slug: string): Promise<Campaign> {
  const [row] = await db.select(campaignWithCounts).from(campaigns).leftJoin(campaignCounts, eq(campaignCounts.campaignId, campaigns.id)).where(eq(campaigns.slug, slug));
  if (!row) throw notFound(`There is no campaign "${slug}".`);
  return toCampaign(row);
}

/** What features need to apply a campaign's rules, without the cost of its live counts. */
export type CampaignRules = Pick<Campaign, 'id' | 'slug' | 'stage' | 'settings'>;

/**
 * Stored settings as the rules use them: a setting saved before it existed, or one the API would
 * have refused (written straight into the database), counts as its default.
 */
export function storedSettings(stored: Partial<CampaignSettings> | null): CampaignSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_CAMPAIGN_SETTINGS };
  for (const [key, value] of Object.entries(stored ?? {})) {
    const schema = campaignSettingsSchema.shape[key as keyof CampaignSettings];
    if (schema?.safeParse(value).success) settings[key] = value;
  }
  return settings as CampaignSettings;
}

/** A campaign's rules from its stored row. */
export function toCampaignRules(row: { id: string; slug: string; stage: CampaignRules['stage']; settings: Partial<CampaignRules['settings']> }): CampaignRules {
  return { id: row.id, slug: row.slug, stage: row.stage, settings: storedSettings(row.settings) };
}

export async function campaignRules(db: Executor, where: { slug: string } | { id: string }): Promise<CampaignRules> {
  const [row] = await db
    .select({ id: campaigns.id, slug: campaigns.slug, stage: campaigns.stage, settings: campaigns.settings })
    .from(campaigns)
    .where('slug' in where ? eq(campaigns.slug, where.slug) : eq(campaigns.id, where.id));
  if (!row) throw notFound('slug' in where ? `There is no campaign "${where.slug}".` : 'There is no such campaign.');
  return toCampaignRules(row);
}

export async function createCampaign(db: Executor, input: CampaignCreate): Promise<Campaign> {
  const campaign = campaignCreateSchema.parse(input);
  const [created] = await db
    .insert(campaigns)
    .values({
      slug: campaign.slug,
      title: campaign.title,
      description: campaign.description,
      translations: campaign.translations,
      stage: 'collect',
      stageSchedule: campaign.stageSchedule ?? STAGES.map((stage) => ({ stage, startsAt: null, endsAt: null })),
      settings: storedSettings(campaign.settings),
    })
    .onConflictDoNothing({ target: campaigns.slug })
    .returning({ id: campaigns.id, slug: campaigns.slug, createdAt: campaigns.createdAt });
  if (!created) throw new AppError('conflict', 409, `A campaign with the slug "${campaign.slug}" already exists; choose another slug.`);
  await db.insert(stageTransitions).values({ campaignId: created.id, stage: 'collect', startedAt: created.createdAt });
  return getCampaign(db, created.slug);
}

type Actor = { id: string; role: Role };

export async function updateCampaign(
  db: Executor,
  actor: Actor,
  slug: string,
  changes: z.output<typeof campaignUpdateSchema>,
): Promise<Campaign> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(campaigns).where(eq(campaigns.slug, slug)).for('update');
    if (!current) throw notFound(`There is no campaign "${slug}".`);
    const settings = changes.settings ? { ...storedSettings(current.settings), ...changes.settings } : undefined;
    await tx
      .update(campaigns)
      .set({
        ...(changes.title !== undefined && { title: changes.title }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.translations !== undefined && { translations: changes.translations }),
        ...(changes.stageSchedule !== undefined && { stageSchedule: changes.stageSchedule }),
        ...(settings && { settings }),
        updatedAt: sql`now()`,
      })
      .where(eq(campaigns.id, current.id));
    await tx.insert(auditLog).values({
      actorId: actor.id,
      actorRole: actor.role,
      action: 'campaign.updated',
      targetType: 'campaign',
      targetId: current.id,
      reason: 'campaign settings changed',
      details: { changed: Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined), settings: changes.settings ?? null },
    });
  });
  return getCampaign(db, slug);
}

/** Writes a stage change and when it happened; the caller checks that it is the next stage and tells everyone. */
export async function moveToStage(tx: Executor, campaignId: string, stage: Stage): Promise<void> {
  await tx.update(campaigns).set({ stage, updatedAt: sql`now()` }).where(eq(campaigns.id, campaignId));
  await tx.insert(stageTransitions).values({ campaignId, stage }).onConflictDoNothing();
}

/**
 * Moves a locked campaign on to `stage`, which must be its next one (else 409 conflict): the stage
 * and its start, the audit log, the participants' notifications and the live event, in the caller's
 * transaction. Changing the stage and adopting a draft both come through here.
 */
export async function advanceStage(
  tx: Executor,
  actor: Actor,
  current: { id: string; title: string; stage: Stage },
  stage: Stage,
  details: Record<string, unknown> = {},
): Promise<void> {
  const next = nextStage(current.stage);
  if (stage !== next) {
    throw new AppError(
      'conflict',
      409,
      next ? `The campaign is in the ${current.stage} stage; it can only move on to ${next}.` : 'The campaign has been announced; it has no further stage.',
      { stage: current.stage, nextStage: next },
    );
  }
  await moveToStage(tx, current.id, stage);
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorRole: actor.role,
    action: 'campaign.stage_changed',
    targetType: 'campaign',
    targetId: current.id,
    reason: `moved to ${stage}`,
    details: { from: current.stage, to: stage, ...details },
  });
  await notifyParticipants(tx, { id: current.id, title: current.title }, { from: current.stage, stage });
  await recordEvent(tx, current.id, 'stage.changed', { stage });
}

/** Moves the campaign to the next stage only; anything else is a 409 conflict. */
export async function changeStage(db: Executor, actor: Actor, slug: string, stage: Stage): Promise<Campaign> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(campaigns).where(eq(campaigns.slug, slug)).for('update');
    if (!current) throw notFound(`There is no campaign "${slug}".`);
    assertStageChangeAllowed(current, stage);
    await advanceStage(tx, actor, current, stage);
  });
  return getCampaign(db, slug);
}
