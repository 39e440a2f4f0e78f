import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../server/src/app.ts';
import { createDatabase, createPool } from '../../server/src/db/client.ts';
import { runMigrations } from '../../server/src/db/migrate.ts';
import { seedDistricts } from '../../server/src/db/seed.ts';
import { testConfig } from '../helpers/app.ts';
import { databaseUrlFor } from '../helpers/database-url.ts';
import { injectAs, signedInUser } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';

// pg_trgm yields no trigrams for Chinese in such a database; our arrays of characters do not care.
const serverUrl = inject('serverUrl');
const name = `city_spirit_c_locale_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
const url = databaseUrlFor(serverUrl, name);
await runMigrations(url);
const pool = createPool(url, 2);
await seedDistricts(createDatabase(pool));
await pool.end();
const app = await buildApp(testConfig(url));
afterAll(async () => {
  await app.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('similar phrases and search in a database with LC_CTYPE=C', () => {
  it('runs in such a database', async () => {
    const { rows } = await app.db.execute<{ ctype: string }>(sql`SELECT datctype AS ctype FROM pg_database WHERE datname = current_database()`);
    expect(rows[0]!.ctype).toBe('C');
  });

  it('finds near-duplicates of Chinese phrases and searches Chinese text', async () => {
    const { session: adminSession } = await signedInUser(app, app.db, 'admin');
    const slug = await createCampaign(app, adminSession);
    for (const phrase of ['坚韧顽强', '开放包容', '山城夜景']) {
      const { session } = await signedInUser(app, app.db);
      expect((await injectAs(app, session, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase } })).statusCode).toBe(201);
    }
    const similar = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions/similar?text=${encodeURIComponent('坚韧不拔')}` })).json();
    expect(similar.items[0]).toMatchObject({ phrase: '坚韧顽强' });
    const reordered = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions/similar?text=${encodeURIComponent('包容開放')}` })).json();
    expect(reordered.items[0]).toMatchObject({ phrase: '开放包容', similarity: 1 });
    const search = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/submissions?sort=new&q=${encodeURIComponent('夜景')}` })).json();
    expect(search.items.map((item: { phrase: string }) => item.phrase)).toEqual(['山城夜景']);
  });
});
