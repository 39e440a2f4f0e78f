import { describe, expect, it } from 'vitest';
import { hasChromium, useBrowserApp } from '../helpers/browser.ts';

describe.skipIf(!hasChromium)('home page in a browser', () => {

  const web = useBrowserApp();

  it('shows the campaign in Chinese, switches to English and remembers the choice', async () => {
    const context = await web.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));

    await page.goto(web.baseUrl);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent(), { timeout: 15_000 }).toContain('重庆城市精神');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toContain('Spirit of Chongqing City');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toContain('Spirit of Chongqing City');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toContain('重庆城市精神');

    expect(problems).toEqual([]);
    await context.close();
  });
});
