import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { OPEN_DATA_COLUMNS, type CampaignSettings, type Stage, type SubmissionStatus } from '@city-spirit/shared';
import { submissions } from '../../server/src/db/schema.ts';
import { loadConfig } from '../../server/src/config.ts';
import { textIndexColumns } from '../../server/src/modules/submissions/text-index.ts';
import { setupTestApp } from '../helpers/app.ts';
import { createUser, injectAs, signedInUser, signIn, type Session } from '../helpers/accounts.ts';
import { createCampaign } from '../helpers/campaigns.ts';
import { insertManyEntries } from '../helpers/entries.ts';

const { app, db } = await setupTestApp({ config: { rateLimit: { ...loadConfig({}).rateLimit, enabled: false } } });
const { session: admin } = await signedInUser(app, db, 'admin');
const { session: moderator } = await signedInUser(app, db, 'moderator');

/** RFC 4180, read strictly: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

/** The CSV's rows as objects keyed by its header, after checking the byte order mark. */
function csvRecords(body: string): Record<string, string>[] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(body.slice(1));
  return rows.map((cells) => {
    expect(cells).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, i) => [name, cells[i]!]));
  });
}

const exportOf = async (slug: string, format: 'csv' | 'json') => {
  const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/export.${format}` });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response;
};
const jsonExport = async (slug: string) => JSON.parse((await exportOf(slug, 'json')).body);
const csvExport = async (slug: string) => csvRecords((await exportOf(slug, 'csv')).body);

const moveTo = async (slug: string, stage: Stage) => {
  const response = await injectAs(app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage } });
  expect(response.statusCode, response.body).toBe(200);
};

let phraseCounter = 0;
async function submit(slug: string, author: Session, payload: Record<string, unknown> = {}): Promise<string> {
  const response = await injectAs(app, author, { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: { phrase: `开放数据短语${phraseCounter++}号`, ...payload } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().submission.id;
}

const campaignIdOf = async (slug: string) => (await db.execute<{ id: string }>(sql`SELECT id FROM campaigns WHERE slug = ${slug}`)).rows[0]!.id;

/** An entry straight in the table, for texts and statuses the API would not take as they are. */
async function plantEntry(slug: string, authorId: string, values: { phrase: string; explanation?: string; status?: SubmissionStatus }): Promise<string> {
  const explanation = values.explanation ?? '';
  const [entry] = await db
    .insert(submissions)
    .values({ campaignId: await campaignIdOf(slug), authorId, phrase: values.phrase, explanation, language: 'zh', status: values.status ?? 'published', ...textIndexColumns(values.phrase, explanation) })
    .returning({ id: submissions.id });
  return entry!.id;
}

const newCampaign = (settings: Partial<CampaignSettings> = {}) => createCampaign(app, admin, { settings });

describe('the CSV export', () => {
  it('is UTF-8 with a byte order mark, served as an attachment named after the campaign', async () => {
    const slug = await newCampaign();
    const { session } = await signedInUser(app, db);
    await submit(slug, session, { phrase: '山城雾都', districtCode: '500103' });
    const response = await exportOf(slug, 'csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${slug}-entries.csv"`);
    expect(response.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header] = parseCsv(response.body.slice(1));
    expect(header).toEqual(OPEN_DATA_COLUMNS.map((column) => column.name));
    expect(csvRecords(response.body)[0]).toMatchObject({ phrase: '山城雾都', districtCode: '500103', districtNameZh: '渝中区', districtNameEn: expect.stringContaining('Yuzhong'), status: 'published' });
  });

  it('quotes a phrase with a comma, a quote and a line break so that a CSV reader gets it back unchanged', async () => {
    const slug = await newCampaign();
    const author = await createUser(db);
    const phrase = '山城,"雾都"\n江城';
    const explanation = '第一行，"引号"\r\n第二行, with a comma';
    await plantEntry(slug, author.id, { phrase, explanation });
    const body = (await exportOf(slug, 'csv')).body;
    expect(body).toContain('"山城,""雾都""\n江城"');
    const [record] = csvRecords(body);
    expect(record).toMatchObject({ phrase, explanation });
  });
});

