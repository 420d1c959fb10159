import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { expectAccessible, launchBrowser, PHONE, SCREENSHOTS, screenshot, settled, openSignedIn } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Hotlines and mailboxes with their places in the built console: the Justice Bureau's admin adds a
 * mailbox in Box Village (a village of the township under its district) on a desktop in Chinese;
 * the API lists it with its village; on a phone in English the card shows it and changes it.
 */
let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

const PASSWORD = 'openday-demo-2026';
const MAILBOX = '箱子村法律服务意见箱';

/** A new context with the user signed in to the console, in the context's language. */
const signIn = (options: Parameters<typeof openSignedIn>[3], username: string) =>
  openSignedIn(browser, contexts, server.url, options, username, PASSWORD);

const api = async <T>(page: Page, path: string): Promise<T> =>
  (await (await page.request.get(`${server.url}${path}`)).json()) as T;

/** The card alone, to look at beside the full page. */
const shootCard = (card: ReturnType<typeof cardOf>, name: string) =>
  card.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

const cardOf = (page: Page, title: string) =>
  page.locator('.ant-card', { has: page.getByRole('heading', { name: title, exact: true }) });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe('staff console: hotlines and mailboxes with their villages', () => {
  it('the unit admin adds a mailbox in a village on a desktop, in Chinese', async () => {
    const page = await signIn({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'justice-admin');
    await page.getByRole('link', { name: '本单位' }).click();
    const points = cardOf(page, '热线和意见箱');
    await points.waitFor();
    await page.locator('#add-channel-point_name').fill(MAILBOX);
    await page.locator('#add-channel-point_address').fill('箱子村村民委员会门前');
    // A hotline needs its number; a mailbox does not.
    await page.locator('#add-channel-point_kind').click();
    await page.locator('.ant-select-item-option', { hasText: '热线' }).click();
    await page.getByRole('button', { name: '添加热线或意见箱' }).click();
    await page.getByText('热线请填写电话号码').waitFor();
    await page.locator('#add-channel-point_kind').click();
    await page.locator('.ant-select-item-option', { hasText: '意见箱' }).click();
    await page.getByText('热线请填写电话号码').waitFor({ state: 'detached' });
    // The village is chosen from the region tree: the township's villages under the township.
    await page.locator('#add-channel-point_regionId').click();
    await page.locator('.ant-select-tree-treenode', { hasText: '石门乡' }).first().waitFor();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '箱子村' }).click();
    await screenshot(page, 'console-channels-tree-zh');
    const villageField = points.locator('.ant-form-item', { has: page.locator('#add-channel-point_regionId') });
    await expect.poll(() => villageField.textContent()).toContain('箱子村');
    await settled(page);
    await screenshot(page, 'console-channels-add-zh');
    await expectAccessible(page);
    await page.getByRole('button', { name: '添加热线或意见箱' }).click();
    await page.getByText('已添加').first().waitFor();
    const row = points.locator('.ant-list-item', { hasText: MAILBOX });
    await row.getByText('箱子村', { exact: true }).waitFor();
    await row.getByText('意见箱', { exact: true }).waitFor();

    const session = await api<{ user: { memberships: { unitId: string }[] } }>(page, '/api/v1/auth/session');
    const unitId = session.user.memberships[0]!.unitId;
    const campaignId = (await api<{ id: string }>(page, '/api/v1/campaigns/by-slug/demo')).id;
    const listed = await api<{ items: { name: string; kind: string; regionId: string | null; address: string }[] }>(
      page,
      `/api/v1/campaigns/${campaignId}/units/${unitId}/channel-points`,
    );
    const regions = await api<{ items: { id: string; name: string }[] }>(page, '/api/v1/regions?level=community');
    const boxVillage = regions.items.find((r) => r.name === '箱子村')!;
    expect(listed.items.find((p) => p.name === MAILBOX)).toMatchObject({
      kind: 'mailbox',
      regionId: boxVillage.id,
      address: '箱子村村民委员会门前',
    });
    await row.scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'console-channels-list-zh');
    await shootCard(points, 'console-channels-card-zh');
    await expectAccessible(page);
  });

  it('a publicity item names the village it was put up in', async () => {
    const page = await signIn({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'justice-admin');
    await page.getByRole('link', { name: '本单位' }).click();
    await page.getByRole('tab', { name: '宣传与照片' }).click();
    const publicity = cardOf(page, '宣传');
    await page.locator('#add-publicity_text').fill('法律服务进乡村');
    await page.locator('#add-publicity_regionId').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '石门村' }).click();
    const villageField = publicity.locator('.ant-form-item', { has: page.locator('#add-publicity_regionId') });
    await expect.poll(() => villageField.textContent()).toContain('石门村');
    await page.getByRole('button', { name: '添加宣传' }).click();
    const row = publicity.locator('.ant-table-row', { hasText: '法律服务进乡村' });
    await row.getByRole('cell', { name: '石门村', exact: true }).waitFor();
    await settled(page);
    await shootCard(publicity, 'console-channels-publicity-zh');
    await expectAccessible(page);
  });

  it('on a phone in English the card lists the mailbox with its village, and changes it', async () => {
    const page = await signIn({ ...PHONE, locale: 'en-US' }, 'justice-admin');
    await page.getByRole('link', { name: 'My unit' }).click();
    const points = cardOf(page, 'Hotlines and mailboxes');
    const row = points.locator('.ant-list-item', { hasText: MAILBOX });
    await row.getByText('Box Village', { exact: true }).waitFor();
    await row.getByText('Mailbox', { exact: true }).waitFor();
    await row.scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'console-channels-list-en-phone');
    await shootCard(points, 'console-channels-card-en-phone');
    await expectAccessible(page);
    // Nothing of the card runs off the phone's screen.
    const overflowing = await points.evaluate(
      (card) => [card, ...card.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > 390).length,
    );
    expect(overflowing).toBe(0);

    await page.getByRole('button', { name: `Edit ${MAILBOX}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit · ${MAILBOX}` });
    await dialog.getByLabel('English name').fill('Box Village legal mailbox');
    await expect
      .poll(() => dialog.locator('.ant-form-item', { hasText: 'Village or community' }).textContent())
      .toContain('Box Village');
    await settled(page);
    await screenshot(page, 'console-channels-edit-en-phone');
    await dialog.screenshot({ path: path.join(SCREENSHOTS, 'console-channels-dialog-en-phone.png') });
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Box Village legal mailbox').waitFor();
  });

  it('the unit admin sees the figures per village on the statistics screen, on a desktop in Chinese', async () => {
    const page = await signIn({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'justice-admin');
    await page.getByRole('link', { name: '实时统计' }).click();
    const card = cardOf(page, '按村（社区）统计');
    const table = card.getByRole('table', { name: '按村（社区）统计' });
    await table.waitFor();
    // One unit: no unit column. The mailbox added above in Box Village, the publicity in Shimen Village.
    await expect
      .poll(() => table.locator('thead th').allTextContents())
      .toEqual(['村（社区）', '热线（条）', '意见箱（个）', '收到咨询（件）', '宣传品（项）']);
    const cells = (name: string) =>
      table.locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) });
    await expect.poll(() => cells('箱子村').locator('td').allTextContents()).toEqual(['0', '1', '0', '0']);
    await expect.poll(() => cells('石门村').locator('td').allTextContents()).toEqual(['0', '0', '0', '1']);
    await expect.poll(() => table.locator('tfoot td').allTextContents()).toEqual(['0', '1', '0', '1']);
    await card.scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'console-channels-villages-zh');
    await shootCard(card, 'console-channels-villages-card-zh');
    await expectAccessible(page);
    // At a phone's width the table still fits.
    await page.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    await settled(page);
    await shootCard(card, 'console-channels-villages-card-zh-phone');
    const overflowing = await card.evaluate(
      (element) =>
        [element, ...element.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > 390).length,
    );
    expect(overflowing).toBe(0);
  });

  it('the organizer sees every unit’s villages on a phone in English, with the questions through them', async () => {
    const page = await signIn({ ...PHONE, locale: 'en-US' }, 'organizer');
    await page.getByRole('link', { name: 'Live dashboard' }).click();
    const card = cardOf(page, 'By village or community');
    const table = card.getByRole('table', { name: 'By village or community' });
    await table.waitFor();
    const campaignId = (await api<{ id: string }>(page, '/api/v1/campaigns/by-slug/demo')).id;
    const figures = await api<{
      rows: { unitNameEn: string | null; unitName: string; nameEn: string | null; consultations: number }[];
      totals: { villages: number; consultations: number };
    }>(page, `/api/v1/campaigns/${campaignId}/statistics/villages`);
    // The township's mailboxes in Box and Shimen Villages took questions (the demo), and the
    // justice bureau's mailbox stands in Box Village too.
    expect(figures.rows.filter((r) => r.consultations > 0).length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => table.locator('tbody th[scope="row"]').count()).toBe(figures.rows.length);
    await expect
      .poll(() => table.locator('thead th').allTextContents())
      .toEqual(['Village or community', 'Hotlines', 'Mailboxes', 'Questions received', 'Publicity items']);
    // Each unit's villages under its name.
    const township = table.locator('tbody', {
      has: page.locator('th[scope="rowgroup"]', { hasText: "Shimen Township People's Government" }),
    });
    await expect
      .poll(() => township.locator('th[scope="row"]').allTextContents())
      .toEqual(['Box Village', 'Shimen Village', 'Daling Village', 'Hekou Village', 'Liuhe Village']);
    await expect
      .poll(() => table.locator('tfoot').textContent())
      .toContain(`${figures.totals.villages} villages and communities`);
    expect(await table.locator('tfoot td').nth(2).textContent()).toBe(String(figures.totals.consultations));
    await card.scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'console-channels-villages-en-phone');
    await shootCard(card, 'console-channels-villages-card-en-phone');
    await expectAccessible(page);
    // The table wraps on the phone rather than running off its screen.
    const overflowing = await card.evaluate(
      (element) =>
        [element, ...element.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > 390).length,
    );
    expect(overflowing).toBe(0);
    // On a desktop the same table, wider.
    await page.setViewportSize({ width: 1280, height: 900 });
    await card.scrollIntoViewIfNeeded();
    await settled(page);
    await shootCard(card, 'console-channels-villages-card-en');
    await expectAccessible(page);
  });
});
