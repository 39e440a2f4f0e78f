import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaignCreateSchema,
  campaignListSchema,
  campaignSchema,
  campaignSlugParamsSchema,
  campaignUpdateSchema,
  listQuerySchema,
  stageChangeSchema,
} from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { changeStage, createCampaign, getCampaign, listCampaigns, updateCampaign } from './service.ts';

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'List campaigns, oldest first, a page at a time',
        querystring: listQuerySchema,
        response: { 200: campaignListSchema, ...problemResponses(400) },
      },
    },
    async (request) => listCampaigns(app.db, request.query),
  );

  app.get(
    '/api/campaigns/:slug',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'One campaign with its stage, schedule, settings and live counts',
        params: campaignSlugParamsSchema,
        response: { 200: campaignSchema, ...problemResponses(404) },
      },
    },
    async (request) => getCampaign(app.db, request.params.slug),
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Create a campaign (admin)',
        body: campaignCreateSchema,
        response: { 201: campaignSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createCampaign(app.db, request.body)),
  );

  app.patch(
    '/api/campaigns/:slug',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Change texts, schedule or settings (admin); audited',
        params: campaignSlugParamsSchema,
        body: campaignUpdateSchema,
        response: { 200: campaignSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => updateCampaign(app.db, request.user!, request.params.slug, request.body),
  );

  app.post(
    '/api/campaigns/:slug/stage',
    {
      schema: {
        tags: ['campaigns'],
        summary: 'Move the campaign to its next stage (admin); only forward, one step',
        params: campaignSlugParamsSchema,
        body: stageChangeSchema,
        response: { 200: campaignSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => changeStage(app.db, request.user!, request.params.slug, request.body.stage),
  );
};
