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
        { name: 'districts', description: 'Reference data' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapiPlugin, { name: 'openapi' });
