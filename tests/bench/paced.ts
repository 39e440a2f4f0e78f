// An open-loop load generator: requests start at evenly spaced times, whatever the answers before
// them did, and each latency runs from the request's scheduled start, so time spent waiting for a
// free connection counts too. autocannon's rate option instead sends each second's quota as fast
// as it can and then waits for the next second, which measures bursts at full load.
import http from 'node:http';

export type PacedRequest = { method: 'PUT' | 'DELETE' | 'GET' | 'POST'; path: string; headers: Record<string, string> };

export type PacedResult = { sent: number; failures: number; latency: { p50: number; p90: number; p99: number; max: number } };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

export async function pacedLoad(options: { baseUrl: string; rate: number; seconds: number; connections: number; next: () => PacedRequest }): Promise<PacedResult> {
  const { hostname, port } = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now() + 50;
  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const { method, path, headers } = options.next();
      const request = http.request({ agent, hostname, port, method, path, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - scheduled);
          if (response.statusCode! >= 400) failures += 1;
          resolve();
        });
      });
      request.on('error', () => {
        failures += 1;
        resolve();
      });
      request.end();
    });

  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + (sent * 1000) / options.rate <= now) {
      inFlight.push(send(start + (sent * 1000) / options.rate));
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { sent, failures, latency: summarize(latencies) };
}

/** p50, p90, p99 and max of durations in milliseconds, to a tenth. */
export function summarize(durations: number[]): PacedResult['latency'] {
  const sorted = [...durations].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}
