import { asc, eq, sql } from 'drizzle-orm';
import {
  campaignCreateSchema,
  DEFAULT_CAMPAIGN_SETTINGS,
  STAGES,
  type Campaign,
  type CampaignCreate,
} from '@city-spirit/shared';
import type { Executor } from '../../db/client.ts';
import { campaigns } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';

const visible = sql`s.status IN ('published', 'shortlisted', 'merged')`;

const campaignWithCounts = {
  campaign: campaigns,
  submissions: sql<number>`(SELECT count(*) FROM submissions s WHERE s.campaign_id = campaigns.id AND ${visible})`.mapWith(Number),
  participants: sql<number>`(SELECT count(DISTINCT s.author_id) FROM submissions s WHERE s.campaign_id = campaigns.id AND ${visible})`.mapWith(Number),
  districts: sql<number>`(SELECT count(DISTINCT s.district_code) FROM submissions s WHERE s.campaign_id = campaigns.id AND ${visible})`.mapWith(Number),
};

type CampaignRow = {
  campaign: typeof campaigns.$inferSelect;
  submissions: number;
  participants: number;
  districts: number;
};

function toCampaign({ campaign, submissions, participants, districts }: CampaignRow): Campaign {
  return {
    id: campaign.id,
    slug: campaign.slug,
    title: campaign.title,
    description: campaign.description,
    translations: campaign.translations,
    stage: campaign.stage,
    stageSchedule: campaign.stageSchedule,
    settings: { ...DEFAULT_CAMPAIGN_SETTINGS, ...campaign.settings },
    counts: { submissions, participants, districts },
    createdAt: campaign.createdAt.toISOString(),
  };
}

export async function listCampaigns(db: Executor): Promise<Campaign[]> {
  const rows = await db.select(campaignWithCounts).from(campaigns).orderBy(asc(campaigns.createdAt));
  return rows.map(toCampaign);
}

export async function getCampaign(db: Executor, slug: string): Promise<Campaign> {
  const [row] = await db.select(campaignWithCounts).from(campaigns).where(eq(campaigns.slug, slug));
  if (!row) throw notFound(`There is no campaign "${slug}".`);
  return toCampaign(row);
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
      settings: { ...DEFAULT_CAMPAIGN_SETTINGS, ...campaign.settings },
    })
    .onConflictDoNothing({ target: campaigns.slug })
    .returning({ slug: campaigns.slug });
  if (!created) throw new AppError('conflict', 409, `A campaign with the slug "${campaign.slug}" already exists; choose another slug.`);
  return getCampaign(db, created.slug);
}
