import { z } from 'zod';
import { districtCodeSchema } from './account.ts';
import { submissionStatusSchema } from './domain.ts';
import { readableText } from './text.ts';

export const PHRASE_MIN_LENGTH = 2;
export const PHRASE_MAX_LENGTH = 40;
export const EXPLANATION_MAX_LENGTH = 2000;

/**
 * Length in characters as people count them (a Chinese character or an emoji is one). zod (from 4.6)
 * and JSON Schema's minLength/maxLength count the same way, so the schemas use .min and .max.
 */
export const characterCount = (text: string) => Array.from(text).length;

export const phraseSchema = readableText(
  z
    .string()
    .trim()
    .min(PHRASE_MIN_LENGTH, { message: `write at least ${PHRASE_MIN_LENGTH} characters` })
    .max(PHRASE_MAX_LENGTH, { message: `keep the phrase to ${PHRASE_MAX_LENGTH} characters` }),
  'line',
);

export const explanationSchema = readableText(
  z
    .string()
    .trim()
    .max(EXPLANATION_MAX_LENGTH, { message: `keep the explanation to ${EXPLANATION_MAX_LENGTH} characters` }),
  'lines',
);

export const submissionLanguageSchema = z.enum(['zh', 'en']);

export const submissionCreateSchema = z
  .object({
    phrase: phraseSchema,
    explanation: explanationSchema.default(''),
    districtCode: districtCodeSchema.optional(),
    language: submissionLanguageSchema.optional().describe('Detected from the phrase when not given'),
  })
  .meta({ id: 'SubmissionCreate' });
export type SubmissionCreate = z.input<typeof submissionCreateSchema>;

export const submissionUpdateSchema = z
  .object({
    phrase: phraseSchema.optional(),
    explanation: explanationSchema.optional(),
    districtCode: districtCodeSchema.nullable().optional(),
    language: submissionLanguageSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'send at least one field to change' })
  .meta({ id: 'SubmissionUpdate' });

export const submissionSchema = z
  .object({
    id: z.string(),
    campaignSlug: z.string(),
    phrase: z.string(),
    explanation: z.string(),
    language: submissionLanguageSchema,
    districtCode: z.string().nullable(),
    status: submissionStatusSchema,
    pendingReason: z.string().nullable().describe('Why the entry awaits review; only for its author and moderators'),
    mergedIntoId: z.string().nullable().describe('The entry a merged entry was merged into (its votes count there)'),
    decision: z
      .object({
        action: z.string(),
        reason: z.string(),
        automatic: z.boolean().describe('Hidden by the platform at the reports threshold'),
        decidedAt: z.iso.datetime(),
        appealed: z.boolean().describe('Whether the author has appealed this decision'),
      })
      .nullable()
      .describe('Why a hidden or rejected entry is out of sight: for its author and moderators only'),
    voteCount: z.number().int().nullable().describe('null while the campaign hides vote counts from residents'),
    hasVotes: z.boolean().nullable().describe('Whether anyone supports it; the author sees this even while counts are hidden'),
    commentCount: z.number().int(),
    author: z.object({ displayName: z.string(), deleted: z.boolean() }),
    viewerIsAuthor: z.boolean(),
    viewerHasVoted: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Submission' });
export type Submission = z.infer<typeof submissionSchema>;

export const similarPhraseSchema = z.object({ id: z.string(), phrase: z.string(), similarity: z.number().min(0).max(1) });
export type SimilarPhrase = z.infer<typeof similarPhraseSchema>;
export const similarListSchema = z.object({ items: z.array(similarPhraseSchema) });
export const similarQuerySchema = z.object({
  text: z.string().trim().min(1, { message: 'type a few characters' }).max(200),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const submissionCreatedSchema = z.object({ submission: submissionSchema, similar: z.array(similarPhraseSchema) });

export const SUBMISSION_SORTS = ['top', 'new', 'trending', 'random'] as const;
export const submissionSortSchema = z.enum(SUBMISSION_SORTS);
export type SubmissionSort = z.infer<typeof submissionSortSchema>;

export const submissionListQuerySchema = z.object({
  sort: submissionSortSchema.optional().describe('Default: random while collecting (every entry gets seen), else top'),
  seed: z
    .string()
    .regex(/^[A-Za-z0-9_-]{4,64}$/, { message: 'a seed is 4–64 letters, digits, - or _' })
    .optional()
    .describe('Visitor-specific shuffle for sort=random (the same seed gives the same order). The cursor carries it: a seed sent with a cursor must be the cursor\'s'),
  q: z.string().trim().max(100).optional(),
  districtCode: districtCodeSchema.optional(),
  status: submissionStatusSchema.optional().describe('Residents may list published, shortlisted or merged entries; moderators any'),
  author: z.literal('me').optional().describe('Only the caller\'s own entries, whatever their status'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe('nextCursor of the previous page. It carries the sort, seed and time of the first page (without sort, the cursor\'s applies) but not the filters: send q, districtCode, status and author again. Refused (400) with another sort or campaign'),
});
export type SubmissionListQuery = z.input<typeof submissionListQuerySchema>;

export const submissionListSchema = z.object({
  items: z.array(submissionSchema),
  nextCursor: z.string().nullable(),
  sort: submissionSortSchema,
  seed: z.string().nullable().describe('The shuffle used for sort=random; nextCursor carries it, and sending it again gives the same order from the first page'),
});

export const submissionIdParamsSchema = z.object({ id: z.uuid({ message: 'not a valid entry id' }) });

export const voteResultSchema = z
  .object({
    voted: z.boolean(),
    voteCount: z.number().int().nullable().describe('null while the campaign hides vote counts from residents'),
    budget: z.object({ used: z.number().int(), max: z.number().int(), remaining: z.number().int() }),
  })
  .meta({ id: 'VoteResult' });
export type VoteResult = z.infer<typeof voteResultSchema>;

export const voteBudgetSchema = z.object({ used: z.number().int(), max: z.number().int(), remaining: z.number().int() }).meta({ id: 'VoteBudget' });

export const pairEntrySchema = z.object({ id: z.string(), phrase: z.string(), explanation: z.string() });
export const pairSchema = z
  .object({ token: z.string(), left: pairEntrySchema, right: pairEntrySchema })
  .meta({ id: 'Pair' });
export const pairAnswerSchema = z
  .object({ token: z.string().min(10).max(100), choice: z.enum(['left', 'right', 'skip']) })
  .meta({ id: 'PairAnswer' });
export const rankingQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export const rankingSchema = z
  .object({
    items: z.array(
      z.object({
        rank: z.number().int().describe('Position in the ranking, from 1'),
        submission: z.object({ id: z.string(), phrase: z.string() }),
        score: z.number().describe('Estimated chance (0–100) of beating a randomly chosen other entry'),
        low: z.number(),
        high: z.number().describe('95 % interval of the score'),
        wins: z.number().int(),
        losses: z.number().int(),
        comparisons: z.number().int().describe('Comparisons it took part in, skips included'),
      }),
    ),
    nextCursor: z
      .string()
      .nullable()
      .describe('The next page. A refit between pages (every few seconds) moves entries; the next page then continues at the same rank of the newer fit'),
    comparisons: z.number().int().describe('Valid comparisons with a winner behind this ranking'),
    fittedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Ranking' });
export type Ranking = z.infer<typeof rankingSchema>;
