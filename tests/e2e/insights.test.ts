import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { campaignConsensusSchema, campaignStatsSchema } from '@city-spirit/shared';
import { injectAs, signedInUser } from '../helpers/accounts.ts';
import { hasChromium, openPhonePage, screenshotPath, seriousAxeViolations, useBrowserApp } from '../helpers/browser.ts';

const SLUG = 'chongqing-spirit';
/** An attribute name only ECharts' own code holds: a script with it is the chart library. */
const ECHARTS_MARKER = '_echarts_instance_';

/** The scripts a page loads from here on, with their text. */
function watchScripts(page: Page): Map<string, Promise<string>> {
  const scripts = new Map<string, Promise<string>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.set(response.url(), response.text());
  });
  return scripts;
}

async function scriptsWithECharts(scripts: Map<string, Promise<string>>): Promise<string[]> {
  const found: string[] = [];
  for (const [url, text] of scripts) if ((await text).includes(ECHARTS_MARKER)) found.push(new URL(url).pathname);
  return found;
}

const CHART_TITLES = {
  zh: ['每日参与情况', '大家常用的词', '声音来自哪里', '凝聚各区县共识的短语', '评论的态度', '从注册到发声'],
  en: ['Participation over time', 'The words people use', 'Where the voices come from', 'Phrases that unite the districts', 'How the comments lean', 'From account to voice'],
};

const card = (page: Page, title: string) => page.locator('.insights-card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });

describe.skipIf(!hasChromium)('the insights dashboard in a browser', () => {
  const web = useBrowserApp({ demoStage: 'refine' });

  it('loads ECharts only when opened, draws every chart with a text alternative and a table of the same figures, and updates live', async () => {
    const stats = campaignStatsSchema.parse(await (await fetch(`${web.baseUrl}/api/campaigns/${SLUG}/stats`)).json());
    const consensus = campaignConsensusSchema.parse(await (await fetch(`${web.baseUrl}/api/campaigns/${SLUG}/consensus`)).json());
    expect(consensus.items.length).toBeGreaterThan(0);

    const { context, page, problems } = await openPhonePage(web.browser);
    const scripts = watchScripts(page);
    await page.goto(web.baseUrl);
    const navLink = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据洞察' });
    await expect.poll(() => navLink.isVisible(), { timeout: 15_000 }).toBe(true);
    // The home page has loaded all it needs, and no chart library among it.
    await page.waitForLoadState('networkidle');
    expect(scripts.size).toBeGreaterThan(0);
    expect(await scriptsWithECharts(scripts)).toEqual([]);

    await navLink.click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${web.baseUrl}/campaigns/${SLUG}/insights`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('数据洞察');
    for (const title of CHART_TITLES.zh) await expect.poll(() => card(page, title).locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await scriptsWithECharts(scripts)).length).toBe(1);

    // Each chart tells a screen reader what it shows (ECharts aria), from the same figures.
    const peak = stats.perDay.reduce((best, day) => (day.participants > best.participants ? day : best));
    const participation = card(page, CHART_TITLES.zh[0]!);
    expect(await participation.locator('.insights-chart__canvas').getAttribute('aria-label')).toContain(`${peak.participants} 人`);
    expect(await card(page, CHART_TITLES.zh[1]!).locator('.insights-chart__canvas').getAttribute('aria-label')).toContain(stats.topTerms[0]!.term);
    expect(await card(page, CHART_TITLES.zh[3]!).locator('.insights-chart__canvas').getAttribute('aria-label')).toContain(consensus.items[0]!.submission.phrase);

    const total = stats.perDay.reduce((sum, day) => sum + day.entries, 0);
    const entriesFigure = page.locator('.insights-summary__item').filter({ hasText: '已发布短语' }).locator('dd');
    expect(await entriesFigure.textContent()).toBe(total.toLocaleString('zh-CN'));
    await page.screenshot({ path: screenshotPath('insights-phone-zh.png'), fullPage: true });

    // Every chart switches to a table of its figures.
    const rowsOf = async (title: string) => {
      const section = card(page, title);
      await section.getByRole('button', { name: '表格' }).click();
      expect(await section.getByRole('button', { name: '表格' }).getAttribute('aria-pressed')).toBe('true');
      expect(await section.locator('canvas').count()).toBe(0);
      return section.locator('table tbody tr');
    };
    expect(await (await rowsOf('每日参与情况')).count()).toBe(stats.perDay.length);
    const terms = await rowsOf('大家常用的词');
    expect(await terms.count()).toBe(stats.topTerms.length);
    expect(await terms.first().textContent()).toBe(`${stats.topTerms[0]!.term}${stats.topTerms[0]!.count}`);
    const districts = await rowsOf('声音来自哪里');
    expect(await districts.count()).toBe(38);
    const busiest = Math.max(...stats.perDistrict.map((district) => district.participants));
    expect(await districts.first().locator('td').first().textContent()).toBe(busiest.toLocaleString('zh-CN'));
    const shortlisted = await rowsOf('凝聚各区县共识的短语');
    expect(await shortlisted.count()).toBe(consensus.items.length);
    expect(await shortlisted.first().getByRole('link').textContent()).toBe(consensus.items[0]!.submission.phrase);
    expect(await (await rowsOf('评论的态度')).count()).toBe(3);
    const funnel = await rowsOf('从注册到发声');
    expect(await funnel.first().locator('td').first().textContent()).toBe(stats.funnel.registered.toLocaleString('zh-CN'));
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('insights-phone-zh-tables.png'), fullPage: true });

    // A new comment on a draft (the refine stage's discussion) reaches the open dashboard through the campaign's events, without reloading.
    const comments = stats.perDay.reduce((sum, day) => sum + day.comments, 0);
    const commentsFigure = page.locator('.insights-summary__item').filter({ hasText: '评论' }).locator('dd');
    expect(await commentsFigure.textContent()).toBe(comments.toLocaleString('zh-CN'));
    const drafts = (await (await fetch(`${web.baseUrl}/api/campaigns/${SLUG}/drafts`)).json()) as { items: { id: string }[] };
    const { session } = await signedInUser(web.app, web.app.db, 'resident');
    const created = await injectAs(web.app, session, { method: 'POST', url: `/api/drafts/${drafts.items[0]!.id}/comments`, payload: { body: '看板实时更新测试', stance: 'support' } });
    expect(created.statusCode, created.body).toBe(201);
    await expect.poll(() => commentsFigure.textContent(), { timeout: 20_000 }).toBe((comments + 1).toLocaleString('zh-CN'));

    // A word leads to the entries that use it.
    await card(page, '大家常用的词').getByRole('link', { name: stats.topTerms[0]!.term, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { timeout: 10_000 }).toBe(stats.topTerms[0]!.term);
    await page.goBack();

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Insights');
    for (const title of CHART_TITLES.en) await expect.poll(() => card(page, title).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: screenshotPath('insights-phone-en.png'), fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    for (const title of CHART_TITLES.en) await expect.poll(() => card(page, title).locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('insights-desktop-en.png'), fullPage: true });
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('数据洞察');
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('insights-desktop-zh.png'), fullPage: true });

    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
