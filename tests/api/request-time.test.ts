import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

const BOUND_MS = 1500;
const logLines: string[] = [];
const { app } = await setupTestApp({
  config: { requestTimeoutMs: BOUND_MS, logLevel: 'info' },
  dependencies: { logStream: { write: (line: string) => void logLines.push(line) } },
});
const serverFailures = () => logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50);
// A real port: app.inject would not go through Node's HTTP server and its timers.
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;

const LOGIN_BODY = JSON.stringify({ login: 'nobody@example.com', password: 'not the password' });

/** Sends the head, then each chunk after its delay; resolves with the whole answer and when it came. */
function slowRequest(contentLength: number, chunks: { afterMs: number; data: string }[]): Promise<{ answer: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const timers: NodeJS.Timeout[] = [];
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\nConnection: close\r\n\r\n`);
      for (const chunk of chunks) timers.push(setTimeout(() => socket.writable && socket.write(chunk.data), chunk.afterMs));
    });
    let answer = '';
    socket
      .setEncoding('utf8')
      .on('data', (data) => (answer += data))
      .on('close', () => {
        timers.forEach(clearTimeout);
        resolve({ answer, elapsedMs: Date.now() - startedAt });
      })
      .on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
  });
}

function expectRequestTimeout({ answer, elapsedMs }: { answer: string; elapsedMs: number }) {
  expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
  expect(answer).toMatch(/content-type: application\/problem\+json/i);
  expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408, code: 'request_timeout', detail: expect.any(String) });
  // Node checks its connections at a fraction of the bound, so the answer comes a little after it.
  expect(elapsedMs).toBeGreaterThanOrEqual(BOUND_MS - 50);
  expect(elapsedMs).toBeLessThan(BOUND_MS * 2);
}

describe('the time a request may take to arrive', () => {
  it('answers a body that stalls (10 of 1000 bytes sent) with 408 request_timeout within the bound', async () => {
    expectRequestTimeout(await slowRequest(1000, [{ afterMs: 0, data: '{"login":"' }]));
    // The route still waiting for the rest of the body sees it cut off: the client's doing, not a failure of the server or its database.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(serverFailures()).toEqual([]);
  });

  it('answers a body that drips a byte at a time with 408 request_timeout within the bound, however steadily it comes', async () => {
    const drip = Array.from({ length: 100 }, (_, index) => ({ afterMs: index * 100, data: ' ' }));
    expectRequestTimeout(await slowRequest(1000, drip));
  });

  it('still serves a slow upload of a legitimate size that arrives within the bound', async () => {
    const padded = LOGIN_BODY.padEnd(5000, ' ');
    const parts = Array.from({ length: 5 }, (_, index) => ({ afterMs: index * 150, data: padded.slice(index * 1000, (index + 1) * 1000) }));
    const { answer } = await slowRequest(Buffer.byteLength(padded), parts);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
  });
});
