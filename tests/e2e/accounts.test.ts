import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PRIVACY_NOTICE_VERSION } from '@city-spirit/shared';
import { hasChromium, openPhonePage as openPhone, screenshotPath, seriousAxeViolations, useBrowserApp } from '../helpers/browser.ts';

const PASSWORD = 'violet-river-lantern-42';

describe.skipIf(!hasChromium)('accounts in a browser', () => {
  /** The server's JSON log lines: the console verification provider writes the codes there. */
  const logLines: string[] = [];
  const logStream = { write: (line: string) => void logLines.push(line) };
  const web = useBrowserApp({ config: { logLevel: 'info' }, dependencies: { logStream } });

  /** The latest code sent to the number, once it is in the log. */
  async function verificationCode(phone: string): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const codes = logLines
        .map((line) => JSON.parse(line) as { verification?: { phone: string; code: string } })
        .filter((entry) => entry.verification?.phone === phone)
        .map((entry) => entry.verification!.code);
      if (codes.length > 0) return codes.at(-1)!;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no verification code for ${phone} in the server log`);
  }

  const openPhonePage = () => openPhone(web.browser);

  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const header = (page: Page) => page.getByRole('banner');

  it('signs a resident up, verifies their mobile number, and keeps it verified after signing out and in', async () => {
    const { context, page, problems } = await openPhonePage();
    const email = 'xiao.chen@example.org';

    await page.goto(web.baseUrl);
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toContain('重庆城市精神');
    await header(page).getByRole('link', { name: '注册' }).click();
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('注册');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    // The honeypot is in the form but hidden from people and assistive technology.
    await expect.poll(() => page.getByRole('textbox', { name: '网站（请留空）' }).count(), { timeout: 10_000 }).toBe(0);
    const honeypot = page.locator('input[name="website"]');
    expect(await honeypot.getAttribute('tabindex')).toBe('-1');
    expect(await honeypot.evaluate((input) => input.getBoundingClientRect().right)).toBeLessThanOrEqual(0);

    expect(await page.getByRole('radio', { name: '使用邮箱' }).isChecked()).toBe(true);
    await page.getByLabel('邮箱', { exact: true }).fill(email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '显示密码' }).click();
    expect(await page.getByLabel('密码', { exact: true }).getAttribute('type')).toBe('text');
    await page.getByLabel('昵称').fill('解放碑小陈');
    await page.getByLabel('所在区县').selectOption({ label: '渝中区' });
    const consent = page.getByRole('checkbox', { name: `我已阅读并同意隐私说明（${PRIVACY_NOTICE_VERSION} 版）` });
    expect(await consent.isChecked()).toBe(false);
    expect(await page.getByRole('link', { name: '隐私说明', exact: true }).first().getAttribute('href')).toBe('/privacy');
    await consent.check();
    await page.screenshot({ path: screenshotPath('sign-up-consent-zh.png'), fullPage: true });
    await page.getByRole('button', { name: '注册', exact: true }).click();

    await page.waitForURL(`${web.baseUrl}/account`);
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('我的账户');
    expect(await header(page).getByRole('link', { name: '解放碑小陈' }).getAttribute('href')).toBe('/account');
    await expect.poll(() => page.getByText('手机号未验证').first().isVisible(), { timeout: 10_000 }).toBe(true);

    await page.getByLabel('手机号', { exact: true }).fill('138 0013 8000');
    await page.getByRole('button', { name: '发送验证码' }).click();
    await expect.poll(() => page.getByText('验证码已发送到 +86 138 0013 8000').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel('短信验证码').fill(await verificationCode('+8613800138000'));
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await expect.poll(() => page.getByText('你的手机号 +86 138 0013 8000 已通过验证。').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText('手机号已验证').count()).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载我的数据' }).click()]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.account).toMatchObject({ email, phone: '+8613800138000', verified: true, districtCode: '500103' });
    expect(exported.account.privacyConsent).toEqual({ version: PRIVACY_NOTICE_VERSION, givenAt: expect.any(String) });

    await header(page).getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${web.baseUrl}/`);
    await expect.poll(() => page.getByText('你已退出登录。').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await header(page).getByRole('link', { name: '登录' }).isVisible()).toBe(true);

    // Signed out, the account page sends to sign-in, which comes back to it.
    await page.goto(`${web.baseUrl}/account`);
    await page.waitForURL(`${web.baseUrl}/sign-in?next=%2Faccount`);
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('登录');
    await page.getByLabel('邮箱或手机号').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    await page.waitForURL(`${web.baseUrl}/account`);
    await expect.poll(() => page.getByText('你的手机号 +86 138 0013 8000 已通过验证。').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText('手机号已验证').count()).toBeGreaterThan(0);
    expect(await page.getByText('手机号未验证').count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('explains problems with the forms in the reader’s language', async () => {
    const { context, page, problems } = await openPhonePage();

    await page.goto(`${web.baseUrl}/sign-up`);
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toBe('注册');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain('请输入邮箱地址。');
    expect(await summary.textContent()).toContain('请输入密码。');
    expect(await summary.textContent()).toContain('请阅读隐私说明，勾选同意后才能注册。');
    await page.screenshot({ path: screenshotPath('sign-up-problems-zh.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');

    await page.getByRole('radio', { name: '使用手机号' }).check();
    await page.getByLabel('手机号', { exact: true }).fill('12345');
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain('请输入以 1 开头的 11 位中国大陆手机号');
    expect(await summary.textContent()).toContain('密码至少需要 10 个字符。');

    await page.getByRole('link', { name: '登录', exact: true }).last().click();
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('登录');
    await page.getByLabel('邮箱或手机号').fill('resident@example.com');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('邮箱、手机号或密码不正确。');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('The email address, mobile number or password is not right.');

    // The failed sign-ins are logged by the browser as failed requests; nothing else may be.
    expect(problems.filter((problem) => !problem.includes('401 (Unauthorized)'))).toEqual([]);
    await context.close();
  });

  it('asks a resident whose page showed an earlier privacy notice to reload and agree to the current one', async () => {
    const { context, page, problems } = await openPhonePage();
    // The page as a tab opened before the notice changed would send it: consent to an earlier version.
    await page.route('**/api/auth/register', (route) =>
      route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), privacyConsent: { version: '2020-01-01' } }) }),
    );

    await page.goto(`${web.baseUrl}/sign-up`);
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toBe('注册');
    await page.getByLabel('邮箱', { exact: true }).fill('old-notice@example.org');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('昵称').fill('旧页面');
    await page.getByRole('checkbox', { name: /我已阅读并同意隐私说明/ }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('隐私说明已经更新。请刷新页面，阅读新的版本后再同意。');
    expect(page.url()).toBe(`${web.baseUrl}/sign-up`);

    expect(problems.filter((problem) => !problem.includes('400 (Bad Request)'))).toEqual([]);
    await context.close();
  });

  it('shows the privacy notice, with its version, from the footer, in Chinese and in English', async () => {
    const { context, page, problems } = await openPhonePage();

    await page.goto(web.baseUrl);
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toContain('重庆城市精神');
    await page.getByRole('contentinfo').getByRole('link', { name: '隐私说明' }).click();
    await page.waitForURL(`${web.baseUrl}/privacy`);
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('隐私说明');
    expect(await page.title()).toContain('隐私说明');
    expect(await page.getByText(`本说明版本：${PRIVACY_NOTICE_VERSION}`).isVisible()).toBe(true);
    for (const name of ['我们收集哪些信息', '为什么收集', '谁能看到什么', '保存多久', '导出和删除你的数据', '联系我们']) {
      expect(await page.getByRole('heading', { level: 2, name }).isVisible()).toBe(true);
    }
    expect(await page.getByText('你的邮箱和手机号不会向任何人显示').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '前往我的账户' }).getAttribute('href')).toBe('/account');
    await page.screenshot({ path: screenshotPath('privacy-zh.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading(page).textContent(), { timeout: 10_000 }).toBe('Privacy notice');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByText(`Version of this notice: ${PRIVACY_NOTICE_VERSION}`).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: 'Exporting and erasing your data' }).isVisible()).toBe(true);
    expect(await page.getByText('Your email address and mobile number are never shown to anyone').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('privacy-en.png'), fullPage: true });

    expect(problems).toEqual([]);
    await context.close();
  });

});
