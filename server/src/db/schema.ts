import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigserial, boolean, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { COMMENT_STANCES, DRAFT_STATUSES, ENDORSEMENT_STANCES, PANEL_NOTE_TARGET_TYPES, REPORT_REASONS, ROLES, STAGES, SUBMISSION_STATUSES, VOTE_FLAG_REASONS } from '@city-spirit/shared';
import type { CampaignSettings, StageWindow } from '@city-spirit/shared';
import { draftStatusIn, statusIn } from './status-sql.ts';

export const stageEnum = pgEnum('stage', STAGES);
export const roleEnum = pgEnum('role', ROLES);
export const submissionStatusEnum = pgEnum('submission_status', SUBMISSION_STATUSES);
export const districtKindEnum = pgEnum('district_kind', ['district', 'county', 'autonomous_county']);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  kind: districtKindEnum('kind').notNull(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull().default('resident'),
    districtCode: text('district_code').references(() => districts.code),
    locale: text('locale').notNull().default('zh-CN'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    bannedAt: timestamp('banned_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** The privacy notice version consented to at sign-up, and when; NULL for accounts made before consent was asked. */
    privacyConsentVersion: text('privacy_consent_version'),
    privacyConsentAt: timestamp('privacy_consent_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_phone_key').on(t.phone),
  ],
);

export type CampaignTranslations = { en?: { title: string; description: string } };

export const campaigns = pgTable('campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  translations: jsonb('translations').$type<CampaignTranslations>().notNull().default({}),
  stage: stageEnum('stage').notNull().default('collect'),
  stageSchedule: jsonb('stage_schedule').$type<StageWindow[]>().notNull(),
  settings: jsonb('settings').$type<CampaignSettings>().notNull(),
  ...timestamps,
});

export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    phrase: text('phrase').notNull(),
    explanation: text('explanation').notNull().default(''),
    districtCode: text('district_code').references(() => districts.code),
    language: text('language').notNull(),
    status: submissionStatusEnum('status').notNull().default('published'),
    voteCount: integer('vote_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    /** Valid pairwise comparisons the entry took part in (skips included), kept with the comparisons. */
    comparisonCount: integer('comparison_count').notNull().default(0),
    /**
     * A random place among the entries with as many comparisons, drawn again at each comparison:
     * pair choice takes the first entry after a random point (pair-choice.ts, sampledPair).
     */
    pairKey: doublePrecision('pair_key').notNull().default(sql`random()`),
    /** normalizePhraseText(phrase): duplicates share it. */
    normalized: text('normalized').notNull().default(''),
    /** Distinct character bigrams and characters of `normalized`, for similar-phrase candidates. */
    bigrams: text('bigrams').array().notNull().default(sql`'{}'`),
    chars: text('chars').array().notNull().default(sql`'{}'`),
    /** Normalized phrase and explanation joined by a space (normalized text has none), for search. */
    searchText: text('search_text').notNull().default(''),
    /** Characters and bigrams of searchText: a search's terms must all be there before the exact check. */
    searchTerms: text('search_terms').array().notNull().default(sql`'{}'`),
    /** Distinct terms of the phrase (insights/terms.ts) for the campaign's top terms; null until start-up fills in older rows. */
    terms: text('terms').array(),
    /** Why an entry waits for review (pre-moderation, a blocked term), shown to its author and moderators. */
    pendingReason: text('pending_reason'),
    /** The entry a merged entry was merged into. */
    mergedIntoId: uuid('merged_into_id'),
    /** When its similar entries were last looked up for the duplicate clusters (null: still to do). */
    pairsCheckedAt: timestamp('pairs_checked_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('submissions_campaign_status_idx').on(t.campaignId, t.status),
    index('submissions_author_idx').on(t.authorId, t.campaignId),
    // In the order the lists sort by: PostgreSQL's DESC puts nulls first, and an index built with
    // drizzle's default (DESC NULLS LAST) cannot serve ORDER BY … DESC, which then sorts every entry.
    index('submissions_new_idx').on(t.campaignId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('submissions_top_idx').on(t.campaignId, t.voteCount.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('submissions_bigrams_idx').using('gin', t.bigrams),
    index('submissions_chars_idx').using('gin', t.chars),
    index('submissions_search_idx').using('gin', t.searchTerms),
    // Entries whose similar entries are still to be looked up (duplicates.ts): few at any time.
    index('submissions_pairs_unchecked_idx').on(t.createdAt).where(sql`pairs_checked_at IS NULL`),
    index('submissions_pair_idx')
      .on(t.campaignId, t.comparisonCount, t.pairKey)
      .where(statusIn('status', 'listed')),
    uniqueIndex('submissions_normalized_key')
      .on(t.campaignId, t.normalized)
      // Rows from before this column existed hold '' until start-up fills them in.
      .where(sql`${statusIn('status', 'holdingPhrase')} AND normalized <> ''`),
  ],
);

// A campaign's public counts, kept by the trigger of migration 0007 on every change to submissions,
// so reading them costs one row however many entries there are. "Visible" is published,
// shortlisted or merged, as in campaigns/service.ts. The two tables under it count each author's
// and each district's visible entries, so the trigger knows when one is the first or the last.
export const campaignCounts = pgTable('campaign_counts', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  submissions: integer('submissions').notNull().default(0),
  participants: integer('participants').notNull().default(0),
  districts: integer('districts').notNull().default(0),
});

export const campaignParticipants = pgTable(
  'campaign_participants',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').notNull(),
    entries: integer('entries').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.authorId] })],
);

