import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/data.ts';
import { checkAccessibility, launchBrowser, measureScriptBytes, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The public portal in a real browser on a phone: every page reachable from the home page passes
 * axe's WCAG 2.1 A/AA rules and stays under the JavaScript budget; a citizen asks, tracks and
 * rates with JavaScript off; stored markup stays text.
 */
const JS_BUDGET_BYTES = 50 * 1024;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in to the API as a demo account, for the staff side of a story. */
async function staff(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  return {
    send,
    /**
     * The id of the newest case asking `question`, among the cases this account reads: staff never
     * see the citizen's tracking code, so they find a case by what was asked.
     */
    async caseIdOf(question: string): Promise<string> {
      let cursor: string | null = null;
      let newest: string | undefined;
      do {
        const page = await send('GET', `/api/v1/cases?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
        const items = page.json.items as { id: string; question: string }[];
        for (const c of items) if (c.question === question && (!newest || c.id > newest)) newest = c.id;
        cursor = page.json.nextCursor as string | null;
      } while (cursor);
      if (!newest) throw new Error(`no case asking ${question}`);
      return newest;
    },
  };
}

/** Asks through the portal's form as a citizen would, and answers the tracking code shown. */
async function askOnPortal(page: Page, text: string): Promise<string> {
  await page.goto(`${server.url}/c/demo`);
  await page.getByRole('link', { name: '在线咨询' }).click();
  await page.getByLabel('向谁咨询').selectOption({ label: '供暖' });
  await page.getByLabel('您的问题').fill(text);
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForSelector('#tracking-code');
  return (await page.textContent('#tracking-code'))!.trim();
}

describe('public portal in Chromium', () => {
  it('passes axe (WCAG 2.1 A/AA) and the JavaScript budget on every page reachable from home', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    const origin = new URL(server.url).origin;
    const queue = ['/', '/?lang=en-US'];
    const seen = new Set<string>();
    const report: { url: string; violations: string[]; scriptBytes: number; lang: string | null }[] = [];
    const shot = new Set<string>();
    while (queue.length && seen.size < 200) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const response = await page.goto(`${origin}${next}`);
      expect(response?.status(), next).toBeLessThan(400);
      const violations = await checkAccessibility(page);
      const scriptBytes = await measureScriptBytes(page);
      const lang = await page.getAttribute('html', 'lang');
      report.push({
        url: next,
        violations: violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        scriptBytes,
        lang,
      });
      // One screenshot per kind of page: ids vary from run to run.
      const kind =
        next === '/' || next.startsWith('/?')
          ? '-home'
          : next.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'id').replace(/\?.*$/, '');
      if (!shot.has(kind)) {
        shot.add(kind);
        await screenshot(page, `portal${kind}`);
      }
      if (next === '/?lang=en-US') await screenshot(page, 'portal-home-en');
      const links = (await page.evaluate("[...document.querySelectorAll('a[href]')].map((a) => a.href)")) as string[];
      for (const href of links) {
        const url = new URL(href);
        if (url.origin !== origin) continue;
        if (!(url.pathname === '/' || url.pathname.startsWith('/c/') || url.pathname === '/track')) continue;
        // One language switch is enough: the English home page is walked above.
        url.searchParams.delete('lang');
        const path = `${url.pathname}${url.search}`;
        if (!seen.has(path)) queue.push(path);
      }
    }
    await context.close();
    expect(report.length).toBeGreaterThan(8);
    for (const entry of report) {
      expect(entry.violations, entry.url).toEqual([]);
      expect(entry.scriptBytes, entry.url).toBeLessThan(JS_BUDGET_BYTES);
      expect(['zh-CN', 'en-US'], entry.url).toContain(entry.lang);
    }
    expect(report.find((r) => r.url === '/?lang=en-US')?.lang).toBe('en-US');
  });

  it('lets a citizen ask, track and rate with JavaScript off', async () => {
    const context: BrowserContext = await browser.newContext({ ...PHONE, javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    const code = await askOnPortal(page, '供暖期室温只有16度，怎么报修？');
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(page, 'portal-ask-done');
    // The answer is a page of its own (post/redirect/get): reloading it sends nothing again, and
    // Back returns to the form, not to a browser's "resend the form?" page.
    const answerUrl = page.url();
    expect(answerUrl).toContain('/ask?asked=');
    await page.reload();
    expect((await page.textContent('#tracking-code'))!.trim()).toBe(code);
    await page.goBack();
    await page.getByLabel('您的问题').waitFor();
    await page.goForward();
    expect((await page.textContent('#tracking-code'))!.trim()).toBe(code);

    await page.getByRole('link', { name: '查询办理进度' }).click();
    await expect.poll(() => page.textContent('main')).toContain('办理中');
    expect(await page.locator('input[name="rating"]').count()).toBe(0);

    const responder = await staff('heating-responder');
    const caseId = await responder.caseIdOf('供暖期室温只有16度，怎么报修？');
    const replied = await responder.send('POST', `/api/v1/cases/${caseId}/reply`, {
      reply: '已安排维修人员明天上门测温。',
    });
    expect(replied.status).toBe(200);

    await page.goto(`${server.url}/track`);
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.textContent('main')).toContain('已安排维修人员明天上门测温。');
    await screenshot(page, 'portal-track-replied');
    await page.getByLabel('满意', { exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.textContent('main')).toContain('感谢您的评价');
    expect(await page.textContent('main')).toContain('您的评价：满意');
    await screenshot(page, 'portal-track-rated');

    // Works by keyboard as well: the skip link is the first stop and takes focus to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.className')).toBe('skip-link');
    await context.close();
  });

  it('renders a stored script inert in the public Q&A', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const payload = '<script>alert(1)</script>';
    await askOnPortal(page, `${payload}暖气费怎么交？`);
    const admin = await staff('heating-admin');
    const caseId = await admin.caseIdOf(`${payload}暖气费怎么交？`);
    expect(
      (await admin.send('POST', `/api/v1/cases/${caseId}/reply`, { reply: '可在营业厅或网上缴纳。' })).status,
    ).toBe(200);
    const published = await admin.send('POST', `/api/v1/cases/${caseId}/publish`, {
      publicQuestion: `${payload}暖气费怎么交？`,
      publicAnswer: '<img src=x onerror="alert(2)">可在营业厅或网上缴纳。',
    });
    expect(published.status).toBe(200);
    await page.goto(`${server.url}/c/demo/qa?q=${encodeURIComponent('暖气费')}`);
    await expect.poll(() => page.textContent('main')).toContain(`${payload}暖气费怎么交？`);
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.locator('main img').count()).toBe(0);
    await screenshot(page, 'portal-qa-inert');
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
