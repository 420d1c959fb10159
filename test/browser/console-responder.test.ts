import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/data.ts';
import { checkAccessibility, launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The responder's part of the day: a question the desk could not answer becomes a case; the
 * heating office's responder opens it in the console's inbox and replies; the citizen's tracking
 * page on the portal shows the reply.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let trackingCode: string;
let reference: string;

const REPLY = '经核查，您所在小区的供热管网已于本周完成检修，室温已恢复达标。';

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
  const unitId = user.memberships[0]!.unitId;
  const recorded = await fetch(`${server.url}/api/v1/consultations`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      campaignId: campaign.id,
      unitId,
      topic: '供热收费',
      question: '小区室温一直不达标，能否派人检测？',
      outcome: 'transferred',
    }),
  });
  const body = (await recorded.json()) as { caseTrackingCode?: string | null; caseReference?: string | null };
  expect(recorded.status, JSON.stringify(body)).toBe(201);
  // The citizen keeps the tracking code (the desk's slip); staff see the case by its reference.
  return { trackingCode: body.caseTrackingCode!, reference: body.caseReference! };
}

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

describe('the responder replies to a case in the console', () => {
  it('signs in as the responder and finds the case in the inbox', async () => {
    await page.goto(`${server.url}/console/login`);
    await page.getByLabel('用户名').fill('heating-responder');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('承办人').first().waitFor();
    await page.getByRole('link', { name: '办件' }).click();
    await page.getByRole('heading', { name: '办件' }).waitFor();
    await page.getByRole('row', { name: new RegExp(reference) }).waitFor();
    await screenshot(page, 'console-responder-inbox');
    await page.waitForTimeout(500);
    expect((await checkAccessibility(page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual(
      [],
    );
  });

  it('replies, and the case leaves the pending list', async () => {
    const row = page.getByRole('row', { name: new RegExp(reference) });
    await row.getByRole('button', { name: '答复', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('答复内容').fill(REPLY);
    await screenshot(page, 'console-responder-reply');
    await dialog.getByRole('button', { name: '答复', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('row', { name: new RegExp(reference) }).count()).toBe(0);
    await page.getByText('全部', { exact: true }).click();
    await page.getByRole('row', { name: new RegExp(`${reference}.*已答复`) }).waitFor();
  });

  it("shows the reply on the citizen's tracking page, with JavaScript off", async () => {
    const citizen = await browser.newContext({ ...PHONE, locale: 'zh-CN', javaScriptEnabled: false });
    const portal = await citizen.newPage();
    await portal.goto(`${server.url}/track?code=${encodeURIComponent(trackingCode)}`);
    await portal.getByText(REPLY).waitFor();
    await screenshot(portal, 'portal-track-responder-reply');
    await citizen.close();
  });
});
