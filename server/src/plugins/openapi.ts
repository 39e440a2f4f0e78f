import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

async function openapiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'City Spirit API',
        description: 'Public HTTP API of City Spirit, the civic platform for putting a city\'s spirit into words. Errors are RFC 9457 problem details.',
        version: '1.0.0',
      },
      tags: [
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'campaigns', description: 'Campaigns and their stages' },
        { name: 'submissions', description: 'Phrases residents submit, browse and find similar ones' },
        { name: 'votes', description: 'Support votes with a per-campaign budget' },
        { name: 'pairwise', description: 'Which of two phrases is better? Comparisons and the ranking fitted from them' },
        { name: 'districts', description: 'Reference data' },
        { name: 'accounts', description: 'Sign-up, sign-in, sessions, verification, your data' },
        { name: 'admin', description: 'Roles, bans and the audit log (admins only)' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiHooks: {
      // Swagger UI sets a few inline styles; scripts stay as strict as everywhere else.
      onRequest: async (_request, reply) => {
        const csp = String(reply.getHeader('content-security-policy') ?? '');
        if (csp) reply.header('content-security-policy', csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'openapi' });
