import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';
import type { Stage } from '@city-spirit/shared';
import type { AppConfig, AppDependencies } from '../../server/src/app.ts';
import { createTestApp } from './app.ts';
import { repoRoot } from '../../server/src/config.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const webDistDir = path.join(repoRoot, 'web/dist');

/** Where browser tests leave screenshots to look at: `.data/screenshots/` (never committed). */
export function screenshotPath(name: string): string {
  const dir = path.join(repoRoot, '.data/screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

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

/**
 * The whole app with the demo data on its own database, listening on a free port, and Chromium.
 * `stop` closes the browser, checks that no response leaked anything, and drops the database.
 * Test files use useBrowserApp, which calls both at the right time.
 */
export async function startBrowserApp(
  options: { config?: Partial<AppConfig>; dependencies?: AppDependencies; demoStage?: Stage } = {},
): Promise<{ baseUrl: string; browser: Browser; app: FastifyInstance; stop: () => Promise<void> }> {
  buildWebIfStale();
  const { app, close } = await createTestApp({ demo: true, demoStage: options.demoStage, config: { webDistDir, ...options.config }, dependencies: options.dependencies });
  let browser: Browser;
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  } catch (error) {
    await close();
    throw error;
  }
  const stop = async () => {
    try {
      await browser.close();
    } finally {
      await close();
    }
  };
  return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, browser, app, stop };
}

export type BrowserApp = Awaited<ReturnType<typeof startBrowserApp>>;

/**
 * startBrowserApp for a describe block: call it while the file is collected; the app and Chromium
 * start before the block's tests and stop after them. The returned object is filled in at start.
 */
export function useBrowserApp(options: Parameters<typeof startBrowserApp>[0] = {}): BrowserApp {
  const started = {} as BrowserApp;
  beforeAll(async () => {
    Object.assign(started, await startBrowserApp(options));
  }, 180_000);
  afterAll(() => started.stop?.());
  return started;
}

/** A phone-sized page in Chinese that records console errors, page errors and CSP violations. */
export async function openPhonePage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  return { context, page, problems };
}

/**
 * axe-core's serious and critical findings on the page, as "rule: selector" lines. Evaluated through
 * the DevTools protocol, so the app's CSP does not block it; experimental rules run too, since
 * label-content-name-mismatch is one of them.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } } }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

/** Signs in through the sign-in page (in Chinese, the default) and waits to arrive at `next`. */
export async function signInOnPage(page: Page, baseUrl: string, login: string, password: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('邮箱或手机号').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(`${baseUrl}${next}`);
}
