import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { districtListSchema } from '@city-spirit/shared';
import { listDistricts } from './service.ts';

export const districtRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/districts',
    {
      schema: {
        tags: ['districts'],
        summary: "Chongqing's 38 district-level divisions",
        response: { 200: districtListSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { items: await listDistricts(app.db) };
    },
  );
};
