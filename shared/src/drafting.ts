import { z } from 'zod';
import { roleSchema, stageSchema } from './domain.ts';
import { readableText } from './text.ts';

/**
 * The refine stage's contract: the panel's criteria and assessments, its private notes, drafts with
 * immutable versions, endorsements, the residents' draft votes, adoption and the announced result.
 * Who may see or change which of these is decided in policy.ts.
 */

export const criterionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a criterion key is lowercase letters, digits and underscores'),
    nameZh: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(80),
    description: z.string().trim().max(500).describe('What the criterion asks of a wording (zh-CN)'),
    descriptionEn: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'Criterion' });
export type Criterion = z.infer<typeof criterionSchema>;

export const criteriaSettingSchema = z
  .array(criterionSchema)
  .min(1)
  .max(12)
  .refine((criteria) => new Set(criteria.map((criterion) => criterion.key)).size === criteria.length, { message: 'criterion keys must differ' })
  .describe('What the panel scores each shortlisted entry on, 1–5 each');

/** The call's own five criteria (Chongqing's), the default of every campaign. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'tradition', nameZh: '蕴含传统文化', nameEn: 'Carries traditional culture', description: '体现巴渝文化、红岩精神等历史文化底蕴', descriptionEn: 'Rooted in the history and culture of Bayu and Chongqing' },
  { key: 'times', nameZh: '富有时代气息', nameEn: 'Breathes the spirit of the times', description: '反映新时代重庆的面貌与追求', descriptionEn: 'Reflects the Chongqing of today and what it strives for' },
  { key: 'region', nameZh: '彰显地域特色', nameEn: "Shows the region's character", description: '山城、江城的地理与人文个性', descriptionEn: 'The character of the mountain city on two rivers and its people' },
  { key: 'development', nameZh: '引领发展思潮', nameEn: 'Leads the thinking of development', description: '对城市未来发展具有引领作用', descriptionEn: "Gives direction to the city's future" },
  { key: 'memorable', nameZh: '语言通俗好记', nameEn: 'Plain and easy to remember', description: '简洁凝练、朗朗上口、便于传播', descriptionEn: 'Short, plain and easy to say and pass on' },
];

export const criteriaListSchema = z.object({ items: z.array(criterionSchema) }).meta({ id: 'CriteriaList' });

export const ASSESSMENT_SCORE_MIN = 1;
export const ASSESSMENT_SCORE_MAX = 5;
export const PANEL_TEXT_MAX_LENGTH = 2000;

const panelTextSchema = (what: string) =>
  readableText(z.string().trim().max(PANEL_TEXT_MAX_LENGTH, { message: `keep the ${what} to ${PANEL_TEXT_MAX_LENGTH} characters` }), 'lines');

export const assessmentPutSchema = z
  .object({
    scores: z
      .record(z.string(), z.number().int('scores are whole numbers').min(ASSESSMENT_SCORE_MIN, 'scores run from 1 to 5').max(ASSESSMENT_SCORE_MAX, 'scores run from 1 to 5'))
      .describe('One score 1–5 for every criterion key of the campaign'),
    note: panelTextSchema('note').optional(),
  })
  .meta({ id: 'AssessmentPut' });
export type AssessmentPut = z.input<typeof assessmentPutSchema>;

export const criterionSummarySchema = z.object({
  mean: z.number().nullable(),
  spread: z.number().nullable().describe('Standard deviation of the experts\' scores (0 when they agree)'),
  min: z.number().int().nullable(),
  max: z.number().int().nullable(),
});

export const assessmentSummarySchema = z
  .object({
    submissionId: z.string(),
    phrase: z.string(),
    experts: z.number().int().describe('How many experts scored the entry'),
    means: z.record(z.string(), z.number().nullable()).describe('Mean score per criterion key; null where no expert scored'),
    criteria: z.record(z.string(), criterionSummarySchema),
    overall: z.number().nullable().describe('Mean of the criterion means'),
    mine: z.object({ scores: z.record(z.string(), z.number().int()), note: z.string().nullable(), updatedAt: z.iso.datetime() }).nullable().describe("The viewer's own assessment, for experts"),
    notes: z
      .array(z.object({ expert: z.object({ displayName: z.string() }), note: z.string(), updatedAt: z.iso.datetime() }))
      .describe("The experts' notes on their scores"),
  })
  .meta({ id: 'AssessmentSummary' });
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;
export const assessmentListSchema = z.object({ items: z.array(assessmentSummarySchema) }).meta({ id: 'AssessmentList' });

export const PANEL_NOTE_TARGET_TYPES = ['submission', 'draft'] as const;
export const panelNoteTargetTypeSchema = z.enum(PANEL_NOTE_TARGET_TYPES);
export type PanelNoteTargetType = z.infer<typeof panelNoteTargetTypeSchema>;
export const PANEL_NOTE_MAX_DEPTH = 3;

export const panelNoteCreateSchema = z
  .object({
    body: panelTextSchema('note').min(1, { message: 'write something' }),
    parentId: z.uuid({ message: 'not a valid note id' }).optional(),
  })
  .meta({ id: 'PanelNoteCreate' });

export const panelNoteSchema = z
  .object({
    id: z.string(),
    targetType: panelNoteTargetTypeSchema,
    targetId: z.string(),
    parentId: z.string().nullable(),
    depth: z.number().int(),
    body: z.string(),
    author: z.object({ displayName: z.string(), role: roleSchema }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PanelNote' });
export type PanelNote = z.infer<typeof panelNoteSchema>;
export const panelNoteCreatedSchema = z.object({ note: panelNoteSchema }).meta({ id: 'PanelNoteCreated' });
export const panelNoteListSchema = z.object({ items: z.array(panelNoteSchema) }).describe('Oldest first; replies follow their parent').meta({ id: 'PanelNoteList' });

export const DRAFT_STATUSES = ['draft', 'published', 'adopted'] as const;
export const draftStatusSchema = z.enum(DRAFT_STATUSES);
export type DraftStatus = z.infer<typeof draftStatusSchema>;

export const DRAFT_TEXT_MIN_LENGTH = 2;
export const DRAFT_TEXT_MAX_LENGTH = 200;
export const DRAFT_MAX_SOURCES = 50;

export const draftVersionInputSchema = z
  .object({
    text: readableText(
      z
        .string()
        .trim()
        .min(DRAFT_TEXT_MIN_LENGTH, { message: `the wording needs at least ${DRAFT_TEXT_MIN_LENGTH} characters` })
        .max(DRAFT_TEXT_MAX_LENGTH, { message: `keep the wording to ${DRAFT_TEXT_MAX_LENGTH} characters` }),
      'lines',
    ),
    rationale: panelTextSchema('rationale').min(1, { message: 'say why this wording' }),
    sourceSubmissionIds: z
      .array(z.uuid({ message: 'not a valid entry id' }))
      .min(1, 'name at least one shortlisted entry the wording draws on')
      .max(DRAFT_MAX_SOURCES, `name at most ${DRAFT_MAX_SOURCES} entries`)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'name each entry once' }),
  })
  .meta({ id: 'DraftVersionCreate' });
export type DraftVersionInput = z.input<typeof draftVersionInputSchema>;

export const draftIdParamsSchema = z.object({ id: z.uuid({ message: 'not a valid draft id' }) });

export const ENDORSEMENT_STANCES = ['endorse', 'object'] as const;
export const endorsementStanceSchema = z.enum(ENDORSEMENT_STANCES);
export type EndorsementStance = z.infer<typeof endorsementStanceSchema>;

export const endorsementPutSchema = z.object({ stance: endorsementStanceSchema, note: panelTextSchema('note').optional() }).meta({ id: 'EndorsementPut' });

export const endorsementSchema = z
  .object({
    expert: z.object({ displayName: z.string() }),
    version: z.number().int().describe('The version the stance was given on; only stances on the current version count'),
    stance: endorsementStanceSchema,
    note: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Endorsement' });
export type Endorsement = z.infer<typeof endorsementSchema>;

export const draftSourceSchema = z.object({ id: z.string(), phrase: z.string() });

export const draftSchema = z
  .object({
    id: z.string(),
    text: z.string().describe("The current version's wording"),
    rationale: z.string(),
    status: draftStatusSchema,
    version: z.number().int().describe('Number of the current version (1 for a new draft)'),
    sourceSubmissionIds: z.array(z.string()),
    sources: z.array(draftSourceSchema).describe('The current version\'s source entries with their phrases'),
    author: z.object({ displayName: z.string() }).describe('Who created the draft'),
    endorsements: z.number().int(),
    objections: z.number().int(),
    publishable: z.boolean().describe('Endorsements reach panelQuorum and outnumber objections'),
    voteCount: z.number().int(),
    commentCount: z.number().int(),
    viewerVoted: z.boolean().describe('Whether the viewer\'s draft vote is on this draft'),
    viewerStance: endorsementStanceSchema.nullable().describe("The viewer's own endorsement or objection, for experts"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
    adoptedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Draft' });
export type Draft = z.infer<typeof draftSchema>;
export const draftListSchema = z.object({ items: z.array(draftSchema) }).meta({ id: 'DraftList' });
export const draftDetailSchema = z.object({ draft: draftSchema, endorsementList: z.array(endorsementSchema).describe('For experts: each expert\'s stance with its note') }).meta({ id: 'DraftDetail' });

export const draftVersionSchema = z
  .object({
    number: z.number().int(),
    text: z.string(),
    rationale: z.string(),
    sourceSubmissionIds: z.array(z.string()),
    author: z.object({ displayName: z.string() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'DraftVersion' });
export type DraftVersion = z.infer<typeof draftVersionSchema>;
export const draftVersionListSchema = z.object({ items: z.array(draftVersionSchema) }).meta({ id: 'DraftVersionList' });

/** Versions are numbered in a PostgreSQL integer column: a larger number names no version and must not reach the query. */
const DRAFT_VERSION_NUMBER_MAX = 2_147_483_647;
const versionNumberSchema = (name: 'from' | 'to') =>
  z.coerce
    .number({ message: `${name} is a version number` })
    .int(`${name} is a version number`)
    .min(1, 'versions are numbered from 1')
    .max(DRAFT_VERSION_NUMBER_MAX, 'no draft has that many versions');

