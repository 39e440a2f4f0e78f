import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

const logLines: string[] = [];
const { app } = await setupTestApp({ config: { logLevel: 'info' }, dependencies: { logStream: { write: (line: string) => void logLines.push(line) } } });
const entries = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the request log', () => {
  it('has one line per request, written when it is answered, with what an operator needs', async () => {
    logLines.length = 0;
    const response = await app.inject({ method: 'GET', url: '/api/campaigns/no-such-campaign?x=1', headers: { 'x-request-id': 'log-test-1' } });
    expect(response.statusCode).toBe(404);
    const lines = entries().filter((entry) => entry.reqId === 'log-test-1');
    // Fastify's own logging writes two lines per request ("incoming request" and "request completed"):
    // at the default level that is two JSON lines on the busiest paths for what one line says.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request', method: 'GET', url: '/api/campaigns/no-such-campaign?x=1', statusCode: 404 });
    expect(typeof lines[0]!.ms).toBe('number');
  });
});
