import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { refreshSimilarPairs } from '../../server/src/modules/moderation/duplicates.ts';
import { injectAs, signIn } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, useBrowserApp, signInOnPage } from '../helpers/browser.ts';

const DEMO_PASSWORD = 'chongqing-demo-2026';
const SLUG = 'chongqing-spirit';
const REASON = '这几条说的是同一个意思，合并到票数最多的一条。';
const RATIONALE = '几条相近的表述合在一起，支持的人最多，说出了重庆人共同的感受。';

type ClusterEntry = { id: string; phrase: string; voteCount: number; similarity: number };

describe.skipIf(!hasChromium)('merging near-duplicates in a browser', () => {
  const web = useBrowserApp();

  const signInThrough = (page: Page, login: string, next: string) => signInOnPage(page, web.baseUrl, login, DEMO_PASSWORD, next);

  it('merges a cluster into its most supported entry, points the merged ones to it, and lets the kept one be shortlisted', async () => {
    // The server looks up similar pairs in the background; here, all of them at once.
    while ((await refreshSimilarPairs(web.app.db, 1000)) > 0);
    const moderatorSession = await signIn(web.app, 'moderator@example.com', DEMO_PASSWORD);
    const before = await injectAs(web.app, moderatorSession, { method: 'GET', url: `/api/campaigns/${SLUG}/duplicate-clusters` });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().pending).toBe(0);
    const cluster = before.json().items[0].entries as ClusterEntry[];
    expect(cluster.length).toBeGreaterThanOrEqual(2);
    const [kept, ...others] = cluster as [ClusterEntry, ...ClusterEntry[]];
    const votesBefore = cluster.reduce((sum, entry) => sum + entry.voteCount, 0);

    // The moderator opens the duplicates view beside the queue's filters.
    const moderator = await openPhonePage(web.browser);
    const { page } = moderator;
    await signInThrough(page, 'moderator@example.com', '/moderation');
    await page.getByRole('link', { name: '相近表述', exact: true }).click();
    await page.waitForURL(`${web.baseUrl}/moderation?view=clusters`);
    const card = page.getByRole('article', { name: `第 1 组 · ${cluster.length} 条` });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    for (const entry of cluster) {
      expect(await card.getByRole('link', { name: entry.phrase, exact: true }).getAttribute('href')).toBe(`/entries/${entry.id}`);
    }
    expect(await card.getByText(/^相似度 \d+%$/).count()).toBe(cluster.length);
    expect(await page.getByText(/正在查找相近的表述，结果会自动更新/).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('clusters-phone-zh.png') });
    await card.screenshot({ path: screenshotPath('clusters-card-phone-zh.png') });

    // The merge step: the entry with most votes is chosen, the reason suggested and editable.
    await card.getByRole('button', { name: '合并这一组…' }).click();
    const step = card.getByRole('group', { name: '合并这一组' });
    await expect.poll(() => step.isVisible(), { timeout: 5_000 }).toBe(true);
    expect(await step.getByRole('radio', { name: new RegExp(`^${kept.phrase}\\s*\\d+ 票$`) }).isChecked()).toBe(true);
    const reason = step.getByRole('textbox', { name: '理由' });
    expect(await reason.inputValue()).toBe(`意思相同，合并到“${kept.phrase}”`);
    await reason.fill('');
    const confirm = step.getByRole('button', { name: `合并 ${others.length} 条` });
    await confirm.click();
    await expect.poll(() => step.getByText('请写明理由，至少 3 个字。').first().isVisible(), { timeout: 5_000 }).toBe(true);
    await reason.fill(REASON);
    await step.screenshot({ path: screenshotPath('clusters-merge-step-phone-zh.png') });
    await confirm.click();

    // The outcome, entry by entry; the cluster leaves the list.
    const report = page.getByRole('region', { name: `合并到“${kept.phrase}”` });
    await expect.poll(() => report.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => report.textContent(), { timeout: 10_000 }).toContain(`合并了 ${others.length} 条，共 ${others.length} 条。`);
    for (const entry of others) expect(await report.getByRole('listitem').filter({ has: page.getByRole('link', { name: entry.phrase, exact: true }) }).textContent()).toContain('已合并');
    await expect.poll(() => page.getByRole('link', { name: others[0]!.phrase, exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: screenshotPath('clusters-merged-phone-zh.png') });
    const keptAfter = await web.app.inject({ method: 'GET', url: `/api/submissions/${kept.id}` });
    expect(keptAfter.json().voteCount).toBeGreaterThanOrEqual(kept.voteCount);
    expect(keptAfter.json().voteCount).toBeLessThanOrEqual(votesBefore);
    for (const entry of others) {
      const merged = (await web.app.inject({ method: 'GET', url: `/api/submissions/${entry.id}` })).json();
      expect([merged.status, merged.mergedIntoId]).toEqual(['merged', kept.id]);
    }

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Phrases that say the same' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: screenshotPath('clusters-merged-phone-en.png') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('clusters-phone-en.png') });
    await page.locator('.cluster').first().screenshot({ path: screenshotPath('clusters-card-phone-en.png') });
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '意思相近的表述' }).isVisible(), { timeout: 10_000 }).toBe(true);

    // Anyone reading a merged entry is told where it went.
    const visitor = await openPhonePage(web.browser);
    await visitor.page.goto(`${web.baseUrl}/entries/${others[0]!.id}`);
    const notice = visitor.page.locator('.status-notice[data-status="merged"]');
    await expect.poll(() => notice.getByRole('link', { name: `“${kept.phrase}”` }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await notice.getByRole('link', { name: `“${kept.phrase}”` }).getAttribute('href')).toBe(`/entries/${kept.id}`);
    expect(await notice.textContent()).toContain('它的支持计入那一条；它的评论仍留在这里。');
    await visitor.page.screenshot({ path: screenshotPath('clusters-merged-entry-phone-zh.png'), fullPage: true });
    await visitor.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('This phrase was merged into');
    expect(await notice.textContent()).toContain('Its supports count there; its comments stay here.');
    await visitor.page.screenshot({ path: screenshotPath('clusters-merged-entry-phone-en.png'), fullPage: true });

    // A moderator can undo one of the merges from that entry's page: it is back, its support with it.
    expect(await visitor.page.getByRole('button', { name: 'Undo the merge…' }).count()).toBe(0);
    const undone = others.at(-1)!;
    await page.goto(`${web.baseUrl}/entries/${undone.id}`);
    await page.getByRole('button', { name: '撤销合并…' }).click();
    await page.getByRole('textbox', { name: '理由' }).fill('合并错了，这条意思不同。');
    await page.getByRole('button', { name: '撤销合并', exact: true }).click();
    await expect.poll(async () => (await web.app.inject({ method: 'GET', url: `/api/submissions/${undone.id}` })).json().status, { timeout: 10_000 }).toBe('published');
    await expect.poll(() => page.locator('.status-notice[data-status="merged"]').count(), { timeout: 10_000 }).toBe(0);

    // In the discuss stage, the moderator shortlists the kept entry from its page.
    const admin = await signIn(web.app, 'admin@example.com', DEMO_PASSWORD);
    const moved = await injectAs(web.app, admin, { method: 'POST', url: `/api/campaigns/${SLUG}/stage`, payload: { stage: 'discuss' } });
    expect(moved.statusCode, moved.body).toBe(200);
    await page.goto(`${web.baseUrl}/entries/${kept.id}`);
    const tools = page.getByRole('region', { name: '入围名单' });
    await expect.poll(() => tools.isVisible(), { timeout: 15_000 }).toBe(true);
    await tools.getByRole('textbox', { name: '入围理由' }).fill(RATIONALE);
    await tools.getByRole('button', { name: '列入入围名单' }).click();
    await expect.poll(() => tools.getByRole('status').textContent(), { timeout: 10_000 }).toContain('已列入入围名单');

    await visitor.page.goto(`${web.baseUrl}/campaigns/${SLUG}/shortlist`);
    const item = visitor.page.locator('.shortlist-entry', { hasText: kept.phrase });
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await item.getByRole('link', { name: kept.phrase }).getAttribute('href')).toBe(`/entries/${kept.id}`);

    expect(moderator.problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
    await moderator.context.close();
    await visitor.context.close();
  }, 150_000);
});
