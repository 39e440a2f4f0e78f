import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { injectAs, signIn, type Session } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, seriousAxeViolations, signInOnPage, useBrowserApp } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';
const FIRST_WORDING = '坚韧顽强 开放进取';
const ADOPTED_WORDING = '坚韧顽强 开放包容';
const OTHER_WORDING = '山水之城 英雄之城';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.skipIf(!hasChromium)('the refine stage and the announced result in a browser', () => {
  const web = useBrowserApp();

  const visible = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);
  const card = (page: Page, wording: string) => page.locator('.draft-card', { has: page.getByRole('heading', { name: wording, exact: true }) });
  const voteButton = (page: Page, wording: string) => card(page, wording).locator('.draft-vote button');
  const pressed = (page: Page, wording: string) => voteButton(page, wording).getAttribute('aria-pressed');

  async function call(session: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
    const response = await injectAs(web.app, session, { method, url, ...(payload ? { payload } : {}) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  }

  async function publishDraft(expert: Session, text: string, sourceSubmissionIds: string[]): Promise<string> {
    const { draft } = await call(expert, 'POST', `/api/campaigns/${SLUG}/drafts`, { text, rationale: '取入围表述中最常见的意思，四字一组，好念好记。', sourceSubmissionIds });
    return draft.id as string;
  }

  /** Phone and desktop, Chinese and English, of the page at `path`. */
  async function screenshotsOf(browser: Browser, path: string, name: string, ready: (page: Page) => Promise<void>) {
    for (const [width, height, size] of [[390, 844, 'phone'], [1280, 900, 'desktop']] as const) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${web.baseUrl}${path}`);
      await ready(page);
      await page.screenshot({ path: screenshotPath(`${name}-${size}-zh.png`), fullPage: true });
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 5_000 }).toBe('en');
      await page.waitForTimeout(300);
      await page.screenshot({ path: screenshotPath(`${name}-${size}-en.png`), fullPage: true });
      await context.close();
    }
  }

  it('lets residents vote for a published draft, move the vote and discuss a draft, then tells the adopted wording’s story with a poster', async () => {
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const moderator = await signIn(web.app, 'moderator@example.com', DEMO_PASSWORD);
    const expert = await signIn(web.app, 'expert@example.com', DEMO_PASSWORD);

    // Collecting ends early: the home page's timeline says when it really began and ended.
    await call(admin, 'POST', `/api/campaigns/${SLUG}/stage`, { stage: 'discuss' });
    const home = await openPhonePage(web.browser);
    await home.page.goto(`${web.baseUrl}/#process`);
    const collectStep = home.page.locator('.timeline__step').nth(0);
    await expect.poll(() => collectStep.locator('.timeline__dates').textContent(), { timeout: 15_000 }).toMatch(/（提前结束）$/);
    expect(await collectStep.locator('.timeline__status').textContent()).toBe('已结束');

    // The shortlist, a quorum of one, and the refine stage.
    const top = (await call(admin, 'GET', `/api/campaigns/${SLUG}/submissions?sort=top&limit=3`)).items as { id: string; phrase: string }[];
    for (const entry of top) await call(moderator, 'PUT', `/api/submissions/${entry.id}/shortlist`, { rationale: '讨论中支持者众多，读来好记，写出了重庆的性格。' });
    await call(admin, 'PATCH', `/api/campaigns/${SLUG}`, { settings: { panelQuorum: 1 } });
    await call(admin, 'POST', `/api/campaigns/${SLUG}/stage`, { stage: 'refine' });

    // The panel drafts: one revised once, one more, both published; a third stays the panel's own.
    const adoptedId = await publishDraft(expert, FIRST_WORDING, [top[0]!.id, top[1]!.id]);
    await call(expert, 'POST', `/api/drafts/${adoptedId}/versions`, {
      text: ADOPTED_WORDING,
      rationale: '“包容”更贴近市民写下的意思。',
      sourceSubmissionIds: [top[0]!.id, top[1]!.id, top[2]!.id],
    });
    const otherId = await publishDraft(expert, OTHER_WORDING, [top[2]!.id]);
    for (const id of [adoptedId, otherId]) {
      await call(expert, 'PUT', `/api/drafts/${id}/endorsement`, { stance: 'endorse', note: '简洁有力，市民好记。' });
      await call(expert, 'POST', `/api/drafts/${id}/publish`);
    }
    await publishDraft(expert, '尚未公开的一份草稿', [top[0]!.id]);
    await call(expert, 'PUT', `/api/submissions/${top[0]!.id}/assessment`, { scores: { tradition: 4, times: 3, region: 5, development: 4, memorable: 5 } });

    // A visitor sees the published drafts, and is led to sign in to vote.
    const visitor = await openPhonePage(web.browser);
    await visitor.page.goto(`${web.baseUrl}/campaigns/${SLUG}/drafts`);
    await expect.poll(() => card(visitor.page, ADOPTED_WORDING).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await visitor.page.getByText('尚未公开的一份草稿').count()).toBe(0);
    await voteButton(visitor.page, OTHER_WORDING).click();
    await visible(visitor.page, '登录后才能为草稿投票。');
    expect(await visitor.page.title()).toBe('专家组的草稿 · 城市精神');

    // A resident votes, moves the vote, and the cards say where it is.
    const resident = await openPhonePage(web.browser);
    const { page } = resident;
    await signInOnPage(page, web.baseUrl, 'resident@example.com', DEMO_PASSWORD, `/campaigns/${SLUG}/drafts`);
    await expect.poll(() => pressed(page, ADOPTED_WORDING), { timeout: 15_000 }).toBe('false');
    const adoptedCard = card(page, ADOPTED_WORDING);
    expect(await adoptedCard.getByRole('link', { name: top[2]!.phrase }).getAttribute('href')).toBe(`/entries/${top[2]!.id}`);
    expect(await adoptedCard.textContent()).toContain('第 2 版');
    await voteButton(page, ADOPTED_WORDING).click();
    await expect.poll(() => pressed(page, ADOPTED_WORDING), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => adoptedCard.locator('.draft-card__mine').textContent(), { timeout: 10_000 }).toContain('你的一票');
    await expect.poll(() => adoptedCard.getByTestId('draft-votes').textContent(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => voteButton(page, OTHER_WORDING).textContent(), { timeout: 5_000 }).toBe('改投这一份');
    await voteButton(page, OTHER_WORDING).click();
    await expect.poll(() => pressed(page, OTHER_WORDING), { timeout: 10_000 }).toBe('true');
    expect(await pressed(page, ADOPTED_WORDING)).toBe('false');
    await expect.poll(() => adoptedCard.getByTestId('draft-votes').textContent(), { timeout: 10_000 }).toBe('0');
    await expect.poll(() => card(page, OTHER_WORDING).getByTestId('draft-votes').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('.drafts__summary').textContent()).toContain(`你的一票投给了“${OTHER_WORDING}”`);

    // Someone else's vote arrives live.
    await call(admin, 'PUT', `/api/drafts/${adoptedId}/vote`);
    await expect.poll(() => adoptedCard.getByTestId('draft-votes').textContent(), { timeout: 15_000 }).toBe('1');

    // The resident discusses the draft voted for.
    await card(page, OTHER_WORDING).getByRole('link', { name: /^讨论这份草稿/ }).click();
    const thread = page.getByRole('region', { name: /^讨论/ });
    await expect.poll(() => thread.getByRole('textbox', { name: '发表评论' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await thread.getByRole('textbox', { name: '发表评论' }).fill('两座城的说法都好记，但“英雄之城”更像纪念碑，少了烟火气。');
    await thread.getByRole('radio', { name: '中立' }).check();
    await thread.getByRole('button', { name: '发表评论', exact: true }).click();
    await visible(page, '两座城的说法都好记，但“英雄之城”更像纪念碑，少了烟火气。');
    await expect.poll(async () => (await call(expert, 'GET', `/api/drafts/${otherId}/comments`)).items.length, { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: screenshotPath('refine-thread-phone-zh.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotsOf(web.browser, `/campaigns/${SLUG}/drafts`, 'refine-drafts', (shown) => expect.poll(() => card(shown, ADOPTED_WORDING).isVisible(), { timeout: 15_000 }).toBe(true));

    // Before the announcement the result page says it is still to come.
    await visitor.page.goto(`${web.baseUrl}/campaigns/${SLUG}/result`);
    await expect.poll(() => visitor.page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('最终表述还没有发布');
    await visitor.page.screenshot({ path: screenshotPath('refine-result-pending-phone-zh.png'), fullPage: true });

    // The admin adopts a draft: the campaign is announced, and voting on drafts closes.
    await call(admin, 'POST', `/api/campaigns/${SLUG}/adopt`, { draftId: adoptedId });
    await visible(page, '最终表述已经发布，草稿投票和评论已经结束；草稿和讨论仍可阅读。');
    expect(await page.locator('.draft-vote button').count()).toBe(0);

    // The result tells the story: the wording, its versions with the change, its sources, the tally.
    await visitor.page.goto(`${web.baseUrl}/campaigns/${SLUG}/result`);
    const wording = visitor.page.getByRole('heading', { level: 1 });
    await expect.poll(() => wording.textContent(), { timeout: 15_000 }).toBe(ADOPTED_WORDING);
    expect(await visitor.page.title()).toBe(`最终表述：${ADOPTED_WORDING} · 城市精神`);
    const change = visitor.page.locator('.result-version__diff');
    await expect.poll(() => change.locator('del').textContent(), { timeout: 10_000 }).toBe('［删去：进取］');
    expect(await change.locator('ins').textContent()).toBe('［新增：包容］');
    expect(await visitor.page.locator('.result-source').count()).toBe(3);
    const assessed = visitor.page.locator('.result-source', { hasText: top[0]!.phrase });
    expect(await assessed.locator('.criteria-means__item', { hasText: '彰显地域特色' }).textContent()).toContain('5.0 / 5');
    const tally = visitor.page.locator('.result-tally__item');
    expect(await tally.count()).toBe(2);
    expect(await tally.nth(0).textContent()).toContain(ADOPTED_WORDING);
    expect(await tally.nth(0).textContent()).toContain('已采纳');
    expect(await seriousAxeViolations(visitor.page)).toEqual([]);
    const stages = visitor.page.locator('.result-stages__item');
    expect(await stages.count()).toBe(4);
    expect(await stages.nth(3).textContent()).toMatch(/发布/);

    // The poster: drawn on a canvas, downloaded as a 1080 × 1350 PNG.
    const download = visitor.page.waitForEvent('download');
    await visitor.page.getByRole('button', { name: '生成海报' }).click();
    const poster = await download;
    expect(poster.suggestedFilename()).toMatch(/\.png$/);
    const posterPath = screenshotPath('refine-poster-zh.png');
    await poster.saveAs(posterPath);
    const png = await readFile(posterPath);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1080, 1350]);
    expect(png.length).toBeGreaterThan(20_000);
    await visible(visitor.page, '海报已生成并开始下载。');
    await visitor.page.emulateMedia({ media: 'print' });
    expect(await visitor.page.locator('.site-header').isVisible()).toBe(false);
    await visitor.page.screenshot({ path: screenshotPath('refine-result-print-zh.png'), fullPage: true });
    await visitor.page.emulateMedia({ media: 'screen' });
    await visitor.page.getByRole('button', { name: 'English' }).click();
    const englishPoster = visitor.page.waitForEvent('download');
    await visitor.page.getByRole('button', { name: 'Make a poster' }).click();
    await (await englishPoster).saveAs(screenshotPath('refine-poster-en.png'));
    await screenshotsOf(web.browser, `/campaigns/${SLUG}/result`, 'refine-result', (shown) => expect.poll(() => shown.locator('.result-version__diff del').isVisible(), { timeout: 15_000 }).toBe(true));

    // The home page: every stage with its real dates, and the way to the result.
    await home.page.goto(`${web.baseUrl}/`);
    await expect.poll(() => home.page.locator('.timeline__step').nth(3).locator('.timeline__dates').textContent(), { timeout: 15_000 }).toMatch(/发布$/);
    expect(await home.page.locator('.stage-panel').getByRole('link', { name: '查看最终表述' }).getAttribute('href')).toBe(`/campaigns/${SLUG}/result`);
    await screenshotsOf(web.browser, '/', 'refine-home', (shown) => expect.poll(() => shown.locator('.timeline__step').first().isVisible(), { timeout: 15_000 }).toBe(true));

    expect(home.problems).toEqual([]);
    expect(resident.problems).toEqual([]);
    // The result asked for before its announcement answers 404, which the browser logs.
    expect(visitor.problems).toEqual(['Failed to load resource: the server responded with a status of 404 (Not Found)']);
    for (const opened of [home, visitor, resident]) await opened.context.close();
  }, 300_000);
});
