import { OPEN_DATA_COLUMNS, openDataCsvCell, type OpenDataRow } from '@city-spirit/shared';
import type { ExportedCampaign } from './listing.ts';

/** Makes Excel read the file as UTF-8, so Chinese text opens correctly. */
const BYTE_ORDER_MARK = '\uFEFF';
const CRLF = '\r\n';

/** RFC 4180: a field holding a quote, a comma or a line break is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: string[]) => cells.map(csvField).join(',') + CRLF;

/**
 * About this many characters go out at a time: small enough to stay in V8's young generation, so
 * each is collected cheaply as soon as it is written (a whole batch joined in one string would
 * land in large-object space and wait for a full collection), large enough to keep writes few.
 */
const CHUNK_CHARACTERS = 16 * 1024;

async function* chunked(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  let chunk = '';
  for await (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function* csvLines(batches: AsyncIterable<OpenDataRow[]>): AsyncGenerator<string> {
  yield BYTE_ORDER_MARK + csvLine(OPEN_DATA_COLUMNS.map((column) => column.name));
  for await (const batch of batches) {
    for (const row of batch) yield csvLine(OPEN_DATA_COLUMNS.map((column) => openDataCsvCell(row[column.name])));
  }
}

/** The CSV: the byte order mark and the header, then a line per entry. */
export const csvChunks = (batches: AsyncIterable<OpenDataRow[]>) => chunked(csvLines(batches));

/** What the JSON says about itself before its items: the campaign, the licence and the columns. */
export function openDataPreamble(campaign: ExportedCampaign, exportedAt: Date) {
  return {
    campaign: { slug: campaign.slug, title: campaign.title, stage: campaign.stage, exportedAt: exportedAt.toISOString() },
    licence: campaign.licence,
    columns: OPEN_DATA_COLUMNS,
  };
}

async function* jsonPieces(preamble: ReturnType<typeof openDataPreamble>, batches: AsyncIterable<OpenDataRow[]>): AsyncGenerator<string> {
  const head = JSON.stringify(preamble);
  yield `${head.slice(0, -1)},"items":[`;
  let separator = '\n';
  for await (const batch of batches) {
    for (const row of batch) {
      yield separator + JSON.stringify(row);
      separator = ',\n';
    }
  }
  yield '\n]}\n';
}

/** One JSON document `{ campaign, licence, columns, items: [...] }`, an item per line. */
export const jsonChunks = (preamble: ReturnType<typeof openDataPreamble>, batches: AsyncIterable<OpenDataRow[]>) => chunked(jsonPieces(preamble, batches));
