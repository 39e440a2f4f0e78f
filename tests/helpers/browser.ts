import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../../server/src/config.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const webDistDir = path.join(repoRoot, 'web/dist');

/** Builds the web app when its build is missing or older than its sources (as `npm start` does), as a production build. */
export function buildWebIfStale(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build-web-if-stale.mjs')], { cwd: repoRoot, stdio: 'pipe', env: { ...process.env, WEB_DIST_DIR: '', NODE_ENV: 'production' } });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
