import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { createDatabase, createPool, type Database } from './db/client.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin from './plugins/errors.ts';
import openapiPlugin from './plugins/openapi.ts';
import webPlugin from './plugins/web.ts';
import { campaignRoutes } from './modules/campaigns/routes.ts';
import { districtRoutes } from './modules/districts/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    pool: pg.Pool;
  }
}

export type AppConfig = Config & { databaseUrl: string };

export const BODY_LIMIT_BYTES = 1_048_576;

function loggerOptions(config: AppConfig) {
  const pretty = process.stdout.isTTY && config.nodeEnv !== 'production';
  return {
    level: config.logLevel,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}

/** Builds the whole application without listening, so tests and main share one assembly. */
export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const pool = createPool(config.databaseUrl, config.databasePoolMax);
  app.decorate('pool', pool);
  app.decorate('db', createDatabase(pool));
  app.addHook('onClose', async () => {
    await pool.end();
  });

  await app.register(errorsPlugin);
  await app.register(authPlugin);
  await app.register(openapiPlugin);

  await app.register(healthRoutes);
  await app.register(districtRoutes);
  await app.register(campaignRoutes);

  await app.register(webPlugin, { webDistDir: config.webDistDir });
  return app;
}
