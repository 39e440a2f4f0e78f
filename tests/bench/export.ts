// `npm run bench -- export`: a campaign of BENCH_EXPORT_ENTRIES (default 1 000 000) published
// entries, downloaded whole as export.csv and export.json over HTTP from the server process:
// rows/s, bytes/s, time to the first byte, and the server's resident memory before and at its peak.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/client.ts';
import { insertManyEntries } from '../helpers/entries.ts';

const ENTRIES = Number(process.env.BENCH_EXPORT_ENTRIES ?? 1_000_000);
const SLUG = 'bench-export';
const MB = 1024 * 1024;

/** The process's resident set size now, from /proc (the server runs in a process of its own). */
function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((row) => row.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024;
}

type Download = { bytes: number; lines: number; firstByteMs: number; totalMs: number; rssBefore: number; rssPeak: number };

/** Reads the whole body as it comes, sampling the server's memory every 20 ms. */
function download(url: string, serverPid: number): Promise<Download> {
  const rssBefore = residentBytes(serverPid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, residentBytes(serverPid))), 20);
  const started = performance.now();
  return new Promise<Download>((resolve, reject) => {
    http
      .get(url, (response) => {
        if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode}`));
        let bytes = 0;
        let lines = 0;
        let firstByteMs = 0;
        response.on('data', (chunk: Buffer) => {
          if (bytes === 0) firstByteMs = performance.now() - started;
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        });
        response.on('end', () => resolve({ bytes, lines, firstByteMs, totalMs: performance.now() - started, rssBefore, rssPeak }));
        response.on('error', reject);
      })
      .on('error', reject);
  }).finally(() => clearInterval(sampler));
}

async function exportCampaign(db: Database): Promise<void> {
  const { rows } = await db.execute<{ id: string }>(sql`
    INSERT INTO campaigns (slug, title, description, stage, stage_schedule, settings)
    VALUES (${SLUG}, '导出基准', 'A campaign of many entries for the export benchmark.', 'discuss', '[]'::jsonb, '{}'::jsonb) RETURNING id`);
  const { rows: authors } = await db.execute<{ id: string }>(sql`INSERT INTO users (display_name) VALUES ('Export bench author') RETURNING id`);
  await insertManyEntries(db, rows[0]!.id, authors[0]!.id, ENTRIES);
}

/** Waits until the ranking was fitted within the last seconds, so that no refit runs during a download. */
async function freshRankingFit(baseUrl: string): Promise<number> {
  const fittedAt = async () => ((await (await fetch(`${baseUrl}/api/campaigns/${SLUG}/ranking?limit=1`)).json()) as { fittedAt: string }).fittedAt;
  const started = performance.now();
  const first = await fittedAt();
  if (Date.now() - Date.parse(first) > 2500) while ((await fittedAt()) === first) await new Promise((resolve) => setTimeout(resolve, 100));
  return Math.round(performance.now() - started);
}

export async function exportBenchmark(db: Database, baseUrl: string, serverPid: number): Promise<string> {
  const loading = performance.now();
  await exportCampaign(db);
  const loadSeconds = ((performance.now() - loading) / 1000).toFixed(1);
  // The ranking's fit is kept per process for every page that shows a score; the first export would fit it.
  const rssBeforeFit = residentBytes(serverPid);
  const fitMs = await freshRankingFit(baseUrl);
  const lines = [
    `export     ${ENTRIES} entries (loaded in ${loadSeconds} s); ranking fit for them ${fitMs} ms, server RSS ${(rssBeforeFit / MB).toFixed(0)} → ${(residentBytes(serverPid) / MB).toFixed(0)} MB`,
  ];
  for (const format of ['csv', 'json'] as const) {
    await freshRankingFit(baseUrl);
    const result = await download(`${baseUrl}/api/campaigns/${SLUG}/export.${format}`, serverPid);
    const rows = format === 'csv' ? result.lines - 1 : result.lines - 2;
    const seconds = result.totalMs / 1000;
    lines.push(
      `           export.${format}: ${rows} rows, ${(result.bytes / MB).toFixed(1)} MB in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds)} rows/s, ${(result.bytes / MB / seconds).toFixed(1)} MB/s; ` +
        `first byte after ${Math.round(result.firstByteMs)} ms; server RSS ${(result.rssBefore / MB).toFixed(0)} MB before, peak ${(result.rssPeak / MB).toFixed(0)} MB (+${((result.rssPeak - result.rssBefore) / MB).toFixed(0)} MB)`,
    );
  }
  return lines.join('\n');
}
