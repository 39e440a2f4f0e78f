import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { problem, sendProblem } from './errors.ts';

type WebOptions = { webDistDir: string | null };

/** Serves the built web app from the API's origin; unknown non-API paths get index.html (SPA routes). */
async function webPlugin(app: FastifyInstance, { webDistDir }: WebOptions): Promise<void> {
  const hasWebApp = webDistDir !== null && existsSync(path.join(webDistDir, 'index.html'));
  if (hasWebApp) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      setHeaders(reply, filePath) {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    // A missing hashed asset (an old page after a deploy) must fail loudly, not come back as the page.
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/assets/');
    if (hasWebApp && !isApi && wantsPage) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const detail = isApi
      ? `There is no API endpoint ${request.method} ${request.url.split('?')[0]}. See /api/docs for the endpoints.`
      : `Nothing is served at ${request.method} ${request.url.split('?')[0]}.`;
    return sendProblem(reply, problem(404, 'not_found', detail));
  });
}

export default fp(webPlugin, { name: 'web' });
