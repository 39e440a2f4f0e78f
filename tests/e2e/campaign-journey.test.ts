import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, injectAs, signIn, TEST_PASSWORD, type Session } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, seriousAxeViolations, signInOnPage, useBrowserApp } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';
const PHRASE = '江城雾里见坚韧';
const EXPLANATION = '雾再大，重庆人照样爬坡上坎、把日子过得热气腾腾。';
const AUTHOR = '南岸的小周';
const FIRST_WORDING = '坚韧耿直，山水之城';
const WORDING = '坚韧包容，山水之城';
const RATIONALE = '意思完整、好念好记，讨论里支持的人也多。';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CRITERIA = ['蕴含传统文化', '富有时代气息', '彰显地域特色', '引领发展思潮', '语言通俗好记'];

describe.skipIf(!hasChromium)('a whole campaign walked through in a browser', () => {
  const web = useBrowserApp();

  const poll = <T,>(read: () => Promise<T>, timeout = 15_000) => expect.poll(read, { timeout });
  const visible = (page: Page, text: string | RegExp) => poll(() => page.getByText(text).first().isVisible()).toBe(true);
  const heading = (page: Page) => page.getByRole('heading', { level: 1 });

  /** The admin moves the campaign on from its page, confirming the step. */
  async function moveStage(shown: Page, stage: string, name?: string) {
    await shown.goto(`${web.baseUrl}/campaigns/${SLUG}`);
    const start = shown.getByRole('button', { name: `进入下一阶段：${stage}` });
    await poll(() => start.isVisible()).toBe(true);
    if (name) await screenshotBoth(shown, name);
    await start.click();
    await shown.getByRole('button', { name: `确认进入“${stage}”` }).click();
    await poll(() => shown.locator('.stage-panel__heading').textContent(), 10_000).toBe(`当前阶段：${stage}`);
  }

  async function call(session: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
    const response = await injectAs(web.app, session, { method, url, ...(payload ? { payload } : {}) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  }

  /** The page as it is now, in Chinese and then in English (switched with the header's button), and back to Chinese. */
  async function screenshotBoth(page: Page, name: string) {
    await page.waitForTimeout(200);
    await page.screenshot({ path: screenshotPath(`journey-${name}-zh.png`), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.evaluate(() => document.documentElement.lang), 5_000).toBe('en');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath(`journey-${name}-en.png`), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
    await poll(() => page.evaluate(() => document.documentElement.lang), 5_000).toBe('zh-CN');
  }

  it('collects, discusses, refines and announces, every step a person takes done on the pages', async () => {
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const newcomer = await createUser(web.app.db, { verified: true, displayName: AUTHOR });
    const secondExpert = await createUser(web.app.db, { role: 'expert', displayName: '李教授' });
    const top = (await call(admin, 'GET', `/api/campaigns/${SLUG}/submissions?sort=top&limit=2`)).items as { id: string; phrase: string }[];
    const [best, second] = top as [{ id: string; phrase: string }, { id: string; phrase: string }];

    // Collect: a new resident writes a phrase, then supports somebody else's.
    const resident = await openPhonePage(web.browser);
    const { page } = resident;
    await signInOnPage(page, web.baseUrl, newcomer.email, TEST_PASSWORD, `/campaigns/${SLUG}/submit`);
    await poll(() => heading(page).textContent()).toBe('写下你心中的重庆城市精神');
    await screenshotBoth(page, 'submit');
    await page.getByLabel('你的短语').fill(PHRASE);
    await page.getByLabel('说说为什么').fill(EXPLANATION);
    await page.getByRole('button', { name: '提交表述' }).click();
    await page.waitForURL(new RegExp(`${web.baseUrl}/entries/[0-9a-f-]{36}$`));
    const phraseId = page.url().split('/').pop()!;
    await poll(() => heading(page).textContent()).toBe(PHRASE);
    await visible(page, '你的表述已经提交，现在所有人都能看到它。');

    await page.goto(`${web.baseUrl}/entries/${best.id}`);
    await poll(() => heading(page).textContent()).toBe(best.phrase);
    const support = page.locator('.support__button');
    await poll(() => support.getAttribute('aria-pressed')).toBe('false');
    await support.click();
    await poll(() => support.getAttribute('aria-pressed'), 10_000).toBe('true');
    await poll(() => support.textContent(), 10_000).toContain('已支持');

    // Discuss: the admin moves the campaign on; the resident comments on the entry and compares a few pairs.
    const office = await openPhonePage(web.browser);
    await signInOnPage(office.page, web.baseUrl, 'admin@example.com', DEMO_PASSWORD, `/campaigns/${SLUG}`);
    await moveStage(office.page, '讨论', 'stage-control');
    await page.reload();
    const thread = page.getByRole('region', { name: /^讨论/ });
    const composer = thread.getByRole('textbox', { name: '发表评论' });
    await poll(() => composer.isVisible()).toBe(true);
    await composer.fill('四个字念起来就有劲，像重庆人的脾气。');
    await thread.getByRole('radio', { name: '支持' }).check();
    await thread.getByRole('button', { name: '发表评论', exact: true }).click();
    await visible(page, '你的评论已发表。');
    await poll(() => page.getByRole('article', { name: `${AUTHOR} 的评论` }).isVisible(), 10_000).toBe(true);
    await screenshotBoth(page, 'entry');

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '两两比较', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/compare`);
    const pair = page.getByRole('group', { name: '两条表述' });
    const counter = page.getByText(/^本次已比较 \d+ 组$/);
    for (let made = 1; made <= 3; made += 1) {
      await poll(() => pair.isVisible(), 10_000).toBe(true);
      await pair.getByRole('button', { name: /^第一条\s*：.+选这一条$/ }).click();
      await poll(() => counter.textContent(), 10_000).toBe(`本次已比较 ${made} 组`);
    }
    await poll(() => pair.isVisible(), 10_000).toBe(true);
    await screenshotBoth(page, 'compare');

    // The moderator shortlists the new phrase and the two most supported, each with a rationale, on its page.
    const moderator = await openPhonePage(web.browser);
    await signInOnPage(moderator.page, web.baseUrl, 'moderator@example.com', DEMO_PASSWORD, `/entries/${phraseId}`);
    for (const id of [phraseId, best.id, second.id]) {
      if (!moderator.page.url().endsWith(id)) await moderator.page.goto(`${web.baseUrl}/entries/${id}`);
      const tools = moderator.page.getByRole('region', { name: '入围名单' });
      await poll(() => tools.getByRole('textbox', { name: '入围理由' }).isVisible()).toBe(true);
      await tools.getByRole('textbox', { name: '入围理由' }).fill(RATIONALE);
      await tools.getByRole('button', { name: '列入入围名单' }).click();
      await poll(() => tools.getByRole('status').textContent(), 10_000).toContain('已列入入围名单');
    }
    await moderator.page.goto(`${web.baseUrl}/campaigns/${SLUG}/shortlist`);
    await poll(() => moderator.page.locator('.shortlist-entry').count()).toBe(3);
    expect(await moderator.page.locator('.shortlist-entry', { hasText: PHRASE }).locator('blockquote').textContent()).toBe(RATIONALE);
    await screenshotBoth(moderator.page, 'shortlist');

    // Refine: two experts score, one keeps a note and writes a draft from two entries, then a second version.
    await call(admin, 'PATCH', `/api/campaigns/${SLUG}`, { settings: { panelQuorum: 2 } });
    await moveStage(office.page, '提炼');
    await poll(() => office.page.locator('.stage-control__adopt').isVisible()).toBe(true);
    const panelPath = `/campaigns/${SLUG}/panel`;
    const expert = await openPhonePage(web.browser);
    const other = await openPhonePage(web.browser);
    await signInOnPage(expert.page, web.baseUrl, 'expert@example.com', DEMO_PASSWORD, panelPath);
    await signInOnPage(other.page, web.baseUrl, secondExpert.email, TEST_PASSWORD, panelPath);
    const score = async (shown: Page, phrase: string, scores: number[], scorers: string) => {
      const card = shown.getByRole('article', { name: phrase });
      await poll(() => card.getByRole('button', { name: '给这条表述评分' }).isVisible()).toBe(true);
      await card.getByRole('button', { name: '给这条表述评分' }).click();
      for (const [index, criterion] of CRITERIA.entries()) {
        await card.getByRole('group', { name: criterion }).getByRole('radio', { name: String(scores[index]) }).check();
      }
      await card.getByRole('button', { name: '保存评分' }).click();
      await poll(() => card.getByText('已保存你的评分，平均分已更新。').isVisible(), 10_000).toBe(true);
      await poll(() => card.locator('.panel-facts div', { hasText: '已评分专家' }).locator('dd').textContent(), 10_000).toBe(scorers);
      await card.getByRole('button', { name: '收起评分表' }).click();
      return card;
    };
    const scored = await score(expert.page, PHRASE, [4, 4, 5, 3, 5], '1');
    await score(expert.page, best.phrase, [5, 3, 4, 4, 5], '1');
    await scored.getByRole('button', { name: '专家组笔记' }).click();
    const notes = scored.getByRole('region', { name: /专家组笔记/ });
    await poll(() => notes.getByRole('textbox', { name: '写一条笔记' }).isVisible(), 10_000).toBe(true);
    await notes.getByRole('textbox', { name: '写一条笔记' }).fill('“坚韧”两条都有，可以合起来写。');
    await notes.getByRole('button', { name: '添加笔记' }).click();
    await poll(() => notes.getByRole('article', { name: /的笔记$/ }).count(), 10_000).toBe(1);
    await score(other.page, PHRASE, [3, 5, 5, 4, 4], '2');
    // The workspace refreshes others' scores every half minute; a reload shows them at once.
    await expert.page.reload();
    await poll(() => scored.locator('.panel-facts div', { hasText: '已评分专家' }).locator('dd').textContent()).toBe('2');
    await screenshotBoth(expert.page, 'panel-entries');

    await expert.page.getByRole('navigation', { name: '工作台内容' }).getByRole('link', { name: /^草稿/ }).click();
    await poll(() => expert.page.getByRole('button', { name: '创建草稿' }).isVisible(), 10_000).toBe(true);
    await expert.page.getByRole('textbox', { name: '表述', exact: true }).fill(FIRST_WORDING);
    await expert.page.getByRole('textbox', { name: '理由', exact: true }).fill('取两条表述共有的“坚韧”，再加上山水的城市形象。');
    await expert.page.getByRole('checkbox', { name: PHRASE }).check();
    await expert.page.getByRole('checkbox', { name: best.phrase }).check();
    await expert.page.getByRole('button', { name: '创建草稿' }).click();
    await poll(() => expert.page.getByRole('heading', { level: 2, name: FIRST_WORDING }).isVisible(), 10_000).toBe(true);
    await poll(async () => new URL(expert.page.url()).searchParams.get('draft'), 10_000).toMatch(/^[0-9a-f-]{36}$/);
    const draftId = new URL(expert.page.url()).searchParams.get('draft')!;
    await expert.page.getByRole('button', { name: '写新版本' }).click();
    await expert.page.getByRole('textbox', { name: '表述', exact: true }).fill(WORDING);
    await expert.page.getByRole('textbox', { name: '这一版的理由' }).fill('市民评论里说得最多的是“包容”，比“耿直”更贴切。');
    await expert.page.getByRole('button', { name: '保存为新版本' }).click();
    await visible(expert.page, '已保存为第 2 版。');
    await poll(() => expert.page.getByRole('heading', { level: 2, name: WORDING }).isVisible(), 10_000).toBe(true);

    // The difference of versions 1 and 2: “耿直” went, “包容” came.
    const diff = expert.page.locator('.draft-diff__text');
    await poll(() => diff.locator('ins').count(), 10_000).toBeGreaterThan(0);
    expect(await expert.page.getByLabel('从', { exact: true }).inputValue()).toBe('1');
    expect(await expert.page.getByLabel('到', { exact: true }).inputValue()).toBe('2');
    expect((await diff.locator('ins').allTextContents()).join('')).toContain('包容');
    expect((await diff.locator('del').allTextContents()).join('')).toContain('耿直');
    expect(await diff.evaluate((element) => element.textContent?.replace(/［[^：］]*：[^］]*］/g, ''))).toBe('坚韧，山水之城');

    // Both experts endorse version 2; the second publishes it.
    const endorse = async (shown: Page, note: string) => {
      const endorsements = shown.getByRole('region', { name: '专家组意见' });
      await poll(() => endorsements.getByRole('radio', { name: /赞同/ }).isVisible()).toBe(true);
      await endorsements.getByRole('radio', { name: /赞同/ }).check();
      await endorsements.getByRole('textbox', { name: /说明/ }).fill(note);
      await endorsements.getByRole('button', { name: '提交意见' }).click();
      await poll(() => endorsements.getByText('你已赞同这份草稿。').isVisible(), 10_000).toBe(true);
      return endorsements;
    };
    await endorse(expert.page, '“包容”写出了这座移民城市的气度。');
    await expect.poll(() => expert.page.getByText('1 / 2 位专家赞同').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await other.page.goto(`${web.baseUrl}${panelPath}?draft=${draftId}`);
    await poll(() => other.page.getByRole('heading', { level: 2, name: WORDING }).isVisible()).toBe(true);
    const endorsements = await endorse(other.page, '好念好记，我赞同。');
    const publish = endorsements.getByRole('button', { name: '发布给市民' });
    await poll(() => publish.getAttribute('aria-disabled'), 10_000).toBe(null);
    await publish.click();
    await endorsements.getByRole('button', { name: '确认发布' }).click();
    await poll(() => endorsements.getByText(/^已于 .+ 发布给市民。$/).isVisible(), 10_000).toBe(true);
    await expert.page.reload();
    await poll(() => expert.page.getByText(/^已于 .+ 发布给市民。$/).isVisible()).toBe(true);
    await screenshotBoth(expert.page, 'panel-draft');

    // A resident votes for the published draft and discusses it.
    await page.goto(`${web.baseUrl}/campaigns/${SLUG}/drafts`);
    const draftCard = page.locator('.draft-card', { has: page.getByRole('heading', { name: WORDING, exact: true }) });
    const vote = draftCard.locator('.draft-vote button');
    await poll(() => vote.getAttribute('aria-pressed')).toBe('false');
    await vote.click();
    await poll(() => vote.getAttribute('aria-pressed'), 10_000).toBe('true');
    await poll(() => draftCard.getByTestId('draft-votes').textContent(), 10_000).toBe('1');
    await screenshotBoth(page, 'drafts');
    await draftCard.getByRole('link', { name: /^讨论这份草稿/ }).click();
    const draftThread = page.getByRole('region', { name: /^讨论/ });
    await poll(() => draftThread.getByRole('textbox', { name: '发表评论' }).isVisible()).toBe(true);
    await draftThread.getByRole('textbox', { name: '发表评论' }).fill('“包容”两个字加得好，外地来的人也觉得是自己的城。');
    await draftThread.getByRole('radio', { name: '支持' }).check();
    await draftThread.getByRole('button', { name: '发表评论', exact: true }).click();
    await visible(page, '“包容”两个字加得好，外地来的人也觉得是自己的城。');

    // Announce: the admin adopts the draft on the drafts page, after confirming, and lands on the result.
    await office.page.getByRole('link', { name: '去草稿页采纳' }).click();
    await office.page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/drafts`);
    const adoptable = office.page.locator('.draft-card', { has: office.page.getByRole('heading', { name: WORDING, exact: true }) });
    await poll(() => adoptable.getByRole('button', { name: '采纳为最终表述' }).isVisible()).toBe(true);
    await adoptable.getByRole('button', { name: '采纳为最终表述' }).click();
    await poll(() => adoptable.getByText('此操作无法撤销').isVisible(), 10_000).toBe(true);
    await screenshotBoth(office.page, 'adopt');
    await adoptable.getByRole('button', { name: '确认采纳并宣布' }).click();
    await office.page.waitForURL(`${web.baseUrl}/campaigns/${SLUG}/result`);
    await poll(() => heading(office.page).textContent()).toBe(WORDING);

    // The result tells the wording's story, and its poster downloads.
    await page.goto(`${web.baseUrl}/campaigns/${SLUG}/result`);
    await poll(() => heading(page).textContent()).toBe(WORDING);
    const sources = page.locator('.result-source');
    expect(await sources.count()).toBe(2);
    const mine = sources.filter({ hasText: PHRASE });
    expect(await mine.locator('.result-source__byline').textContent()).toContain(AUTHOR);
    expect(await mine.locator('.criteria-means__item', { hasText: '彰显地域特色' }).textContent()).toContain('5.0 / 5');
    expect(await sources.filter({ hasText: best.phrase }).count()).toBe(1);
    expect(await page.locator('.result-version').count()).toBe(2);
    expect(await page.locator('.result-version__diff ins').allTextContents()).toEqual(['［新增：包容］']);
    const stances = page.locator('.result-endorsement');
    expect(await stances.locator('.result-endorsement__name').allTextContents()).toEqual(expect.arrayContaining(['专家组成员', '李教授']));
    const tally = page.locator('.result-tally__item', { hasText: WORDING });
    expect(await tally.textContent()).toContain('已采纳');
    expect(await page.locator('.result-figures__item').count()).toBeGreaterThan(3);
    expect(await page.locator('.result-figures__item', { hasText: '张草稿投票' }).locator('dd').textContent()).toBe('1');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshotBoth(page, 'result');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '生成海报' }).click();
    const poster = await download;
    expect(poster.suggestedFilename()).toMatch(/\.png$/);
    const posterPath = screenshotPath('journey-poster.png');
    await poster.saveAs(posterPath);
    const png = await readFile(posterPath);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1080, 1350]);

    // The home page at the end leads to the result.
    await page.goto(`${web.baseUrl}/`);
    await poll(() => page.locator('.stage-panel').getByRole('link', { name: '查看最终表述' }).getAttribute('href')).toBe(`/campaigns/${SLUG}/result`);
    await screenshotBoth(page, 'home');

    for (const opened of [resident, office, moderator, expert, other]) {
      expect(opened.problems).toEqual([]);
      await opened.context.close();
    }
  }, 150_000);
});
