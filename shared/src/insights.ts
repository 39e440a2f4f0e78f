import { z } from 'zod';
import { stageSchema } from './domain.ts';

/** The time zone of the per-day figures: a day is a calendar day in Chongqing. */
export const STATS_TIME_ZONE = 'Asia/Shanghai';
/** How many of the most frequent terms the stats return. */
export const TOP_TERMS = 50;
/** How many entry ids each term keeps (the first entries that used it); the migration's trigger holds the same number. */
export const TERM_ENTRY_IDS = 50;

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

export const statsDaySchema = z.object({
  date: z.iso.date().describe(`A calendar day in ${STATS_TIME_ZONE} time`),
  entries: count.describe('Public entries (published, shortlisted or merged) submitted that day'),
  votes: count.describe('Support votes given that day and not taken back'),
  comments: count.describe('Comments written that day and not deleted (on entries and on drafts)'),
  participants: count.describe('Distinct accounts that submitted, voted, compared or commented that day (counted by what still stands)'),
});

export const statsDistrictSchema = z.object({
  code: z.string().describe('A district code of Chongqing (see GET /api/districts)'),
  participants: count.describe('Participants of the campaign who live in this district (their account\'s district)'),
  entries: count.describe('Public entries that name this district'),
  share: share.describe('This district\'s participants among all the campaign\'s participants'),
});

export const statsOutsideSchema = z
  .object({ participants: count, entries: count, share })
  .describe('Participants without a Chongqing district on their account, and public entries that name no district: shown apart from the 38');

export const statsTermSchema = z.object({
  term: z.string().describe('A word or a character bigram of the phrases, folded to simplified Chinese and lower case'),
  count: count.describe('Public entries whose phrase holds the term'),
  submissionIds: z.array(z.string()).describe(`Ids of up to ${TERM_ENTRY_IDS} of those entries`),
});

export const campaignStatsSchema = z
  .object({
    perDay: z.array(statsDaySchema).describe('Days with any activity, oldest first'),
    perDistrict: z.array(statsDistrictSchema).describe('All 38 districts of Chongqing, zeros included, in code order'),
    outside: statsOutsideSchema,
    topTerms: z.array(statsTermSchema).describe(`The ${TOP_TERMS} most frequent terms of public phrases (stop words left out), most frequent first`),
    stance: z
      .object({ support: count, oppose: count, neutral: count })
      .describe('Comments not deleted by their stance'),
    funnel: z
      .object({
        registered: count.describe('Accounts on the platform (not erased)'),
        submitted: count.describe('Accounts with a public entry in the campaign'),
        voted: count.describe('Accounts with a support vote in the campaign'),
        commented: count.describe('Accounts with a comment in the campaign'),
      }),
    stages: z.array(z.object({ stage: stageSchema, startedAt: z.iso.datetime() })).describe('When each stage the campaign reached began'),
    moderation: z.object({
      reports: count.describe('Reports on the campaign\'s entries and comments'),
      actions: count.describe('Moderation actions in the campaign (its public moderation log)'),
      medianMinutesToAction: z
        .number()
        .min(0)
        .nullable()
        .describe('Median of whole minutes from a report to the moderator\'s action on it; null before any'),
    }),
    generatedAt: z.iso.datetime().describe('When these figures were read: they are kept with the rows they count, so they are current at that moment'),
  })
  .meta({ id: 'CampaignStats' });
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

export const consensusDistrictSchema = z.object({
  code: z.string(),
  supporters: count.describe('Support votes for the entry by participants living in the district'),
  participants: count.describe('The campaign\'s participants living in the district'),
  share: share.describe('supporters / participants'),
});

export const consensusItemSchema = z.object({
  submission: z.object({ id: z.string(), phrase: z.string(), districtCode: z.string().nullable() }),
  supportShare: share.describe('Support votes among all the campaign\'s participants'),
  consensus: z.number().min(0).max(1).describe('Product over the districts counted of (supporters + 1) / (participants + 2)'),
  districts: z.array(consensusDistrictSchema).describe('The districts counted, in code order'),
});

export const campaignConsensusSchema = z
  .object({
    items: z.array(consensusItemSchema).describe('Shortlisted entries, highest consensus first; empty while the campaign hides vote counts from the caller'),
    districtsCounted: z.array(z.string()).describe('Districts with at least minParticipants participants'),
    minParticipants: z.number().int().describe('The campaign\'s consensusMinParticipants setting'),
    countsHidden: z.boolean().describe('The campaign hides vote counts from the caller until the discuss stage ends'),
    generatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CampaignConsensus' });
export type CampaignConsensus = z.infer<typeof campaignConsensusSchema>;
export type ConsensusItem = z.infer<typeof consensusItemSchema>;