export const campaignDistricts = pgTable(
  'campaign_districts',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    districtCode: text('district_code').notNull(),
    entries: integer('entries').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.districtCode] })],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the cookie's token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Append-only: a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    actorRole: roleEnum('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_target_idx').on(t.targetType, t.targetId)],
);

export const verificationCodes = pgTable(
  'verification_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: smallint('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('verification_codes_phone_idx').on(t.phone, t.createdAt), index('verification_codes_user_idx').on(t.userId, t.createdAt)],
);

/** Support votes: one per resident and entry; submissions.vote_count is kept equal to their count. */
export const votes = pgTable(
  'votes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.submissionId] }),
    index('votes_submission_idx').on(t.submissionId, t.createdAt),
    index('votes_user_campaign_idx').on(t.userId, t.campaignId),
    index('votes_campaign_time_idx').on(t.campaignId, t.createdAt),
  ],
);

export const pairChoiceEnum = pgEnum('pair_choice', ['left', 'right', 'skip']);

/** A pair shown to one resident; its token counts once. */
export const pairTokens = pgTable(
  'pair_tokens',
  {
    token: text('token').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    leftId: uuid('left_id')
      .notNull()
      .references(() => submissions.id),
    rightId: uuid('right_id')
      .notNull()
      .references(() => submissions.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('pair_tokens_user_idx').on(t.userId, t.campaignId)],
);

/** Every answer to a pair; replayed or foreign tokens are kept with valid = false and never counted. */
export const comparisons = pgTable(
  'comparisons',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    token: text('token').notNull(),
    leftId: uuid('left_id').notNull(),
    rightId: uuid('right_id').notNull(),
    choice: pairChoiceEnum('choice').notNull(),
    valid: boolean('valid').notNull(),
    invalidReason: text('invalid_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('comparisons_campaign_idx').on(t.campaignId, t.valid)],
);

export const commentStanceEnum = pgEnum('comment_stance', COMMENT_STANCES);

/**
 * Comments on a target ({ targetType, targetId }: an entry now, a published draft later). Deleting
 * sets deleted_at and keeps the row, so its place and its replies stay in the thread. The counts
 * (votes, replies, and the target's comment and stance counts) change in the comment's transaction.
 */
export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => comments.id),
    /** The deepest comment a reply placed beside it answers. */
    replyToId: uuid('reply_to_id').references((): AnyPgColumn => comments.id),
    depth: smallint('depth').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    stance: commentStanceEnum('stance').notNull(),
    body: text('body').notNull(),
    upvotes: integer('upvotes').notNull().default(0),
    downvotes: integer('downvotes').notNull().default(0),
    /** Wilson lower bound of upvotes among votes (comment_wilson), the order of sort=top. */
    wilson: doublePrecision('wilson').notNull().default(0),
    replyCount: integer('reply_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Hidden by moderation (or by reports, pending review): it keeps its place, its text withheld. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
  },
  (t) => [
    // In the lists' sort order (see submissions_new_idx): a page is an index range, whatever the
    // thread's size. The top level has its own partial indexes: with parent_id IS NULL as a key
    // condition, PostgreSQL does not use the columns after it for the order, and sorts the level.
    index('comments_level_top_idx')
      .on(t.targetType, t.targetId, t.wilson.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`parent_id IS NULL`),
    index('comments_level_new_idx').on(t.targetType, t.targetId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`parent_id IS NULL`),
    index('comments_replies_top_idx').on(t.parentId, t.wilson.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('comments_replies_new_idx').on(t.parentId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('comments_author_idx').on(t.authorId, t.createdAt),
    index('comments_campaign_idx').on(t.campaignId, t.createdAt),
  ],
);

/** One up or down vote per person and comment; comments.upvotes and downvotes follow them. */
export const commentVotes = pgTable(
  'comment_votes',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    value: smallint('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index('comment_votes_user_idx').on(t.userId)],
);

/** A comment's earlier texts, kept at each edit for moderators. */
export const commentEdits = pgTable(
  'comment_edits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => comments.id),
    body: text('body').notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('comment_edits_comment_idx').on(t.commentId, t.id)],
);

/** Per target, its comments that are not deleted by stance, kept in each comment's transaction. */
export const commentStances = pgTable(
  'comment_stances',
  {
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    support: integer('support').notNull().default(0),
    oppose: integer('oppose').notNull().default(0),
    neutral: integer('neutral').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.targetType, t.targetId] })],
);

