import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { createDatabase, createPool, type Database } from './db/client.ts';
import type { DestinationStream } from 'pino';
import { Redis } from 'ioredis';
import { memoryCounterStore, redisCounterStore } from './counters.ts';
import accessPlugin from './plugins/access.ts';
import errorsPlugin, { answerClientError, problem, sendProblem } from './plugins/errors.ts';
import loadSheddingPlugin from './plugins/load-shedding.ts';
import storableTextPlugin from './plugins/storable-text.ts';
import openapiPlugin from './plugins/openapi.ts';
import securityPlugin from './plugins/security.ts';
import sessionPlugin from './plugins/session.ts';
import webPlugin from './plugins/web.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { consoleVerificationProvider, type VerificationProvider } from './modules/accounts/verification.ts';
import { adminRoutes } from './modules/admin/routes.ts';
import { campaignRoutes } from './modules/campaigns/routes.ts';
import { submissionRoutes } from './modules/submissions/routes.ts';
import { voteRoutes } from './modules/votes/routes.ts';
import { pairwiseRoutes } from './modules/pairwise/routes.ts';
import { districtRoutes } from './modules/districts/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { discussionRoutes } from './modules/discussion/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { moderationRoutes } from './modules/moderation/routes.ts';
import { scheduleSimilarPairs } from './modules/moderation/duplicates.ts';
import { scheduleVoteFlags } from './modules/moderation/vote-flags.ts';
import { eventRoutes } from './modules/events/routes.ts';
import { createEventHub, schedulePruning, type EventHub } from './modules/events/hub.ts';
import { voteCountEvents, type VoteCountEvents } from './modules/events/vote-counts.ts';
import { rankingCache, type RankingCache } from './modules/pairwise/service.ts';
import { shortlistRoutes } from './modules/shortlist/routes.ts';
import { panelRoutes } from './modules/panel/routes.ts';
import { draftRoutes } from './modules/drafts/routes.ts';
import { insightRoutes } from './modules/insights/routes.ts';
import { openDataRoutes } from './modules/open-data/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    pool: pg.Pool;
    events: EventHub;
    voteCountEvents: VoteCountEvents;
    /** The pairwise fits, one per process: the ranking and every feature that shows a score read them. */
    rankings: RankingCache;
  }
}

export type AppConfig = Config & { databaseUrl: string };

/** What tests and embedders may swap: where logs go, how verification codes are delivered. */
export type AppDependencies = { logStream?: DestinationStream; verificationProvider?: VerificationProvider };

export const BODY_LIMIT_BYTES = 1_048_576;

function loggerOptions(config: AppConfig, stream: DestinationStream | undefined) {
  const pretty = !stream && process.stdout.isTTY && config.nodeEnv !== 'production';
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}

/** Builds the whole application without listening, so tests and main share one assembly. */
export async function buildApp(config: AppConfig, dependencies: AppDependencies = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, dependencies.logStream),
    bodyLimit: BODY_LIMIT_BYTES,
    // Headers and body together; Node checks open requests against it every connectionsCheckingInterval.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs / 5) },
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // One line per request when it is answered (the hook below) instead of fastify's two.
    disableRequestLogging: true,
    clientErrorHandler: answerClientError,
    // Addresses the router cannot read (broken percent-encoding) get a problem+json too.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(reply, problem(400, 'validation_failed', `The address is not valid (${error.message}). Check its percent-encoding.`)),
  }).withTypeProvider<ZodTypeProvider>();

  // The API takes JSON only: a text/plain body (which browsers send cross-site without asking) gets 415.
  app.removeContentTypeParser('text/plain');
  // Below info the line is not written: nor is it built, on every request.
  const logRequests = ['trace', 'debug', 'info'].includes(config.logLevel);
  app.addHook('onResponse', (request, reply, done) => {
    if (logRequests) {
      request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    }
    done();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const pool = createPool(config.databaseUrl, config.databasePoolMax);
  app.decorate('pool', pool);
  app.decorate('db', createDatabase(pool));
  const hub = createEventHub(config.databaseUrl, app.log);
  const voteEvents = voteCountEvents(app.db, app.log);
  app.decorate('events', hub);
  app.decorate('voteCountEvents', voteEvents);
  app.decorate('rankings', rankingCache(app.db));
  const stopPruning = schedulePruning(app.db, config.events.resumeWindowMs, app.log);
  const stopSimilarPairs = scheduleSimilarPairs(app.db, app.log);
  const stopVoteFlags = scheduleVoteFlags(app.db, app.log);
  app.addHook('onClose', async () => {
    stopPruning();
    await stopSimilarPairs();
    await stopVoteFlags();
    await voteEvents.close();
    await hub.close();
    await pool.end();
  });

  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  if (redis) {
    redis.on('error', (error) => app.log.warn({ err: error }, 'redis error'));
    app.addHook('onClose', async () => {
      await redis.quit();
    });
  }
  const counters = redis ? redisCounterStore(redis) : memoryCounterStore();
  const loginLimits = config.rateLimit.enabled
    ? {
        store: counters,
        perIpAndAccountPerMinute: config.rateLimit.loginFailuresPerIpAndAccountPerMinute,
        perIpPerMinute: config.rateLimit.loginFailuresPerIpPerMinute,
        perAccountPerHour: config.rateLimit.loginFailuresPerAccountPerHour,
      }
    : null;

  await app.register(errorsPlugin);
  // Before the session lookup: a refused request costs no query.
  await app.register(loadSheddingPlugin, config.overload);
  await app.register(storableTextPlugin);
  await app.register(accessPlugin);
  await app.register(sessionPlugin, { policy: config.session });
  await app.register(securityPlugin, { rateLimit: config.rateLimit, redis });
  await app.register(openapiPlugin);

  await app.register(healthRoutes);
  await app.register(districtRoutes);
  await app.register(campaignRoutes);
  await app.register(submissionRoutes);
  await app.register(voteRoutes);
  await app.register(pairwiseRoutes);
  await app.register(accountRoutes, {
    loginLimits,
    verificationProvider: dependencies.verificationProvider ?? consoleVerificationProvider(app.log),
  });
  await app.register(adminRoutes);
  await app.register(discussionRoutes);
  await app.register(notificationRoutes);
  await app.register(moderationRoutes);
  await app.register(eventRoutes, { hub, ...config.events });
  await app.register(shortlistRoutes);
  await app.register(panelRoutes);
  await app.register(draftRoutes);
  await app.register(insightRoutes);
  await app.register(openDataRoutes);

  await app.register(webPlugin, { webDistDir: config.webDistDir });
  return app;
}
