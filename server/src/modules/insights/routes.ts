import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { campaignConsensusSchema, campaignSlugParamsSchema, campaignStatsSchema } from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { campaignConsensus } from './consensus.ts';
import { campaignStats } from './stats.ts';

export const insightRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['insights'];

  app.get(
    '/api/campaigns/:slug/stats',
    {
      schema: {
        tags,
        summary: 'What the campaign says at a glance: activity per day (Asia/Shanghai), participation per district, top terms, stances, funnel, stages, moderation',
        description:
          'Figures are kept in the transaction of the rows they count (entries, votes, comparisons, comments, reports), so they are current when read (generatedAt). ' +
          'Entries are public entries only; comments are those not deleted. No personal data: accounts appear only as counts.',
        params: campaignSlugParamsSchema,
        response: { 200: campaignStatsSchema, ...problemResponses(404) },
      },
    },
    async (request) => campaignStats(app.db, request.params.slug),
  );

  app.get(
    '/api/campaigns/:slug/consensus',
    {
      schema: {
        tags,
        summary: 'Which shortlisted entries unite the districts: consensus = Π over districts with ≥ consensusMinParticipants participants of (supporters + 1) / (participants + 2)',
        description:
          "Pol.is' group-informed consensus with Chongqing's districts as the groups. For each shortlisted entry and district: supporters are the entry's support votes " +
          "by participants living in the district (their account's district), participants the campaign's participants living there (anyone who submitted, voted, compared " +
          'or commented). Only districts with at least the campaign setting consensusMinParticipants participants count (districtsCounted); the score is the product ' +
          'over them of (supporters + 1) / (participants + 2), so it is high only when every counted district supports the entry. supportShare is the plain share: ' +
          "the entry's support votes among all the campaign's participants. Highest consensus first. While the campaign hides vote counts from the caller, items is empty.",
        params: campaignSlugParamsSchema,
        response: { 200: campaignConsensusSchema, ...problemResponses(404) },
      },
    },
    async (request) => campaignConsensus(app.db, request.user, request.params.slug),
  );
};