/**
 * Notifications, written in the transaction of their cause. Unread ones with the same group_key
 * are one item: a new event raises its count and moves it up instead of adding a row.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    groupKey: text('group_key').notNull(),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    subjectTitle: text('subject_title').notNull(),
    entryId: uuid('entry_id'),
    /** Who caused the latest grouped event; their name is read from their account, so an erased account shows as erased. */
    actorId: uuid('actor_id').references(() => users.id),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    count: integer('count').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_unread_group_key').on(t.userId, t.groupKey).where(sql`read_at IS NULL`),
    index('notifications_user_idx').on(t.userId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/**
 * The campaigns' live events, kept a few minutes for Last-Event-ID resume. A trigger sends each new
 * row through NOTIFY when its transaction commits, so every server instance hears it.
 * recipient_id marks an event for one person's connections only.
 */
export const campaignEvents = pgTable(
  'campaign_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    recipientId: uuid('recipient_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaign_events_campaign_idx').on(t.campaignId, t.id), index('campaign_events_time_idx').on(t.createdAt)],
);

export const reportReasonEnum = pgEnum('report_reason', REPORT_REASONS);

/** One report per reporter and target (an entry or a comment). */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: reportReasonEnum('reason').notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when a moderator acted on the target after this report. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('reports_one_per_reporter_key').on(t.reporterId, t.targetType, t.targetId),
    index('reports_target_idx').on(t.targetType, t.targetId),
    index('reports_open_idx').on(t.campaignId, t.createdAt).where(sql`resolved_at IS NULL`),
  ],
);

/**
 * Every moderation action, the source of the campaign's public moderation log (which shows the
 * actor's role, never the name). Also written to the append-only audit log.
 */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** The author of the content acted on (or the account banned): their history in the queue. */
    targetAuthorId: uuid('target_author_id').references(() => users.id),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    /** null for what the platform did by itself (hiding at the reports threshold). */
    actorRole: roleEnum('actor_role'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('moderation_actions_campaign_idx').on(t.campaignId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('moderation_actions_target_idx').on(t.targetType, t.targetId, t.createdAt),
    index('moderation_actions_author_idx').on(t.targetAuthorId, t.createdAt),
  ],
);

/** An author's appeal against one action (hide or reject), answered by a moderator. */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .unique()
      .references(() => moderationActions.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The action that answered it: restore, or keep (with its reason). */
    answerActionId: uuid('answer_action_id').references(() => moderationActions.id),
  },
  (t) => [index('appeals_open_idx').on(t.createdAt).where(sql`answered_at IS NULL`)],
);

