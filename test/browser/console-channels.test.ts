import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { expectAccessible, PHONE, SCREENSHOTS, screenshot, settled, openSignedIn } from './browser.ts';
import { setStage } from './stage.ts';

/**
 * Hotlines and mailboxes with their places in the built console: the Justice Bureau's admin adds a
 * mailbox in Box Village (a village of the township under its district) on a desktop in Chinese;
 * the API lists it with its village; on a phone in English the card shows it and changes it. Then
 * the admin adds a hotline in Box Village, and the bureau's desk staff, on a phone gone offline,
 * record a call that came through it: once synced, the bureau's figures for Box Village count it.
 */
const stage = setStage();

const PASSWORD = 'openday-demo-2026';
const MAILBOX = '箱子村法律服务意见箱';
const HOTLINE = '箱子村法律服务热线';
const HOTLINE_NUMBER = '024-45821148';

/** A new context with the user signed in to the console, in the context's language. */
const signIn = (options: Parameters<typeof openSignedIn>[3], username: string) =>
  openSignedIn(stage.browser, stage.contexts, stage.server.url, options, username, PASSWORD);

const api = async <T>(page: Page, path: string): Promise<T> =>
  (await (await page.request.get(`${stage.server.url}${path}`)).json()) as T;

/** The card alone, to look at beside the full page. */
const shootCard = (card: ReturnType<typeof cardOf>, name: string) =>
  card.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

const cardOf = (page: Page, title: string) =>
  page.locator('.ant-card', { has: page.getByRole('heading', { name: title, exact: true }) });

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

interface VillageRow {
  name: string | null;
  hotlines: number;
  mailboxes: number;
  consultations: number;
  peopleReceived: number;
}
interface StatisticsRow {
  unitName: string;
  channelPoints: { hotlines: number; consultations: number };
  villages: VillageRow[];
}

/** The Justice Bureau's row of the campaign's statistics, as its staff read it. */
async function justiceFigures(page: Page): Promise<StatisticsRow> {
  const campaignId = (await api<{ id: string }>(page, '/api/v1/campaigns/by-slug/demo')).id;
  const statistics = await api<{ rows: StatisticsRow[] }>(page, `/api/v1/campaigns/${campaignId}/statistics`);
  return statistics.rows.find((r) => r.unitName === '南芬区司法局')!;
}

/** The desk screen of the Justice Bureau's legal aid desk, chosen once. */
async function openLegalAidDesk(page: Page, intake: string) {
  await page.locator('a[href$="/intake"]').first().click();
  await page.getByRole('heading', { name: intake }).waitFor();
  await page.getByRole('button', { name: /法律援助咨询台/ }).click();
  await page.locator('#intake-question').waitFor();
}

