import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { request } from 'node:http';
import { accessibilityViolations, launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The desk on the day, in the built console on a phone: five consultations, one recorded with no
 * network and whose first sync loses its answer on the way back; the server holds five, not six.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const PASSWORD = 'openday-demo-2026';

interface Totals {
  consultations: number;
  peopleReceived: number;
}

async function totals(): Promise<Totals> {
  const campaign = (await (await page.request.get(`${server.url}/api/v1/campaigns/by-slug/demo`)).json()) as {
    id: string;
  };
  const stats = (await (await page.request.get(`${server.url}/api/v1/campaigns/${campaign.id}/statistics`)).json()) as {
    totals: Totals;
  };
  return stats.totals;
}

/** axe's WCAG 2.1 A/AA findings, shortened to what a failing test should print. */
const accessibility = () => accessibilityViolations(page);

/** Fetches a path asking for one content encoding, and answers the headers. */
function headersOf(path: string, encoding: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: { 'accept-encoding': encoding } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: String(response.statusCode), ...response.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

// First, before anything else may rebuild the console under the running server.
describe('staff console: assets', () => {
  it('sends the main script pre-compressed, brotli or gzip as asked', async () => {
    const index = await (await fetch(`${server.url}/console/`)).text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(index)![1]!;
    const br = await headersOf(script, 'br, gzip');
    expect(br).toMatchObject({ status: '200', 'content-encoding': 'br' });
    expect(br['content-type']).toMatch(/javascript/);
    expect(br['cache-control']).toContain('immutable');
    expect(await headersOf(script, 'gzip')).toMatchObject({ status: '200', 'content-encoding': 'gzip' });
    expect((await headersOf(script, 'identity'))['content-encoding']).toBeUndefined();
  });
});

describe('staff console: desk intake on a phone', () => {
  it('signs in and shows the user and their unit', async () => {
    await page.goto(`${server.url}/console/`);
    await page.waitForURL(/\/console\/login$/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, 'console-login');
    expect(await accessibility()).toEqual([]);
    await page.getByLabel('用户名').fill('heating-desk');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('葫芦岛市供热办公室').waitFor();
    await page.getByText('咨询台工作人员').waitFor();
    await screenshot(page, 'console-home');
  });

  it('records five consultations, one offline whose first sync loses its answer, and stores five', async () => {
    const before = await totals();
    await page.getByRole('link', { name: '咨询登记' }).click();
    await page.getByRole('button', { name: /热网有限公司便民服务台/ }).click();
    await page.locator('#intake-question').waitFor();
    await screenshot(page, 'console-intake');
    expect(await accessibility()).toEqual([]);

    const status = page.getByTestId('outbox-status');
    const record = async (question: string, outcome?: string) => {
      // Typing, then at most three taps: a topic, a rating, save (the outcome defaults to answered on the spot).
      await page.locator('#intake-question').fill(question);
      await page.locator('#intake-answer').fill('已当场解答');
      if (outcome) await page.locator('.ant-radio-button-wrapper', { hasText: outcome }).click();
      if (outcome === '转办') {
        // 转办 names the unit that is to answer.
        await page.locator('#intake-transfer-to').click();
        await page.locator('.ant-select-item-option', { hasText: '南芬区司法局' }).click();
      }
      await page.locator('.ant-radio-button-wrapper', { hasText: '供热收费' }).click();
      await page.locator('.ant-radio-button-wrapper', { hasText: /^满意$/ }).click();
      await page.getByTestId('intake-save').click();
    };

    await record('暖气费怎么交？');
    await expect.poll(() => status.textContent()).toBe('全部已同步');
    await record('室温不达标找谁？', '转办');
    await page
      .getByTestId('tracking-code')
      .getByText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
      .waitFor();
    await expect.poll(() => status.textContent()).toBe('全部已同步');
    await screenshot(page, 'console-intake-tracking-code');

    // No network: the record is kept on the device and shown as waiting to sync.
    await context.setOffline(true);
    await record('停热申请怎么办理？');
    await page.getByTestId('intake-result').getByText('已存入本机，等待同步').waitFor();
    await expect.poll(() => status.textContent()).toBe('1 条等待同步');
    await screenshot(page, 'console-intake-offline');

    // Back online, the first attempt reaches the server but its answer is lost: the retry, with the
    // same Idempotency-Key, gets the stored answer instead of storing the record again.
    let lost = 0;
    await page.route('**/api/v1/consultations', async (route) => {
      if (lost === 0) {
        lost += 1;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await context.setOffline(false);
    await expect.poll(() => status.textContent()).toBe('全部已同步');
    expect(lost).toBe(1);
    await page.unroute('**/api/v1/consultations');

    await record('管网维修电话是多少？');
    await expect.poll(() => status.textContent()).toBe('全部已同步');
    await record('入网开栓需要什么材料？');
    await expect.poll(() => status.textContent()).toBe('全部已同步');

    // The status may still read "all synced" from before the last save: wait for the server's
    // count to reach five, then make sure no sixth arrives (a double sync would add one).
    await expect.poll(async () => (await totals()).consultations - before.consultations).toBe(5);
    await page.waitForTimeout(2000);
    const after = await totals();
    expect(after.consultations - before.consultations).toBe(5);
    expect(after.peopleReceived - before.peopleReceived).toBe(5);
  });

  it('counts materials handed out at the desk', async () => {
    const counter = page.locator('.ant-card', { hasText: '宣传资料发放' });
    const first = counter.locator('.ant-list-item').first();
    const shown = async () =>
      Number(/已发放 ([\d,]+) 份/.exec((await first.textContent()) ?? '')![1]!.replace(/,/g, ''));
    const before = await shown();
    await first.getByRole('button', { name: /发放 1 份/ }).click();
    await expect.poll(shown).toBe(before + 1);
    await expect.poll(() => page.getByTestId('outbox-status').textContent()).toBe('全部已同步');
  });

  it('shows the new counts on the live dashboard, with the numbers one click away', async () => {
    const { consultations } = await totals();
    await page.getByRole('link', { name: '实时统计' }).click();
    const kpi = page.getByTestId('kpi-consultations');
    await expect.poll(() => kpi.textContent()).toContain(new Intl.NumberFormat('zh-CN').format(consultations));
    for (const title of ['各时段咨询量', '咨询事项分布', '各地区咨询量', '咨询量前十的单位']) {
      await page.getByRole('heading', { name: title }).waitFor();
    }
    await screenshot(page, 'console-dashboard');
    expect(await accessibility()).toEqual([]);
    // The numbers behind the chart by topic: the topic just recorded five times is there.
    const topics = page.locator('.ant-card', { has: page.getByRole('heading', { name: '咨询事项分布' }) });
    await topics.getByRole('button', { name: '查看数据' }).click();
    await topics.getByRole('table').getByRole('rowheader', { name: '供热收费', exact: true }).waitFor();
    await screenshot(page, 'console-dashboard-table');
    expect(await accessibility()).toEqual([]);
  });

  it('lists the cases with their due dates, and switches to English', async () => {
    await page.getByRole('link', { name: '办件' }).click();
    await page.getByRole('heading', { name: '办件' }).waitFor();
    await screenshot(page, 'console-cases');
    expect(await accessibility()).toEqual([]);
    await page.getByRole('combobox', { name: '语言' }).click();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await screenshot(page, 'console-cases-en');
  });
});