/** The shortlist the expert panel drafts from: entries picked by moderators with a rationale. */
export const shortlistEntries = pgTable(
  'shortlist_entries',
  {
    submissionId: uuid('submission_id')
      .primaryKey()
      .references(() => submissions.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    rationale: text('rationale').notNull(),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('shortlist_entries_campaign_idx').on(t.campaignId, t.createdAt)],
);

/**
 * What a merge did to each vote of the merged entry, so that restoring it gives every vote back as
 * it was: moved to the target, or dropped where the voter supported the target already.
 */
export const mergeVoteMoves = pgTable(
  'merge_vote_moves',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => moderationActions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.userId] }), index('merge_vote_moves_user_idx').on(t.userId)],
);

/**
 * Pairs of entries of a campaign similar enough to be duplicates (the similar-phrase measure), kept
 * as entries arrive (duplicates.ts), so that the moderators' clusters never compare all pairs.
 */
export const similarPairs = pgTable(
  'similar_pairs',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    lowId: uuid('low_id').notNull(),
    highId: uuid('high_id').notNull(),
    similarity: doublePrecision('similarity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lowId, t.highId] }), index('similar_pairs_campaign_idx').on(t.campaignId), index('similar_pairs_high_idx').on(t.highId)],
);

/** An entry whose voting looks organised (a burst, or mostly new accounts), waiting for a moderator until resolved. */
export const voteFlags = pgTable(
  'vote_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    reason: text('reason', { enum: VOTE_FLAG_REASONS }).notNull(),
    votesLastHour: integer('votes_last_hour').notNull(),
    hourlyBaseline: doublePrecision('hourly_baseline').notNull(),
    votersLastDay: integer('voters_last_day').notNull(),
    newAccountShare: doublePrecision('new_account_share').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('vote_flags_open_idx').on(t.submissionId).where(sql`resolved_at IS NULL`),
    index('vote_flags_campaign_idx').on(t.campaignId, t.createdAt),
    index('vote_flags_submission_idx').on(t.submissionId, t.createdAt),
  ],
);

/** When each stage a campaign reached began (it ends when the next begins): the real timeline beside the planned one. */
export const stageTransitions = pgTable(
  'stage_transitions',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    stage: stageEnum('stage').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.stage] })],
);

/** One expert's scores (criterion key → 1..5) for one shortlisted entry; a new assessment replaces it. */
export const assessments = pgTable(
  'assessments',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => users.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.expertId] }), index('assessments_campaign_idx').on(t.campaignId)],
);

export const panelNoteTargetEnum = pgEnum('panel_note_target', PANEL_NOTE_TARGET_TYPES);

/** The panel's private notes, threaded, on shortlisted entries and drafts: never in a response to anyone outside the panel. */
export const panelNotes = pgTable(
  'panel_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    targetType: panelNoteTargetEnum('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => panelNotes.id),
    depth: smallint('depth').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('panel_notes_target_idx').on(t.targetType, t.targetId, t.createdAt), index('panel_notes_author_idx').on(t.authorId)],
);

export const draftStatusEnum = pgEnum('draft_status', DRAFT_STATUSES);

/**
 * A draft of the campaign's wording. Its text, rationale and sources live in its versions; the
 * counts (endorsements, objections, votes, comments) change in the transaction of the rows they count.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    status: draftStatusEnum('status').notNull().default('draft'),
    currentVersion: integer('current_version').notNull().default(1),
    endorsements: integer('endorsements').notNull().default(0),
    objections: integer('objections').notNull().default(0),
    voteCount: integer('vote_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    adoptedAt: timestamp('adopted_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('drafts_campaign_idx').on(t.campaignId, t.createdAt),
    uniqueIndex('drafts_one_adopted_key').on(t.campaignId).where(draftStatusIn('status', 'adopted')),
  ],
);

/**
 * The versions of a draft, numbered from 1. Immutable: a trigger (migration 0018) refuses UPDATE and
 * DELETE, so an edit is always a new version with its own rationale, sources and author.
 */
export const draftVersions = pgTable(
  'draft_versions',
  {
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    rationale: text('rationale').notNull(),
    /** Shortlisted entries of the campaign the version draws on (checked when the version is written). */
    sourceSubmissionIds: uuid('source_submission_ids').array().notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.number] }), index('draft_versions_author_idx').on(t.authorId)],
);

export const endorsementStanceEnum = pgEnum('endorsement_stance', ENDORSEMENT_STANCES);

