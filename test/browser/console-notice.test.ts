import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { expectAccessible, launchBrowser, PHONE, SCREENSHOTS, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The notice as a document, in English on a phone: the organizer gives the demo's notice a new
 * document number, title and deadlines and attaches the plan template; the portal's campaign page
 * shows them; the demo's open day is over (May 2026), so the portal's ask page says a question
 * asked now is a later one.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const PASSWORD = 'openday-demo-2026';
const NUMBER = '演政办发〔2026〕15号';
const TITLE = '关于做好2026年“5·15”政务公开日活动的补充通知';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

interface Campaign {
  id: string;
  documentNumber: string | null;
  noticeTitle: string | null;
  plansDueOn: string | null;
  summaryDueOn: string | null;
}

const getJson = async <T>(path: string): Promise<T> => (await page.request.get(`${server.url}/api/v1${path}`)).json();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ ...PHONE, locale: 'en-US' });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('the notice as a document', () => {
  let demo: Campaign;

  it('is edited by the organizer on a phone: number, title, deadlines and an attachment', async () => {
    await page.goto(`${server.url}/console/login`);
    await page.getByLabel('Username').fill('organizer');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    demo = await getJson<Campaign>('/campaigns/by-slug/demo');
    // The demo's notice and its stored deadlines agree: summaries by 5月29日.
    expect(demo).toMatchObject({ summaryDueOn: '2026-05-29', plansDueOn: '2026-05-08' });

    await page.goto(`${server.url}/console/campaigns/${demo.id}`);
    const number = page.getByLabel('Document number', { exact: true });
    await expect.poll(() => number.inputValue()).toBe('演政办发〔2026〕12号');
    await number.fill(NUMBER);
    await page.getByLabel('Notice title', { exact: true }).fill(TITLE);
    await page.getByLabel('Plans due on', { exact: true }).fill('2026-05-11');
    await page.getByTestId('campaign-save').click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const saved = await getJson<Campaign>(`/campaigns/${demo.id}`);
    expect(saved).toMatchObject({ documentNumber: NUMBER, noticeTitle: TITLE, plansDueOn: '2026-05-11' });

    await page.locator('#notice-attachment-file').setInputFiles({
      name: 'plan-template.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.getByRole('button', { name: 'Upload attachment' }).click();
    await page.getByTestId('notice-attachments').getByRole('link', { name: 'plan-template.pdf' }).waitFor();
    await page.getByRole('heading', { name: 'Attachments to the notice' }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'console-notice-phone-en');
  });

  it("is shown on the portal's campaign page as a document with its files", async () => {
    await page.goto(`${server.url}/c/demo?lang=en-US`);
    const notice = page.locator('.notice-document');
    await notice.getByRole('heading', { name: 'The notice' }).waitFor();
    await notice.getByRole('definition').filter({ hasText: NUMBER }).waitFor();
    await notice.getByText('Plans due').waitFor();
    await notice.getByText('11 May 2026').waitFor();
    await notice.getByText('29 May 2026').waitFor();
    const link = notice.getByRole('link', { name: 'plan-template.pdf' });
    const href = await link.getAttribute('href');
    const download = await page.request.get(`${server.url}${href}`);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    await notice.getByText('Full text (in Chinese)').click();
    await notice.getByRole('heading', { name: TITLE }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-notice-phone-en');
    await notice.screenshot({ path: path.join(SCREENSHOTS, 'portal-notice-document-phone-en.png') });
    // The same document as the office reads it, in Chinese.
    await page.goto(`${server.url}/c/demo?lang=zh-CN`);
    await page.locator('.notice-document').getByText('通知全文').click();
    await page.locator('.notice-document').getByRole('heading', { name: TITLE }).waitFor();
    await expectAccessible(page);
    await page
      .locator('.notice-document')
      .screenshot({ path: path.join(SCREENSHOTS, 'portal-notice-document-phone-zh.png') });
  });

  it('tells a citizen asking after the day that the question is a later one', async () => {
    await page.goto(`${server.url}/c/demo/ask?lang=en-US`);
    const later = page.locator('#ask-later');
    await later.waitFor();
    expect(await later.textContent()).toContain('This open day ended on 31 May 2026');
    expect(await later.textContent()).toContain('later question');
    await expectAccessible(page);
    await screenshot(page, 'portal-ask-later-phone-en');

    // Asked anyway: accepted, with its tracking code, and said to be a later question.
    const before = await getJson<{ totals: { consultations: number; laterQuestions: number } }>(
      `/campaigns/${demo.id}/statistics`,
    );
    await page.getByLabel('Who should answer').selectOption({ index: 1 });
    await page.getByLabel('Your question').fill('Is the heating subsidy still paid after the open day?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#tracking-code').waitFor();
    await page.getByText('your question will be handled as a later question').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'portal-ask-later-done-phone-en');
    const after = await getJson<{ totals: { consultations: number; laterQuestions: number } }>(
      `/campaigns/${demo.id}/statistics`,
    );
    expect(after.totals.consultations).toBe(before.totals.consultations);
    expect(after.totals.laterQuestions).toBe(before.totals.laterQuestions + 1);
  });
});
