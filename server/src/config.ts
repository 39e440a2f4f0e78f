import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { stageSchema, type Stage } from '@city-spirit/shared';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const booleanFromEnv = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] });

const positiveInt = z.coerce.number().int().min(1);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  EMBEDDED_POSTGRES_DIR: z.string().min(1).default('.data/postgres'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromEnv.default(false),
  SEED_DEMO_DATA: booleanFromEnv.optional(),
  SEED_STAGE: stageSchema.default('collect'),
  WEB_DIST_DIR: z.string().min(1).default('web/dist'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  RATE_LIMIT_ENABLED: booleanFromEnv.default(true),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: positiveInt.default(300),
  RATE_LIMIT_USER_READS_PER_MINUTE: positiveInt.default(600),
  RATE_LIMIT_USER_WRITES_PER_MINUTE: positiveInt.default(60),
  LOGIN_FAILURES_PER_IP_AND_ACCOUNT_PER_MINUTE: positiveInt.default(10),
  LOGIN_FAILURES_PER_IP_PER_MINUTE: positiveInt.default(100),
  LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: positiveInt.default(100),
  SESSION_IDLE_HOURS_RESIDENT: positiveInt.default(720),
  SESSION_IDLE_HOURS_STAFF: positiveInt.default(12),
  SESSION_MAX_AGE_DAYS: positiveInt.default(90),
  VERIFICATION_PROVIDER: z.enum(['console']).default('console'),
  EVENTS_HEARTBEAT_SECONDS: positiveInt.max(30, 'at most 30: the contract promises a comment line at least every 30 s').default(25),
  EVENTS_MAX_CONNECTIONS_PER_ADDRESS: positiveInt.default(20),
  EVENTS_RESUME_MINUTES: positiveInt.max(1440).default(5),
  OVERLOAD_MAX_POOL_WAITING: z.coerce.number().int().min(0).optional(),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(200),
  REQUEST_TIMEOUT_SECONDS: positiveInt.max(3600).default(60),
  SHUTDOWN_GRACE_SECONDS: positiveInt.max(600).default(10),
  WORKERS: positiveInt.max(64).default(1),
  ALLOW_UNSAFE_DURABILITY: booleanFromEnv.default(false),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  embeddedPostgresDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  /** Load the demo campaign, phrases and accounts into an empty database (never in production). */
  seedDemoData: boolean;
  /** The stage the demo campaign is built in on first start (SEED_STAGE), with what the earlier stages leave. */
  seedStage: Stage;
  /** Directory of the built web app, or null to serve the API only. */
  webDistDir: string | null;
  redisUrl: string | undefined;
  rateLimit: {
    enabled: boolean;
    anonymousPerMinute: number;
    userReadsPerMinute: number;
    userWritesPerMinute: number;
    loginFailuresPerIpAndAccountPerMinute: number;
    loginFailuresPerIpPerMinute: number;
    loginFailuresPerAccountPerHour: number;
  };
  session: { idleHoursResident: number; idleHoursStaff: number; maxAgeDays: number };
  verificationProvider: 'console';
  /** The live event stream: heartbeat interval, open streams per client address, how long Last-Event-ID can resume. */
  events: { heartbeatMs: number; maxConnectionsPerAddress: number; resumeWindowMs: number };
  /** Fast 503s instead of queues when the database or the event loop cannot keep up (0 turns a check off). */
  overload: { maxPoolWaiting: number; maxEventLoopDelayMs: number };
  /** How long a request's headers and body together may take to arrive before a 408. */
  requestTimeoutMs: number;
  /** How long a stop (SIGTERM, SIGINT) waits for requests in flight before it closes their connections. */
  shutdownGraceMs: number;
  /** Processes serving the port (node:cluster); 1 serves from the main process. */
  workers: number;
  /** Start even though PostgreSQL may lose acknowledged commits in a crash (fsync or synchronous_commit off). */
  allowUnsafeDurability: boolean;
};

const SECRET_VARIABLES = new Set(['DATABASE_URL', 'REDIS_URL']);

export class ConfigError extends Error {}

/** Reads the environment into a typed config; throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = SECRET_VARIABLES.has(name) ? '(value hidden)' : JSON.stringify(env[name] ?? '');
      return `${name}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.SEED_DEMO_DATA) {
    throw new ConfigError('Invalid configuration: SEED_DEMO_DATA=true is not allowed when NODE_ENV=production (demo accounts share a public password)');
  }
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    embeddedPostgresDir: path.resolve(repoRoot, e.EMBEDDED_POSTGRES_DIR),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    seedDemoData: e.SEED_DEMO_DATA ?? !production,
    seedStage: e.SEED_STAGE,
    webDistDir: path.resolve(repoRoot, e.WEB_DIST_DIR),
    redisUrl: e.REDIS_URL,
    rateLimit: {
      enabled: e.RATE_LIMIT_ENABLED,
      anonymousPerMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      userReadsPerMinute: e.RATE_LIMIT_USER_READS_PER_MINUTE,
      userWritesPerMinute: e.RATE_LIMIT_USER_WRITES_PER_MINUTE,
      loginFailuresPerIpAndAccountPerMinute: e.LOGIN_FAILURES_PER_IP_AND_ACCOUNT_PER_MINUTE,
      loginFailuresPerIpPerMinute: e.LOGIN_FAILURES_PER_IP_PER_MINUTE,
      loginFailuresPerAccountPerHour: e.LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR,
    },
    session: {
      idleHoursResident: e.SESSION_IDLE_HOURS_RESIDENT,
      idleHoursStaff: e.SESSION_IDLE_HOURS_STAFF,
      maxAgeDays: e.SESSION_MAX_AGE_DAYS,
    },
    verificationProvider: e.VERIFICATION_PROVIDER,
    events: {
      heartbeatMs: e.EVENTS_HEARTBEAT_SECONDS * 1000,
      maxConnectionsPerAddress: e.EVENTS_MAX_CONNECTIONS_PER_ADDRESS,
      resumeWindowMs: e.EVENTS_RESUME_MINUTES * 60_000,
    },
    overload: {
      // A quarter of the pool: a short queue absorbs a burst, a long one only adds waiting (with
      // twice the pool, admitted requests waited three times their saturation latency in the overload bench).
      maxPoolWaiting: e.OVERLOAD_MAX_POOL_WAITING ?? Math.ceil(e.DATABASE_POOL_MAX / 4),
      maxEventLoopDelayMs: e.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
    },
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    workers: e.WORKERS,
    allowUnsafeDurability: e.ALLOW_UNSAFE_DURABILITY,
  };
}
