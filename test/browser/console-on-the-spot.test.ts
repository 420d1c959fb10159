import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * 现场办理 and 领导接待 in the built console: the unit admin marks a leader on duty in the plan, the
 * desk records a service handled on the spot received by that leader, and the statistics count both.
 */
let server: RunningServer;
let browser: Browser;
let admin: BrowserContext;
let desk: BrowserContext;
let page: Page;

const PASSWORD = 'openday-demo-2026';
let campaignId = '';
let unitId = '';
let leaderId = '';

const accessibility = () => accessibilityViolations(page);

async function signIn(context: BrowserContext, username: string): Promise<Page> {
  const signedIn = await context.newPage();
  await signedIn.goto(`${server.url}/console/login`);
  await signedIn.getByLabel('用户名').fill(username);
  await signedIn.getByLabel('密码').fill(PASSWORD);
  await signedIn.getByRole('button', { name: '登录' }).click();
  await signedIn.getByText('葫芦岛市供热办公室').first().waitFor();
  return signedIn;
}

interface UnitFigures {
  unitId: string;
  handledOnSpot: number;
  leaderReceptions: number;
}

const figures = async (): Promise<UnitFigures> => {
  const statistics = (await (
    await page.request.get(`${server.url}/api/v1/campaigns/${campaignId}/statistics`)
  ).json()) as { rows: UnitFigures[] };
  return statistics.rows.find((r) => r.unitId === unitId)!;
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  desk = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
});

afterAll(async () => {
  await admin?.close();
  await desk?.close();
  await browser?.close();
  await server?.stop();
});

describe('staff console: services handled on the spot, received by a leader on duty', () => {
  it('the unit admin adds a leader on duty to the plan', async () => {
    page = await signIn(admin, 'heating-admin');
    await page.getByRole('link', { name: '本单位' }).click();
    await page.locator('#add-staff').waitFor();
    const session = (await (await page.request.get(`${server.url}/api/v1/auth/session`)).json()) as {
      user: { memberships: { unitId: string }[] };
    };
    unitId = session.user.memberships[0]!.unitId;
    campaignId = (
      (await (await page.request.get(`${server.url}/api/v1/campaigns/by-slug/demo`)).json()) as { id: string }
    ).id;

    await page.locator('#add-staff_name').fill('孙立');
    await page.locator('#add-staff_title').fill('主任');
    await page.locator('#add-staff_leader').check();
    await page.getByRole('button', { name: '添加值班人员' }).click();
    const row = page.locator('.ant-table-row', { hasText: '孙立' });
    await row.getByRole('cell', { name: '领导', exact: true }).waitFor();
    const plan = (await (
      await page.request.get(`${server.url}/api/v1/campaigns/${campaignId}/units/${unitId}/plan`)
    ).json()) as { staff: { id: string; name: string; leader: boolean }[] };
    const leader = plan.staff.find((s) => s.name === '孙立')!;
    expect(leader.leader).toBe(true);
    leaderId = leader.id;
    await screenshot(page, 'console-plan-leader-on-duty');
  });

  it('the desk records a service handled on the spot, received by the leader, and it is counted', async () => {
    const before = await figures();
    page = await signIn(desk, 'heating-desk');
    await page.getByRole('link', { name: '咨询登记' }).click();
    await page.getByRole('button', { name: /热网有限公司便民服务台/ }).click();
    await page.locator('#intake-question').fill('想办理本季供暖报停。');
    await page.locator('.ant-radio-button-wrapper', { hasText: '现场办理' }).click();
    // Saving without saying what was handled is stopped on the device.
    await page.getByTestId('intake-save').click();
    await page.getByText('请写明现场办理了什么').waitFor();
    await page.locator('#intake-handled').fill('办理供暖报停');
    await page.getByText('请写明现场办理了什么').waitFor({ state: 'detached' });
    await page.locator('#intake-received-by').click();
    await page.locator('.ant-select-item-option', { hasText: '孙立 主任（领导）' }).click();
    await screenshot(page, 'console-intake-handled-on-spot');
    expect(await accessibility()).toEqual([]);
    await page.getByTestId('intake-save').click();
    await page.getByTestId('intake-result').getByText('已保存').waitFor();
    await expect.poll(() => page.getByTestId('outbox-status').textContent()).toBe('全部已同步');

    const list = (await (
      await page.request.get(`${server.url}/api/v1/consultations?campaignId=${campaignId}&outcome=handled_on_spot`)
    ).json()) as { items: { question: string; handledMatter: string; receivedBy: string }[] };
    expect(list.items).toContainEqual(
      expect.objectContaining({
        question: '想办理本季供暖报停。',
        handledMatter: '办理供暖报停',
        receivedBy: leaderId,
      }),
    );
    await expect
      .poll(async () => {
        const now = await figures();
        return [now.handledOnSpot - before.handledOnSpot, now.leaderReceptions - before.leaderReceptions];
      })
      .toEqual([1, 1]);
  });

  it('the unit admin reads it back among the unit’s records, with what was handled', async () => {
    page = await admin.newPage();
    await page.goto(`${server.url}/console/unit`);
    await page.getByRole('tab', { name: '登记记录' }).click();
    await page.getByRole('cell', { name: '现场办理：办理供暖报停' }).waitFor();
    await screenshot(page, 'console-unit-records-handled-on-spot');
  });
});
