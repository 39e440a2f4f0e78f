import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { injectAs, signIn } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, useBrowserApp, signInOnPage } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';
const RATIONALE = '写出了重庆山水相依的样子，四个字好念好记，讨论里支持的人也多。';

describe.skipIf(!hasChromium)('the shortlist in a browser', () => {
  const web = useBrowserApp();

  const signInThrough = (page: Page, login: string, next: string) => signInOnPage(page, web.baseUrl, login, DEMO_PASSWORD, next);

  it('lets a moderator shortlist an entry with a rationale on its page, and shows it on the public shortlist', async () => {
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const moved = await injectAs(web.app, admin, { method: 'POST', url: `/api/campaigns/${SLUG}/stage`, payload: { stage: 'discuss' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const listed = await web.app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/submissions?sort=top&limit=5` });
    const entry = (listed.json().items as { id: string; phrase: string }[])[0]!;

    // Before anything is picked, the page says when the shortlist is made.
    const visitor = await openPhonePage(web.browser);
    await visitor.page.goto(`${web.baseUrl}/campaigns/${SLUG}/shortlist`);
    await expect.poll(() => visitor.page.locator('.shortlist__empty').textContent(), { timeout: 15_000 }).toContain('入围名单在讨论阶段产生');
    await visitor.page.screenshot({ path: screenshotPath('shortlist-empty-phone-zh.png'), fullPage: true });

    const moderator = await openPhonePage(web.browser);
    const { page } = moderator;
    await signInThrough(page, 'moderator@example.com', `/entries/${entry.id}`);
    const tools = page.getByRole('region', { name: '入围名单' });
    await expect.poll(() => tools.isVisible(), { timeout: 15_000 }).toBe(true);
    // Too short a rationale is refused in the form.
    await tools.getByRole('textbox', { name: '入围理由' }).fill('好');
    await tools.getByRole('button', { name: '列入入围名单' }).click();
    await expect.poll(() => tools.getByText('请用 10–1,000 个字写明入围理由。').first().isVisible(), { timeout: 5_000 }).toBe(true);
    await tools.getByRole('textbox', { name: '入围理由' }).fill(RATIONALE);
    await tools.getByRole('button', { name: '列入入围名单' }).click();
    await expect.poll(() => tools.getByRole('status').textContent(), { timeout: 10_000 }).toContain('已列入入围名单');
    await expect.poll(() => page.locator('.entry__eyebrow .status-badge').textContent(), { timeout: 10_000 }).toContain('已入围');
    await expect.poll(() => tools.getByRole('button', { name: '移出入围名单' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator('.entry__facts').screenshot({ path: screenshotPath('shortlist-entry-tools-phone-zh.png') });

    // Everyone sees it on the shortlist, with the rationale, and the way to the entry.
    await visitor.page.goto(`${web.baseUrl}/campaigns/${SLUG}/shortlist`);
    const item = visitor.page.locator('.shortlist-entry', { hasText: entry.phrase });
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await item.locator('blockquote').textContent()).toBe(RATIONALE);
    expect(await item.getByRole('link', { name: entry.phrase }).getAttribute('href')).toBe(`/entries/${entry.id}`);
    expect(await visitor.page.getByRole('link', { name: '入围名单', exact: true }).getAttribute('aria-current')).toBe('page');
    await visitor.page.screenshot({ path: screenshotPath('shortlist-phone-zh.png'), fullPage: true });
    await visitor.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => visitor.page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('The shortlist');
    await expect.poll(() => item.getByText('Why it was shortlisted').isVisible(), { timeout: 10_000 }).toBe(true);
    await visitor.page.screenshot({ path: screenshotPath('shortlist-phone-en.png'), fullPage: true });

    // The moderator takes it off again: it is published, and the shortlist is empty.
    await tools.getByRole('button', { name: '移出入围名单' }).click();
    await expect.poll(() => tools.getByRole('status').textContent(), { timeout: 10_000 }).toContain('已移出入围名单');
    const after = await web.app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/shortlist` });
    expect(after.json().items).toEqual([]);

    expect(moderator.problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await moderator.context.close();
    await visitor.context.close();
  }, 120_000);
});