describe('the JSON export', () => {
  it('is one valid JSON document with the campaign, the licence, the columns and the same rows as the CSV', async () => {
    const slug = await newCampaign();
    const { session } = await signedInUser(app, db);
    const [first, second] = [await submit(slug, session, { explanation: '有逗号, 也有"引号"' }), await submit(slug, session, { districtCode: '500105' })];
    const { session: voter } = await signedInUser(app, db);
    await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${first}/vote` });
    await injectAs(app, voter, { method: 'POST', url: `/api/submissions/${second}/comments`, payload: { body: '赞成', stance: 'support' } });
    const response = await exportOf(slug, 'json');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${slug}-entries.json"`);
    const document = JSON.parse(response.body);
    expect(document.campaign).toMatchObject({ slug, stage: 'collect', exportedAt: expect.any(String) });
    expect(document.licence).toEqual({ id: 'CC-BY-4.0', name: expect.stringContaining('Attribution 4.0'), url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(document.columns.map((column: { name: string }) => column.name)).toEqual(OPEN_DATA_COLUMNS.map((column) => column.name));
    expect(document.items.map((item: { id: string }) => item.id)).toEqual([first, second]);
    expect(document.items[0]).toMatchObject({ voteCount: 1, commentCount: 0, statusHistory: [], shortlisted: false, pairwiseScore: null, mergedIntoId: null });
    expect(document.items[1]).toMatchObject({ voteCount: 0, commentCount: 1, supportComments: 1, opposeComments: 0, districtNameZh: '江北区' });

    // Each CSV cell is the JSON value as the column list says: empty for null, the history as action@time;…
    const asCell = (value: unknown) =>
      value === null ? '' : Array.isArray(value) ? value.map((event: { action: string; at: string }) => `${event.action}@${event.at}`).join(';') : String(value);
    const fromJson = document.items.map((item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).map(([key, value]) => [key, asCell(value)])));
    expect(await csvExport(slug)).toEqual(fromJson);
  });

  it('answers 404 for a campaign that does not exist', async () => {
    for (const url of ['/api/campaigns/no-such-city/export.csv', '/api/campaigns/no-such-city/export.json', '/api/campaigns/no-such-city/open-data']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });
});

describe('what the exports hold', () => {
  it('holds only published, shortlisted and merged entries, each merged one pointing at its target', async () => {
    const slug = await newCampaign();
    const author = await createUser(db);
    const ids = Object.fromEntries(
      await Promise.all(
        (['published', 'pending', 'hidden', 'rejected', 'withdrawn', 'shortlisted'] as const).map(async (status) => [status, await plantEntry(slug, author.id, { phrase: `状态${status}短语`, status })] as const),
      ),
    );
    await moveTo(slug, 'discuss');
    const merged = await plantEntry(slug, author.id, { phrase: '将被合并的短语' });
    const merging = await injectAs(app, moderator, {
      method: 'POST',
      url: '/api/moderation/actions',
      payload: { targetType: 'submission', targetId: merged, action: 'merge', mergeIntoId: ids.published, reason: '与另一条目意思相同，合并以便集中讨论。' },
    });
    expect(merging.statusCode, merging.body).toBe(201);
    const { items } = await jsonExport(slug);
    expect(new Set(items.map((item: { id: string }) => item.id))).toEqual(new Set([ids.published, ids.shortlisted, merged]));
    expect(items.find((item: { id: string }) => item.id === merged)).toMatchObject({ status: 'merged', mergedIntoId: ids.published, statusHistory: [{ action: 'merge', at: expect.any(String) }] });
    expect((await csvExport(slug)).map((record) => record.id).sort()).toEqual([ids.published, ids.shortlisted, merged].sort());
  });

  it('leaves vote counts empty while the campaign hides them from residents, and shows them once it stops', async () => {
    const slug = await newCampaign({ voteCountsHidden: true });
    const { session } = await signedInUser(app, db);
    const id = await submit(slug, session);
    const { session: voter } = await signedInUser(app, db);
    expect((await injectAs(app, voter, { method: 'PUT', url: `/api/submissions/${id}/vote` })).statusCode).toBe(200);
    expect((await jsonExport(slug)).items[0].voteCount).toBeNull();
    expect((await csvExport(slug))[0]!.voteCount).toBe('');
    // Not even an admin's download shows them: an export is the same for everyone.
    const asAdmin = await injectAs(app, admin, { method: 'GET', url: `/api/campaigns/${slug}/export.json` });
    expect(JSON.parse(asAdmin.body).items[0].voteCount).toBeNull();
    await moveTo(slug, 'discuss');
    await moveTo(slug, 'refine');
    expect((await jsonExport(slug)).items[0].voteCount).toBe(1);
    expect((await csvExport(slug))[0]!.voteCount).toBe('1');
  });

  it('carries the shortlist rationale, the pairwise score with its interval, and the public status history without who acted', async () => {
    const slug = await newCampaign();
    const { session, user } = await signedInUser(app, db);
    const [strong, weak] = [await submit(slug, session), await submit(slug, session)];
    await moveTo(slug, 'discuss');
    const campaignId = await campaignIdOf(slug);
    for (const [i, choice] of ['left', 'left', 'left', 'right'].entries()) {
      await db.execute(sql`INSERT INTO comparisons (campaign_id, user_id, token, left_id, right_id, choice, valid)
        VALUES (${campaignId}, ${user.id}, ${`open-data-${i}`}, ${strong}, ${weak}, ${choice}::pair_choice, true)`);
    }
    await db.execute(sql`UPDATE submissions SET comparison_count = 4 WHERE id IN (${strong}, ${weak})`);
    const rationale = '讨论中支持者多，读来好记。';
    expect((await injectAs(app, moderator, { method: 'PUT', url: `/api/submissions/${strong}/shortlist`, payload: { rationale } })).statusCode).toBe(200);
    const ranking = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/ranking` })).json();
    const ranked = ranking.items.find((item: { submission: { id: string } }) => item.submission.id === strong);

    const { items } = await jsonExport(slug);
    const exported = items.find((item: { id: string }) => item.id === strong);
    expect(exported).toMatchObject({
      status: 'shortlisted',
      shortlisted: true,
      shortlistRationale: rationale,
      pairwiseScore: ranked.score,
      pairwiseScoreLow: ranked.low,
      pairwiseScoreHigh: ranked.high,
      pairwiseComparisons: 4,
      statusHistory: [{ action: 'shortlist', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) }],
    });
    expect(exported.pairwiseScoreLow).toBeLessThanOrEqual(exported.pairwiseScore);
    expect(items.find((item: { id: string }) => item.id === weak)).toMatchObject({ shortlisted: false, shortlistRationale: null });
    const record = (await csvExport(slug)).find((row) => row.id === strong)!;
    expect(record).toMatchObject({ shortlisted: 'true', shortlistRationale: rationale, statusHistory: `shortlist@${exported.statusHistory[0].at}` });
  });
});

describe('personal data', () => {
  it('appears in neither export: no email, phone, display name or account id of anyone who took part', async () => {
    const slug = await newCampaign();
    const planted: { id: string; email: string; phone: string; displayName: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const displayName = `隐私测试居民${i}号Zq${i}`;
      const user = await createUser(db, { displayName });
      const email = `planted-${i}-x7q@open-data.example`;
      const phone = `+86139${String(7_000_000 + i * 1111).padStart(8, '0')}`;
      await db.execute(sql`UPDATE users SET email = ${email}, phone = ${phone} WHERE id = ${user.id}`);
      planted.push({ id: user.id, email, phone, displayName });
    }
    const sessions = await Promise.all(planted.map((user) => signIn(app, user.email)));
    const entries = [];
    for (const [i, session] of sessions.entries()) entries.push(await submit(slug, session, { explanation: `第${i}位居民的说明`, districtCode: '500103' }));
    for (const [i, session] of sessions.entries()) {
      await injectAs(app, session, { method: 'PUT', url: `/api/submissions/${entries[(i + 1) % entries.length]}/vote` });
      await injectAs(app, session, { method: 'POST', url: `/api/submissions/${entries[(i + 2) % entries.length]}/comments`, payload: { body: '我的看法', stance: 'neutral' } });
    }
    await moveTo(slug, 'discuss');
    await injectAs(app, moderator, { method: 'PUT', url: `/api/submissions/${entries[0]}/shortlist`, payload: { rationale: '入围理由不含个人信息。' } });
    const { rows: staff } = await db.execute<{ id: string; email: string; display_name: string }>(sql`SELECT id, email, display_name FROM users WHERE role <> 'resident'`);

    const bodies = [(await exportOf(slug, 'csv')).body, (await exportOf(slug, 'json')).body];
    expect(JSON.parse(bodies[1]!).items).toHaveLength(3);
    for (const body of bodies) {
      for (const user of planted) {
        for (const secret of [user.id, user.email, user.phone, user.phone.slice(3), user.displayName]) expect(body).not.toContain(secret);
      }
      for (const member of staff) for (const secret of [member.id, member.email, member.display_name]) expect(body).not.toContain(secret);
    }
  });
});

describe('the licence', () => {
  it('is CC BY 4.0 unless the admin chooses another, and is stated in the exports and the schema', async () => {
    const slug = await newCampaign();
    const schema = (await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/open-data` })).json();
    expect(schema.licence.id).toBe('CC-BY-4.0');
    const chosen = await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { dataLicence: 'CC0-1.0' } } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().settings.dataLicence).toBe('CC0-1.0');
    expect((await jsonExport(slug)).licence).toEqual({ id: 'CC0-1.0', name: expect.stringContaining('Zero'), url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
    expect((await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/open-data` })).json().licence.id).toBe('CC0-1.0');
  });

  it('refuses a licence that is not on the list with a 400 naming the setting', async () => {
    const slug = await newCampaign();
    const refused = await injectAs(app, admin, { method: 'PATCH', url: `/api/campaigns/${slug}`, payload: { settings: { dataLicence: 'all-rights-reserved' } } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(refused.json().errors)).toContain('dataLicence');
  });
});

describe('the documented schema', () => {
  it('describes every column in zh-CN and en with its type and an example, and links both downloads', async () => {
    const slug = await newCampaign();
    const response = await app.inject({ method: 'GET', url: `/api/campaigns/${slug}/open-data` });
    expect(response.statusCode).toBe(200);
    const schema = response.json();
    expect(schema.columns).toEqual(OPEN_DATA_COLUMNS);
    for (const column of schema.columns) {
      expect(column.description['zh-CN'].length, column.name).toBeGreaterThan(3);
      expect(column.description.en.length, column.name).toBeGreaterThan(10);
    }
    expect(schema.formats.map((format: { url: string }) => format.url)).toEqual([`/api/campaigns/${slug}/export.csv`, `/api/campaigns/${slug}/export.json`]);
  });

  it('is the same text in the OpenAPI description of both exports', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const format of ['csv', 'json']) {
      const operation = document.paths[`/api/campaigns/{slug}/export.${format}`].get;
      for (const column of OPEN_DATA_COLUMNS) {
        expect(operation.description).toContain(`| ${column.name} |`);
        expect(operation.description).toContain(column.description.en.replaceAll('|', '\\|'));
      }
      expect(Object.keys(operation.responses['200'].content)).toEqual([format === 'csv' ? 'text/csv' : 'application/json']);
    }
  });
});

/** A campaign of ENTRIES published entries, made with generate_series. */
const ENTRIES = 100_000;
const largeSlug = await newCampaign();
const largeAuthor = await createUser(db);
await insertManyEntries(db, await campaignIdOf(largeSlug), largeAuthor.id, ENTRIES);

const MB = 1024 * 1024;
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('streaming a large campaign', () => {
  const slug = largeSlug;
  let server: http.Server | null = null;
  async function baseUrl(): Promise<string> {
    if (!server) {
      await app.listen({ host: '127.0.0.1', port: 0 });
      server = app.server;
    }
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /**
   * The ranking's fit is kept per process for every feature that shows a score, and refitted a few
   * seconds after the last: it is not the export's memory, so each measurement starts just after one.
   */
  async function freshRankingFit(campaignSlug: string): Promise<void> {
    const fittedAt = async () => (await app.rankings.ranking(campaignSlug, { limit: 1 })).fittedAt;
    const first = await fittedAt();
    if (Date.now() - Date.parse(first!) < 2500) return;
    while ((await fittedAt()) === first) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  type Transfer = { bytes: number; lines: number; firstByteMs: number; totalMs: number; peakRssGrowth: number; peakHeapGrowth: number; liveHeapGrowth: number[]; tail: string };

  /**
   * Downloads through a real socket, reading as it comes, sampling this process's memory (the
   * server's) all along; every few megabytes it also collects garbage first, so the figures show
   * what the export keeps alive as it goes, apart from what V8 has not yet swept.
   */
  async function download(path: string): Promise<Transfer> {
    const url = `${await baseUrl()}${path}`;
    collectGarbage();
    const before = process.memoryUsage();
    let peak = { rss: before.rss, heapUsed: before.heapUsed };
    const liveHeapGrowth: number[] = [];
    const sample = () => {
      const now = process.memoryUsage();
      peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
    };
    const sampler = setInterval(sample, 5);
    const started = performance.now();
    try {
      return await new Promise<Transfer>((resolve, reject) => {
        http
          .get(url, (response) => {
            let bytes = 0;
            let lines = 0;
            let firstByteMs = 0;
            let tail = '';
            response.on('data', (chunk: Buffer) => {
              if (bytes === 0) firstByteMs = performance.now() - started;
              const megabytes = Math.floor(bytes / (4 * MB));
              bytes += chunk.length;
              for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
              tail = (tail + chunk.toString('utf8')).slice(-64);
              sample();
              if (Math.floor(bytes / (4 * MB)) > megabytes) {
                collectGarbage();
                liveHeapGrowth.push(process.memoryUsage().heapUsed - before.heapUsed);
              }
            });
            response.on('end', () =>
              resolve({ bytes, lines, firstByteMs, totalMs: performance.now() - started, peakRssGrowth: peak.rss - before.rss, peakHeapGrowth: peak.heapUsed - before.heapUsed, liveHeapGrowth, tail }),
            );
            response.on('error', reject);
          })
          .on('error', reject);
      });
    } finally {
      clearInterval(sampler);
    }
  }


  it(`streams ${ENTRIES.toLocaleString('en')} entries as CSV and as JSON in constant memory, the first bytes long before the last`, { timeout: 120_000 }, async () => {
    for (const format of ['csv', 'json'] as const) {
      await freshRankingFit(slug);
      const transfer = await download(`/api/campaigns/${slug}/export.${format}`);
      const live = transfer.liveHeapGrowth;
      console.info(
        `export.${format}: ${ENTRIES} entries, ${(transfer.bytes / MB).toFixed(1)} MB in ${Math.round(transfer.totalMs)} ms, first byte after ${Math.round(transfer.firstByteMs)} ms; ` +
          `peak growth rss ${(transfer.peakRssGrowth / MB).toFixed(1)} MB, heap ${(transfer.peakHeapGrowth / MB).toFixed(1)} MB; ` +
          `live heap growth every 4 MB: ${live.map((growth) => (growth / MB).toFixed(1)).join(' ')} MB`,
      );
      // Constant: what stays alive at the end is what stayed alive near the start.
      expect(live.length).toBeGreaterThan(4);
      expect(Math.max(...live)).toBeLessThan(16 * MB);
      expect(live.at(-1)! - live[0]!).toBeLessThan(8 * MB);
      expect(transfer.lines).toBe(format === 'csv' ? ENTRIES + 1 : ENTRIES + 2);
      expect(transfer.bytes).toBeGreaterThan(ENTRIES * 200);
      expect(transfer.tail.trimEnd().endsWith(format === 'csv' ? ',' : ']}')).toBe(true);
      expect(transfer.peakHeapGrowth).toBeLessThan(64 * MB);
      expect(transfer.peakRssGrowth).toBeLessThan(64 * MB);
      expect(transfer.firstByteMs).toBeLessThan(transfer.totalMs / 4);
    }
  });

  it('stops reading and holds no database connection once the client goes away mid-way', { timeout: 60_000 }, async () => {
    const url = `${await baseUrl()}/api/campaigns/${slug}/export.csv`;
    await new Promise<void>((resolve, reject) => {
      const request = http.get(url, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > 1024 * 1024) {
            request.destroy();
            resolve();
          }
        });
        response.on('end', () => reject(new Error('the whole export arrived before the client left')));
      });
      request.on('error', () => undefined);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // A running export takes a connection for every batch, many a second; one that stopped takes none.
    let acquired = 0;
    const count = () => acquired++;
    app.pool.on('acquire', count);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    app.pool.off('acquire', count);
    expect(acquired).toBeLessThanOrEqual(2);
    expect(app.pool.totalCount - app.pool.idleCount).toBe(0);
    const { rows } = await db.execute<{ running: number }>(sql`
      SELECT count(*)::integer AS running FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE '%FROM moderation_actions m WHERE%' AND pid <> pg_backend_pid()`);
    expect(rows[0]!.running).toBe(0);
  });
});
