import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignSlugParamsSchema, pairAnswerSchema, pairSchema, rankingQuerySchema, rankingSchema } from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { answerPair, nextPair } from './service.ts';

export const pairwiseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns/:slug/pair',
    {
      schema: {
        tags: ['pairwise'],
        summary: 'Two entries to compare (discuss stage), with a one-time token bound to you',
        params: campaignSlugParamsSchema,
        response: { 200: pairSchema, ...problemResponses(401, 404, 409) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return nextPair(app.db, request.user!, request.params.slug);
    },
  );

  app.post(
    '/api/campaigns/:slug/pair',
    {
      schema: {
        tags: ['pairwise'],
        summary: 'Answer a pair: left, right or skip; a token counts once',
        params: campaignSlugParamsSchema,
        body: pairAnswerSchema,
        response: { 201: z.object({ recorded: z.literal(true) }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await answerPair(app.db, request.user!, request.params.slug, request.body.token, request.body.choice);
      return reply.code(201).send({ recorded: true as const });
    },
  );

  app.get(
    '/api/campaigns/:slug/ranking',
    {
      schema: {
        tags: ['pairwise'],
        summary: 'Ranking from pairwise comparisons (Bradley–Terry), refitted every few seconds',
        params: campaignSlugParamsSchema,
        querystring: rankingQuerySchema,
        response: { 200: rankingSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => app.rankings.ranking(request.params.slug, request.query),
  );
};
