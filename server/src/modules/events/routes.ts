import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignSlugParamsSchema, voteCountsHiddenInStage, type CampaignEventType } from '@city-spirit/shared';
import { rateLimited, unavailable } from '../../errors.ts';
import { problemResponses } from '../../plugins/errors.ts';
import { campaignRules, type CampaignRules } from '../campaigns/service.ts';
import { eventsSince, type CampaignEvent, type EventHub } from './hub.ts';

export type EventStreamOptions = {
  hub: EventHub;
  heartbeatMs: number;
  maxConnectionsPerAddress: number;
  resumeWindowMs: number;
};

/** A client that stops reading is let go once this much waits for it. */
const MAX_BUFFERED_BYTES = 1_048_576;

const eventsQuerySchema = z.object({
  lastEventId: z.coerce.number().int().min(0).optional().describe('Instead of the Last-Event-ID header, where a client cannot set it'),
});

const lastEventIdOf = (header: string | string[] | undefined, query: number | undefined): number | null => {
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return query ?? null;
};

function frame(event: CampaignEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** Whether the stream may carry the event to this viewer under the campaign's current rules. */
function deliverable(event: CampaignEvent, campaign: CampaignRules, viewerId: string | null): boolean {
  if (event.recipientId !== null && event.recipientId !== viewerId) return false;
  if ((event.type as CampaignEventType) === 'submission.votes' && voteCountsHiddenInStage(campaign)) return false;
  return true;
}

export const eventRoutes: FastifyPluginAsyncZod<EventStreamOptions> = async (app, options) => {
  const perAddress = new Map<string, number>();
  const open = new Set<ServerResponse>();

  // Streams never end by themselves: close them (with a hint to come back) before the server waits for its connections.
  app.addHook('preClose', async () => {
    for (const response of open) response.end('retry: 2000\n\n');
    open.clear();
  });

  app.get(
    '/api/campaigns/:slug/events',
    {
      schema: {
        tags: ['discussion'],
        summary: 'Live events of the campaign as server-sent events (text/event-stream); resume with Last-Event-ID',
        description:
          'Events: submission.created, submission.votes (not while vote counts are hidden), comment.created, comment.changed, stage.changed, and notification (to its recipient only). A comment line every 25 s keeps the connection open. Events of the last few minutes are sent again after Last-Event-ID.',
        params: campaignSlugParamsSchema,
        querystring: eventsQuerySchema,
        response: {
          200: z.string().meta({
            description: 'Server-sent events: `id:`, `event:` and one JSON `data:` line each, and `:` comment lines as heartbeats',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          }),
          ...problemResponses(400, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      let campaign = await campaignRules(app.db, { slug: request.params.slug });
      const address = request.ip;
      const connections = perAddress.get(address) ?? 0;
      if (connections >= options.maxConnectionsPerAddress) {
        throw rateLimited(`Too many live connections from your address (at most ${options.maxConnectionsPerAddress}). Close other tabs, or try again later.`, 30_000);
      }
      perAddress.set(address, connections + 1);
      const viewerId = request.user?.id ?? null;
      const response = reply.raw;
      const sent = new Set<number>();
      let replaying = true;
      const queued: CampaignEvent[] = [];

      const write = (event: CampaignEvent) => {
        if (sent.has(event.id) || !deliverable(event, campaign, viewerId)) return;
        // Only a replayed event can come again (from the live queue); afterwards each arrives once.
        if (replaying || queued.length > 0) sent.add(event.id);
        response.write(frame(event));
        if (response.writableLength > MAX_BUFFERED_BYTES) response.destroy();
      };
      const onEvent = (event: CampaignEvent) => {
        if (event.type === 'stage.changed') campaign = { ...campaign, stage: (event.data as { stage: CampaignRules['stage'] }).stage };
        if (replaying) queued.push(event);
        else write(event);
      };

      let unsubscribe: () => void = () => undefined;
      let heartbeat: NodeJS.Timeout | null = null;
      let released = false;
      // Runs once, whenever the client goes: before, during or after the waits below.
      const release = () => {
        if (released) return;
        released = true;
        unsubscribe();
        if (heartbeat) clearInterval(heartbeat);
        open.delete(response);
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left <= 0) perAddress.delete(address);
        else perAddress.set(address, left);
      };
      response.on('close', release);
      try {
        const stop = await options.hub.subscribe(campaign.id, onEvent);
        unsubscribe = stop;
        if (released) stop();
      } catch (error) {
        release();
        request.log.warn({ err: error }, 'live events unavailable');
        throw unavailable('Live updates are unavailable for a moment. Try again in a few seconds.', 5);
      }
      if (released) return reply.hijack();

      reply.hijack();
      response.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      open.add(response);
      response.write('retry: 3000\n\n');

      const lastEventId = lastEventIdOf(request.headers['last-event-id'], request.query.lastEventId);
      if (lastEventId !== null) {
        try {
          for (const event of await eventsSince(app.db, campaign.id, lastEventId, options.resumeWindowMs)) write(event);
        } catch (error) {
          request.log.warn({ err: error }, 'events could not be replayed');
        }
      }
      if (released) return;
      replaying = false;
      const backlog = queued.splice(0).sort((a, b) => a.id - b.id);
      for (const event of backlog) {
        if (!sent.has(event.id)) write(event);
      }
      sent.clear();
      heartbeat = setInterval(() => response.write(': ping\n\n'), options.heartbeatMs);
      heartbeat.unref();
    },
  );
};