export const draftDiffQuerySchema = z.object({ from: versionNumberSchema('from'), to: versionNumberSchema('to') });
export const textChangeSchema = z.object({ value: z.string(), added: z.boolean().optional(), removed: z.boolean().optional() });
export type TextChange = z.infer<typeof textChangeSchema>;
export const draftDiffSchema = z
  .object({ from: z.number().int(), to: z.number().int(), changes: z.array(textChangeSchema).describe('Character by character: unchanged, added and removed runs in order') })
  .meta({ id: 'DraftDiff' });
export type DraftDiff = z.infer<typeof draftDiffSchema>;

export const draftVoteResultSchema = z
  .object({ draftId: z.string().nullable().describe('The draft the viewer\'s vote is on now (null after taking it back)'), drafts: z.array(z.object({ id: z.string(), voteCount: z.number().int() })).describe('The counts of the drafts the vote left and reached') })
  .meta({ id: 'DraftVoteResult' });
export type DraftVoteResult = z.infer<typeof draftVoteResultSchema>;

export const adoptSchema = z.object({ draftId: z.uuid({ message: 'not a valid draft id' }) }).meta({ id: 'Adopt' });

export const resultSourceSchema = z.object({
  submission: z.object({
    id: z.string(),
    phrase: z.string(),
    explanation: z.string(),
    author: z.object({ displayName: z.string() }),
    districtCode: z.string().nullable(),
    voteCount: z.number().int(),
    commentCount: z.number().int(),
    createdAt: z.iso.datetime(),
  }),
  score: z.number().nullable().describe('Pairwise score, 0–100'),
  shortlistRationale: z.string().nullable(),
  assessment: z.object({ experts: z.number().int(), means: z.record(z.string(), z.number().nullable()), overall: z.number().nullable() }),
  inVersions: z.array(z.number().int()).describe('The versions that drew on the entry'),
});

