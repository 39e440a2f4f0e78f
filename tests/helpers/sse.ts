import http from 'node:http';

export type StreamEvent = { id: string | null; event: string; data: string };

/**
 * A server-sent events client over plain HTTP, as a browser's EventSource reads the stream: it
 * resolves once the response's headers are in, and collects the events and comment lines.
 */
export function openEventStream(url: string, headers: Record<string, string> = {}) {
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let request: http.ClientRequest;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  const parse = (block: string) => {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) events.push({ id, event, data: data.join('\n') });
  };
  const ready = new Promise<{ status: number; contentType: string; body: () => string }>((resolve, reject) => {
    request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      let raw = '';
      response.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        wake();
      });
      response.on('end', wake);
      resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body: () => raw });
    });
    request.on('error', reject);
  });
  /** Waits until `found` holds, at most `timeoutMs`. */
  const waitFor = <T>(found: () => T | undefined | false, timeoutMs = 5000): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const result = found();
        if (result) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(result);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { ready, events, comments, waitFor, close: () => request.destroy() };
}
