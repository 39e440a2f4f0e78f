// An open-loop load generator: requests start at evenly spaced times, whatever the answers before
// them did, and each latency runs from the request's scheduled start, so time spent waiting for a
// free connection counts too. autocannon's rate option instead sends each second's quota as fast
// as it can and then waits for the next second, which measures bursts at full load.
// Plain keep-alive sockets and a minimal response reader keep its own CPU use low: it shares the
// machine with the server it measures.
import net from 'node:net';

export type PacedRequest = { method: 'PUT' | 'DELETE' | 'GET' | 'POST'; path: string; headers: Record<string, string> };

export type Latency = { p50: number; p90: number; p99: number; max: number };

export type PacedResult = { sent: number; failures: number; latency: Latency };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** p50, p90, p99 and max of durations in milliseconds, to a tenth. */
export function summarize(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}

type Connection = { socket: net.Socket; scheduled: number; buffer: string; busy: boolean };

export async function pacedLoad(options: { baseUrl: string; rate: number; seconds: number; connections: number; next: () => PacedRequest }): Promise<PacedResult> {
  const { hostname, port } = new URL(options.baseUrl);
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const waiting: number[] = []; // scheduled start times of requests not yet sent
  let failures = 0;
  let answered = 0;
  let done: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));

  const encode = ({ method, path, headers }: PacedRequest) =>
    `${method} ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-length: 0\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`;

  const dispatch = (connection: Connection) => {
    if (connection.socket.destroyed) return;
    const scheduled = waiting.shift();
    if (scheduled === undefined) return;
    connection.busy = true;
    connection.scheduled = scheduled;
    connection.socket.write(encode(options.next()));
  };

  const connections: Connection[] = await Promise.all(
    Array.from({ length: options.connections }, () => {
      const connection: Connection = { socket: net.connect(Number(port), hostname), scheduled: 0, buffer: '', busy: false };
      connection.socket.setNoDelay(true);
      connection.socket.setEncoding('latin1');
      // A connection that fails loses its request in flight: counted as a failure, never waited for.
      const lost = () => {
        if (connection.busy) {
          connection.busy = false;
          failures += 1;
          answered += 1;
          if (answered === total) done();
        }
      };
      connection.socket.on('error', lost);
      connection.socket.on('close', lost);
      connection.socket.on('data', (chunk: string) => {
        connection.buffer += chunk;
        const headerEnd = connection.buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(connection.buffer.slice(0, headerEnd))?.[1] ?? 0);
        if (connection.buffer.length < headerEnd + 4 + length) return;
        if (!connection.buffer.startsWith('HTTP/1.1 2')) failures += 1;
        connection.buffer = connection.buffer.slice(headerEnd + 4 + length);
        latencies.push(performance.now() - connection.scheduled);
        connection.busy = false;
        answered += 1;
        if (answered === total) done();
        dispatch(connection);
      });
      return new Promise<Connection>((resolve) => connection.socket.once('connect', () => resolve(connection)));
    }),
  );

  if (total === 0) done!();
  const start = performance.now() + 20;
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + (sent * 1000) / options.rate <= now) {
      waiting.push(start + (sent * 1000) / options.rate);
      sent += 1;
      const idle = connections.find((connection) => !connection.busy && !connection.socket.destroyed);
      if (idle) dispatch(idle);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await finished;
  for (const connection of connections) connection.socket.destroy();
  return { sent, failures, latency: summarize(latencies) };
}
