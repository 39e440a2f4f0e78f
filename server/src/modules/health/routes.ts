import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema, readinessSchema } from '@city-spirit/shared';
import { problem, problemResponses, sendProblem } from '../../plugins/errors.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'The process is running', response: { 200: healthSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers; load balancers route traffic here only while this is 200',
        response: { 200: readinessSchema, ...problemResponses(503) },
      },
    },
    async (_request, reply) => {
      try {
        await app.db.execute(sql`SELECT 1`);
        return { status: 'ready' as const, database: 'up' as const };
      } catch (error) {
        app.log.warn({ err: error }, 'readiness check: database unreachable');
        return sendProblem(reply, problem(503, 'unavailable', 'The database does not answer; this instance cannot serve requests right now.', { database: 'down' }));
      }
    },
  );
};
