import { describe, expect, it } from 'vitest';
import { hasChromium, useBrowserApp } from '../helpers/browser.ts';

describe.skipIf(!hasChromium)('the Content-Security-Policy in a real browser', () => {

  const web = useBrowserApp();

  async function visit(path: string) {
    const page = await web.browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => /Content Security Policy/i.test(message.text()) && violations.push(message.text()));
    page.on('pageerror', (error) => violations.push(error.message));
    const response = await page.goto(`${web.baseUrl}${path}`, { waitUntil: 'networkidle' });
    return { page, violations, csp: response?.headers()['content-security-policy'] ?? '' };
  }

  it('lets the web app run with no inline scripts allowed', async () => {
    const { page, violations, csp } = await visit('/');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toContain('重庆城市精神');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('lets the API documentation run, with scripts as strict as everywhere else', async () => {
    const { page, violations, csp } = await visit('/api/docs/');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    await expect.poll(() => page.getByRole('heading', { name: /City Spirit API/ }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await page.close();
  });
});
