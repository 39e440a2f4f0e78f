import { z } from 'zod';
import { stageSchema, type Stage } from './domain.ts';
import { criteriaSettingSchema, DEFAULT_CRITERIA, stagePeriodSchema } from './drafting.ts';
import { dataLicenceIdSchema, DEFAULT_DATA_LICENCE } from './open-data.ts';

export const districtSchema = z
  .object({
    code: z.string().regex(/^\d{6}$/),
    nameZh: z.string(),
    nameEn: z.string(),
    kind: z.enum(["district", "county", "autonomous_county"]),
  })
  .meta({ id: 'District' });
export type District = z.infer<typeof districtSchema>;

export const districtListSchema = z.object({ items: z.array(districtSchema) });

export const stageWindowSchema = z.object({
  stage: stageSchema,
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
});
export type StageWindow = z.infer<typeof stageWindowSchema>;

export const campaignSettingsSchema = z
  .object({
    maxSubmissionsPerUser: z.number().int().min(1).max(1000),
    maxVotesPerUser: z.number().int().min(1).max(10000),
    votingRequiresVerification: z.boolean(),
    voteCountsHidden: z.boolean(),
    moderationMode: z.enum(['post', 'pre']),
    autoHideReports: z.number().int().min(1).max(1000),
    panelQuorum: z.number().int().min(1).max(100).describe('Endorsements a draft needs (and more than its objections) before the panel can publish it'),
    maxCommentsPerHour: z.number().int().min(1).max(1000).describe('Comments one resident may post per hour across the campaign; beyond it 429 with Retry-After'),
    maxVotesPerMinute: z.number().int().min(1).max(1000).describe('Votes one resident may cast per minute in the campaign; beyond it 429 with Retry-After (withdrawing is never limited)'),
    maxSubmissionsPerHour: z.number().int().min(1).max(1000).describe('Entries one resident may submit per hour to the campaign, withdrawn ones included; beyond it 429 with Retry-After'),
    criteria: criteriaSettingSchema,
    consensusMinParticipants: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .describe('Participants a district needs before it counts in the cross-district consensus score (GET …/consensus)'),
    blockedTerms: z
      .array(z.string().trim().min(1).max(40))
      .max(500)
      .describe('Entries containing any of these (after normalization) wait for review, in either moderation mode'),
    dataLicence: dataLicenceIdSchema,
  })
  .meta({ id: 'CampaignSettings' });
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = {
  maxSubmissionsPerUser: 5,
  maxVotesPerUser: 10,
  votingRequiresVerification: false,
  voteCountsHidden: false,
  moderationMode: 'post',
  autoHideReports: 5,
  panelQuorum: 3,
  maxCommentsPerHour: 30,
  maxVotesPerMinute: 30,
  maxSubmissionsPerHour: 10,
  criteria: DEFAULT_CRITERIA,
  consensusMinParticipants: 5,
  blockedTerms: [],
  dataLicence: DEFAULT_DATA_LICENCE,
};

export const campaignCountsSchema = z.object({
  submissions: z.number().int().describe('Entries visible to everyone (published, shortlisted or merged)'),
  participants: z.number().int().describe('Distinct residents who submitted an entry'),
  districts: z.number().int().describe('Distinct districts the visible entries come from'),
});
export type CampaignCounts = z.infer<typeof campaignCountsSchema>;

export const campaignTranslationSchema = z.object({ title: z.string(), description: z.string() });

export const campaignSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string().describe('Title in the campaign\'s own language (zh-CN)'),
    description: z.string(),
    translations: z
      .object({ en: campaignTranslationSchema.optional() })
      .describe('The same texts in other languages, where the organisers provided them'),
    stage: stageSchema,
    stageSchedule: z.array(stageWindowSchema).describe('The planned dates of each stage'),
    stageHistory: z.array(stagePeriodSchema).describe('When each stage the campaign reached actually began and ended, in order'),
    settings: campaignSettingsSchema,
    counts: campaignCountsSchema,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Campaign' });
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListSchema = z.object({ items: z.array(campaignSchema), nextCursor: z.string().nullable() });

export const campaignSlugParamsSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a campaign slug is lowercase letters, digits and dashes'),
});

const stageScheduleInputSchema = z
  .array(stageWindowSchema)
  .length(4)
  .refine((windows) => windows.every((window, index) => window.stage === stageSchema.options[index]), {
    message: 'list the four stages in order: collect, discuss, refine, announced',
  })
  .refine(
    (windows) =>
      windows.every((window) => !window.startsAt || !window.endsAt || window.startsAt < window.endsAt),
    { message: 'each stage must end after it starts' },
  );

const campaignTranslationsInputSchema = z.object({
  en: z.object({ title: z.string().trim().min(2).max(120), description: z.string().trim().min(10).max(10_000) }).optional(),
});

export const campaignCreateSchema = z
  .object({
    slug: campaignSlugParamsSchema.shape.slug,
    title: z.string().trim().min(2).max(120),
    description: z.string().trim().min(10).max(10_000),
    translations: campaignTranslationsInputSchema.default({}),
    stageSchedule: stageScheduleInputSchema.optional(),
    settings: campaignSettingsSchema.partial().default({}),
  })
  .meta({ id: 'CampaignCreate' });
export type CampaignCreate = z.input<typeof campaignCreateSchema>;

export const campaignUpdateSchema = z
  .object({
    title: campaignCreateSchema.shape.title.optional(),
    description: campaignCreateSchema.shape.description.optional(),
    translations: campaignTranslationsInputSchema.optional(),
    stageSchedule: stageScheduleInputSchema.optional(),
    settings: campaignSettingsSchema.partial().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'send at least one field to change' })
  .meta({ id: 'CampaignUpdate' });

export const stageChangeSchema = z.object({ stage: stageSchema }).meta({ id: 'StageChange' });

/** What residents and staff may do; each stage allows some of these (see STAGE_ALLOWS on the server). */
export const STAGE_ACTIONS = [
  'submit',
  'editOwnSubmission',
  'withdrawOwnSubmission',
  'vote',
  'comment',
  'report',
  'pairwise',
  'shortlist',
  'assess',
  'keepPanelNotes',
  'draft',
  'commentOnDraft',
  'voteOnDraft',
  'adopt',
] as const;
export type StageAction = (typeof STAGE_ACTIONS)[number];

/** The one place that says what each stage allows: the server enforces it, the web offers only what it allows. */
export const STAGE_ALLOWS: Record<Stage, readonly StageAction[]> = {
  collect: ['submit', 'editOwnSubmission', 'withdrawOwnSubmission', 'vote', 'comment', 'report'],
  discuss: ['vote', 'comment', 'pairwise', 'report', 'shortlist', 'assess', 'keepPanelNotes'],
  refine: ['draft', 'assess', 'keepPanelNotes', 'commentOnDraft', 'voteOnDraft', 'report', 'adopt'],
  announced: [],
};

export function stageAllows(stage: Stage, action: StageAction): boolean {
  return STAGE_ALLOWS[stage].includes(action);
}

/** Residents see no vote counts while the campaign hides them, until the discuss stage ends (staff do). */
export function voteCountsHiddenInStage(campaign: { stage: Stage; settings: { voteCountsHidden: boolean } }): boolean {
  return campaign.settings.voteCountsHidden && (campaign.stage === 'collect' || campaign.stage === 'discuss');
}
