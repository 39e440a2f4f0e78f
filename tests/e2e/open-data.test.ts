import { describe, expect, it } from 'vitest';
import { OPEN_DATA_COLUMNS } from '@city-spirit/shared';
import { hasChromium, openPhonePage, screenshotPath, seriousAxeViolations, useBrowserApp } from '../helpers/browser.ts';

const SLUG = 'chongqing-spirit';

describe.skipIf(!hasChromium)('the open data page in a browser', () => {
  const web = useBrowserApp();

  it('is reached from the footer, states the licence, offers both downloads and explains every column, in Chinese and English', async () => {
    const { context, page, problems } = await openPhonePage(web.browser);
    await page.goto(web.baseUrl);
    // The footer names the campaign once it has loaded; before that the page opens on the first campaign.
    const footerLink = page.getByRole('contentinfo').getByRole('link', { name: '开放数据' });
    await expect.poll(() => footerLink.getAttribute('href'), { timeout: 15_000 }).toBe(`/open-data?campaign=${SLUG}`);
    await footerLink.click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${web.baseUrl}/open-data?campaign=${SLUG}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('开放数据');

    const licence = page.getByRole('link', { name: 'Creative Commons Attribution 4.0 International' });
    await expect.poll(() => licence.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await licence.getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(await page.getByRole('link', { name: '下载 CSV' }).getAttribute('href')).toBe(`/api/campaigns/${SLUG}/export.csv`);
    expect(await page.getByRole('link', { name: '下载 JSON' }).getAttribute('href')).toBe(`/api/campaigns/${SLUG}/export.json`);
    const rows = page.locator('.open-data__columns tbody tr');
    expect(await rows.count()).toBe(OPEN_DATA_COLUMNS.length);
    expect(await rows.first().textContent()).toContain(OPEN_DATA_COLUMNS[0].description['zh-CN']);

    // The download link gives the file the page promises.
    const download = await page.request.get(`${web.baseUrl}/api/campaigns/${SLUG}/export.csv`);
    expect(download.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect((await download.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    expect(await seriousAxeViolations(page)).toEqual([]);
    // Nothing sticks out sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('open-data-phone-zh.png'), fullPage: true });
    await page.locator('.open-data__section').nth(2).screenshot({ path: screenshotPath('open-data-phone-zh-downloads.png') });
    await rows.nth(4).screenshot({ path: screenshotPath('open-data-phone-zh-column.png') });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Open data');
    await expect.poll(() => rows.first().textContent(), { timeout: 10_000 }).toContain(OPEN_DATA_COLUMNS[0].description.en);
    expect(await page.getByRole('link', { name: 'Download CSV' }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('open-data-phone-en.png'), fullPage: true });
    await page.screenshot({ path: screenshotPath('open-data-phone-en-top.png') });
    await rows.last().screenshot({ path: screenshotPath('open-data-phone-en-column.png') });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: screenshotPath('open-data-desktop-en.png'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('开放数据');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('open-data-desktop-zh.png'), fullPage: true });

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
