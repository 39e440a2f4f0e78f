import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unavailable } from '../errors.ts';

export type LoadSheddingOptions = {
  /** Refuse while this many requests wait for a database connection (0: never). */
  maxPoolWaiting: number;
  /** Refuse while the event loop's p99 delay over the last sample exceeded this (0: never). */
  maxEventLoopDelayMs: number;
};

const SAMPLE_MS = 250;
const REPORT_MS = 10_000;
/** Seconds a refused client is asked to wait: short, since a burst passes quickly. */
const RETRY_AFTER_SECONDS = 1;

/** The health check, the live streams (long-lived, cheap once open) and the web app are never refused. */
const shed = (request: FastifyRequest) => request.url.startsWith('/api/') && !request.url.startsWith('/api/health') && !request.url.endsWith('/events');

/**
 * Admission control: when more requests wait for the database than it can take, or the event loop
 * falls behind, a new request gets a 503 with Retry-After before any work is done for it, so the
 * requests already admitted keep their latency and none waits until it times out.
 */
async function loadSheddingPlugin(app: FastifyInstance, { maxPoolWaiting, maxEventLoopDelayMs }: LoadSheddingOptions): Promise<void> {
  let lagging = false;
  if (maxEventLoopDelayMs > 0) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let sampledAt = performance.now();
    const sampler = setInterval(() => {
      // The sampler's own lateness counts too: after a long block it may run before the histogram has the blocked sample.
      const now = performance.now();
      const late = now - sampledAt - SAMPLE_MS;
      sampledAt = now;
      lagging = late > maxEventLoopDelayMs || delay.percentile(99) / 1e6 > maxEventLoopDelayMs;
      delay.reset();
    }, SAMPLE_MS);
    sampler.unref();
    app.addHook('onClose', async () => {
      clearInterval(sampler);
      delay.disable();
    });
  }
  // One line per interval with refusals, not one per refusal: under overload the log must not add to the load.
  let refused = 0;
  const report = setInterval(() => {
    if (refused > 0) app.log.warn(`load shedding: ${refused} requests refused with 503 in the last ${REPORT_MS / 1000} s`);
    refused = 0;
  }, REPORT_MS);
  report.unref();
  app.addHook('onClose', async () => clearInterval(report));
  app.addHook('onRequest', (request, _reply, done) => {
    if (!shed(request)) return done();
    if (maxPoolWaiting > 0 && app.pool.waitingCount >= maxPoolWaiting) {
      refused += 1;
      return done(unavailable('The service is busy: too many requests wait for the database. Try again in a moment.', RETRY_AFTER_SECONDS));
    }
    if (lagging) {
      refused += 1;
      return done(unavailable('The service is busy right now. Try again in a moment.', RETRY_AFTER_SECONDS));
    }
    done();
  });
}

export default fp(loadSheddingPlugin, { name: 'load-shedding' });
