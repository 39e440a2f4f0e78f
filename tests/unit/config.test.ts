import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, repoRoot } from '../../server/src/config.ts';

describe('configuration from the environment', () => {
  it('has working defaults for a newcomer: localhost:3000, embedded PostgreSQL, demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, databaseUrl: undefined, nodeEnv: 'development', seedDemoData: true });
    expect(config.embeddedPostgresDir).toBe(`${repoRoot}/.data/postgres`);
  });

  it('refuses new requests once a quarter of the pool waits for a connection, unless told otherwise', () => {
    // Measured with `npm run bench -- overload`: twice the pool's size in waiting requests let admitted
    // requests wait three times their saturation latency; a quarter of it, about 1.4 times.
    expect(loadConfig({}).overload.maxPoolWaiting).toBe(5);
    expect(loadConfig({ DATABASE_POOL_MAX: '2' }).overload.maxPoolWaiting).toBe(1);
    expect(loadConfig({ DATABASE_POOL_MAX: '100' }).overload.maxPoolWaiting).toBe(25);
    expect(loadConfig({ OVERLOAD_MAX_POOL_WAITING: '0' }).overload.maxPoolWaiting).toBe(0);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgres://app:secret@db:5432/city',
      DATABASE_POOL_MAX: '40',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      WEB_DIST_DIR: '/srv/web',
    });
    expect(config).toMatchObject({
      nodeEnv: 'production',
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: 'postgres://app:secret@db:5432/city',
      databasePoolMax: 40,
      logLevel: 'warn',
      trustProxy: true,
      seedDemoData: false,
      webDistDir: '/srv/web',
    });
  });

  it('never loads demo data in production unless asked, and refuses to be asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seedDemoData).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' })).toThrow(/not allowed when NODE_ENV=production/);
    expect(loadConfig({ SEED_DEMO_DATA: 'false' }).seedDemoData).toBe(false);
  });

  it('reports a bad value in one line naming the variable', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: PORT="eighty": /);
    expect(message).not.toContain('\n');
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: '70000', LOG_LEVEL: 'loud', TRUST_PROXY: 'maybe' })).toThrow(/PORT=.*LOG_LEVEL=.*TRUST_PROXY=/);
  });

  it('does not echo a database URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(
      'Invalid configuration: DATABASE_URL=(value hidden): must be a postgres:// or postgresql:// connection string',
    );
  });
});