describe('the desk names the hotline a call came through', () => {
  it('the unit admin adds a hotline in Box Village', async () => {
    const page = await signIn({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'justice-admin');
    await page.getByRole('link', { name: '本单位' }).click();
    const points = cardOf(page, '热线和意见箱');
    await points.waitFor();
    await page.locator('#add-channel-point_kind').click();
    await page.locator('.ant-select-item-option', { hasText: '热线' }).click();
    await page.locator('#add-channel-point_name').fill(HOTLINE);
    await page.locator('#add-channel-point_number').fill(HOTLINE_NUMBER);
    await page.locator('#add-channel-point_regionId').click();
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '箱子村' }).click();
    const villageField = points.locator('.ant-form-item', { has: page.locator('#add-channel-point_regionId') });
    await expect.poll(() => villageField.textContent()).toContain('箱子村');
    await page.getByRole('button', { name: '添加热线或意见箱' }).click();
    await points.locator('.ant-list-item', { hasText: HOTLINE }).getByText('箱子村', { exact: true }).waitFor();
  });

  it('desk staff on a phone, offline, record a hotline call naming the hotline; Box Village counts it', async () => {
    const page = await signIn({ ...PHONE, locale: 'zh-CN' }, 'justice-desk');
    const before = await justiceFigures(page);
    const boxVillageBefore = before.villages.find((v) => v.name === '箱子村')!;
    expect(boxVillageBefore).toMatchObject({ hotlines: 1, mailboxes: 1 });

    await openLegalAidDesk(page, '咨询登记');
    // The unit's hotlines are on the device once the desk is open: the call is recorded offline.
    await page.locator('.ant-radio-button-wrapper', { hasText: '热线来电' }).click();
    await page.locator('#intake-channel-point').click();
    const option = page.locator('.ant-select-item-option', { hasText: HOTLINE });
    await option.waitFor();
    // Each offered with its village and number; the mailbox is not offered for a call.
    await option.getByText(`箱子村 · ${HOTLINE_NUMBER}`).waitFor();
    await expect.poll(() => page.locator('.ant-select-item-option', { hasText: MAILBOX }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.context().setOffline(true);
    await page.locator('#intake-channel-point').click();
    await option.click();
    await page.getByTestId('intake-channel-point-detail').getByText(`箱子村 · ${HOTLINE_NUMBER}`).waitFor();
    await page.locator('#intake-question').fill('村里的土地承包纠纷，电话里能咨询法律援助吗？');
    await page.locator('#intake-answer').fill('可以，已在电话中说明申请条件和所需材料。');
    await settled(page);
    await screenshot(page, 'console-channels-desk-hotline-zh-phone');
    await expectAccessible(page);
    await page.getByTestId('intake-save').click();
    await page.getByTestId('intake-result').getByText('已存入本机，等待同步').waitFor();
    // The next call through the same hotline keeps the channel and the hotline chosen.
    const chosen = page.locator('.ant-form-item', { has: page.locator('#intake-channel-point') });
    expect(await chosen.textContent()).toContain(HOTLINE);

    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-status').textContent(), { timeout: 120_000 }).toBe('全部已同步');
    const after = await justiceFigures(page);
    expect(after.villages.find((v) => v.name === '箱子村')).toMatchObject({
      hotlines: 1,
      consultations: boxVillageBefore.consultations + 1,
      peopleReceived: boxVillageBefore.peopleReceived + 1,
    });
    expect(after.channelPoints.consultations).toBe(before.channelPoints.consultations + 1);
    const recorded = await api<{ items: { question: string; channel: string; channelPointId: string | null }[] }>(
      page,
      '/api/v1/consultations?channel=hotline&q=土地承包纠纷',
    );
    expect(recorded.items).toHaveLength(1);
    expect(recorded.items[0]!.channelPointId).not.toBeNull();
  });

  it('the same desk in English on a phone', async () => {
    const page = await signIn({ ...PHONE, locale: 'en-US' }, 'justice-desk');
    await openLegalAidDesk(page, 'Desk intake');
    await page.locator('.ant-radio-button-wrapper', { hasText: 'Letter or mailbox' }).click();
    await page.getByText('Which mailbox').waitFor();
    await page.locator('#intake-channel-point').click();
    await page.locator('.ant-select-item-option', { hasText: 'Box Village legal mailbox' }).click();
    await page.locator('.ant-radio-button-wrapper', { hasText: 'Hotline call' }).click();
    await page.getByText('Which hotline').waitFor();
    await page.locator('#intake-channel-point').click();
    const option = page.locator('.ant-select-item-option', { hasText: HOTLINE });
    await option.getByText(`Box Village · ${HOTLINE_NUMBER}`).waitFor();
    await settled(page);
    await screenshot(page, 'console-channels-desk-hotlines-en-phone');
    await option.click();
    await page.getByTestId('intake-channel-point-detail').getByText(`Box Village · ${HOTLINE_NUMBER}`).waitFor();
    await settled(page);
    await screenshot(page, 'console-channels-desk-hotline-en-phone');
    await expectAccessible(page);
  });

  it('the same desk on a desktop, in Chinese', async () => {
    const page = await signIn({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'justice-desk');
    await openLegalAidDesk(page, '咨询登记');
    await page.locator('.ant-radio-button-wrapper', { hasText: '热线来电' }).click();
    await page.locator('#intake-channel-point').click();
    await page.locator('.ant-select-item-option', { hasText: HOTLINE }).click();
    await page.getByTestId('intake-channel-point-detail').getByText(`箱子村 · ${HOTLINE_NUMBER}`).waitFor();
    await settled(page);
    await screenshot(page, 'console-channels-desk-hotline-zh-desktop');
    await expectAccessible(page);
  });
});
