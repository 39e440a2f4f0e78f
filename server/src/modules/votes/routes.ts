import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { campaignSlugParamsSchema, submissionIdParamsSchema, voteBudgetSchema, voteResultSchema } from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { castVote, voteBudget, withdrawVote } from './service.ts';

/** The signed-in resident with whether their account is verified, as the vote rules need them. */
export const voterOf = (request: FastifyRequest) => ({ ...request.user!, verified: request.account!.verifiedAt !== null });

export const voteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/api/submissions/:id/vote',
    {
      schema: {
        tags: ['votes'],
        summary: 'Support an entry (idempotent); 409 vote_limit_reached when your votes are used up',
        params: submissionIdParamsSchema,
        response: { 200: voteResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await castVote(app.db, voterOf(request), request.params.id);
      app.voteCountEvents.changed(request.params.id);
      return result;
    },
  );

  app.delete(
    '/api/submissions/:id/vote',
    {
      schema: {
        tags: ['votes'],
        summary: 'Withdraw your support (idempotent)',
        params: submissionIdParamsSchema,
        response: { 200: voteResultSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await withdrawVote(app.db, voterOf(request), request.params.id);
      app.voteCountEvents.changed(request.params.id);
      return result;
    },
  );

  app.get(
    '/api/campaigns/:slug/votes/me',
    {
      schema: {
        tags: ['votes'],
        summary: 'Your vote budget in the campaign: used, max, remaining',
        params: campaignSlugParamsSchema,
        response: { 200: voteBudgetSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => voteBudget(app.db, request.user!.id, request.params.slug),
  );
};
