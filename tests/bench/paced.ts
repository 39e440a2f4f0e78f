// Lean load generators on plain keep-alive sockets with a minimal response reader, so their own CPU
// use stays low: they share the machine with the server they measure (autocannon spent about twice
// as much CPU per request, taken from the server and PostgreSQL on a two-CPU machine).
// - pacedLoad is open-loop: requests start at evenly spaced times, whatever the answers before them
//   did, and each latency runs from the request's scheduled start, so time spent waiting for a free
//   connection counts too. (autocannon's rate option instead sends each second's quota as fast as it
//   can and then waits for the next second, which measures bursts at full load.)
// - fullLoad is closed-loop: every connection sends its next request as soon as an answer arrives,
//   as pgbench's clients do, for the highest rate the server sustains.
import net from 'node:net';

export type PacedRequest = { method: 'PUT' | 'DELETE' | 'GET' | 'POST'; path: string; headers: Record<string, string> };

export type Latency = { p50: number; p90: number; p99: number; max: number };

export type PacedResult = { sent: number; failures: number; latency: Latency; refused: number; refusalLatency: Latency };

export type FullResult = { answered: number; rate: number; failures: number; latency: Latency };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

/** p50, p90, p99 and max of durations in milliseconds, to a tenth. */
export function summarize(durations: number[]): Latency {
  const sorted = [...durations].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) };
}

/**
 * One keep-alive connection: `send` writes a request (false, sending nothing, once the connection is
 * gone); `onAnswer(status)` runs for each whole response (status 0: none came).
 */
type Connection = { busy: boolean; started: number; alive: () => boolean; send: (request: PacedRequest, started: number) => boolean; close: () => void };

/**
 * Opens `count` connections. A connection that fails loses its request in flight: `onAnswer(false)`
 * runs for it once, so it is counted as a failure and never waited for.
 */
async function connect(baseUrl: string, count: number, onAnswer: (connection: Connection, status: number) => void): Promise<Connection[]> {
  const { hostname, port } = new URL(baseUrl);
  const encode = ({ method, path, headers }: PacedRequest) =>
    `${method} ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-length: 0\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`;
  return Promise.all(
    Array.from({ length: count }, () => {
      const socket = net.connect(Number(port), hostname);
      let buffer = '';
      const connection: Connection = {
        busy: false,
        started: 0,
        alive: () => !socket.destroyed,
        send: (request, started) => {
          if (socket.destroyed) return false;
          connection.busy = true;
          connection.started = started;
          socket.write(encode(request));
          return true;
        },
        close: () => socket.destroy(),
      };
      socket.setNoDelay(true);
      socket.setEncoding('latin1');
      const lost = () => {
        if (!connection.busy) return;
        connection.busy = false;
        onAnswer(connection, 0);
      };
      socket.on('error', lost);
      socket.on('close', lost);
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(buffer.slice(0, headerEnd))?.[1] ?? 0);
        if (buffer.length < headerEnd + 4 + length) return;
        const status = Number(buffer.slice(9, 12));
        buffer = buffer.slice(headerEnd + 4 + length);
        connection.busy = false;
        onAnswer(connection, status);
      });
      return new Promise<Connection>((resolve) => socket.once('connect', () => resolve(connection)));
    }),
  );
}

export async function pacedLoad(options: { baseUrl: string; rate: number; seconds: number; connections: number; next: () => PacedRequest }): Promise<PacedResult> {
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const waiting: number[] = []; // scheduled start times of requests not yet sent
  let failures = 0;
  let answered = 0;
  let done: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));

  const refusals: number[] = [];
  const answer = (connection: Connection, status: number) => {
    if (status >= 200 && status < 300) latencies.push(performance.now() - connection.started);
    else if (status === 503) refusals.push(performance.now() - connection.started);
    else failures += 1;
    answered += 1;
    if (answered === total) done();
    if (connection.alive()) dispatch(connection);
  };
  const dispatch = (connection: Connection) => {
    const scheduled = waiting.shift();
    if (scheduled !== undefined && !connection.send(options.next(), scheduled)) answer(connection, 0);
  };
  const connections = await connect(options.baseUrl, options.connections, answer);

  if (total === 0) done!();
  const start = performance.now() + 20;
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + (sent * 1000) / options.rate <= now) {
      waiting.push(start + (sent * 1000) / options.rate);
      sent += 1;
      const idle = connections.find((connection) => !connection.busy && connection.alive());
      if (idle) dispatch(idle);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await finished;
  for (const connection of connections) connection.close();
  return { sent, failures, latency: summarize(latencies), refused: refusals.length, refusalLatency: summarize(refusals) };
}

export async function fullLoad(options: { baseUrl: string; seconds: number; connections: number; next: () => PacedRequest }): Promise<FullResult> {
  const latencies: number[] = [];
  let failures = 0;
  let stopping = false;
  let inFlight = 0;
  let drained: () => void;
  const idle = new Promise<void>((resolve) => (drained = resolve));
  const send = (connection: Connection) => {
    if (stopping) {
      if (inFlight === 0) drained();
      return;
    }
    inFlight += 1;
    if (!connection.send(options.next(), performance.now())) {
      inFlight -= 1; // the connection is gone: it sends no more, and the others go on
      failures += 1;
      if (inFlight === 0) drained();
    }
  };
  const connections = await connect(options.baseUrl, options.connections, (connection, status) => {
    inFlight -= 1;
    if (status >= 200 && status < 300) latencies.push(performance.now() - connection.started);
    else failures += 1;
    send(connection);
  });
  const start = performance.now();
  for (const connection of connections) send(connection);
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
  // Answers that arrive after the measured time are waited for but not counted.
  const answered = latencies.length + failures;
  const elapsed = (performance.now() - start) / 1000;
  const latency = summarize(latencies);
  stopping = true;
  await idle;
  for (const connection of connections) connection.close();
  return { answered, rate: answered / elapsed, failures, latency };
}
