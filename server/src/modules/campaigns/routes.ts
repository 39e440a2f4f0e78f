import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaignCreateSchema,
  campaignListSchema,
  campaignSchema,
  campaignSlugParamsSchema,
} from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { createCampaign, getCampaign, listCampaigns } from './service.ts';

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns',
    { schema: { tags: ['campaigns'], summary: 'List campaigns', response: { 200: campaignListSchema } } },
    async () => ({ items: await listCampaigns(app.db) }),
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
};
