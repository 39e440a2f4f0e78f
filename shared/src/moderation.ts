import { z } from 'zod';
import { roleSchema, submissionStatusSchema } from './domain.ts';

export const REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'duplicate', 'other'] as const;
export const reportReasonSchema = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof reportReasonSchema>;

/** What can be reported; drafts' comments are comments, so they are covered. */
export const REPORT_TARGET_TYPES = ['submission', 'comment'] as const;
export const reportTargetTypeSchema = z.enum(REPORT_TARGET_TYPES);
export type ReportTargetType = z.infer<typeof reportTargetTypeSchema>;

const noteSchema = (max: number) => z.string().trim().max(max, { message: `keep it to ${max} characters` });

export const reportCreateSchema = z
  .object({
    targetType: reportTargetTypeSchema,
    targetId: z.uuid({ message: 'not a valid id' }),
    reason: reportReasonSchema,
    note: noteSchema(500).default('').describe('What a moderator should know'),
  })
  .meta({ id: 'ReportCreate' });
export type ReportCreate = z.input<typeof reportCreateSchema>;

export const reportSchema = z
  .object({ id: z.string(), targetType: reportTargetTypeSchema, targetId: z.string(), reason: reportReasonSchema, note: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'Report' });
export const reportCreatedSchema = z.object({ report: reportSchema, hidden: z.boolean().describe('Whether this report brought the content to the automatic hiding threshold') });

export const MODERATION_ACTIONS = ['approve', 'hide', 'restore', 'reject', 'merge', 'ban'] as const;
export const moderationActionNameSchema = z.enum(MODERATION_ACTIONS);
export type ModerationActionName = z.infer<typeof moderationActionNameSchema>;

export const MODERATION_TARGET_TYPES = ['submission', 'comment', 'user'] as const;
export const moderationTargetTypeSchema = z.enum(MODERATION_TARGET_TYPES);
export type ModerationTargetType = z.infer<typeof moderationTargetTypeSchema>;

export const moderationReasonSchema = z
  .string()
  .trim()
  .min(3, { message: 'say why, in a few words' })
  .max(500, { message: 'keep the reason to 500 characters' });

export const moderationActionCreateSchema = z
  .object({
    targetType: moderationTargetTypeSchema,
    targetId: z.uuid({ message: 'not a valid id' }),
    action: moderationActionNameSchema,
    reason: moderationReasonSchema.describe('Why: shown to the author and in the public moderation log'),
    mergeIntoId: z.uuid({ message: 'not a valid entry id' }).optional().describe('For merge: the entry that takes the merged one in'),
    hideContent: z.boolean().default(false).describe("For ban: also hide the account's entries and comments, with the same reason"),
  })
  .meta({ id: 'ModerationActionCreate' });
export type ModerationActionCreate = z.input<typeof moderationActionCreateSchema>;

