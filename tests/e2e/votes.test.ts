import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, injectAs, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage as openPhone, screenshotPath, seriousAxeViolations, useBrowserApp } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';

describe.skipIf(!hasChromium)('supporting and comparing entries in a browser', () => {

  const web = useBrowserApp();

  const openPhonePage = () => openPhone(web.browser);

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const mainNav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

  async function rankingComparisons(): Promise<number> {
    const response = await web.app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/ranking` });
    expect(response.statusCode).toBe(200);
    return response.json().comparisons as number;
  }

  /** The first entry card the viewer does not support yet, found again by its phrase as the list changes. */
  async function firstUnsupportedCard(page: Page) {
    const card = page.locator('.entry-card').filter({ has: page.getByRole('button', { name: '支持', exact: true }) }).first();
    await expect.poll(() => card.isVisible(), { timeout: 10_000 }).toBe(true);
    const phrase = (await card.getByRole('heading', { level: 2 }).textContent())!;
    const theCard = page.locator('.entry-card').filter({ has: page.getByRole('heading', { level: 2, name: phrase, exact: true }) });
    const count = async () => Number((await theCard.locator('.entry-card__fact--votes dd').textContent())!.replace(/\D/g, ''));
    return { theCard, count, button: theCard.getByRole('button', { name: /支持/ }) };
  }

  it('supports an entry and takes the support back, then compares five pairs with the keyboard', async () => {
    const { context, page, problems } = await openPhonePage();

    // Sign in, coming back to the entries.
    await page.goto(`${web.baseUrl}/sign-in?next=${encodeURIComponent(`/campaigns/${SLUG}/entries`)}`);
    await page.getByLabel('邮箱或手机号').fill('resident@example.com');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/entries`);

    // The budget shows for a signed-in resident.
    const budgetNote = page.locator('.vote-budget');
    await expect.poll(() => budgetNote.textContent(), { timeout: 10_000 }).toMatch(/^还可支持 \d+ 条/);

    // The first entry not supported yet: support it, and its count goes up by one.
    const { theCard, count, button } = await firstUnsupportedCard(page);
    const before = await count();
    expect(await button.getAttribute('aria-pressed')).toBe('false');

    await button.click();
    await expect.poll(() => count(), { timeout: 10_000 }).toBe(before + 1);
    await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await button.textContent()).toContain('已支持');
    await expect.poll(() => theCard.getByText(/^还可支持 \d+ 条$/).isVisible(), { timeout: 10_000 }).toBe(true);

    // Taking it back brings the count back.
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => count(), { timeout: 10_000 }).toBe(before);

    // The campaign moves on to discussion (an admin's doing).
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const moved = await injectAs(web.app, admin, { method: 'POST', url: `/api/campaigns/${SLUG}/stage`, payload: { stage: 'discuss' } });
    expect(moved.statusCode).toBe(200);
    const recordedBefore = await rankingComparisons();

    // The header leads to comparing pairs.
    await page.goto(web.baseUrl);
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toContain('重庆城市精神');
    await mainNav(page).getByRole('link', { name: '两两比较', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/compare`);
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('哪一个更能代表重庆精神？');
    expect(await page.getByText('键盘操作：← 选第一条，→ 选第二条，空格键表示说不好。').isVisible()).toBe(true);

    const pair = page.getByRole('group', { name: '两条表述' });
    const counter = page.getByText(/^本次已比较 \d+ 组$/);
    const pairText = async () => ((await pair.isVisible()) ? await pair.locator('.compare__phrase').allTextContents() : []).join('|');

    // On a phone both cards start in the first screen; each is named by all it shows, its order rather than a side first.
    await expect.poll(() => pair.isVisible(), { timeout: 10_000 }).toBe(true);
    const tops = await pair.locator('.compare__card').evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().top));
    expect(tops).toHaveLength(2);
    expect(Math.max(...tops)).toBeLessThan(844 - 80);
    expect(await pair.getByRole('button', { name: /^第一条\s*：.+选这一条$/ }).count()).toBe(1);
    expect(await pair.getByRole('button', { name: /^第二条\s*：.+选这一条$/ }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('compare-phone.png') });

    let made = 0;
    for (const key of ['ArrowLeft', 'ArrowRight', 'Space', 'ArrowLeft', 'ArrowRight', 'ArrowLeft']) {
      await expect.poll(() => pair.isVisible(), { timeout: 10_000 }).toBe(true);
      const shown = await pairText();
      await page.keyboard.press(key);
      if (key !== 'Space') made += 1;
      await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe(`本次已比较 ${made} 组`);
      await expect.poll(() => pairText(), { timeout: 10_000 }).not.toBe(shown);
    }
    expect(made).toBe(5);

    // Five comparisons with a winner were recorded (the skip does not count); the ranking is refitted every few seconds.
    await expect.poll(() => rankingComparisons(), { timeout: 10_000 }).toBe(recordedBefore + 5);

    // The ranking page lists the entries with their scores.
    await page.getByRole('link', { name: '查看排名' }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/ranking`);
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('大家的选择：表述排名');
    await expect.poll(() => page.locator('.ranking__item').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    expect(await page.locator('.ranking__score-value').first().textContent()).toMatch(/^\d+\.\d$/);
    // It comes 50 places at a time; the next 50 follow on from place 51.
    expect(await page.locator('.ranking__item').count()).toBe(50);
    await page.getByRole('button', { name: '显示更多名次' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('ranking-phone-end-of-page.png') });
    await page.getByRole('button', { name: '显示更多名次' }).click();
    await expect.poll(() => page.locator('.ranking__item').count(), { timeout: 10_000 }).toBe(100);
    expect(await page.locator('.ranking__rank').nth(50).textContent()).toBe('51');
    await page.locator('.ranking__item').nth(50).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('ranking-more-phone.png') });

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a refused support at once, then takes it back and says why', async () => {
    // The campaign allows one support per resident, and this resident has used it.
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const patched = await injectAs(web.app, admin, { method: 'PATCH', url: `/api/campaigns/${SLUG}`, payload: { settings: { maxVotesPerUser: 1 } } });
    expect(patched.statusCode).toBe(200);
    const voter = await createUser(web.app.db, { verified: true });
    const session = await signIn(web.app, voter.email);
    const listed = await web.app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/submissions?sort=new&limit=1` });
    const used = await injectAs(web.app, session, { method: 'PUT', url: `/api/submissions/${listed.json().items[0].id}/vote` });
    expect(used.statusCode).toBe(200);

    const { context, page, problems } = await openPhonePage();
    await page.goto(`${web.baseUrl}/sign-in?next=${encodeURIComponent(`/campaigns/${SLUG}/entries`)}`);
    await page.getByLabel('邮箱或手机号').fill(voter.email);
    await page.getByLabel('密码', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/entries`);
    await expect.poll(() => page.locator('.vote-budget').textContent(), { timeout: 10_000 }).toMatch(/^还可支持 0 条/);

    const { theCard, count, button } = await firstUnsupportedCard(page);
    const before = await count();

    // Hold the server's answer back for a moment, to see the optimistic update before it is undone.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/submissions/*/vote', async (route) => {
      await answered;
      await route.continue();
    });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => count(), { timeout: 10_000 }).toBe(before + 1);
    answer();

    await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => count(), { timeout: 10_000 }).toBe(before);
    const alert = theCard.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toBe('你的支持次数已经用完了。取消对另一条表述的支持后，就可以支持这一条。');
    await page.screenshot({ path: screenshotPath('vote-refused.png'), fullPage: false });

    // The refusal is the expected 409, not an error of the page.
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
    await context.close();
  }, 60_000);
});
