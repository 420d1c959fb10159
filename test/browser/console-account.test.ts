import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Taking grants back in the built console: the unit admin disables, enables and resets the
 * password of a desk account on the staff screen; on "my account", on a phone, a user makes an
 * API token (shown once), revokes it, and changes their own password without being signed out.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const PASSWORD = 'openday-demo-2026';
const RESET_PASSWORD = 'winter heating desk 2026';
const NEW_PASSWORD = 'a quieter passphrase for the admin';

const accessibility = () => accessibilityViolations(page);

/** Signs in from outside the browser (its cookies stay the admin's): the status code answered. */
const signInStatus = async (username: string, password: string) =>
  (
    await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  ).status;

const withToken = async (token: string) =>
  (await fetch(`${server.url}/api/v1/auth/session`, { headers: { authorization: `Bearer ${token}` } })).status;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  page = await context.newPage();
  // The first start migrates and loads the demo: minutes on a busy machine.
}, 400_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('staff console: every grant can be taken back', () => {
  it('lets the unit admin disable, enable and reset the password of a desk account', async () => {
    // The unit admin's screen is a desk's: its tabs overflow into a menu on a phone.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/console/login`);
    await page.getByLabel('用户名').fill('heating-admin');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '本单位' }).click();
    await page.getByRole('tab', { name: '工作人员账号' }).click();
    const row = page.getByRole('row', { name: /heating-desk/ });
    await row.waitFor();

    await row.getByRole('button', { name: /^停用/ }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await row.getByText('已停用').waitFor();
    expect(await signInStatus('heating-desk', PASSWORD)).toBe(401);

    await row.getByRole('button', { name: /^启用/ }).click();
    await row.getByText('正常').waitFor();
    expect(await signInStatus('heating-desk', PASSWORD)).toBe(200);

    await row.getByRole('button', { name: /^重置密码/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新密码（至少 12 位）').fill(RESET_PASSWORD);
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await signInStatus('heating-desk', RESET_PASSWORD)).toBe(200);
    expect(await signInStatus('heating-desk', PASSWORD)).toBe(401);
    await screenshot(page, 'console-staff-accounts');
    expect(await accessibility()).toEqual([]);
  });

  it('makes an API token shown once, revokes it, and changes one’s own password staying signed in', async () => {
    await page.setViewportSize(PHONE.viewport);
    await page.getByRole('link', { name: '我的账号' }).click();
    await page.waitForURL(/\/console\/account/);
    await page.getByRole('heading', { name: '我的账号', level: 1 }).waitFor();

    await page.getByLabel('用途').fill('对接热线系统');
    await page.getByRole('button', { name: '创建令牌' }).click();
    const shown = page.locator('.token-once');
    await shown.waitFor();
    const token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^od_/);
    expect(await withToken(token)).toBe(200);
    const tokenRow = page.getByRole('row', { name: /对接热线系统/ });
    await tokenRow.getByText('有效').waitFor();
    expect(await accessibility()).toEqual([]);

    await tokenRow.getByRole('button', { name: /^撤销/ }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await tokenRow.getByText('已撤销').waitFor();
    expect(await withToken(token)).toBe(401);

    await page.getByLabel('当前密码').fill(PASSWORD);
    await page.getByLabel('新密码（至少 12 位）').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText(/密码已修改/).waitFor();
    expect((await page.request.get(`${server.url}/api/v1/auth/session`)).status()).toBe(200);
    expect(await signInStatus('heating-admin', NEW_PASSWORD)).toBe(200);
    await screenshot(page, 'console-my-account');
    expect(await accessibility()).toEqual([]);
  });
});
