import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import path from 'node:path';
import { expectAccessible, launchBrowser, PHONE, screenshot, SCREENSHOTS, openSignedIn } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The unit admin changes what the plan, the disclosures and the publicity hold in place (a site, a
 * desk, a staff member on duty, a material, a disclosure, a publicity item), searches the records
 * by words, and publishes an answer given on the spot to the public Q&A from the masked preview;
 * the portal's Q&A search finds it with JavaScript off. Then once in English on a phone.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
const contexts: BrowserContext[] = [];

const PASSWORD = 'openday-demo-2026';
const QUESTION = '王秀兰问：低保户的供暖费可以分期缴纳吗？电话13822223333';
const ANSWER = '王女士您好，低保户可以申请分三期缴纳供暖费，到热费营业厅办理。';
const PUBLIC_QUESTION = '低保户的供暖费可以分期缴纳吗？';
let campaignId = '';
let unitId = '';
const ids: Record<string, string> = {};

/** A new context with the user signed in to the console, in the context's language. */
const signIn = (options: Parameters<typeof openSignedIn>[3], username: string) =>
  openSignedIn(browser, contexts, server.url, options, username, PASSWORD);

/** Writes through the API as a demo user (session cookie and CSRF token), expecting success. */
async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        'idempotency-key': crypto.randomUUID(),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T>(path: string) => send<T>('GET', path),
    post: <T>(path: string, body: unknown) => send<T>('POST', path, body),
  };
}

