// `npm run bench -- overload`: the entry list first at its saturation (closed loop), then at twice
// that rate (open loop, evenly spaced, 400 connections): how many requests are admitted and at what
// latency, how many refused with a 503 and how fast, whether any went unanswered, and the server's memory.
import { readFileSync } from 'node:fs';
import { fullLoad, pacedLoad, type PacedRequest } from './paced.ts';

const MB = 1024 * 1024;
const OVERLOAD_CONNECTIONS = 400;

const residentBytes = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((row) => row.startsWith('VmRSS:'))?.match(/\d+/)?.[0] ?? 0) * 1024;

export async function overloadBenchmark(baseUrl: string, serverPid: number, seconds: number, connections: number): Promise<string> {
  const next = (): PacedRequest => ({ method: 'GET', path: '/api/campaigns/chongqing-spirit/submissions?sort=top&limit=20', headers: {} });
  const saturated = await fullLoad({ baseUrl, seconds, connections, next });
  const rate = Math.round(saturated.rate * 2);
  const rssBefore = residentBytes(serverPid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, residentBytes(serverPid))), 50);
  const overloaded = await pacedLoad({ baseUrl, rate, seconds, connections: OVERLOAD_CONNECTIONS, next });
  clearInterval(sampler);
  const admitted = overloaded.sent - overloaded.refused - overloaded.failures;
  return [
    `overload   GET the entry list (top, 20): at saturation (${connections} connections, closed loop) ${Math.round(saturated.rate)} req/s, p50 ${saturated.latency.p50} ms, p99 ${saturated.latency.p99} ms, failures ${saturated.failures}`,
    `           at ${rate} req/s (twice that, evenly spaced, ${OVERLOAD_CONNECTIONS} connections): admitted ${admitted} (${Math.round(admitted / seconds)} req/s) with p50 ${overloaded.latency.p50} ms, p99 ${overloaded.latency.p99} ms; ` +
      `refused with 503 ${overloaded.refused}, p50 ${overloaded.refusalLatency.p50} ms, p99 ${overloaded.refusalLatency.p99} ms (target < 50 ms); unanswered or other failures ${overloaded.failures}; ` +
      `server RSS ${(rssBefore / MB).toFixed(0)} MB before, peak ${(rssPeak / MB).toFixed(0)} MB`,
  ].join('\n');
}
