// The application under load, in its own process as in production, so the load generator does not
// share its event loop. Started by run.ts with the bench's environment; reports its port over IPC,
// and on request the server-side durations of the requests since the last report.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';

const config = loadConfig();
const app = await buildApp({ ...config, databaseUrl: config.databaseUrl!, webDistDir: null });
let durations: number[] = [];
// The histogram records the time between the sampling timer's runs, so every value includes the
// timer's own interval; the report subtracts it, leaving how late the loop ran the timer.
const RESOLUTION_MS = 5;
const loopDelay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
loopDelay.enable();
app.addHook('onResponse', async (_request, reply) => {
  durations.push(reply.elapsedTime);
});
await app.listen({ host: '127.0.0.1', port: 0 });
process.send!({ port: (app.server.address() as AddressInfo).port });
// The bench process is gone (it failed or was stopped): do not keep listening on its behalf.
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
process.on('message', (message) => {
  if (message === 'durations') {
    const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10);
    process.send!({ durations, loopDelay: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } });
    durations = [];
    loopDelay.reset();
  }
  if (message === 'stop') void app.close().then(() => process.exit(0));
});
