import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignSlugParamsSchema, shortlistItemSchema, shortlistPutSchema, shortlistSchema, submissionIdParamsSchema } from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { listShortlist, shortlistItem } from './listing.ts';
import { shortlistEntry, unshortlistEntry } from './service.ts';

export const shortlistRoutes: FastifyPluginAsyncZod = async (app) => {
  const scores = app.rankings.scores;

  app.put(
    '/api/submissions/:id/shortlist',
    {
      schema: {
        tags: ['shortlist'],
        summary: 'Put a listed entry on the shortlist with a rationale, or change its rationale (discuss stage); its author is told',
        params: submissionIdParamsSchema,
        body: shortlistPutSchema,
        response: { 200: shortlistItemSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { campaignId } = await shortlistEntry(app.db, request.user!, request.params.id, request.body.rationale);
      return shortlistItem(app.db, scores, request.user, request.params.id, campaignId);
    },
  );

  app.delete(
    '/api/submissions/:id/shortlist',
    {
      schema: {
        tags: ['shortlist'],
        summary: 'Take an entry off the shortlist, back to published (discuss stage); taking off one that is not on it changes nothing',
        params: submissionIdParamsSchema,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await unshortlistEntry(app.db, request.user!, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/campaigns/:slug/shortlist',
    {
      schema: {
        tags: ['shortlist'],
        summary: 'The shortlist with each rationale, its counts and pairwise score: best score first, then most support',
        params: campaignSlugParamsSchema,
        response: { 200: shortlistSchema, ...problemResponses(404) },
      },
    },
    async (request) => listShortlist(app.db, scores, request.user, request.params.slug),
  );
};
