import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/data.ts';
import { expectAccessible, openSignedIn, PHONE, screenshot } from './browser.ts';
import { setStage } from './stage.ts';

/**
 * 另定活动日期 on screen: the Bureau of Justice's admin enters a site dated after the campaign and
 * is told at once that its summary will name it; the organizer agrees the other date on the
 * progress page; the site then reads as agreed, and the summary says the day was agreed.
 */
const stage = setStage();
let campaignId = '';

const SITE = '改期法律服务点';
const REASON = '5月份承担防汛值守任务，经协调改期';

/** A new context with the user signed in to the console, in the context's language. */
const open = (options: Parameters<typeof openSignedIn>[3], username: string) =>
  openSignedIn(stage.browser, stage.contexts, stage.server.url, options, username, DEMO_PASSWORD);

/** The heading text of the site's card in the plan. */
const siteCard = (page: Page) =>
  page.locator('.ant-card-type-inner', { has: page.getByRole('heading', { name: new RegExp(`^${SITE}`) }) });

describe('other dates agreed for a unit (另定活动日期)', () => {
  let admin: Page;
  let organizer: Page;

  it('the unit admin enters a site after the campaign and is told its summary will name it', async () => {
    admin = await open({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'justice-admin');
    campaignId = (
      (await (await admin.request.get(`${stage.server.url}/api/v1/campaigns/by-slug/demo`)).json()) as {
        id: string;
      }
    ).id;
    await admin.goto(`${stage.server.url}/console/unit`);
    const form = admin.locator('form[id="add-site"]');
    await form.waitFor();
    await form.locator('#add-site_name').fill(SITE);
    await form.locator('#add-site_address').fill('南芬区司法局一楼大厅');
    await form.locator('#add-site_heldOn').fill('2026-06-10');
    await form.locator('#add-site_opensAt').fill('09:00');
    await form.locator('#add-site_closesAt').fill('11:30');
    await form.getByRole('button', { name: '添加地点' }).click();
    await siteCard(admin)
      .getByText(/这一天不在活动期（2026年5月1日至2026年5月31日）内/)
      .waitFor();
    await screenshot(admin, 'console-unit-days-outside');
    await expectAccessible(admin);
  });

  it('the organizer agrees the other date on the progress page', async () => {
    organizer = await open({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'organizer');
    await organizer.goto(`${stage.server.url}/console/campaigns/${campaignId}/progress`);
    const card = organizer.getByTestId('unit-days');
    await card.getByText('没有另定日期的单位').waitFor();
    await card.locator('#unit-days_unitId').click();
    await organizer
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '南芬区司法局' })
      .click();
    await card.locator('#unit-days_from').fill('2026-06-10');
    await card.locator('#unit-days_to').fill('2026-06-10');
    await card.locator('#unit-days_reason').fill(REASON);
    await card.getByRole('button', { name: '同意另定日期' }).click();
    await card.getByRole('row', { name: new RegExp(`南芬区司法局.*2026年6月10日.*${REASON}`) }).waitFor();
    await screenshot(organizer, 'console-unit-days-agreed');
    await expectAccessible(organizer);
  });

  it('the site then reads as agreed, and the summary says the day was agreed', async () => {
    await admin.reload();
    await siteCard(admin).getByText('这一天在组织单位同意的另定日期内。').waitFor();
    const session = (await (await admin.request.get(`${stage.server.url}/api/v1/auth/session`)).json()) as {
      csrfToken: string;
      user: { memberships: { unitId: string }[] };
    };
    const unitId = session.user.memberships[0]!.unitId;
    const generated = await admin.request.post(
      `${stage.server.url}/api/v1/summaries/campaigns/${campaignId}/units/${unitId}/summary/generate`,
      { headers: { 'x-csrf-token': session.csrfToken, 'idempotency-key': crypto.randomUUID() } },
    );
    expect(generated.status()).toBe(200);
    const text = JSON.stringify(((await generated.json()) as { document: unknown }).document);
    expect(text).toContain('经组织单位同意，于');
    expect(text).not.toContain(SITE + '”（2026年6月10日）不在活动期间');
  });

  it('reads in English on a phone, without accessibility violations', async () => {
    const phone = await open({ ...PHONE, locale: 'en-US' }, 'organizer');
    await phone.goto(`${stage.server.url}/console/campaigns/${campaignId}/progress`);
    const card = phone.getByTestId('unit-days');
    await card.getByRole('heading', { name: 'Other dates agreed' }).waitFor();
    await card.getByText(REASON).waitFor();
    await card.getByText('10 June 2026').first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(phone, 'console-unit-days-phone-en');
    await expectAccessible(phone);
  });
});
