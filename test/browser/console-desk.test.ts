import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, PHONE, screenshot, settled } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The desk on a 390 px phone: a 转办 recorded offline gets its tracking code at once, syncs when the
 * network is back, and the citizen's code finds the case at the receiving unit; the desk corrects
 * and withdraws its own records of the day. Then the same screen in English.
 */
let server: RunningServer;
let browser: Browser;
let desk: BrowserContext;
let page: Page;

const PASSWORD = 'openday-demo-2026';
const QUESTION = '离婚纠纷能申请法律援助吗？';
const RECEIVER = '南芬区司法局';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  desk = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
});

afterAll(async () => {
  await desk?.close();
  await browser?.close();
  await server?.stop();
});

async function openIntake(context: BrowserContext, labels: { username: string; password: string; submit: string }) {
  const opened = await context.newPage();
  await opened.goto(`${server.url}/console/login`);
  await opened.getByLabel(labels.username).fill('heating-desk');
  await opened.getByLabel(labels.password).fill(PASSWORD);
  await opened.getByRole('button', { name: labels.submit }).click();
  await opened.locator('a[href$="/intake"]').first().click();
  await opened.getByRole('button', { name: /热网有限公司便民服务台/ }).click();
  await opened.locator('#intake-question').waitFor();
  return opened;
}