/**
 * Each expert's endorsement of or objection to one version of a draft; a new stance on the same
 * version replaces the old. The draft's counts are those of its current version; stances on older
 * versions stay as its history.
 */
export const draftEndorsements = pgTable(
  'draft_endorsements',
  {
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id),
    version: integer('version').notNull(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => users.id),
    stance: endorsementStanceEnum('stance').notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.draftId, t.version, t.expertId] }), index('draft_endorsements_expert_idx').on(t.expertId)],
);

/** A resident's one vote among a campaign's published drafts; voting for another draft moves it. */
export const draftVotes = pgTable(
  'draft_votes',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] }), index('draft_votes_draft_idx').on(t.draftId), index('draft_votes_user_idx').on(t.userId)],
);

// The campaign's insights (GET …/stats and …/consensus), kept by the triggers of migration 0019 in
// the transaction of the rows they count, so a read costs a few index ranges however many entries
// there are. Days are calendar days in Asia/Shanghai. An activity is a public entry (by its author),
// a support vote, a valid comparison or a comment not deleted.

/** Per campaign, day and shard (a hash of the account, so votes of different people do not queue on one row). */
export const campaignDailyStats = pgTable(
  'campaign_daily_stats',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    shard: smallint('shard').notNull(),
    entries: integer('entries').notNull().default(0),
    votes: integer('votes').notNull().default(0),
    /** Comments by stance; their sum is the day's comments. */
    support: integer('support').notNull().default(0),
    oppose: integer('oppose').notNull().default(0),
    neutral: integer('neutral').notNull().default(0),
    /** Accounts whose first activity of the day in the campaign falls in this shard. */
    participants: integer('participants').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day, t.shard] })],
);

/** Each account's activities on one day of a campaign: the day's participants are the rows above 0. */
export const campaignDayParticipants = pgTable(
  'campaign_day_participants',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    userId: uuid('user_id').notNull(),
    activities: integer('activities').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day, t.userId] })],
);

/** Each account's activities in a campaign, by kind: the funnel and the districts' participants follow its 0 → 1 and 1 → 0. */
export const campaignActivity = pgTable(
  'campaign_activity',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    entries: integer('entries').notNull().default(0),
    votes: integer('votes').notNull().default(0),
    comparisons: integer('comparisons').notNull().default(0),
    comments: integer('comments').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] }), index('campaign_activity_user_idx').on(t.userId)],
);

/** Per campaign and the participants' own district ('' for none): participants, and those who submitted, voted and commented. */
export const campaignDistrictActivity = pgTable(
  'campaign_district_activity',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    districtCode: text('district_code').notNull(),
    participants: integer('participants').notNull().default(0),
    submitted: integer('submitted').notNull().default(0),
    voted: integer('voted').notNull().default(0),
    commented: integer('commented').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.districtCode] })],
);

/** Terms of the campaign's public phrases (submissions.terms): how many entries hold each, and the ids of up to 50 of them. */
export const campaignTerms = pgTable(
  'campaign_terms',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    entries: integer('entries').notNull(),
    submissionIds: uuid('submission_ids').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.term] }), index('campaign_terms_top_idx').on(t.campaignId, t.entries.desc().nullsFirst(), t.term)],
);

/** Support votes on an entry by the voters' district ('' for none): the consensus reads them. */
export const submissionDistrictSupport = pgTable(
  'submission_district_support',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id),
    districtCode: text('district_code').notNull(),
    supporters: integer('supporters').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.districtCode] })],
);

/** A campaign's reports and moderation actions. */
export const campaignModerationStats = pgTable('campaign_moderation_stats', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  reports: integer('reports').notNull().default(0),
  actions: integer('actions').notNull().default(0),
});

/** Resolved reports by whole minutes from the report to the moderator's action: the median reads them. */
export const campaignReportDelays = pgTable(
  'campaign_report_delays',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    minutes: integer('minutes').notNull(),
    reports: integer('reports').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.minutes] })],
);

/** Accounts not erased (the funnel's first step): one row, kept by a trigger on users. */
export const accountCounts = pgTable('account_counts', {
  id: boolean('id').primaryKey().default(true),
  registered: integer('registered').notNull().default(0),
});
