import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openPhonePage as openPhone, screenshotPath, useBrowserApp } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';

describe.skipIf(!hasChromium)('phrase submissions in a browser', () => {

  const web = useBrowserApp();

  const openPhonePage = () => openPhone(web.browser);

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const mainNav = (page: Page) => page.getByRole('navigation', { name: '主导航' });
  const phraseInput = (page: Page) => page.getByLabel('你的短语');

  it('suggests a near-duplicate while a resident types, submits a new phrase and finds it again', async () => {
    const { context, page, problems } = await openPhonePage();

    // Signed out, "submit" goes through sign-in and comes back.
    await page.goto(web.baseUrl);
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toContain('重庆城市精神');
    expect(await page.getByRole('link', { name: '写下你的短语' }).getAttribute('href')).toBe(`/campaigns/${SLUG}/submit`);
    await mainNav(page).getByRole('link', { name: '提交', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/sign-in?next=%2Fcampaigns%2F${SLUG}%2Fsubmit`);
    await page.getByLabel('邮箱或手机号').fill('resident@example.com');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/submit`);
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('写下你心中的重庆城市精神');

    // The resident's district is chosen already.
    await expect.poll(() => page.getByLabel('你所在的区县').inputValue(), { timeout: 10_000 }).toBe('500103');

    // Typing a phrase close to 坚韧不拔 lists it, with a way to support it instead.
    await phraseInput(page).pressSequentially('坚韧不屈', { delay: 60 });
    expect(await page.getByText('4 / 40').isVisible()).toBe(true);
    const support = page.getByRole('link', { name: '支持这条：坚韧不拔', exact: true });
    await expect.poll(() => support.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText(/^已有 \d 条相似的表述：$/).isVisible()).toBe(true);
    expect(await page.getByText(/^相似度 \d+%$/).count()).toBeGreaterThan(0);
    await support.click();
    await page.waitForURL(new RegExp(`${web.baseUrl}/entries/[0-9a-f-]{36}$`));
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('坚韧不拔');
    expect(await page.getByRole('link', { name: '返回表述列表' }).isVisible()).toBe(true);

    // Back on the form, the words typed are still there.
    await page.goBack();
    await expect.poll(() => phraseInput(page).inputValue(), { timeout: 10_000 }).toBe('坚韧不屈');

    // The same phrase in traditional characters is a duplicate: the existing one is shown, with a link to it.
    await phraseInput(page).fill('堅韌不拔');
    await page.getByRole('button', { name: '提交表述' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '这条表述已经有人提交过了' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.refusal__phrase').textContent()).toBe('坚韧不拔');
    expect(await page.getByRole('link', { name: '查看并支持这条表述' }).getAttribute('href')).toMatch(/^\/entries\/[0-9a-f-]{36}$/);

    // A phrase nobody wrote yet goes in, and its page says so.
    const phrase = '洪崖灯火照两江';
    const explanation = '夜色里的洪崖洞和千厮门大桥，是重庆人最熟悉的风景。';
    await phraseInput(page).fill(phrase);
    await page.getByLabel('说说为什么').fill(explanation);
    expect(await page.getByText(`${Array.from(explanation).length} / 2,000`).isVisible()).toBe(true);
    await page.getByRole('button', { name: '提交表述' }).click();
    await page.waitForURL(new RegExp(`${web.baseUrl}/entries/[0-9a-f-]{36}$`));
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe(phrase);
    expect(await page.getByText('你的表述已经提交，现在所有人都能看到它。').isVisible()).toBe(true);
    expect(await page.getByText(explanation).isVisible()).toBe(true);
    expect(await page.getByText('渝中区').first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '撤回这条表述' }).isVisible()).toBe(true);

    // Browsing with a search finds it.
    await mainNav(page).getByRole('link', { name: '浏览表述' }).click();
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('所有表述');
    await page.getByRole('searchbox', { name: '搜索' }).fill('洪崖灯火');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/entries?q=${encodeURIComponent('洪崖灯火')}`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: '搜索“洪崖灯火”' }).textContent(), { timeout: 10_000 }).toBe('搜索“洪崖灯火”：共 1 条表述');
    await page.getByRole('link', { name: phrase, exact: true }).click();
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe(phrase);

    // The way back leads to the search it came from.
    await page.getByRole('link', { name: '返回表述列表' }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/entries?q=${encodeURIComponent('洪崖灯火')}`);
    expect(await page.getByRole('searchbox', { name: '搜索' }).inputValue()).toBe('洪崖灯火');

    // "My phrases" lists it; its author may withdraw it, after confirming, and still sees it, marked as withdrawn.
    await page.getByRole('navigation', { name: '表述范围' }).getByRole('link', { name: '我的表述' }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/entries?author=me`);
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('我的表述');
    await page.getByRole('link', { name: phrase, exact: true }).click();
    await page.getByRole('button', { name: '撤回这条表述' }).click();
    await page.getByRole('button', { name: '确定撤回' }).click();
    await expect.poll(() => page.getByText('你已经撤回了这条表述。').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole('button', { name: '撤回这条表述' }).count()).toBe(0);
    await page.getByRole('link', { name: '返回表述列表' }).click();
    await expect.poll(() => page.locator('.entry-card', { hasText: phrase }).textContent(), { timeout: 10_000 }).toContain('状态：已撤回');

    // The refused duplicate is logged by the browser as a failed request; nothing else may be.
    expect(problems.filter((problem) => !problem.includes('409 (Conflict)'))).toEqual([]);
    await context.close();
  }, 90_000);

  it('names each field in the error summary and words it anew in the language switched to', async () => {
    const { context, page, problems } = await openPhonePage();
    await page.goto(`${web.baseUrl}/sign-in?next=${encodeURIComponent(`/campaigns/${SLUG}/submit`)}`);
    await page.getByLabel('邮箱或手机号').fill('resident@example.com');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/submit`);
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('写下你心中的重庆城市精神 · 城市精神');

    // The hint and the counter write the limit alike.
    expect(await page.getByText(/最多 2,000 个字。$/).isVisible()).toBe(true);
    expect(await page.getByText('0 / 2,000').isVisible()).toBe(true);

    await page.getByLabel('说说为什么').fill('长'.repeat(2001));
    await page.getByRole('button', { name: '提交表述' }).click();
    const summaryItems = () => page.locator('.error-summary').getByRole('link').allTextContents();
    await expect.poll(summaryItems, { timeout: 10_000 }).toEqual(['你的短语：请写下你的短语。', '说说为什么：说明最多 2,000 个字，现在是 2,001 个。']);
    await page.screenshot({ path: screenshotPath('submit-errors-phone-zh.png') });

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(summaryItems, { timeout: 10_000 }).toEqual([
      'Your phrase: Write your phrase.',
      'Tell us why: Keep the explanation to 2,000 characters. This has 2,001.',
    ]);
    expect(await page.locator('#submission-phrase-error').textContent()).toMatch(/Write your phrase\.$/);
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('Put the spirit of Chongqing into words · City Spirit');
    await page.screenshot({ path: screenshotPath('submit-errors-phone-en.png') });

    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps a visitor’s random order, loads more, and ignores malformed filters in the address', async () => {
    const { context, page, problems } = await openPhonePage();
    const cardNames = () => page.locator('.entry-card__link').allTextContents();

    await page.goto(`${web.baseUrl}/campaigns/${SLUG}/entries?sort=bogus&district=123&q=`);
    await expect.poll(() => page.locator('.entry-card__link').count(), { timeout: 15_000 }).toBe(24);
    expect(await page.getByLabel('排序').inputValue()).toBe('random');
    expect(await page.getByLabel('区县').inputValue()).toBe('');
    const firstOrder = await cardNames();

    await page.reload();
    await expect.poll(() => page.locator('.entry-card__link').count(), { timeout: 15_000 }).toBe(24);
    expect(await cardNames()).toEqual(firstOrder);

    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => page.locator('.entry-card__link').count(), { timeout: 10_000 }).toBe(48);
    const twoPages = await cardNames();
    expect(new Set(twoPages).size).toBe(48);
    // The keyboard goes on from the first entry loaded.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 }).toBe(twoPages[24]);

    // On a phone the selects stand one above the other, wide enough for the districts' names.
    const selectWidths = await page.locator('.browse-filters__selects select').evaluateAll((selects) => selects.map((select) => select.getBoundingClientRect().width));
    expect(Math.min(...selectWidths)).toBeGreaterThan(300);

    // Choosing a district narrows the list and is kept in the address.
    await page.getByLabel('区县').selectOption({ label: '渝中区' });
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/entries?district=500103`);
    const cardMetas = () => page.locator('.entry-list:not([data-stale]) .entry-card__meta').allTextContents();
    // An empty list (still loading) would pass `every`, so wait for cards that all match.
    const districtCardsShown = async () => {
      const metas = await cardMetas();
      return metas.length > 0 && metas.every((meta) => meta.includes('渝中区'));
    };
    await expect.poll(districtCardsShown, { timeout: 10_000 }).toBe(true);

    await page.getByRole('searchbox', { name: '搜索' }).fill('没有这样的表述zzz');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '还没有符合条件的表述' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('link', { name: '清除搜索和筛选' }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/entries`);
    // The whole list comes back as it was, both pages in the same order.
    await expect.poll(() => cardNames(), { timeout: 10_000 }).toEqual(twoPages);

    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
