import { z } from 'zod';
import { roleSchema, stageSchema } from './domain.ts';
import { readableText } from './text.ts';

/** What comments hang on: entries, and the drafts the panel publishes; the routes and rules are the same. */
export const COMMENT_TARGET_TYPES = ['submission', 'draft'] as const;
export const commentTargetTypeSchema = z.enum(COMMENT_TARGET_TYPES);
export type CommentTargetType = z.infer<typeof commentTargetTypeSchema>;

export const COMMENT_STANCES = ['support', 'oppose', 'neutral'] as const;
export const commentStanceSchema = z.enum(COMMENT_STANCES);
export type CommentStance = z.infer<typeof commentStanceSchema>;

export const COMMENT_BODY_MAX_LENGTH = 2000;
/** Replies nest to this depth; a reply to a comment at this depth is placed beside it, naming whom it answers. */
export const COMMENT_MAX_DEPTH = 3;
/** How long after posting its author may still edit a comment. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;

export const commentBodySchema = readableText(
  z
    .string()
    .trim()
    .min(1, { message: 'write something' })
    .max(COMMENT_BODY_MAX_LENGTH, { message: `keep the comment to ${COMMENT_BODY_MAX_LENGTH} characters` }),
  'lines',
);

export const commentCreateSchema = z
  .object({
    body: commentBodySchema.describe('Plain text; line breaks are kept, links are made clickable, HTML is shown as text'),
    stance: commentStanceSchema.describe('Whether the comment argues for the entry, against it, or neither'),
    parentId: z.uuid({ message: 'not a valid comment id' }).optional().describe('The comment this one answers'),
  })
  .meta({ id: 'CommentCreate' });
export type CommentCreate = z.input<typeof commentCreateSchema>;

export const commentUpdateSchema = z.object({ body: commentBodySchema }).meta({ id: 'CommentUpdate' });

export const commentVoteInputSchema = z
  .object({ value: z.union([z.literal(1), z.literal(-1)], { message: 'value is 1 (up) or -1 (down)' }) })
  .meta({ id: 'CommentVote' });

export const commentVoteResultSchema = z
  .object({
    score: z.number().int().describe('upvotes − downvotes'),
    upvotes: z.number().int(),
    downvotes: z.number().int(),
    viewerVote: z.union([z.literal(1), z.literal(-1)]).nullable(),
  })
  .meta({ id: 'CommentVoteResult' });
export type CommentVoteResult = z.infer<typeof commentVoteResultSchema>;

export const stanceSummarySchema = z
  .object({ support: z.number().int(), oppose: z.number().int(), neutral: z.number().int() })
  .describe('Comments on the target that are not deleted, by stance (replies included)')
  .meta({ id: 'StanceSummary' });
export type StanceSummary = z.infer<typeof stanceSummarySchema>;

export const commentSchema = z
  .object({
    id: z.string(),
    targetType: commentTargetTypeSchema,
    targetId: z.string(),
    parentId: z.string().nullable(),
    depth: z.number().int().min(1).max(COMMENT_MAX_DEPTH),
    replyTo: z
      .object({ id: z.string(), displayName: z.string() })
      .nullable()
      .describe('Whom a reply placed beside a deepest comment answers'),
    stance: commentStanceSchema,
    body: z.string().nullable().describe('null once deleted, or while hidden (except for its author and moderators)'),
    author: z.object({ displayName: z.string(), role: roleSchema }).nullable().describe('null once deleted, or while hidden (as body)'),
    score: z.number().int(),
    upvotes: z.number().int(),
    downvotes: z.number().int(),
    replyCount: z.number().int().describe('Direct replies, deleted ones included (they keep their place)'),
    viewerVote: z.union([z.literal(1), z.literal(-1)]).nullable(),
    viewerIsAuthor: z.boolean(),
    editableUntil: z.iso.datetime().nullable().describe('Until when the caller may still edit it (authors only)'),
    edited: z.boolean(),
    editedAt: z.iso.datetime().nullable(),
    deleted: z.boolean(),
    hidden: z.boolean().describe('Hidden by moderation: it keeps its place; its text is shown to its author and moderators only'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof commentSchema>;

export const COMMENT_SORTS = ['top', 'new', 'old'] as const;
export const commentSortSchema = z.enum(COMMENT_SORTS);
export type CommentSort = z.infer<typeof commentSortSchema>;

export const commentListQuerySchema = z.object({
  sort: commentSortSchema
    .optional()
    .describe('top: Wilson lower bound of up and down votes; new: newest first; old: oldest first. Default: top for the top level, old for replies'),
  parentId: z.uuid({ message: 'not a valid comment id' }).optional().describe('List the replies of this comment instead of the top level'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type CommentListQuery = z.input<typeof commentListQuerySchema>;

export const commentListSchema = z
  .object({
    items: z.array(commentSchema),
    nextCursor: z.string().nullable(),
    sort: commentSortSchema,
    stance: stanceSummarySchema,
    total: z.number().int().describe('The target\'s comments that are not deleted (its commentCount)'),
  })
  .meta({ id: 'CommentList' });
export type CommentList = z.infer<typeof commentListSchema>;

export const commentIdParamsSchema = z.object({ id: z.uuid({ message: 'not a valid comment id' }) });
export const commentCreatedSchema = z.object({ comment: commentSchema });

export const commentEditSchema = z.object({ body: z.string(), replacedAt: z.iso.datetime() });
export const commentEditListSchema = z
  .object({ items: z.array(commentEditSchema).describe('Earlier texts, oldest first'), current: z.string(), deleted: z.boolean() })
  .meta({ id: 'CommentEdits' });

// Notifications ------------------------------------------------------------------------------------

/**
 * The registry of notification kinds; later features add theirs here. Each groups by a key, so that
 * repeated events about one thing stay one unread item with a count.
 */
