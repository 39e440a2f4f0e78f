// Screenshots of the main pages in both languages at phone and desktop width, for reviews and the README.
// Usage: npm start (in another terminal), then: npm run screenshots [-- http://127.0.0.1:3000]
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../tests/helpers/browser.ts';
import { repoRoot } from '../server/src/config.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const outDir = path.join(repoRoot, '.data/screenshots');
const pages = [{ name: 'home', path: '/' }];
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
    for (const target of pages) {
      await page.goto(new URL(target.path, baseUrl).toString(), { waitUntil: 'networkidle' });
      const file = path.join(outDir, `${target.name}-${locale.name}-${viewport.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