export const campaignFiguresSchema = z
  .object({
    entries: z.number().int().describe('Entries visible to everyone'),
    participants: z.number().int().describe('Distinct residents who submitted, voted, compared or commented'),
    districts: z.number().int().describe('Distinct districts of the visible entries'),
    votes: z.number().int().describe('Support votes on the entries visible to everyone (the sum of their voteCount)'),
    comparisons: z.number().int(),
    comments: z.number().int().describe('Comments not deleted, on the visible entries and the public drafts (the sum of their commentCount)'),
    draftVotes: z.number().int(),
  })
  .meta({ id: 'CampaignFigures' });
export type CampaignFigures = z.infer<typeof campaignFiguresSchema>;

export const stagePeriodSchema = z
  .object({ stage: stageSchema, startedAt: z.iso.datetime(), endedAt: z.iso.datetime().nullable() })
  .meta({ id: 'StagePeriod' });
export type StagePeriod = z.infer<typeof stagePeriodSchema>;

export const campaignResultSchema = z
  .object({
    wording: z.string(),
    adoptedAt: z.iso.datetime(),
    draft: draftSchema,
    versions: z.array(draftVersionSchema),
    sources: z.array(resultSourceSchema),
    endorsements: z.array(endorsementSchema),
    criteria: z.array(criterionSchema),
    tally: z.array(z.object({ draftId: z.string(), text: z.string(), voteCount: z.number().int(), adopted: z.boolean() })).describe('Every published draft with its residents\' votes, most first'),
    figures: campaignFiguresSchema,
    stages: z.array(stagePeriodSchema),
  })
  .meta({ id: 'CampaignResult' });
export type CampaignResult = z.infer<typeof campaignResultSchema>;
