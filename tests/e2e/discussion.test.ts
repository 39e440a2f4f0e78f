import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, injectAs, signIn, TEST_PASSWORD } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, useBrowserApp, signInOnPage } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';

describe.skipIf(!hasChromium)('discussing an entry in a browser', () => {
  const web = useBrowserApp();

  const signInThrough = (page: Page, login: string, password: string, next: string) => signInOnPage(page, web.baseUrl, login, password, next);

  /** An entry nobody has discussed yet, by none of the residents here, so that only replies notify them. */
  async function someoneElsesEntry(): Promise<{ id: string; phrase: string }> {
    const listed = await web.app.inject({ method: 'GET', url: `/api/campaigns/${SLUG}/submissions?sort=new&limit=50` });
    const entry = (listed.json().items as { id: string; phrase: string; commentCount: number; author: { displayName?: string } }[]).find(
      (item) => item.author.displayName !== '山城居民小王' && item.commentCount === 0,
    );
    expect(entry).toBeDefined();
    return entry!;
  }

  const thread = (page: Page) => page.getByRole('region', { name: /^讨论|^Discussion/ });
  const commentBy = (page: Page, name: string) => page.getByRole('article', { name: `${name} 的评论` });

  it('shows one resident’s comment to another at once, and the reply to the first as a notification', async () => {
    const entry = await someoneElsesEntry();
    const entryPath = `/entries/${entry.id}`;
    const second = await createUser(web.app.db, { verified: true, displayName: '江北的小陈' });
    // The demo resident starts with notifications from the demo threads: read them first.
    const demoResident = await signIn(web.app, 'resident@example.com', DEMO_PASSWORD);
    expect((await injectAs(web.app, demoResident, { method: 'POST', url: '/api/notifications/read', payload: {} })).statusCode).toBe(204);
    const first = await openPhonePage(web.browser);
    const other = await openPhonePage(web.browser);
    await signInThrough(first.page, 'resident@example.com', DEMO_PASSWORD, entryPath);
    await signInThrough(other.page, second.email, TEST_PASSWORD, entryPath);
    for (const { page } of [first, other]) {
      await expect.poll(() => thread(page).getByRole('heading', { level: 2 }).textContent(), { timeout: 15_000 }).toMatch(/^讨论/);
      await expect.poll(() => page.getByText('还没有评论。来发表第一条看法吧。').isVisible(), { timeout: 10_000 }).toBe(true);
    }
    // No unread notifications yet: the bell is plain.
    await expect.poll(() => first.page.getByRole('link', { name: '通知', exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);

    // The first resident comments, with a stance, a link and some markup.
    const text = '山城的坡坡坎坎，就是<b>重庆</b>的性格。\n资料见 https://example.com/chongqing。';
    const composer = first.page.getByRole('textbox', { name: '发表评论' });
    await composer.fill(text);
    expect(await first.page.locator('.char-count__numbers').textContent()).toBe(`${Array.from(text).length} / 2,000`);
    // Without a stance the form says what is missing.
    await first.page.getByRole('button', { name: '发表评论', exact: true }).click();
    await expect.poll(() => first.page.getByRole('link', { name: '请选择你的立场：支持、反对或中立。' }).isVisible(), { timeout: 5_000 }).toBe(true);
    await first.page.getByRole('radio', { name: '支持' }).check();
    await first.page.getByRole('button', { name: '发表评论', exact: true }).click();
    await expect.poll(() => first.page.getByText('你的评论已发表。').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => commentBy(first.page, '山城居民小王').isVisible(), { timeout: 10_000 }).toBe(true);

    // The other resident sees it appear without reloading, with the stance counted.
    const seen = commentBy(other.page, '山城居民小王');
    await expect.poll(() => seen.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await seen.locator('.stance-badge').textContent()).toBe('立场：支持');
    await expect.poll(() => thread(other.page).getByText('支持 1 条（100%）').isVisible(), { timeout: 10_000 }).toBe(true);
    // Markup is shown as text; the address is a link search engines do not follow.
    const body = seen.locator('.comment__body');
    expect(await body.textContent()).toBe(text);
    expect(await body.locator('b').count()).toBe(0);
    const link = body.getByRole('link', { name: 'https://example.com/chongqing' });
    expect(await link.getAttribute('href')).toBe('https://example.com/chongqing');
    expect(await link.getAttribute('rel')).toBe('nofollow ugc noopener');
    expect(await link.getAttribute('target')).toBe('_blank');
    // The author cannot vote on their own comment; the other resident can, and sees it at once.
    expect(await commentBy(first.page, '山城居民小王').getByRole('button', { name: '赞同', exact: true }).count()).toBe(0);
    const agree = seen.getByRole('button', { name: '赞同', exact: true });
    await agree.click();
    await expect.poll(() => agree.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await seen.locator('.comment-votes__score').textContent()).toBe('得分：1');
    await expect.poll(() => commentBy(first.page, '山城居民小王').locator('.comment-votes__label').isVisible(), { timeout: 10_000 }).toBe(true);
    // A vote the server refuses goes back to what it was, and says so.
    await other.page.route('**/api/comments/*/vote', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'down', code: 'unavailable' }),
      }),
    );
    const disagree = seen.getByRole('button', { name: '不赞同' });
    await disagree.click();
    await expect.poll(() => seen.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('投票没能保存。');
    expect(await disagree.getAttribute('aria-pressed')).toBe('false');
    expect(await agree.getAttribute('aria-pressed')).toBe('true');
    expect(await seen.locator('.comment-votes__score').textContent()).toBe('得分：1');
    await other.page.unroute('**/api/comments/*/vote');

    // The other resident replies.
    await seen.getByRole('button', { name: '回复', exact: true }).click();
    await other.page.getByRole('textbox', { name: '回复 山城居民小王' }).fill('说得对，上坡下坎练出来的韧劲。');
    await seen.getByRole('radio', { name: '中立' }).check();
    await seen.getByRole('button', { name: '发表回复' }).click();
    await expect.poll(() => commentBy(other.page, '江北的小陈').isVisible(), { timeout: 10_000 }).toBe(true);

    // Supports reach the other page live too.
    const votes = first.page.locator('.entry__count', { hasText: '票数' }).locator('dd');
    const before = Number(await votes.textContent());
    await other.page.locator('.entry__facts').getByRole('button', { name: '支持', exact: true }).click();
    await expect.poll(async () => Number(await votes.textContent()), { timeout: 15_000 }).toBe(before + 1);

    // The first resident hears of it without reloading: the bell counts it, the thread offers the reply.
    const bell = first.page.getByRole('link', { name: '通知（1 条未读）' });
    await expect.poll(() => bell.isVisible(), { timeout: 15_000 }).toBe(true);
    const showReplies = first.page.getByRole('button', { name: '显示 1 条回复' });
    await expect.poll(() => showReplies.isVisible(), { timeout: 10_000 }).toBe(true);
    await showReplies.click();
    await expect.poll(() => commentBy(first.page, '江北的小陈').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => thread(first.page).getByText('共 2 条评论').isVisible(), { timeout: 10_000 }).toBe(true);
    await first.page.screenshot({ path: screenshotPath('discussion-entry-phone-zh.png'), fullPage: true });

    // The notifications page lists it, unread; opening it leads to the entry and reads it.
    await bell.click();
    await first.page.waitForURL(`${web.baseUrl}/notifications`);
    const notice = first.page.getByRole('link', { name: '江北的小陈 回复了你的评论' });
    await expect.poll(() => notice.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => first.page.getByText('1 条未读', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    await first.page.screenshot({ path: screenshotPath('notifications-phone-zh.png'), fullPage: true });
    await notice.click();
    await first.page.waitForURL(`${web.baseUrl}${entryPath}`);
    await expect.poll(() => first.page.getByRole('link', { name: '通知', exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);

    // The same pages in English.
    await first.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => thread(first.page).getByRole('heading', { level: 2 }).textContent(), { timeout: 10_000 }).toMatch(/^Discussion/);
    await first.page.getByRole('button', { name: 'Show 1 reply' }).click();
    await expect.poll(() => first.page.getByRole('article', { name: 'Comment by 江北的小陈' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await first.page.screenshot({ path: screenshotPath('discussion-entry-phone-en.png'), fullPage: true });
    await first.page.goto(`${web.baseUrl}/notifications`);
    await expect.poll(() => first.page.getByText('You’ve read all your notifications.').isVisible(), { timeout: 10_000 }).toBe(true);
    await first.page.screenshot({ path: screenshotPath('notifications-phone-en.png'), fullPage: true });

    expect(first.problems).toEqual([]);
    // The refused vote is the expected 503, not an error of the page.
    expect(other.problems.filter((problem) => !problem.includes('503'))).toEqual([]);
    await first.context.close();
    await other.context.close();
  }, 120_000);

  it('pages through long threads, nests replies three deep and names whom a deeper reply answers', async () => {
    const entry = await someoneElsesEntry();
    const moderator = await signIn(web.app, 'moderator@example.com', DEMO_PASSWORD);
    const residents = await Promise.all(
      ['渝中的阿梅', '巴南的小刘', '北碚的老陈'].map(async (displayName) => signIn(web.app, (await createUser(web.app.db, { verified: true, displayName })).email)),
    );
    const post = async (session: typeof moderator, body: string, parentId?: string) => {
      const response = await injectAs(web.app, session, {
        method: 'POST',
        url: `/api/submissions/${entry.id}/comments`,
        payload: { body, stance: 'neutral', ...(parentId && { parentId }) },
      });
      expect(response.statusCode).toBe(201);
      return response.json().comment.id as string;
    };
    // Twelve top-level comments (a page is ten), the first by a moderator, with a chain of replies under it.
    const first = await post(moderator, '请大家文明讨论。');
    for (let index = 1; index < 12; index += 1) await post(residents[index % 3]!, `第 ${index} 条看法`);
    const second = await post(residents[0]!, '同意版主。', first);
    const third = await post(residents[1]!, '我也同意。', second);
    await post(residents[2]!, '补充一句：要具体。', third);
    for (let index = 1; index <= 5; index += 1) await post(residents[index % 3]!, `回复 ${index}`, first);

    const { context, page, problems } = await openPhonePage(web.browser);
    await page.goto(`${web.baseUrl}/entries/${entry.id}`);
    const items = thread(page).locator('.comment-list').first().locator(':scope > .comment');
    await expect.poll(() => items.count(), { timeout: 15_000 }).toBe(10);
    // Newest first; then the next page follows with the button, not by scrolling.
    await page.getByRole('radio', { name: '最新' }).check();
    await expect.poll(() => items.first().locator('.comment__body').textContent(), { timeout: 10_000 }).toBe('第 11 条看法');
    await page.getByRole('button', { name: '加载更多评论' }).click();
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(12);
    expect(await page.getByRole('button', { name: '加载更多评论' }).count()).toBe(0);

    // The moderator's comment carries the role; its six replies come five at a time.
    const moderatorComment = page.getByRole('article', { name: '社区版主 的评论' });
    expect(await moderatorComment.locator('.role-badge').textContent()).toBe('身份：审核员');
    await page.getByRole('button', { name: '显示 6 条回复' }).click();
    const replies = page.locator(`#replies-${first} > .comment`);
    await expect.poll(() => replies.count(), { timeout: 10_000 }).toBe(5);
    await page.getByRole('button', { name: '加载更多回复' }).click();
    await expect.poll(() => replies.count(), { timeout: 10_000 }).toBe(6);
    // Three deep; the answer to the third level sits beside it, naming whom it answers.
    await page.getByRole('button', { name: '显示 2 条回复' }).click();
    const deepest = page.locator(`#replies-${second} > .comment[data-depth="3"]`);
    await expect.poll(() => deepest.count(), { timeout: 10_000 }).toBe(2);
    expect(await deepest.nth(1).locator('.comment__reply-to').textContent()).toBe('回复 @巴南的小刘');
    await page.locator(`#comment-${second}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('discussion-replies-phone-zh.png') });

    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the author edit a comment, then delete it, keeping its place; says when comments are over the limit or closed', async () => {
    const entry = await someoneElsesEntry();
    const entryPath = `/entries/${entry.id}`;
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const adminDoes = (method: 'PATCH' | 'POST', url: string, payload: object) => injectAs(web.app, admin, { method, url, payload });
    expect((await adminDoes('PATCH', `/api/campaigns/${SLUG}`, { settings: { maxCommentsPerHour: 1 } })).statusCode).toBe(200);

    // A visitor who is not signed in reads the thread, is offered a way to sign in, and has no bell.
    const visitor = await openPhonePage(web.browser);
    await visitor.page.goto(`${web.baseUrl}${entryPath}`);
    await expect.poll(() => visitor.page.getByText('登录后就可以发表评论、回复和投票。').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await thread(visitor.page).getByRole('link', { name: '去登录' }).getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(entryPath)}`);
    expect(await visitor.page.getByRole('link', { name: /^通知/ }).count()).toBe(0);
    expect(await visitor.page.getByRole('textbox', { name: '发表评论' }).count()).toBe(0);
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();

    const author = await createUser(web.app.db, { verified: true, displayName: '南岸的老周' });
    const { context, page, problems } = await openPhonePage(web.browser);
    await signInThrough(page, author.email, TEST_PASSWORD, entryPath);

    await page.getByRole('textbox', { name: '发表评论' }).fill('第一稿');
    await page.getByRole('radio', { name: '反对' }).check();
    await page.getByRole('button', { name: '发表评论', exact: true }).click();
    const mine = commentBy(page, '南岸的老周');
    await expect.poll(() => mine.isVisible(), { timeout: 10_000 }).toBe(true);

    await mine.getByRole('button', { name: '编辑' }).click();
    const field = mine.getByRole('textbox', { name: '修改评论' });
    await field.fill('第二稿：\n换了一种说法');
    await mine.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => mine.locator('.comment__body').textContent(), { timeout: 10_000 }).toBe('第二稿：\n换了一种说法');
    await expect.poll(() => mine.getByText('已编辑').isVisible(), { timeout: 10_000 }).toBe(true);

    await mine.getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: '确定要删除这条评论吗？' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: '确定删除' }).click();
    const deleted = page.getByRole('article', { name: '已删除的评论' });
    await expect.poll(() => deleted.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await deleted.textContent()).toBe('此评论已删除');
    expect(await mine.count()).toBe(0);

    // One comment an hour is this campaign's limit now: the second is refused with the wait.
    await page.getByRole('textbox', { name: '发表评论' }).fill('再说一句');
    await page.getByRole('radio', { name: '中立' }).check();
    await page.getByRole('button', { name: '发表评论', exact: true }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toMatch(/你在一小时内发表的评论已达到本次征集的上限。请在 \d+ ?(分钟|小时)后再试。/);
    await expect.poll(() => summary.getByRole('heading', { name: '评论未能发表' }).isVisible(), { timeout: 10_000 }).toBe(true);

    // The campaign moves on: the resident, who took part, is told; in the refine stage the thread closes, live.
    expect((await adminDoes('POST', `/api/campaigns/${SLUG}/stage`, { stage: 'discuss' })).statusCode).toBe(200);
    await expect.poll(() => page.getByRole('link', { name: '通知（1 条未读）' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect((await adminDoes('POST', `/api/campaigns/${SLUG}/stage`, { stage: 'refine' })).statusCode).toBe(200);
    await expect.poll(() => thread(page).getByText('现在是提炼阶段，不能发表新的评论；已有的评论仍可阅读。').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('textbox', { name: '发表评论' }).count()).toBe(0);
    // Both changes, unread, are one notification naming the latest stage.
    await page.getByRole('link', { name: '通知（1 条未读）' }).click();
    await expect.poll(() => page.getByRole('link', { name: '征集进入提炼阶段' }).isVisible(), { timeout: 10_000 }).toBe(true);

    // The refused comment is the expected 429, not an error of the page.
    expect(problems.filter((problem) => !problem.includes('429'))).toEqual([]);
    await context.close();
  }, 60_000);
});