describe('the desk: 转办 offline with its code given at once, then correcting the day’s records', () => {
  it('records a 转办 offline: the code is shown at once, and the case is found by it after the sync', async () => {
    page = await openIntake(desk, { username: '用户名', password: '密码', submit: '登录' });
    // The receivers are kept on the device while online, for the offline 转办.
    await page.locator('.ant-radio-button-wrapper', { hasText: '转办' }).click();
    await page.locator('#intake-transfer-to').click();
    await page.locator('.ant-select-item-option', { hasText: RECEIVER }).waitFor();
    await page.keyboard.press('Escape');

    await desk.setOffline(true);
    await page.locator('#intake-question').fill(QUESTION);
    // 转办 without a receiving unit is stopped on the device.
    await page.getByTestId('intake-save').click();
    await page.getByText('转办须选择接收的单位').waitFor();
    await page.locator('#intake-transfer-to').click();
    await page.locator('.ant-select-item-option', { hasText: RECEIVER }).click();
    await page.locator('#intake-transfer-reason').fill('属司法局法律援助职责');
    await page.getByTestId('intake-save').click();
    await page.getByTestId('intake-result').getByText('已存入本机，等待同步').waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await page.getByTestId('tracking-slip').getByText(`${server.url}/track`).waitFor();
    await expect.poll(() => page.getByTestId('outbox-status').textContent()).toBe('1 条等待同步');
    await settled(page);
    await page.getByTestId('tracking-slip').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-desk-offline-code');
    await expectAccessible(page);

    await desk.setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-status').textContent(), { timeout: 30_000 }).toBe('全部已同步');
    // The slip keeps the same code after the sync.
    expect((await page.getByTestId('tracking-code').textContent())!.trim()).toBe(code);

    const tracked = (await (await page.request.get(`${server.url}/api/v1/public/cases/${code}`)).json()) as {
      question: string;
      unitName: string;
      chain: { kind: string }[];
    };
    expect(tracked).toMatchObject({ question: QUESTION, unitName: RECEIVER });
    expect(tracked.chain.map((e) => e.kind)).toEqual(['opened', 'transferred']);

    const portal = await desk.newPage();
    await portal.goto(`${server.url}/track?code=${code}`);
    await portal.getByText(QUESTION).first().waitFor();
    await portal.getByText(RECEIVER).first().waitFor();
    await screenshot(portal, 'console-desk-portal-tracking');
    await portal.close();
  });

  it('gives the visitor a new code when another case held the one given, and says so', async () => {
    // The server answers the first sending as it would a code another case holds (ADR 26).
    let refused = false;
    await page.route('**/api/v1/consultations', async (route) => {
      if (refused || route.request().method() !== 'POST') return route.continue();
      refused = true;
      return route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'conflict',
            message: 'Another case holds this tracking code',
            details: [{ field: 'trackingCode', reason: 'is held by another case: make a new one' }],
          },
        }),
      });
    });
    await page.locator('#intake-question').fill('供暖补贴怎么申请？');
    await page.locator('.ant-radio-button-wrapper', { hasText: '登记后答复' }).click();
    await page.getByTestId('intake-save').click();
    const slip = page.getByTestId('tracking-slip');
    await slip.getByText(/^原查询码 [0-9A-Z-]{14} 与其他办件重复/).waitFor();
    const given = /原查询码 ([0-9A-Z-]{14})/.exec((await slip.textContent())!)![1]!;
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).not.toBe(given);
    await expect.poll(() => page.getByTestId('outbox-status').textContent()).toBe('全部已同步');
    await page.unroute('**/api/v1/consultations');
    const tracked = await page.request.get(`${server.url}/api/v1/public/cases/${code}`);
    expect(((await tracked.json()) as { question: string }).question).toBe('供暖补贴怎么申请？');
    await page
      .getByTestId('recent-record')
      .filter({ hasText: `原码 ${given}` })
      .waitFor();
    await settled(page);
    await screenshot(page, 'console-desk-code-replaced');
    await expectAccessible(page);
  });

  it('corrects the record, and withdraws another of the day', async () => {
    const recent = page.getByTestId('recent-record').filter({ hasText: QUESTION });
    await recent.getByRole('button', { name: /修改/ }).click();
    const dialog = page.getByRole('dialog', { name: '更正登记' });
    await dialog.getByLabel('群众咨询的问题').waitFor();
    await dialog.getByLabel('群众咨询的问题').fill(`${QUESTION}（家暴情形）`);
    await settled(page);
    await screenshot(page, 'console-desk-correct');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('登记已更正').waitFor();
    await page.getByTestId('recent-record').filter({ hasText: '（家暴情形）' }).waitFor();

    // A complaint is one of the outcomes the desk records (every outcome the API takes is offered).
    await page.locator('#intake-question').fill('供热站窗口排队太久');
    await page.locator('.ant-radio-button-wrapper', { hasText: '投诉' }).click();
    await page.getByTestId('intake-save').click();
    await page.getByTestId('intake-result').getByText('已保存').waitFor();
    const mistaken = page.getByTestId('recent-record').filter({ hasText: '供热站窗口排队太久' });
    await mistaken.getByRole('button', { name: /撤回/ }).click();
    await settled(page);
    await screenshot(page, 'console-desk-withdraw-confirm');
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤回' }).click();
    await page.getByText('登记已撤回').waitFor();
    await mistaken.waitFor({ state: 'detached' });
    await settled(page);
    await screenshot(page, 'console-desk-recent');
    await expectAccessible(page);
  });

  it('works in English on a phone', async () => {
    const english = await browser.newContext({ ...PHONE, locale: 'en-US' });
    try {
      const en = await openIntake(english, { username: 'Username', password: 'Password', submit: 'Sign in' });

      await en.locator('#intake-question').fill('When will the heating be checked at my flat?');
      await en.locator('.ant-radio-button-wrapper', { hasText: 'Transfer to a unit' }).click();
      await en.getByTestId('intake-save').click();
      await en.getByText('Choose the unit that is to answer').waitFor();
      await en.locator('#intake-transfer-to').click();
      await en
        .locator('.ant-select-item-option', { hasText: /Justice|司法局/ })
        .first()
        .click();
      await en.getByTestId('intake-save').click();
      await en.getByTestId('tracking-slip').getByText('Tracking code').waitFor();
      await expect
        .poll(() => en.getByTestId('outbox-status').textContent(), { timeout: 30_000 })
        .toBe('Everything is synced');
      await settled(en);
      await en.getByTestId('tracking-slip').scrollIntoViewIfNeeded();
      await screenshot(en, 'console-desk-en');
      await expectAccessible(en);
    } finally {
      await english.close();
    }
  });
});
