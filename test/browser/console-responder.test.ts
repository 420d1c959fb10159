import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/data.ts';
import { expectAccessible, launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The responder's part of the day: a question the desk could not answer becomes a case; the
 * heating office's responder finds it in the inbox on a phone (cards), reads its page (the
 * question, the due date explained, the chain), replies and publishes it to the Q&A from a
 * preview with the personal data masked; the citizen finds it in the portal's Q&A search with
 * JavaScript off and sees the question and reply on the tracking page. On a desktop in English
 * the inbox is a table. The organizer sees the years without a holiday schedule and enters one.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let trackingCode: string;
let reference: string;

const QUESTION = '小区室温一直不达标，能否派人检测？';
const REPLY = '王女士您好，经核查，您所在小区的供热管网已于本周完成检修，室温已恢复达标。如有问题请拨打13912345678。';
const PUBLISHED = '某女士您好，经核查，您所在小区的供热管网已于本周完成检修，室温已恢复达标。如有问题请拨打***。';

/** Records, as the heating office's desk through the API, a question transferred to the office. */
async function recordTransferredQuestion(): Promise<{ trackingCode: string; reference: string }> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'heating-desk', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken, user } = (await login.json()) as {
    csrfToken: string;
    user: { memberships: { unitId: string }[] };
  };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const campaign = (await (await fetch(`${server.url}/api/v1/campaigns/by-slug/demo`, { headers })).json()) as {
    id: string;
  };
  const recorded = await fetch(`${server.url}/api/v1/consultations`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      campaignId: campaign.id,
      unitId: user.memberships[0]!.unitId,
      topic: '供热收费',
      question: QUESTION,
      outcome: 'transferred',
      visitorName: '王秀英',
      visitorPhone: '13912345678',
      contactConsent: true,
    }),
  });
  const body = (await recorded.json()) as { caseTrackingCode?: string | null; caseReference?: string | null };
  expect(recorded.status, JSON.stringify(body)).toBe(201);
  // The citizen keeps the tracking code (the desk's slip); staff see the case by its reference.
  return { trackingCode: body.caseTrackingCode!, reference: body.caseReference! };
}

