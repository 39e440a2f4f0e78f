import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, injectAs, signIn, TEST_PASSWORD, type Session } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, seriousAxeViolations, signInOnPage, useBrowserApp } from '../helpers/browser.ts';
import { createCampaign } from '../helpers/campaigns.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const ENTRIES = [
  { phrase: '山水之城，行千里致广大', explanation: '两江环抱、群山起伏，重庆人走得远、想得宽。' },
  { phrase: '火辣耿直，包容坚韧', explanation: '说话直爽、待人热情，吃得苦也容得下人。' },
  { phrase: '红岩精神，薪火相传', explanation: '红岩的故事一代代讲下去，是这座城市的底色。' },
];
const WORDING = '山水之城，耿直坚韧';
const REVISED = '山水之城，火辣耿直，包容坚韧';

/** A page of the size of a laptop screen, recording errors as openPhonePage does. */
async function openDesktopPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  return { context, page, problems };
}

describe.skipIf(!hasChromium)('the expert panel’s workspace in a browser', () => {
  const web = useBrowserApp();

  const visible = (page: Page, text: string | RegExp) => expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);

  /** A campaign with three residents' entries, shortlisted by a moderator in the discussion stage, then in refine unless told; drafts need 2 endorsements. */
  async function campaignWithShortlist(admin: Session, stage: 'discuss' | 'refine' = 'refine'): Promise<{ slug: string; entryIds: string[] }> {
    const slug = await createCampaign(web.app, admin, { settings: { panelQuorum: 2 } });
    const entryIds: string[] = [];
    for (const entry of ENTRIES) {
      const resident = await createUser(web.app.db, { verified: true });
      const created = await injectAs(web.app, await signIn(web.app, resident.email), { method: 'POST', url: `/api/campaigns/${slug}/submissions`, payload: entry });
      expect(created.statusCode, created.body).toBe(201);
      entryIds.push(created.json().submission.id as string);
    }
    expect((await injectAs(web.app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'discuss' } })).statusCode).toBe(200);
    const moderator = await signIn(web.app, 'moderator@example.com', DEMO_PASSWORD);
    for (const id of entryIds) {
      const shortlisted = await injectAs(web.app, moderator, { method: 'PUT', url: `/api/submissions/${id}/shortlist`, payload: { rationale: '意思完整、好念好记，讨论里支持的人多。' } });
      expect(shortlisted.statusCode, shortlisted.body).toBe(200);
    }
    if (stage === 'refine') expect((await injectAs(web.app, admin, { method: 'POST', url: `/api/campaigns/${slug}/stage`, payload: { stage: 'refine' } })).statusCode).toBe(200);
    return { slug, entryIds };
  }

  it('lets experts score, keep notes, draft, revise, compare, endorse and publish, and keeps everyone else out', async () => {
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const { slug } = await campaignWithShortlist(admin);
    const panelPath = `/campaigns/${slug}/panel`;
    const secondExpert = await createUser(web.app.db, { role: 'expert', displayName: '李教授' });

    // A signed-out visitor is sent to sign in; a resident is told the page is the panel's.
    const visitor = await openPhonePage(web.browser);
    await visitor.page.goto(`${web.baseUrl}${panelPath}`);
    await visitor.page.waitForURL(`${web.baseUrl}/sign-in?next=${encodeURIComponent(panelPath)}`);
    const resident = await createUser(web.app.db, { verified: true });
    await signInOnPage(visitor.page, web.baseUrl, resident.email, TEST_PASSWORD, panelPath);
    await visible(visitor.page, '仅供专家组使用');
    expect(await visitor.page.getByRole('link', { name: '专家组工作台' }).count()).toBe(0);

    // The demo expert, on a phone, in Chinese: the header leads to the workspace.
    const expert = await openPhonePage(web.browser);
    const { page } = expert;
    await signInOnPage(page, web.baseUrl, 'expert@example.com', DEMO_PASSWORD, `/campaigns/${slug}`);
    const panelLink = page.getByRole('link', { name: '专家组工作台' });
    // The link shows once the session and the campaign are known; clicked before, it would move under the pointer.
    await expect.poll(() => panelLink.getAttribute('href'), { timeout: 15_000 }).toBe(panelPath);
    await panelLink.click();
    await page.waitForURL(`${web.baseUrl}${panelPath}`);
    await expect.poll(() => page.title()).toBe('专家组工作台 · 城市精神');
    const card = page.getByRole('article', { name: ENTRIES[0]!.phrase });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await visible(page, '当前阶段：提炼');

    // Scores are asked for on every criterion before they are sent.
    await card.getByRole('button', { name: '给这条表述评分' }).click();
    await card.getByRole('group', { name: '蕴含传统文化' }).getByRole('radio', { name: '4' }).check();
    await card.getByRole('button', { name: '保存评分' }).click();
    await expect.poll(() => card.getByRole('link', { name: '富有时代气息：请给这一项选一个分数。' }).isVisible(), { timeout: 5_000 }).toBe(true);
    for (const [criterion, score] of [['富有时代气息', '5'], ['彰显地域特色', '5'], ['引领发展思潮', '3'], ['语言通俗好记', '4']] as const) {
      await card.getByRole('group', { name: criterion }).getByRole('radio', { name: score }).check();
    }
    await card.getByRole('textbox', { name: /评分说明/ }).fill('山水意象鲜明，后半句略显抽象。');
    await card.getByRole('button', { name: '保存评分' }).click();
    await expect.poll(() => card.getByText('已保存你的评分，平均分已更新。').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => card.locator('.panel-facts div', { hasText: '已评分专家' }).locator('dd').textContent(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => card.getByText('山水意象鲜明，后半句略显抽象。').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => card.getByRole('button', { name: '收起评分表' }).isVisible()).toBe(true);
    await card.getByRole('button', { name: '收起评分表' }).click();

    // A private note on the entry.
    await card.getByRole('button', { name: '专家组笔记' }).click();
    const notes = card.getByRole('region', { name: /专家组笔记/ });
    await expect.poll(() => notes.getByText('仅专家组可见').isVisible(), { timeout: 10_000 }).toBe(true);
    await notes.getByRole('textbox', { name: '写一条笔记' }).fill('可以和“火辣耿直”合起来考虑。');
    await notes.getByRole('button', { name: '添加笔记' }).click();
    await expect.poll(() => notes.getByRole('article', { name: /的笔记$/ }).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: screenshotPath('panel-entries-phone-zh.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A new draft: what is missing is said first, in the error summary, each problem by its field.
    await page.getByRole('navigation', { name: '工作台内容' }).getByRole('link', { name: /^草稿/ }).click();
    await expect.poll(() => page.getByRole('button', { name: '创建草稿' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('textbox', { name: '表述', exact: true }).fill('山');
    await page.getByRole('button', { name: '创建草稿' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual(['表述：表述至少 2 个字。', '理由：请说明理由。', '来源表述：请至少选择一条入围表述。']);
    expect(await page.locator('.char-count__numbers').first().textContent()).toBe('1 / 200');
    await page.getByRole('textbox', { name: '表述', exact: true }).fill(WORDING);
    await page.getByRole('textbox', { name: '理由', exact: true }).fill('取两条入围表述的长处：山水的城市形象，耿直坚韧的性格。');
    await page.getByRole('checkbox', { name: ENTRIES[0]!.phrase }).check();
    await page.getByRole('checkbox', { name: ENTRIES[1]!.phrase }).check();
    // A refusal of the server's lands on its field too (here an entry that left the shortlist meanwhile).
    await page.route('**/api/campaigns/*/drafts', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 400,
            contentType: 'application/problem+json',
            body: JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'body.sourceSubmissionIds.1: not shortlisted', code: 'validation_failed', errors: [{ path: 'body.sourceSubmissionIds.1', message: 'not a shortlisted entry of this campaign' }] }),
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: '创建草稿' }).click();
    await expect.poll(() => summary.getByRole('link').allTextContents(), { timeout: 5_000 }).toEqual(['来源表述：所选的表述中有已不在入围名单上的，请重新选择。']);
    await page.unroute('**/api/campaigns/*/drafts');
    await page.getByRole('button', { name: '创建草稿' }).click();
    // On to the new draft, the keyboard at its wording.
    await visible(page, '草稿已创建。请专家组其他成员表态；赞同达到法定人数后即可发布。');
    const heading = page.getByRole('heading', { level: 2, name: WORDING });
    await expect.poll(() => heading.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement), { timeout: 5_000 }).toBe(true);
    // It is in the list of drafts, the panel's to review.
    await page.getByRole('link', { name: '← 所有草稿' }).click();
    const draftCard = page.getByRole('article', { name: WORDING });
    await expect.poll(() => draftCard.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await draftCard.textContent()).toContain('专家组审议中');
    expect(await draftCard.textContent()).toContain('0 / 2 位专家赞同');

    // The draft's own page: a second version, prefilled with the first.
    await draftCard.getByRole('link', { name: '打开草稿' }).click();
    await expect.poll(() => heading.isVisible(), { timeout: 10_000 }).toBe(true);
    await visible(page, '目前只有一个版本。');
    // The expert endorses the first version; a new version starts the stances again.
    const endorsements = page.getByRole('region', { name: '专家组意见' });
    await endorsements.getByRole('radio', { name: /赞同/ }).check();
    await endorsements.getByRole('button', { name: '提交意见' }).click();
    await expect.poll(() => endorsements.getByText('1 / 2 位专家赞同').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: '写新版本' }).click();
    const wording = page.getByRole('textbox', { name: '表述', exact: true });
    expect(await wording.inputValue()).toBe(WORDING);
    expect(await page.getByRole('checkbox', { name: ENTRIES[1]!.phrase }).isChecked()).toBe(true);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await visible(page, '新版本和当前版本完全一样，请先修改表述、理由或来源。');
    await wording.fill(REVISED);
    await page.getByRole('textbox', { name: '这一版的理由' }).fill('把“火辣”和“包容”加回来，更像重庆人。');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await visible(page, '已保存为第 2 版。');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: REVISED }).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => endorsements.getByText('0 / 2 位专家赞同').first().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await endorsements.getByRole('button', { name: '早先版本的意见（1 条，不再计入）' }).isVisible()).toBe(true);
    expect(await endorsements.getByRole('radio', { name: /赞同/ }).isChecked()).toBe(false);

    // The difference of versions 1 and 2, marked in words for screen readers as well as by colour and line.
    const diff = page.locator('.draft-diff__text');
    await expect.poll(() => diff.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => diff.locator('ins').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const added = (await diff.locator('ins').allTextContents()).join('');
    expect(added).toContain('火辣');
    expect(added).toContain('包容');
    expect(added).toContain('增加：');
    expect(await diff.evaluate((element) => element.textContent?.replace(/［[^：］]*：|］/g, ''))).toContain('山水之城');
    expect(await page.locator('.draft-diff__summary').textContent()).toMatch(/^从第 1 版到第 2 版：增加 \d+ 个字，删去 \d+ 个字。$/);
    expect(await page.getByLabel('从', { exact: true }).inputValue()).toBe('1');
    expect(await page.getByLabel('到', { exact: true }).inputValue()).toBe('2');

    // The expert endorses the second version; one endorsement of two is not enough to publish.
    await endorsements.getByRole('radio', { name: /赞同/ }).check();
    await endorsements.getByRole('textbox', { name: /说明/ }).fill('意思完整，念起来顺口。');
    await endorsements.getByRole('button', { name: '提交意见' }).click();
    await expect.poll(() => endorsements.getByText('你已赞同这份草稿。').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => endorsements.getByText('1 / 2 位专家赞同').first().isVisible(), { timeout: 10_000 }).toBe(true);
    const publish = endorsements.getByRole('button', { name: '发布给市民' });
    expect(await publish.getAttribute('aria-disabled')).toBe('true');
    expect(await endorsements.getByText('还不能发布：1 / 2 位专家赞同，还需 1 位。').isVisible()).toBe(true);
    // A note on the draft, kept among the panel.
    const draftNotes = page.getByRole('region', { name: /专家组笔记/ });
    await draftNotes.getByRole('textbox', { name: '写一条笔记' }).fill('第二版更完整，但长了一些。');
    await draftNotes.getByRole('button', { name: '添加笔记' }).click();
    await expect.poll(() => draftNotes.getByText('第二版更完整，但长了一些。').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: screenshotPath('panel-draft-phone-zh.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    const draftUrl = page.url();

    // The second expert, on a laptop, in English: replies to the note, endorses, and publishes.
    const other = await openDesktopPage(web.browser);
    await signInOnPage(other.page, web.baseUrl, secondExpert.email, TEST_PASSWORD, draftUrl.slice(web.baseUrl.length));
    await other.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => other.page.getByRole('heading', { level: 2, name: REVISED }).isVisible(), { timeout: 15_000 }).toBe(true);
    const otherNotes = other.page.getByRole('region', { name: /Panel notes/ });
    await expect.poll(() => otherNotes.getByText('第二版更完整，但长了一些。').isVisible(), { timeout: 10_000 }).toBe(true);
    await otherNotes.getByRole('button', { name: 'Reply' }).click();
    await otherNotes.getByRole('textbox', { name: /^Reply to / }).fill('长一点也好记，我赞同。');
    await otherNotes.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => otherNotes.locator('.note .note-list').getByText('长一点也好记，我赞同。').isVisible(), { timeout: 10_000 }).toBe(true);
    const otherEndorsements = other.page.getByRole('region', { name: 'The panel’s view' });
    await otherEndorsements.getByRole('radio', { name: /Endorse/ }).check();
    await otherEndorsements.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => otherEndorsements.getByText('You endorse this draft.').isVisible(), { timeout: 10_000 }).toBe(true);
    const publishNow = otherEndorsements.getByRole('button', { name: 'Publish to residents' });
    await expect.poll(() => publishNow.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe(null);
    await other.page.screenshot({ path: screenshotPath('panel-draft-desktop-en.png'), fullPage: true });
    await publishNow.click();
    await expect.poll(() => otherEndorsements.getByRole('heading', { name: 'Publish this draft?' }).isVisible(), { timeout: 5_000 }).toBe(true);
    await otherEndorsements.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => otherEndorsements.getByText(/^Published to residents on /).isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => other.page.locator('.draft-head .draft-status').textContent(), { timeout: 10_000 }).toContain('Published');

    // Residents now see it; the panel's notes stay the panel's.
    const listed = await web.app.inject({ method: 'GET', url: `/api/campaigns/${slug}/drafts` });
    expect(listed.json().items.map((draft: { text: string; status: string }) => [draft.text, draft.status])).toEqual([[REVISED, 'published']]);

    // The entries at desktop size, in both languages; the draft at phone size in English.
    await other.page.goto(`${web.baseUrl}${panelPath}`);
    await expect.poll(() => other.page.getByRole('article', { name: ENTRIES[0]!.phrase }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => other.page.getByText('4.0').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await other.page.screenshot({ path: screenshotPath('panel-entries-desktop-en.png'), fullPage: true });
    await other.page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => other.page.title()).toBe('专家组工作台 · 城市精神');
    await other.page.getByRole('article', { name: ENTRIES[0]!.phrase }).getByRole('button', { name: '给这条表述评分' }).click();
    await other.page.screenshot({ path: screenshotPath('panel-entries-desktop-zh.png'), fullPage: true });
    await other.page.goto(draftUrl);
    await expect.poll(() => other.page.getByRole('heading', { level: 2, name: REVISED }).isVisible(), { timeout: 15_000 }).toBe(true);
    await other.page.screenshot({ path: screenshotPath('panel-draft-desktop-zh.png'), fullPage: true });
    await page.reload();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByText(/^Published to residents on /).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: screenshotPath('panel-draft-phone-en.png'), fullPage: true });
    await page.goto(`${web.baseUrl}${panelPath}`);
    await expect.poll(() => page.getByRole('article', { name: ENTRIES[0]!.phrase }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('article', { name: ENTRIES[0]!.phrase }).getByRole('button', { name: 'Change my scores' }).click();
    await page.screenshot({ path: screenshotPath('panel-entries-phone-en.png'), fullPage: true });

    expect(visitor.problems).toEqual([]);
    // The refusal routed in above is an expected answer, not an error of the page.
    expect(expert.problems.filter((problem) => !problem.includes('400'))).toEqual([]);
    expect(other.problems).toEqual([]);
    for (const opened of [visitor, expert, other]) await opened.context.close();
  }, 240_000);

  it('opens scoring and notes in the discussion stage, and shows drafting as what the refine stage opens', async () => {
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const { slug } = await campaignWithShortlist(admin, 'discuss');
    const opened = await openPhonePage(web.browser);
    const { page } = opened;
    // An admin is on the panel too.
    await signInOnPage(page, web.baseUrl, 'admin@example.com', DEMO_PASSWORD, `/campaigns/${slug}/panel`);
    await visible(page, '当前阶段：讨论');
    const stage = page.getByRole('region', { name: '当前阶段：讨论' });
    expect(await stage.getByRole('listitem').allTextContents()).toEqual(['✓评分：现在开放', '✓内部笔记：现在开放', '–起草、赞同与发布：提炼阶段开放']);
    const card = page.getByRole('article', { name: ENTRIES[2]!.phrase });
    await expect.poll(() => card.getByRole('button', { name: '给这条表述评分' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await card.getByRole('button', { name: '专家组笔记' }).click();
    await expect.poll(() => card.getByRole('textbox', { name: '写一条笔记' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('navigation', { name: '工作台内容' }).getByRole('link', { name: /^草稿/ }).click();
    await visible(page, '起草、赞同和发布在提炼阶段开放，这里只显示已有的草稿。');
    expect(await page.getByRole('heading', { name: '起草新表述' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('panel-drafts-discuss-phone-zh.png'), fullPage: true });
    expect(opened.problems).toEqual([]);
    await opened.context.close();
  }, 120_000);
});