export const moderationActionSchema = z
  .object({
    id: z.string(),
    targetType: moderationTargetTypeSchema,
    targetId: z.string(),
    action: z.string(),
    reason: z.string(),
    actorRole: roleSchema.nullable(),
    automatic: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ModerationAction' });
export type ModerationAction = z.infer<typeof moderationActionSchema>;
export const moderationActionCreatedSchema = z.object({ action: moderationActionSchema, status: z.string().describe('The target\'s status after the action') });

export const moderationLogQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export const moderationLogSchema = z
  .object({
    items: z.array(
      z.object({
        action: z.string(),
        targetType: moderationTargetTypeSchema,
        targetId: z.string(),
        reason: z.string(),
        actorRole: roleSchema.nullable().describe('The role of who acted, never the name; null where the platform acted by itself'),
        automatic: z.boolean().describe('Hidden by the platform at the reports threshold, until a moderator reviews it'),
        createdAt: z.iso.datetime(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ModerationLog' });

export const appealCreateSchema = z
  .object({
    targetType: z.enum(['submission', 'comment']),
    targetId: z.uuid({ message: 'not a valid id' }),
    note: noteSchema(1000).min(10, { message: 'explain in at least 10 characters why the decision should change' }),
  })
  .meta({ id: 'AppealCreate' });
export const appealSchema = z
  .object({ id: z.string(), actionId: z.string(), note: z.string(), createdAt: z.iso.datetime(), answeredAt: z.iso.datetime().nullable() })
  .meta({ id: 'Appeal' });
export const appealCreatedSchema = z.object({ appeal: appealSchema });

export const QUEUE_KINDS = ['pending', 'reported', 'hidden', 'appealed', 'suspicious_votes'] as const;
export const queueKindSchema = z.enum(QUEUE_KINDS);
export type QueueKind = z.infer<typeof queueKindSchema>;

export const queueQuerySchema = z.object({
  campaign: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a campaign slug is lowercase letters, digits and dashes'),
  kind: queueKindSchema.optional().describe('Without it, every kind, most urgent first'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

/** Why the voting on an entry looks organised: a burst over its own baseline, or mostly new accounts. */
export const VOTE_FLAG_REASONS = ['burst', 'new_accounts'] as const;

export const voteFlagSchema = z
  .object({
    reason: z.enum(VOTE_FLAG_REASONS),
    votesLastHour: z.number().int().describe('Votes on the entry in the hour before the flag'),
    hourlyBaseline: z.number().describe('Its votes per hour over the 24 hours before that'),
    votersLastDay: z.number().int().describe('Its voters of the last 24 hours'),
    newAccountShare: z.number().min(0).max(1).describe('The share of those whose account was under 24 hours old when they voted'),
    flaggedAt: z.iso.datetime(),
  })
  .meta({ id: 'VoteFlag' });
export type VoteFlag = z.infer<typeof voteFlagSchema>;

export const queueItemSchema = z
  .object({
    kind: queueKindSchema,
    targetType: z.enum(['submission', 'comment']),
    targetId: z.string(),
    target: z.object({
      text: z.string().describe("The entry's phrase, or the comment's text"),
      explanation: z.string().nullable(),
      entryId: z.string().nullable().describe('The entry, or the entry the comment is on; null for a comment on a draft'),
      draftId: z.string().nullable().describe('The draft the comment is on, for a comment on a draft'),
      entryPhrase: z.string().describe("The entry's phrase, or the wording of the draft the comment is on"),
      author: z.object({ id: z.string(), displayName: z.string(), banned: z.boolean() }),
      createdAt: z.iso.datetime(),
    }),
    status: z.string().describe("The entry's status, or the comment's: visible, hidden or deleted"),
    pendingReason: z.string().nullable(),
    reportCount: z.number().int(),
    reports: z.array(z.object({ reason: reportReasonSchema, note: z.string(), createdAt: z.iso.datetime() })),
    authorHistory: z.array(z.object({ action: z.string(), reason: z.string(), targetType: z.string(), createdAt: z.iso.datetime() })),
    appeal: z.object({ id: z.string(), note: z.string(), createdAt: z.iso.datetime(), action: z.string(), actionReason: z.string() }).nullable(),
    voteFlag: voteFlagSchema.nullable().describe('For suspicious_votes: why the voting was flagged, with the figures'),
    waitingSince: z.iso.datetime().describe('Since when it waits for a moderator'),
  })
  .meta({ id: 'QueueItem' });
export type QueueItem = z.infer<typeof queueItemSchema>;
export const queueSchema = z.object({ items: z.array(queueItemSchema), nextCursor: z.string().nullable() }).meta({ id: 'ModerationQueue' });

/** How long a shortlist rationale is, in characters as people count them. */
export const SHORTLIST_RATIONALE_LENGTH = { min: 10, max: 1000 } as const;

export const shortlistPutSchema = z
  .object({
    rationale: z
      .string()
      .trim()
      .min(SHORTLIST_RATIONALE_LENGTH.min, { message: 'say in at least 10 characters why it belongs on the shortlist' })
      .max(SHORTLIST_RATIONALE_LENGTH.max, { message: 'keep the rationale to 1000 characters' }),
  })
  .meta({ id: 'ShortlistPut' });

export const shortlistItemSchema = z
  .object({
    submission: z.object({ id: z.string(), phrase: z.string(), explanation: z.string(), status: submissionStatusSchema, districtCode: z.string().nullable(), author: z.object({ displayName: z.string() }) }),
    rationale: z.string(),
    voteCount: z.number().int().nullable().describe('null while the campaign hides vote counts from residents'),
    commentCount: z.number().int(),
    score: z.number().nullable().describe('Pairwise score (chance of beating a random other entry, 0–100), where the ranking has one'),
    shortlistedAt: z.iso.datetime(),
  })
  .meta({ id: 'ShortlistItem' });
export type ShortlistItem = z.infer<typeof shortlistItemSchema>;
export const shortlistSchema = z.object({ items: z.array(shortlistItemSchema) }).meta({ id: 'Shortlist' });

export const duplicateClustersSchema = z
  .object({
    items: z.array(
      z.object({
        entries: z.array(z.object({ id: z.string(), phrase: z.string(), voteCount: z.number().int(), similarity: z.number().min(0).max(1).describe('Its highest similarity to another entry of the cluster') })),
      }),
    ),
    pending: z.number().int().describe('Listed entries whose similar entries are still to be looked up (new or edited moments ago)'),
  })
  .meta({ id: 'DuplicateClusters' });
export type DuplicateClusters = z.infer<typeof duplicateClustersSchema>;
