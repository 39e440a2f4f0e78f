// `npm run dev`: the API server restarting on changes, plus Vite's dev server (hot reload) proxying /api to it.
import { spawn } from 'node:child_process';

const children = [
  spawn(
    process.execPath,
    ['--watch-path=server/src', '--watch-path=shared/src', '--watch-preserve-output', '--import', 'tsx', 'server/src/main.ts'],
    { stdio: 'inherit', env: { ...process.env, WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? 'web/dist' } },
  ),
  spawn('npm', ['run', 'dev', '-w', 'web'], { stdio: 'inherit' }),
];

console.log('API on http://127.0.0.1:3000, web app with hot reload on http://127.0.0.1:5173');
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children) child.kill(signal);
  });
}
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      stopping = true;
      for (const other of children) if (other !== child) other.kill('SIGTERM');
      process.exitCode = code ?? 1;
    }
  });
}