/** Opens the edit dialog of a thing by its button ("修改 <name>"), fills fields by id, saves, waits for it to close. */
async function editInPlace(
  name: string,
  form: string,
  fields: Record<string, string>,
  labels = { edit: '修改', save: '保存' },
): Promise<Locator> {
  await page.getByRole('button', { name: `${labels.edit} ${name}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `${labels.edit} · ${name}` });
  for (const [field, value] of Object.entries(fields)) await dialog.locator(`#${form}_${field}`).fill(value);
  return dialog;
}

/** A site's card in the plan, by the site's name. */
const siteCard = (name: string) =>
  page.locator('.ant-card-type-inner', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });

async function save(dialog: Locator, label: string) {
  await dialog.getByRole('button', { name: label }).click();
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await apiAs('heating-admin');
  campaignId = (await admin.get<{ id: string }>('/campaigns/by-slug/demo')).id;
  const session = await admin.get<{ user: { memberships: { unitId: string }[] } }>('/auth/session');
  unitId = session.user.memberships[0]!.unitId;
  const plan = await admin.get<{ id: string }>(`/campaigns/${campaignId}/units/${unitId}/plan`);
  const site = await admin.post<{ id: string }>(`/plans/${plan.id}/sites`, {
    name: '原定咨询点',
    address: '龙港区中央路1号',
    heldOn: '2026-05-15',
    opensAt: '09:00',
    closesAt: '11:00',
  });
  ids.site = site.id;
  ids.desk = (await admin.post<{ id: string }>(`/sites/${site.id}/desks`, { name: '原定咨询台' })).id;
  ids.staff = (await admin.post<{ id: string }>(`/plans/${plan.id}/staff`, { name: '原定值班员' })).id;
  ids.material = (
    await admin.post<{ id: string }>('/materials', { campaignId, unitId, title: '原定宣传册', kind: 'brochure' })
  ).id;
  ids.disclosure = (
    await admin.post<{ id: string }>('/disclosures', {
      campaignId,
      unitId,
      kind: 'phone',
      title: '原定公开事项',
      body: '热线 0429-1234567',
    })
  ).id;
  ids.publicity = (
    await admin.post<{ id: string }>('/publicity', {
      campaignId,
      unitId,
      kind: 'banner',
      quantity: 2,
      text: '原定横幅',
    })
  ).id;
  const desk = await apiAs('heating-desk');
  ids.answered = (
    await desk.post<{ id: string }>('/consultations', {
      campaignId,
      unitId,
      deskId: ids.desk,
      topic: '供暖费',
      question: QUESTION,
      answer: ANSWER,
      outcome: 'answered_on_spot',
      visitorName: '王秀兰',
      visitorPhone: '13822223333',
      contactConsent: true,
    })
  ).id;
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe('the unit admin edits in place, searches the records and publishes an answer given on the spot', () => {
  it('edits a site, a desk, a staff member, a material, a disclosure and a publicity item (desktop, Chinese)', async () => {
    page = await signIn({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' }, 'heating-admin');
    await page.getByRole('link', { name: '本单位' }).click();
    await page.locator('#add-site').waitFor();

    let dialog = await editInPlace('原定咨询点', `edit-site-${ids.site}`, {
      name: '市民广场咨询点',
      opensAt: '08:30',
    });
    await screenshot(page, 'console-edit-site-zh');
    await save(dialog, '保存');
    await page.getByRole('heading', { name: '市民广场咨询点' }).waitFor();
    await siteCard('市民广场咨询点').getByText('2026年5月15日 08:30–11:00', { exact: false }).waitFor();

    dialog = await editInPlace('原定咨询台', `edit-desk-${ids.desk}`, { name: '供暖费咨询台' });
    await save(dialog, '保存咨询台');
    await page.locator('.ant-list-item', { hasText: '供暖费咨询台' }).waitFor();

    dialog = await editInPlace('原定值班员', `edit-staff-${ids.staff}`, { name: '赵值班', title: '科长' });
    await save(dialog, '保存');
    await page.getByRole('row', { name: /赵值班 科长/ }).waitFor();

    dialog = await editInPlace('原定宣传册', `edit-material-${ids.material}`, {
      title: '供暖收费服务指南',
      titleEn: 'Heating fees service guide',
    });
    await save(dialog, '保存');
    await page
      .getByRole('row', { name: /供暖收费服务指南/ })
      .getByText('Heating fees service guide')
      .waitFor();

    await page.getByRole('tab', { name: '公开事项' }).click();
    dialog = await editInPlace('原定公开事项', `edit-disclosure-${ids.disclosure}`, {
      title: '供热服务电话',
      body: '热线 0429-7654321',
    });
    await save(dialog, '保存');
    await page
      .getByRole('row', { name: /供热服务电话/ })
      .getByText('0429-7654321')
      .waitFor();

    await page.getByRole('tab', { name: '宣传与照片' }).click();
    dialog = await editInPlace('原定横幅', `edit-publicity-${ids.publicity}`, {
      text: '政务公开日 走进供热办',
      location: '热费营业厅门口',
    });
    await save(dialog, '保存');
    await page
      .getByRole('row', { name: /政务公开日 走进供热办/ })
      .getByText('热费营业厅门口')
      .waitFor();

    // What the console shows is what the API stores.
    const admin = await apiAs('heating-admin');
    const plan = await admin.get<{
      sites: { id: string; name: string; opensAt: string; desks: { id: string; name: string }[] }[];
      staff: { id: string; name: string; title: string | null }[];
    }>(`/campaigns/${campaignId}/units/${unitId}/plan`);
    const site = plan.sites.find((s) => s.id === ids.site)!;
    expect(site).toMatchObject({ name: '市民广场咨询点', opensAt: '08:30' });
    expect(site.desks.find((d) => d.id === ids.desk)?.name).toBe('供暖费咨询台');
    expect(plan.staff.find((s) => s.id === ids.staff)).toMatchObject({ name: '赵值班', title: '科长' });
    await screenshot(page, 'console-edit-publicity-zh');
  });

  it('searches the records and publishes an answer given on the spot; the portal finds it with JavaScript off', async () => {
    await page.getByRole('tab', { name: '登记记录' }).click();
    await page.locator('#records-filter_q').fill('分期 低保');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.getByRole('status').getByText('已显示 1 条').waitFor();
    const row = page.getByRole('row', { name: /低保户的供暖费/ });
    await row.getByRole('button', { name: /公开到问答/ }).click();
    const dialog = page.getByRole('dialog', { name: '公开现场答复' });
    const preview = dialog.getByRole('region', { name: '公开预览' });
    await preview.waitFor();
    // The visitor's name and phone are masked in what would be published.
    await expect
      .poll(() => dialog.locator(`#publish-${ids.answered}_publicQuestion`).inputValue())
      .toBe('某问：低保户的供暖费可以分期缴纳吗？电话***');
    await dialog.locator(`#publish-${ids.answered}_publicQuestion`).fill(PUBLIC_QUESTION);
    await preview.getByText('我已核对，公开内容不含个人信息').click();
    await screenshot(page, 'console-publish-on-the-spot-zh');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '公开到问答' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('已公开').waitFor();
    await screenshot(page, 'console-records-search-zh');

    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    contexts.push(context);
    const portal = await context.newPage();
    await portal.goto(`${server.url}/c/demo/qa`);
    await portal.locator('#field-q').fill('分期缴纳');
    await portal.locator('#field-q').press('Enter');
    await portal.waitForURL(/q=/);
    await portal.getByText(PUBLIC_QUESTION).waitFor();
    await portal.getByText('某女士您好，低保户可以申请分三期缴纳供暖费，到热费营业厅办理。').waitFor();
    expect(await portal.content()).not.toMatch(/王秀兰|13822223333/);
    await screenshot(portal, 'portal-qa-on-the-spot-zh');

    // Taken out again from the records: the portal no longer finds it.
    await row.getByRole('button', { name: /撤销公开/ }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByRole('button', { name: /公开到问答/ }).waitFor();
    await portal.reload();
    await portal.getByText(PUBLIC_QUESTION).waitFor({ state: 'detached' });

    // Published again; the organizer finds it in the campaign's Q&A and takes it out.
    const admin = await apiAs('heating-admin');
    await admin.post(`/consultations/${ids.answered}/publish`, {
      publicQuestion: PUBLIC_QUESTION,
      publicAnswer: ANSWER.slice(6),
    });
    await portal.reload();
    await portal.getByText(PUBLIC_QUESTION).waitFor();
    const organizer = await signIn({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' }, 'organizer');
    await organizer.goto(`${server.url}/console/campaigns/${campaignId}/progress`);
    const qa = organizer.locator('.ant-card', { has: organizer.getByRole('heading', { name: '公开问答' }) });
    await qa.getByLabel('关键词').fill('分期');
    await qa.getByRole('button', { name: '查找' }).click();
    const item = qa.getByRole('row', { name: new RegExp(PUBLIC_QUESTION) });
    await item.getByText('现场答复').waitFor();
    await qa.scrollIntoViewIfNeeded();
    await screenshot(organizer, 'console-organizer-qa-zh');
    await expectAccessible(organizer);
    await item.getByRole('button', { name: /撤销公开/ }).click();
    await organizer
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await item.waitFor({ state: 'detached' });
    await portal.reload();
    await portal.getByText(PUBLIC_QUESTION).waitFor({ state: 'detached' });
  });

  it('works in English on a 390 px phone, accessible', async () => {
    page = await signIn({ ...PHONE, locale: 'en-US' }, 'heating-admin');
    await page.getByRole('link', { name: 'My unit' }).click();
    await page.locator('#add-site').waitFor();
    await siteCard('市民广场咨询点').getByText('15 May 2026 08:30–11:00', { exact: false }).waitFor();
    const dialog = await editInPlace(
      '市民广场咨询点',
      `edit-site-${ids.site}`,
      { nameEn: 'Citizens Square' },
      { edit: 'Edit', save: 'Save' },
    );
    await screenshot(page, 'console-edit-site-en-phone');
    await dialog.screenshot({ path: path.join(SCREENSHOTS, 'console-edit-site-dialog-en-phone.png') });
    await expectAccessible(page);
    await save(dialog, 'Save');
    await page.getByText('Citizens Square').first().waitFor();

    await page.getByRole('tab', { name: 'Records' }).click();
    await page.locator('#records-filter_q').fill('分期 低保');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByRole('status').getByText('1 record shown').waitFor();
    await page
      .getByRole('button', { name: /Publish to Q&A/ })
      .first()
      .waitFor();
    await screenshot(page, 'console-records-search-en-phone');
    await expectAccessible(page);
  });
});
