import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notificationListQuerySchema, notificationListSchema, notificationReadSchema } from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { listNotifications, markRead } from './service.ts';

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first; repeated events about one thing are one item with a count',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => listNotifications(app.db, request.user!.id, request.query),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: the given ids, or all',
        body: notificationReadSchema,
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await markRead(app.db, request.user!.id, request.body.ids);
      return reply.code(204).send(null);
    },
  );
};
