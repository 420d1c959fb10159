import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Media coverage in the unit admin's console: a newspaper's report recorded in Chinese on a phone
 * (a bad link refused, the reads corrected afterwards), then read in English on a desktop.
 */
let server: RunningServer;
let browser: Browser;

const PASSWORD = 'openday-demo-2026';
const TITLE = '葫芦岛市供热办公室开展政务公开日活动';
const ZH = { user: '用户名', password: '密码', submit: '登录', tab: '宣传与照片' };
const EN = { user: 'Username', password: 'Password', submit: 'Sign in', tab: 'Publicity and photos' };

interface Item {
  kind: string;
  outlet: string | null;
  outletEn: string | null;
  medium: string | null;
  text: string | null;
  url: string | null;
  shownFrom: string | null;
  reach: number | null;
}

async function openPublicity(page: Page, labels: typeof ZH) {
  await page.goto(`${server.url}/console/login`);
  await page.getByLabel(labels.user).fill('heating-admin');
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.goto(`${server.url}/console/unit`);
  await page.getByRole('tab', { name: labels.tab }).click();
  await page.locator('#media').waitFor();
}

const accessibility = (page: Page) => accessibilityViolations(page);

async function reports(page: Page): Promise<Item[]> {
  const response = await page.request.get(`${server.url}/api/v1/publicity?kind=media_report&limit=200`);
  return ((await response.json()) as { items: Item[] }).items.filter((i) => i.text === TITLE);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('media coverage in the console', () => {
  it('is recorded in Chinese on a phone: a newspaper report with its link and reads', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    await openPublicity(page, ZH);
    await page.locator('#media_medium').click();
    await page.locator('.ant-select-item-option[title="报纸"]').click();
    await page.locator('#media_outlet').fill('辽宁日报');
    await page.locator('#media_outletEn').fill('Liaoning Daily');
    await page.locator('#media_shownFrom').fill('2026-05-16');
    await page.locator('#media_text').fill(TITLE);
    await page.locator('#media_url').fill('epaper.lnd.example/2026-05-16/03.html');
    await page.locator('#media_reach').fill('12000');
    await page.getByRole('button', { name: '添加报道或发布' }).click();
    await page.getByText('请填写以 http:// 或 https:// 开头的网址').waitFor();
    expect(await reports(page)).toEqual([]);

    await page.locator('#media_url').fill('https://epaper.lnd.example/2026-05-16/03.html');
    await page.getByRole('button', { name: '添加报道或发布' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
    for (const cell of ['媒体报道', '报纸', '辽宁日报', '12,000'])
      await row.getByRole('cell', { name: cell, exact: true }).waitFor();
    expect(await reports(page)).toEqual([
      expect.objectContaining({
        kind: 'media_report',
        outlet: '辽宁日报',
        outletEn: 'Liaoning Daily',
        medium: 'newspaper',
        shownFrom: '2026-05-16',
        url: 'https://epaper.lnd.example/2026-05-16/03.html',
        reach: 12000,
      }),
    ]);

    // The reads were counted again a week later: the report is corrected, not entered twice.
    await page.getByRole('button', { name: `修改 ${TITLE}` }).click();
    const dialog = page.getByRole('dialog', { name: `修改 · ${TITLE}` });
    const form = await dialog.locator('form').getAttribute('id');
    await expect.poll(() => dialog.locator(`#${form}_outlet`).inputValue()).toBe('辽宁日报');
    await dialog.locator(`#${form}_reach`).fill('15000');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await reports(page)).map((r) => r.reach)).toEqual([15000]);
    await page.locator('#media').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-media-phone-zh');
    expect(await accessibility(page)).toEqual([]);
    await context.close();
  });

  it('is read in English on a desktop, with the outlet and medium in English', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await openPublicity(page, EN);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
    await row.waitFor();
    for (const cell of ['Media report', 'Newspaper', 'Liaoning Daily', '15,000'])
      await row.getByRole('cell', { name: cell, exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Media coverage and online posts' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-media-desktop-en');
    expect(await accessibility(page)).toEqual([]);
    await context.close();
  });
});