async function signIn(target: Page, username: string, labels: { user: string; password: string; submit: string }) {
  await target.goto(`${server.url}/console/login`);
  await target.getByLabel(labels.user).fill(username);
  await target.getByLabel(labels.password).fill(DEMO_PASSWORD);
  await target.getByRole('button', { name: labels.submit }).click();
  await target.waitForURL((url) => !url.pathname.endsWith('/login'));
}
const ZH = { user: '用户名', password: '密码', submit: '登录' };
const EN = { user: 'Username', password: 'Password', submit: 'Sign in' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  page = await context.newPage();
  ({ trackingCode, reference } = await recordTransferredQuestion());
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('the responder answers a case on a phone', () => {
  it('finds the case as a card in the inbox by its reference', async () => {
    await signIn(page, 'heating-responder', ZH);
    await page.getByText('承办人').first().waitFor();
    await page.getByRole('link', { name: '办件' }).click();
    await page.getByRole('heading', { name: '办件' }).waitFor();
    await page.getByRole('searchbox', { name: '按办件编号或文字搜索' }).fill(reference);
    await page.getByRole('searchbox', { name: '按办件编号或文字搜索' }).press('Enter');
    await page.getByRole('button', { name: `查看办件 ${reference}` }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    const card = page.locator('.ant-card', { hasText: reference });
    await card.getByText(/剩 \d+ 个工作日/).waitFor();
    await screenshot(page, 'console-responder-inbox-phone');
    await expectAccessible(page);
  });

  it("opens the case's page: the question, the due date explained, the chain", async () => {
    await page.getByRole('button', { name: `查看办件 ${reference}` }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('heading', { name: '办理过程' }).waitFor();
    await drawer.getByText(QUESTION).waitFor();
    await drawer.getByText(/时限 \d+ 个工作日/).waitFor();
    await drawer.getByText('登记', { exact: true }).waitFor();
    await screenshot(page, 'console-responder-case-page-phone');
    await expectAccessible(page);
    await drawer.getByRole('button', { name: '关闭' }).click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('replies and publishes to the Q&A from a preview with personal data masked', async () => {
    const card = page.locator('.ant-card', { hasText: reference });
    await card.getByRole('button', { name: '答复', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('答复内容').fill(REPLY);
    await dialog.getByText('同时公开到问答（去除个人信息）').click();
    await dialog.getByRole('button', { name: '生成公开预览' }).click();
    await dialog.getByRole('heading', { name: '公开预览' }).waitFor();
    await expect.poll(() => dialog.getByLabel('公开的答复').inputValue()).toBe(PUBLISHED);
    await dialog.getByText('电话号码：13912345678').waitFor();
    // Not confirmed yet: nothing is sent.
    await dialog.getByRole('button', { name: '答复', exact: true }).click();
    await dialog.getByText('请先核对并勾选确认').waitFor();
    await dialog.getByText('我已核对，公开内容不含个人信息').click();
    await screenshot(page, 'console-responder-publish-preview-phone');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '答复', exact: true }).click();
    await page.getByText(`已公开到问答（${reference}）`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('button', { name: `查看办件 ${reference}` }).count()).toBe(0);
    await page.getByText('全部', { exact: true }).click();
    await page.locator('.ant-card', { hasText: reference }).getByText('已答复').waitFor();
  });

  it("is found in the portal's Q&A search and shown on the tracking page, with JavaScript off", async () => {
    const citizen = await browser.newContext({ ...PHONE, locale: 'zh-CN', javaScriptEnabled: false });
    const portal = await citizen.newPage();
    await portal.goto(`${server.url}/c/demo/qa?q=${encodeURIComponent('供热管网 检修')}`);
    await portal.getByText(PUBLISHED).waitFor();
    expect(await portal.content()).not.toContain('13912345678');
    await screenshot(portal, 'portal-qa-published-reply');
    await portal.goto(`${server.url}/track?code=${encodeURIComponent(trackingCode)}`);
    await portal.getByRole('heading', { name: '您的问题' }).waitFor();
    await portal.getByText(QUESTION).waitFor();
    await portal.getByText(REPLY).waitFor();
    await screenshot(portal, 'portal-track-responder-reply');
    await citizen.close();
  });
});

describe('the inbox on a desktop, in English', () => {
  it('is a table, with filters, and a case page, without accessibility violations', async () => {
    const desktop = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    const screen = await desktop.newPage();
    await signIn(screen, 'heating-admin', EN);
    await screen.getByRole('link', { name: 'Cases' }).click();
    await screen.getByRole('heading', { name: 'Cases' }).waitFor();
    await screen.getByRole('table').waitFor();
    await screen.getByText('All', { exact: true }).click();
    await screen.getByRole('button', { name: `Open case ${reference}` }).waitFor();
    await screen.getByText('Overdue', { exact: true }).click();
    await expect.poll(() => screen.getByRole('button', { name: `Open case ${reference}` }).count()).toBe(0);
    await screen.getByText('Overdue', { exact: true }).click();
    await screenshot(screen, 'console-inbox-desktop-en');
    await expectAccessible(screen);
    await screen.getByRole('button', { name: `Open case ${reference}` }).click();
    await screen.getByRole('dialog').getByRole('heading', { name: 'What happened' }).waitFor();
    await screen.getByRole('dialog').getByText('Published to the Q&A').first().waitFor();
    await screen.getByRole('dialog').getByRole('button', { name: 'Unpublish' }).waitFor();
    await screenshot(screen, 'console-case-page-desktop-en');
    await expectAccessible(screen);
    await desktop.close();
  });
});

describe('the organizer enters a year without a holiday schedule', () => {
  for (const [locale, viewport] of [
    ['zh-CN', PHONE],
    ['en-US', { viewport: { width: 1366, height: 900 } }],
  ] as const) {
    it(`is told which years are missing (${locale})`, async () => {
      const organizer = await browser.newContext({ ...viewport, locale });
      const screen = await organizer.newPage();
      await signIn(screen, 'organizer', locale === 'zh-CN' ? ZH : EN);
      await screen.goto(`${server.url}/console/campaigns`);
      const title = locale === 'zh-CN' ? '节假日安排' : 'Holiday schedule';
      await screen.getByRole('heading', { name: title }).waitFor();
      await screen
        .getByText(
          locale === 'zh-CN' ? /2027年的节假日安排尚未录入/ : /No holiday schedule has been entered for .*2027/,
        )
        .waitFor();
      await screenshot(screen, `console-organizer-calendar-${locale}`);
      await expectAccessible(screen);
      await organizer.close();
    });
  }

  it('enters 2027 as text and sees the due dates that moved', async () => {
    const organizer = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const screen = await organizer.newPage();
    await signIn(screen, 'organizer', ZH);
    await screen.goto(`${server.url}/console/campaigns`);
    await screen
      .getByLabel('安排文本')
      .fill('2027-01-01 休 元旦\n2027-02-06~2027-02-12 休 春节\n2027-02-13 班 春节调休上班');
    await screen.getByRole('button', { name: '保存并重算期限' }).click();
    await screen.getByText(/2027年安排已保存/).waitFor();
    await screen.getByRole('heading', { name: '答复期限的变化' }).waitFor();
    await screenshot(screen, 'console-organizer-calendar-entered');
    await expectAccessible(screen);
    await organizer.close();
  });
});
