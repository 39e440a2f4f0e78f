import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  appealCreatedSchema,
  appealCreateSchema,
  campaignSlugParamsSchema,
  duplicateClustersSchema,
  moderationActionCreatedSchema,
  moderationActionCreateSchema,
  moderationLogQuerySchema,
  moderationLogSchema,
  queueQuerySchema,
  queueSchema,
  reportCreatedSchema,
  reportCreateSchema,
} from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { performAction } from './actions.ts';
import { createAppeal } from './appeals.ts';
import { clusterCache } from './duplicates.ts';
import { moderationLog } from './log.ts';
import { moderationQueue } from './queue.ts';
import { createReport } from './reports.ts';

export const moderationRoutes: FastifyPluginAsyncZod = async (app) => {
  const clusters = clusterCache(app.db);

  app.post(
    '/api/reports',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Report an entry or a comment (one report per person and target; 409 conflict for a second)',
        body: reportCreateSchema,
        response: { 201: reportCreatedSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createReport(app.db, request.user!, request.body)),
  );

  app.get(
    '/api/moderation/queue',
    {
      schema: {
        tags: ['moderation'],
        summary: 'What waits for a moderator, most urgent first: hidden by reports, appealed, reported, suspicious votes, pending',
        querystring: queueQuerySchema,
        response: { 200: queueSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => moderationQueue(app.db, request.query),
  );

  app.post(
    '/api/moderation/actions',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Approve, hide, restore, reject or ban, with a reason (409 when the action does not apply to the current state)',
        body: moderationActionCreateSchema,
        response: { 201: moderationActionCreatedSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const done = await performAction(app.db, request.user!, request.body);
      // What this moderator just merged or hid leaves the clusters at once (other instances within 15 s).
      if (done.campaignSlug) clusters.forget(done.campaignSlug);
      return reply.code(201).send({ action: done.action, status: done.status });
    },
  );

  app.post(
    '/api/moderation/appeals',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Appeal the decision that hid or rejected your entry or comment, once per decision',
        body: appealCreateSchema,
        response: { 201: appealCreatedSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createAppeal(app.db, request.user!, request.body)),
  );

  app.get(
    '/api/campaigns/:slug/duplicate-clusters',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Listed entries grouped by similarity (kept as entries arrive), largest clusters first, for merging',
        params: campaignSlugParamsSchema,
        response: { 200: duplicateClustersSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => clusters.get(request.params.slug),
  );

  app.get(
    '/api/campaigns/:slug/moderation-log',
    {
      schema: {
        tags: ['moderation'],
        summary: "The campaign's public moderation log, newest first: action, target, reason, time and the actor's role (never the name)",
        params: campaignSlugParamsSchema,
        querystring: moderationLogQuerySchema,
        response: { 200: moderationLogSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => moderationLog(app.db, request.params.slug, request.query),
  );
};
