import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  campaignSlugParamsSchema,
  similarListSchema,
  similarQuerySchema,
  submissionCreatedSchema,
  submissionCreateSchema,
  submissionIdParamsSchema,
  submissionListQuerySchema,
  submissionListSchema,
  submissionSchema,
  submissionUpdateSchema,
} from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import {
  createSubmission,
  getSubmission,
  listSubmissions,
  similarPhrases,
  updateSubmission,
  withdrawSubmission,
} from './service.ts';

export const submissionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/campaigns/:slug/submissions',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Submit a phrase; 409 duplicate_submission (with duplicateOf) when the same phrase is already in',
        params: campaignSlugParamsSchema,
        body: submissionCreateSchema,
        response: { 201: submissionCreatedSchema, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await createSubmission(app.db, request.user!, request.params.slug, request.body)),
  );

  app.get(
    '/api/campaigns/:slug/submissions',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Browse entries: sort, search, filter, keyset pages',
        params: campaignSlugParamsSchema,
        querystring: submissionListQuerySchema,
        response: { 200: submissionListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listSubmissions(app.db, request.user, request.params.slug, request.query),
  );

  app.get(
    '/api/campaigns/:slug/submissions/similar',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Published entries most like a text (while typing), with a similarity from 0 to 1',
        params: campaignSlugParamsSchema,
        querystring: similarQuerySchema,
        response: { 200: similarListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => ({ items: await similarPhrases(app.db, request.params.slug, request.query.text, request.query.limit) }),
  );

  app.get(
    '/api/submissions/:id',
    {
      schema: {
        tags: ['submissions'],
        summary: 'One entry; pending, hidden, rejected and withdrawn ones only for their author and moderators',
        params: submissionIdParamsSchema,
        response: { 200: submissionSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => getSubmission(app.db, request.user, request.params.id),
  );

  app.patch(
    '/api/submissions/:id',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Edit your own entry while it has no votes (collect stage)',
        params: submissionIdParamsSchema,
        body: submissionUpdateSchema,
        response: { 200: submissionSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateSubmission(app.db, request.user!, request.params.id, request.body),
  );

  app.delete(
    '/api/submissions/:id',
    {
      schema: {
        tags: ['submissions'],
        summary: 'Withdraw your own entry (collect stage)',
        params: submissionIdParamsSchema,
        response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await withdrawSubmission(app.db, request.user!, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
