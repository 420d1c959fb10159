import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The organizer's office, in the built console on a desktop: sets up an open day with two units,
 * changes its reply limit, and watches the units' progress.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const PASSWORD = 'openday-demo-2026';

interface Campaign {
  id: string;
  slug: string;
  replyLimitDays: number;
  previousCampaignId: string | null;
}

/** axe's WCAG 2.1 A/AA findings, shortened to what a failing test should print. */
const accessibility = () => accessibilityViolations(page);

const getJson = async <T>(path: string): Promise<T> => (await page.request.get(`${server.url}/api/v1${path}`)).json();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('staff console: the organizer sets up a campaign and watches progress', () => {
  let campaignId: string;

  it('signs in and lists the campaigns', async () => {
    await page.goto(`${server.url}/console/`);
    await page.waitForURL(/\/console\/login$/);
    await page.getByLabel('用户名').fill('organizer');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '活动管理' }).click();
    await page.waitForURL(/\/console\/campaigns$/);
    await page.getByRole('heading', { name: '政务公开日活动' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await accessibility()).toEqual([]);
    await screenshot(page, 'console-organizer-campaigns');
  });

  it('creates a campaign with two units found by searching', async () => {
    await page.getByRole('link', { name: '新建活动' }).click();
    await page.waitForURL(/\/console\/campaigns\/new$/);
    await page.getByLabel('活动名称', { exact: true }).fill('2027年政务公开日');
    await page.getByLabel('英文名称', { exact: true }).fill('Government Open Day 2027');
    await page.getByLabel('活动主题', { exact: true }).fill('公开透明 便民利民');
    await page.getByLabel('活动代号', { exact: true }).fill('open-day-2027');
    await page.getByLabel('通知正文', { exact: true }).fill('各参与单位：请于5月10日前报送活动方案。');
    await page.getByLabel('公开日', { exact: true }).fill('2027-05-15');
    await page.getByLabel('活动开始日期', { exact: true }).fill('2027-05-08');
    await page.getByLabel('活动结束日期', { exact: true }).fill('2027-05-31');
    await page.getByLabel('总结报送截止日期', { exact: true }).fill('2027-06-10');
    const picker = page.getByRole('combobox', { name: '参与单位' });
    for (const [typed, unit] of [
      ['水利', '萍乡市水利局'],
      ['葵英', '葵英街道办事处'],
    ] as const) {
      await picker.click();
      await picker.fill(typed);
      await page.locator('.ant-select-item-option', { hasText: unit }).click();
    }
    // The list closes with an animation; it is checked for accessibility once closed.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    expect(await accessibility()).toEqual([]);
    await screenshot(page, 'console-organizer-campaign-new');
    await page.getByTestId('campaign-save').click();
    await page.waitForURL(/\/console\/campaigns\/[0-9a-f-]{36}$/);
    campaignId = page.url().split('/').pop()!;
    const campaign = await getJson<Campaign>(`/campaigns/${campaignId}`);
    expect(campaign).toMatchObject({ slug: 'open-day-2027', replyLimitDays: 15 });
    const units = await getJson<{ items: { name: string }[] }>(`/campaigns/${campaignId}/units`);
    expect(units.items.map((u) => u.name).sort()).toEqual(['萍乡市水利局', '葵英街道办事处'].sort());
  });

  it('edits the reply limit and names the previous open day', async () => {
    await page.getByRole('heading', { name: '编辑活动：2027年政务公开日' }).waitFor();
    const limit = page.getByLabel('办理时限', { exact: true });
    await expect.poll(() => limit.inputValue()).toBe('15');
    await limit.fill('20');
    // The demo's 2026 open day as the previous one: the statistical summary compares against it.
    const previous = page.getByRole('combobox', { name: '上届活动' });
    await previous.click();
    await page.locator('.ant-select-item-option', { hasText: '2026-05-15' }).click();
    // The list closes with an animation; it is checked for accessibility once closed.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.getByTestId('campaign-save').click();
    await page.getByText('已保存').waitFor();
    const saved = await getJson<Campaign>(`/campaigns/${campaignId}`);
    expect(saved.replyLimitDays).toBe(20);
    expect(saved.previousCampaignId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await getJson<{ items: unknown[] }>(`/campaigns/${campaignId}/units`)).items).toHaveLength(2);
    expect(await accessibility()).toEqual([]);
    await screenshot(page, 'console-organizer-campaign-edit');
  });

  it('shows the progress of both units, and only those with problems when asked', async () => {
    await page.getByRole('link', { name: '各单位进度' }).click();
    await page.waitForURL(/\/progress$/);
    const rows = page.getByTestId('progress-table').locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.first().textContent()).toContain('未报送');
    await page.getByText('只看需督促的单位').click();
    // Neither unit has filed a plan yet: both still need following up.
    await expect.poll(() => rows.count()).toBe(2);
    expect(await accessibility()).toEqual([]);
    await screenshot(page, 'console-organizer-progress');

    // The demo campaign: the figures match the API's.
    const demo = await getJson<Campaign>('/campaigns/by-slug/demo');
    const progress = await getJson<{ rows: { problems: string[] }[] }>(`/campaigns/${demo.id}/progress`);
    await page.goto(`${server.url}/console/campaigns/${demo.id}/progress`);
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(progress.rows.length);
    await page.getByText('只看需督促的单位').click();
    await expect.poll(() => rows.count()).toBe(progress.rows.filter((r) => r.problems.length > 0).length);
    expect(await accessibility()).toEqual([]);
    await screenshot(page, 'console-organizer-progress-demo');
  });
});