export const NOTIFICATION_KINDS = [
  'comment.reply',
  'comment.on_entry',
  'entry.shortlisted',
  'entry.hidden',
  'entry.merged',
  'entry.restored',
  'entry.rejected',
  'entry.approved',
  'comment.hidden',
  'comment.restored',
  'appeal.answered',
  'campaign.stage_changed',
  'draft.published_from_your_entry',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: notificationKindSchema,
    count: z.number().int().min(1).describe('How many events this item groups'),
    read: z.boolean(),
    campaignSlug: z.string().nullable(),
    subject: z
      .object({ type: z.enum(['submission', 'comment', 'campaign', 'draft']), id: z.string(), title: z.string() })
      .describe('What the notification is about: an entry (by its phrase), a comment (by what it is on), a campaign, or a draft (by its wording)'),
    entryId: z.string().nullable().describe('The entry to open, where there is one'),
    actor: z.object({ displayName: z.string() }).nullable().describe('Who caused the latest event, where a person did'),
    details: z.record(z.string(), z.unknown()).describe('Kind-specific facts, e.g. the new stage or a reason'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().describe('When the latest grouped event happened'),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export const notificationListSchema = z
  .object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unreadCount: z.number().int() })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationReadSchema = z
  .object({ ids: z.array(z.uuid({ message: 'not a valid notification id' })).min(1).max(200).optional().describe('Without ids, all are read') })
  .meta({ id: 'NotificationRead' });

// Live events --------------------------------------------------------------------------------------

/** What the campaign's event stream sends; `data` is one JSON line. */
export const campaignEventSchemas = {
  'submission.created': z.object({ id: z.string(), phrase: z.string() }),
  'submission.votes': z.object({ id: z.string(), voteCount: z.number().int() }),
  'comment.created': z.object({ id: z.string(), targetType: commentTargetTypeSchema, targetId: z.string(), parentId: z.string().nullable() }),
  'comment.changed': z.object({ id: z.string(), targetType: commentTargetTypeSchema, targetId: z.string(), parentId: z.string().nullable() }),
  'stage.changed': z.object({ stage: stageSchema }),
  'draft.published': z.object({ id: z.string() }),
  'draft.votes': z.object({ id: z.string(), voteCount: z.number().int() }),
  /** Sent only to the recipient's own connections: a new or grouped notification. */
  notification: z.object({ kind: notificationKindSchema }),
} as const;
export type CampaignEventType = keyof typeof campaignEventSchemas;
export type CampaignEventData<T extends CampaignEventType> = z.infer<(typeof campaignEventSchemas)[T]>;
export const CAMPAIGN_EVENT_TYPES = Object.keys(campaignEventSchemas) as CampaignEventType[];
