import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminUserQuerySchema, adminUserUpdateSchema, auditEntrySchema, listQuerySchema, userIdParamsSchema, userSchema } from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { changeUser, listAuditLog, listUsers } from './service.ts';

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Find users by display name or role (newest first)',
        querystring: adminUserQuerySchema,
        response: {
          200: z.object({ items: z.array(userSchema.extend({ createdAt: z.iso.datetime() })), nextCursor: z.string().nullable() }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => listUsers(app.db, request.query),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "Change a user's role or ban/unban them; the user's sessions end and the change is audited",
        params: userIdParamsSchema,
        body: adminUserUpdateSchema,
        response: { 200: z.object({ user: userSchema }), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ user: await changeUser(app.db, request.user!, request.params.id, request.body) }),
  );

  app.get(
    '/api/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary: 'The append-only log of privileged actions (newest first)',
        querystring: listQuerySchema,
        response: { 200: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAuditLog(app.db, request.query),
  );
};
