import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignSlugParamsSchema, OPEN_DATA_COLUMNS, openDataColumnsMarkdown, openDataSchemaSchema, type OpenDataSchema } from '@city-spirit/shared';
import { problemResponses } from '../../plugins/errors.ts';
import { exportedCampaign, openDataBatches, type ExportedCampaign } from './listing.ts';
import { csvChunks, jsonChunks, openDataPreamble } from './present.ts';

const EXPORTS = {
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' },
  json: { mediaType: 'application/json; charset=utf-8', extension: 'json' },
} as const;
type ExportFormat = keyof typeof EXPORTS;

/** Short enough that counts stay fresh; long enough that a burst of downloads reads the database once per cache. */
const CACHE_CONTROL = 'public, max-age=60';

const exportUrl = (slug: string, format: ExportFormat) => `/api/campaigns/${slug}/export.${format}`;

const COMMON_DESCRIPTION = `Published entries of the campaign (statuses published, shortlisted, merged), oldest first, streamed. No personal data: no author, account, email or phone. The licence is the campaign's setting \`dataLicence\` (GET /api/campaigns/:slug/open-data names it with its link). Columns:\n\n${openDataColumnsMarkdown()}`;

/** The export's body as a stream: read batch by batch as the client takes it, stopped when the client goes. */
function exportStream(chunks: AsyncGenerator<string>): Readable {
  // A batch is one chunk; pipe() reads the next only when the socket has taken the previous one.
  return Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 });
}

function openDataSchema(campaign: ExportedCampaign): OpenDataSchema {
  return {
    campaign: { slug: campaign.slug, title: campaign.title, stage: campaign.stage },
    licence: campaign.licence,
    formats: (Object.keys(EXPORTS) as ExportFormat[]).map((format) => ({ format, url: exportUrl(campaign.slug, format), mediaType: EXPORTS[format].mediaType })),
    columns: OPEN_DATA_COLUMNS.map((column) => ({ ...column, description: { ...column.description } })),
  };
}

/** The body is a stream; its OpenAPI entry names the media type. */
const downloadSchema = (format: ExportFormat) =>
  z.instanceof(Readable).meta({
    description: format === 'csv' ? 'UTF-8 CSV with a byte order mark, RFC 4180 quoting, CRLF line ends, a header line of column names' : 'One JSON document { campaign, licence, columns, items }',
    content: { [EXPORTS[format].mediaType.split(';')[0]!]: { schema: { type: format === 'csv' ? 'string' : 'object' } } },
  });

export const openDataRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaigns/:slug/open-data',
    {
      schema: {
        tags: ['open data'],
        summary: 'The documented schema of the campaign\'s open data: every column (zh-CN and en), the licence and the download addresses',
        params: campaignSlugParamsSchema,
        response: { 200: openDataSchemaSchema, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', CACHE_CONTROL);
      return openDataSchema(await exportedCampaign(app.db, request.params.slug));
    },
  );

  for (const format of Object.keys(EXPORTS) as ExportFormat[]) {
    app.get(
      `/api/campaigns/:slug/export.${format}`,
      {
        schema: {
          tags: ['open data'],
          summary: format === 'csv' ? 'The campaign\'s published entries as CSV (UTF-8 with a BOM), streamed' : 'The campaign\'s published entries as one JSON document, streamed',
          description: COMMON_DESCRIPTION,
          params: campaignSlugParamsSchema,
          response: { 200: downloadSchema(format), ...problemResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const campaign = await exportedCampaign(app.db, request.params.slug);
        const standings = await app.rankings.standings(campaign.id);
        const batches = openDataBatches(app.db, campaign, standings);
        const chunks = format === 'csv' ? csvChunks(batches) : jsonChunks(openDataPreamble(campaign, new Date()), batches);
        return reply
          .header('content-type', EXPORTS[format].mediaType)
          .header('content-disposition', `attachment; filename="${campaign.slug}-entries.${EXPORTS[format].extension}"`)
          .header('cache-control', CACHE_CONTROL)
          .send(exportStream(chunks));
      },
    );
  }
};
