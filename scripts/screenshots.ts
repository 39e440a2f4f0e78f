// Screenshots of the main pages in both languages at phone and desktop width, for reviews and the README.
// Usage: npm start (in another terminal), then: npm run screenshots [-- http://127.0.0.1:3000]
// The submit page is taken signed in as the demo resident (see README: demo accounts).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/browser.ts';
import { repoRoot } from '../server/src/config.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const outDir = path.join(repoRoot, '.data/screenshots');
const DEMO_RESIDENT = { login: 'resident@example.com', password: 'chongqing-demo-2026' };
/** Typed into the submit page, so that it shows the similar phrases already in. */
const PHRASE_TYPED = '坚韧不屈';

type Target = { name: string; path: string; signedIn?: boolean; prepare?: (page: Page) => Promise<void> };

const campaign = await getJson<{ items: { slug: string }[] }>('/api/campaigns').then((list) => list.items[0]);
if (!campaign) throw new Error(`no campaign at ${baseUrl}: start the server with the demo data`);
const entries = await getJson<{ items: { id: string }[] }>(`/api/campaigns/${campaign.slug}/submissions?sort=new&limit=1`);
const entry = entries.items[0];

const pages: Target[] = [
  { name: 'home', path: '/' },
  { name: 'browse', path: `/campaigns/${campaign.slug}/entries` },
  ...(entry ? [{ name: 'entry', path: `/entries/${entry.id}` }] : []),
  {
    name: 'submit',
    path: `/campaigns/${campaign.slug}/submit`,
    signedIn: true,
    prepare: async (page) => {
      await page.locator('#submission-phrase').pressSequentially(PHRASE_TYPED, { delay: 50 });
      await page.locator('.similar__list').waitFor({ timeout: 10_000 }).catch(() => undefined);
    },
  },
];
const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
];
const locales = [
  { name: 'zh-CN', stored: 'zh-CN' },
  { name: 'en', stored: 'en' },
];

await mkdir(outDir, { recursive: true });
const browser = await launchChromium();
for (const viewport of viewports) {
  for (const locale of locales) {
    const context = await browser.newContext({ viewport, locale: locale.name });
    await context.addInitScript((stored) => window.localStorage.setItem('city-spirit.locale', stored), locale.stored);
    const page = await context.newPage();
    // Signed-out pages first; then the session cookie of the demo resident is set for the rest.
    for (const target of [...pages].sort((a, b) => Number(a.signedIn ?? false) - Number(b.signedIn ?? false))) {
      if (target.signedIn) await signIn(context.request);
      await page.goto(new URL(target.path, baseUrl).toString(), { waitUntil: 'networkidle' });
      await target.prepare?.(page);
      const file = path.join(outDir, `${target.name}-${locale.name}-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();

async function getJson<T>(apiPath: string): Promise<T> {
  const response = await fetch(new URL(apiPath, baseUrl));
  if (!response.ok) throw new Error(`GET ${apiPath} answered ${response.status}; is the server running at ${baseUrl}?`);
  return (await response.json()) as T;
}

async function signIn(request: APIRequestContext): Promise<void> {
  const response = await request.post(new URL('/api/auth/login', baseUrl).toString(), { data: DEMO_RESIDENT });
  if (!response.ok()) throw new Error(`signing in as the demo resident failed (${response.status()}): was the server started with the demo data?`);
}
