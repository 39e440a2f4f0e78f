import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, injectAs, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, useBrowserApp, signInOnPage } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';

describe.skipIf(!hasChromium)('moderating in a browser', () => {
  const web = useBrowserApp();

  const signInThrough = (page: Page, login: string, password: string, next: string) => signInOnPage(page, web.baseUrl, login, password, next);

  const visible = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);
  const activeLabel = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.id ?? '');

  it('takes a report to the moderator, the hiding to its author, the appeal back, and every decision into the public log', async () => {
    // A resident of their own writes an entry.
    const author = await createUser(web.app.db, { verified: true, displayName: '南岸的小李' });
    const authorSession = await signIn(web.app, author.email, TEST_PASSWORD);
    const phrase = '坡坎之城，雾里火锅';
    const created = await injectAs(web.app, authorSession, {
      method: 'POST',
      url: `/api/campaigns/${SLUG}/submissions`,
      payload: { phrase, explanation: '上坡下坎的日子，雾气里翻滚的红汤，就是重庆人的热辣与坚韧。' },
    });
    expect(created.statusCode).toBe(201);
    const entryId = created.json().submission.id as string;
    const entryPath = `/entries/${entryId}`;

    // The demo resident reports it.
    const resident = await openPhonePage(web.browser);
    await signInThrough(resident.page, 'resident@example.com', DEMO_PASSWORD, entryPath);
    const reportButton = resident.page.getByRole('button', { name: '举报这条表述' });
    await expect.poll(() => reportButton.isVisible(), { timeout: 15_000 }).toBe(true);
    await reportButton.click();
    const dialog = resident.page.locator('dialog.report-dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(true);
    // Escape closes it, and the focus goes back to the button.
    await resident.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible(), { timeout: 5_000 }).toBe(false);
    expect(await reportButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await reportButton.click();
    // Without a reason the dialog says what is missing.
    await dialog.getByRole('button', { name: '发送举报' }).click();
    await expect.poll(() => dialog.getByText('请选择一个举报理由。').isVisible(), { timeout: 5_000 }).toBe(true);
    await dialog.getByRole('radio', { name: /与征集无关/ }).check();
    await dialog.getByRole('textbox', { name: /补充说明/ }).fill('这是一条火锅广告，不是城市精神。');
    await resident.page.screenshot({ path: screenshotPath('moderation-report-dialog-phone-zh.png') });
    await dialog.getByRole('button', { name: '发送举报' }).click();
    await expect.poll(() => dialog.getByRole('heading', { name: '谢谢你的举报' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => dialog.getByText(/审核员会尽快查看/).isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole('button', { name: '关闭' }).click();
    await visible(resident.page, '已举报，谢谢');
    // The author sees no report button on their own entry (checked below on the author's page).

    // The moderator finds it in the console, under "reported", and hides it from the keyboard.
    const moderator = await openPhonePage(web.browser);
    await signInThrough(moderator.page, 'moderator@example.com', DEMO_PASSWORD, '/moderation');
    await moderator.page.getByRole('link', { name: '被举报', exact: true }).click();
    const card = moderator.page.getByRole('article', { name: phrase });
    await moderator.page.waitForURL(`${web.baseUrl}/moderation?kind=reported`);
    await expect.poll(() => card.getByText('与征集无关').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => card.getByText('这是一条火锅广告，不是城市精神。').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => card.getByText('1 条举报', { exact: true }).first().isVisible(), { timeout: 5_000 }).toBe(true);
    await moderator.page.screenshot({ path: screenshotPath('moderation-console-phone-zh.png'), fullPage: true });
    await moderator.page.locator('body').click({ position: { x: 5, y: 5 } });
    // The demo data has reported entries of its own, with more reports: j walks down to this one.
    for (let i = 0; i < 10 && !(await card.evaluate((element) => element === document.activeElement)); i++) await moderator.page.keyboard.press('j');
    expect(await card.evaluate((element) => element === document.activeElement)).toBe(true);
    await moderator.page.keyboard.press('h');
    const reason = card.getByRole('textbox', { name: '理由' });
    await expect.poll(async () => (await activeLabel(moderator.page)) === (await reason.getAttribute('id')), { timeout: 5_000 }).toBe(true);
    expect(await card.getByRole('radio', { name: /^隐藏/ }).isChecked()).toBe(true);
    await moderator.page.keyboard.type('广告内容，与城市精神无关。');
    await card.getByRole('button', { name: '确认：隐藏' }).click();
    await expect.poll(() => card.getByText('已完成，现在的状态：已隐藏。').isVisible(), { timeout: 10_000 }).toBe(true);

    // The author sees why on the entry page, and appeals, once.
    const authorPage = await openPhonePage(web.browser);
    await signInThrough(authorPage.page, author.email, TEST_PASSWORD, entryPath);
    await visible(authorPage.page, '广告内容，与城市精神无关。');
    expect(await authorPage.page.getByRole('button', { name: '举报这条表述' }).count()).toBe(0);
    await authorPage.page.getByRole('button', { name: '申诉这个决定' }).click();
    const appealNote = authorPage.page.getByRole('textbox', { name: '你的申诉' });
    await appealNote.fill('太短');
    await authorPage.page.getByRole('button', { name: '发送申诉' }).click();
    await visible(authorPage.page, '请至少写 10 个字，说明为什么这个决定应该改变。');
    await appealNote.fill('这不是广告：火锅和雾都是重庆人日常生活的一部分，写的是城市的性格。');
    await authorPage.page.screenshot({ path: screenshotPath('moderation-appeal-phone-zh.png'), fullPage: true });
    await authorPage.page.getByRole('button', { name: '发送申诉' }).click();
    await visible(authorPage.page, '你的申诉已发送。审核员答复后，你会收到通知。');
    // Back on the page, it says the decision is appealed already, and offers no second appeal (here in English).
    await authorPage.page.reload();
    await authorPage.page.getByRole('button', { name: 'English' }).click();
    await visible(authorPage.page, 'You have appealed this decision already; a moderator will answer you.');
    expect(await authorPage.page.getByRole('button', { name: 'Appeal this decision' }).count()).toBe(0);
    await authorPage.page.screenshot({ path: screenshotPath('moderation-appeal-phone-en.png'), fullPage: true });

    // The moderator sees the appeal; a decision another moderator made first is said so and the item read again.
    await moderator.page.getByRole('link', { name: '申诉', exact: true }).click();
    const appealed = moderator.page.getByRole('article', { name: phrase });
    await expect.poll(() => appealed.getByText(/这不是广告/).isVisible(), { timeout: 15_000 }).toBe(true);
    await moderator.page.route('**/api/moderation/actions', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'This entry is hidden.', code: 'conflict', currentStatus: 'hidden' }),
      }),
    );
    await appealed.getByRole('radio', { name: /^恢复/ }).check();
    await appealed.getByRole('textbox', { name: '理由' }).fill('申诉成立：写的是城市性格。');
    await appealed.getByRole('button', { name: '确认：恢复' }).click();
    await expect.poll(() => appealed.getByText('有人先处理了：现在的状态是“已隐藏”。列表已刷新。').isVisible(), { timeout: 10_000 }).toBe(true);
    await moderator.page.unroute('**/api/moderation/actions');
    // In English, then restored for real.
    await moderator.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => appealed.getByRole('radio', { name: /^Restore/ }).isVisible(), { timeout: 10_000 }).toBe(true);
    await appealed.getByRole('radio', { name: /^Restore/ }).check();
    await appealed.getByRole('textbox', { name: 'Reason' }).fill('Appeal upheld: it is about the city’s character.');
    await moderator.page.screenshot({ path: screenshotPath('moderation-console-phone-en.png'), fullPage: true });
    await appealed.getByRole('button', { name: 'Confirm: Restore' }).click();
    await expect.poll(() => appealed.getByText('Done: now published.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect((await web.app.inject({ method: 'GET', url: `/api/submissions/${entryId}` })).json().status).toBe('published');

    // Anyone reads the decisions in the public log, by role, never by name.
    const visitor = await openPhonePage(web.browser);
    await visitor.page.goto(`${web.baseUrl}/campaigns/${SLUG}/moderation-log`);
    const entries = visitor.page.locator('.log-entry');
    // Newest first: the two decisions here, above the demo data's merge.
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await entries.nth(0).textContent()).toContain('恢复');
    expect(await entries.nth(0).textContent()).toContain('由审核员处理');
    expect(await entries.nth(0).textContent()).toContain('Appeal upheld');
    expect(await entries.nth(1).textContent()).toContain('隐藏');
    expect(await entries.nth(1).textContent()).toContain('广告内容，与城市精神无关。');
    expect(await entries.nth(0).getByRole('link', { name: '一条表述' }).getAttribute('href')).toBe(entryPath);
    expect(await visitor.page.getByText('社区版主').count()).toBe(0);
    await visitor.page.screenshot({ path: screenshotPath('moderation-log-phone-zh.png'), fullPage: true });
    await visitor.page.getByRole('button', { name: 'English' }).click();
    await visible(visitor.page, 'by a moderator');
    await visitor.page.screenshot({ path: screenshotPath('moderation-log-phone-en.png'), fullPage: true });

    // The report dialog in English, on another entry.
    await resident.page.getByRole('button', { name: 'English' }).click();
    const listed = await web.app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/submissions?sort=new&limit=20` });
    const other = (listed.json().items as { id: string; author: { displayName?: string } }[]).find((item) => item.id !== entryId && item.author.displayName !== '山城居民小王');
    await resident.page.goto(`${web.baseUrl}/entries/${other!.id}`);
    await resident.page.getByRole('button', { name: 'Report this phrase' }).click();
    await resident.page.getByRole('dialog', { name: 'Report this phrase' }).getByRole('radio', { name: /Spam/ }).check();
    await resident.page.screenshot({ path: screenshotPath('moderation-report-dialog-phone-en.png') });
    await resident.page.keyboard.press('Escape');

    // A resident who opens the console is told it is for moderators.
    await resident.page.goto(`${web.baseUrl}/moderation`);
    await visible(resident.page, 'Only moderators and admins can use the moderation console.');

    expect(resident.problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
    // The second appeal's 409 and the refused decision are expected answers, not errors of the page.
    expect(authorPage.problems.filter((problem) => !problem.includes('409'))).toEqual([]);
    expect(moderator.problems.filter((problem) => !problem.includes('409'))).toEqual([]);
    for (const opened of [resident, moderator, authorPage, visitor]) await opened.context.close();
  }, 180_000);
});
