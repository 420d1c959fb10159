import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The summary on screen, in the built console on a desktop: the heating office's admin generates
 * it, sees the figures that changed after a new record, writes the unit's own text in Chinese and
 * English, previews the typeset page (styled under its CSP) and submits it; the organizer reminds
 * the units that still owe theirs, opens it from the progress table and returns it with a comment;
 * the unit corrects and resubmits; the organizer approves.
 */
let server: RunningServer;
let browser: Browser;
let adminContext: BrowserContext;
let organizerContext: BrowserContext;
let admin: Page;
let organizer: Page;
let campaignId = '';
let unitId = '';

const PASSWORD = 'openday-demo-2026';
const NEXT_STEPS_ZH = '下一步，我办将把供热咨询纳入常态化服务，每月开展一次进社区活动。';
const NEXT_STEPS_EN = 'Next, the office will make heating advice a regular service, visiting a community every month.';
const CORRECTION_ZH = '同时对超期办件逐件复核，明确整改时限。';
const RETURN_COMMENT = '请补充超期办件的整改措施。';

/** A computed style of an element (as text: the tests compile without the DOM's types). */
const styleOf = (locator: Locator, property: string) =>
  locator.evaluate(
    new Function('element', `return getComputedStyle(element).${property};`) as (element: unknown) => string,
  );

/** axe's WCAG 2.1 A/AA findings on the page at rest (the pointer moved off the button it last pressed). */
const accessibility = async (page: Page) => {
  await page.mouse.move(0, 0);
  return accessibilityViolations(page);
};

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/console/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}

/** The summary as the API answers it to the page's user. */
async function summaryOf(page: Page, lang = 'zh-CN') {
  const response = await page.request.get(
    `${server.url}/api/v1/summaries/campaigns/${campaignId}/units/${unitId}/summary?lang=${lang}`,
  );
  return (await response.json()) as {
    status: string;
    version: number;
    ownText: Record<string, unknown>;
  };
}

/** A new question recorded at the heating office's desk, through the API as the desk would (its own session). */
async function recordQuestion(): Promise<void> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'heating-desk', password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const recorded = await fetch(`${server.url}/api/v1/consultations`, {
    method: 'POST',
    headers: {
      cookie,
      'content-type': 'application/json',
      'x-csrf-token': csrfToken,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      campaignId,
      unitId,
      topic: '供热收费',
      question: '供热费能否分期缴纳？',
      outcome: 'answered_on_spot',
    }),
  });
  expect(recorded.status, await recorded.text()).toBe(201);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  organizerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  admin = await adminContext.newPage();
  organizer = await organizerContext.newPage();
});

afterAll(async () => {
  await adminContext?.close();
  await organizerContext?.close();
  await browser?.close();
  await server?.stop();
});

describe('staff console: the unit summary and its review', () => {
  it('the unit admin generates the summary from the records', async () => {
    await signIn(admin, 'heating-admin');
    const session = (await (await admin.request.get(`${server.url}/api/v1/auth/session`)).json()) as {
      user: { memberships: { unitId: string }[] };
    };
    unitId = session.user.memberships[0]!.unitId;
    campaignId = (
      (await (await admin.request.get(`${server.url}/api/v1/campaigns/by-slug/demo`)).json()) as {
        id: string;
      }
    ).id;

    await admin.goto(`${server.url}/console/unit#summary`);
    await admin.getByText('尚未生成本单位的活动总结').waitFor();
    expect(await accessibility(admin)).toEqual([]);
    await admin.getByRole('button', { name: '生成总结' }).click();
    await admin.getByText('已按最新记录生成总结').first().waitFor();
    await admin.getByTestId('summary-facts').getByText('草稿').waitFor();
    await admin.getByText('这是第一次生成，没有可比较的数字。').waitFor();
    expect((await summaryOf(admin)).version).toBe(1);
  });

  it('shows which figures changed when generated again after a new record', async () => {
    await recordQuestion();
    await admin.getByRole('button', { name: '按最新记录重新生成' }).click();
    const changes = admin.getByTestId('summary-changes');
    await changes.waitFor();
    const row = changes.locator('tr', { hasText: '接待群众（人次）' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(Number(cells[2]!.replace(/,/g, '')) - Number(cells[1]!.replace(/,/g, ''))).toBe(1);
    expect((await summaryOf(admin)).version).toBe(2);
  });

  it('writes the unit’s own text in Chinese and English and previews the typeset page', async () => {
    await admin.locator('#own-text-zh-CN_nextSteps').fill(NEXT_STEPS_ZH);
    await admin.getByRole('button', { name: '保存中文稿' }).click();
    await admin.getByText('中文稿已保存').waitFor();
    await admin.locator('#own-text-en-US_nextSteps').fill(NEXT_STEPS_EN);
    await admin.getByRole('button', { name: '保存英文稿' }).click();
    await admin.getByText('英文稿已保存').waitFor();

    // The English page carries the English text; where the server keeps a text per language, the
    // Chinese page keeps the Chinese one.
    const saved = await summaryOf(admin);
    const perLanguage = 'zh-CN' in saved.ownText;
    const page = async (lang: string) =>
      (
        await admin.request.get(
          `${server.url}/api/v1/summaries/campaigns/${campaignId}/units/${unitId}/summary.html?lang=${lang}`,
        )
      ).text();
    expect(await page('en-US')).toContain(NEXT_STEPS_EN);
    if (perLanguage) expect(await page('zh-CN')).toContain(NEXT_STEPS_ZH);

    // The preview is the server's page, styled by the app's stylesheet under its CSP.
    const frame = admin.frameLocator('iframe.summary-preview');
    await frame.locator('h1').waitFor();
    await expect.poll(() => styleOf(frame.locator('h1'), 'textAlign')).toBe('center');
    expect(await styleOf(frame.locator('p').first(), 'textIndent')).not.toBe('0px');
    const docx = await admin.request.get(
      `${server.url}${await admin.getByRole('link', { name: '下载 Word（DOCX）' }).getAttribute('href')}`,
    );
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toContain('officedocument');
    expect(await accessibility(admin)).toEqual([]);
    await screenshot(admin, 'console-summary-unit-admin');
  });

  it('opens the typeset page on its own, styled, with nothing refused by its CSP', async () => {
    const page = await adminContext.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`${server.url}/api/v1/summaries/campaigns/${campaignId}/units/${unitId}/summary.html?lang=zh-CN`);
    expect(await styleOf(page.locator('h1'), 'textAlign')).toBe('center');
    expect(refused).toEqual([]);
    expect(await accessibility(page)).toEqual([]);
    await screenshot(page, 'summary-page-typeset');
    await page.close();
  });

  it('submits it to the organizer', async () => {
    await admin.getByRole('button', { name: '报送组织单位' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '报送组织单位' }).click();
    await admin.getByText('总结已报送组织单位').waitFor();
    await admin.getByTestId('summary-facts').getByText('已报送，待审核').waitFor();
    expect((await summaryOf(admin)).status).toBe('submitted');
    await admin.getByText('总结已报送，组织单位审核期间不能修改。').waitFor();
  });

  it('the organizer reminds every unit that still owes its summary, in one click', async () => {
    await signIn(organizer, 'organizer');
    await organizer.goto(`${server.url}/console/campaigns/${campaignId}/progress`);
    const remind = organizer.getByRole('button', { name: /一键提醒未报送总结的单位/ });
    await remind.waitFor();
    const progress = (await (
      await organizer.request.get(`${server.url}/api/v1/campaigns/${campaignId}/progress`)
    ).json()) as {
      rows: { unitId: string; summaryOwed: boolean }[];
    };
    const owed = progress.rows.filter((r) => r.summaryOwed).length;
    expect(owed).toBeGreaterThan(0);
    expect(progress.rows.find((r) => r.unitId === unitId)?.summaryOwed).toBe(false);
    await remind.click();
    await organizer
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /一键提醒/ })
      .click();
    await organizer.getByText(`已提醒 ${owed} 个单位`).waitFor();
    expect(await accessibility(organizer)).toEqual([]);
    await screenshot(organizer, 'console-summary-progress');
  });

  it('the organizer opens the summary from the progress table and returns it with a comment', async () => {
    await organizer.getByRole('link', { name: '查看总结: 葫芦岛市供热办公室' }).click();
    await organizer.waitForURL(/\/units\/[0-9a-f-]+\/summary$/);
    await organizer.getByRole('heading', { name: '审核活动总结：葫芦岛市供热办公室' }).waitFor();
    // Returning without a comment is stopped on the screen, saying what to write.
    await organizer.getByRole('button', { name: '退回修改' }).click();
    await organizer.getByText('退回时请填写审核意见').waitFor();
    await organizer.getByLabel('审核意见', { exact: true }).fill(RETURN_COMMENT);
    await organizer.getByRole('button', { name: '退回修改' }).click();
    await organizer.getByText('已退回该单位修改').waitFor();
    await organizer.getByTestId('summary-facts').getByText('已退回修改').waitFor();
    expect((await summaryOf(organizer)).status).toBe('returned');
    expect(await accessibility(organizer)).toEqual([]);
    await screenshot(organizer, 'console-summary-returned');
  });

  it('the unit sees the comment, corrects the text and submits again', async () => {
    await admin.reload();
    await admin.getByText(`组织单位意见：${RETURN_COMMENT}`).waitFor();
    await admin.getByText('总结已被退回').waitFor();
    await admin.locator('#own-text-zh-CN_nextSteps').fill(`${NEXT_STEPS_ZH}${CORRECTION_ZH}`);
    await admin.getByRole('button', { name: '保存中文稿' }).click();
    await admin.getByText('中文稿已保存').waitFor();
    await admin.getByRole('button', { name: '报送组织单位' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '报送组织单位' }).click();
    await admin.getByTestId('summary-facts').getByText('已报送，待审核').waitFor();
  });

  it('a page left open after someone else acted says so in Chinese, with what to do', async () => {
    await organizer.reload();
    await organizer.getByRole('button', { name: '审核通过' }).waitFor();
    // Another organizer's tab returns it meanwhile; this page still offers approve.
    const { csrfToken } = (await (await organizer.request.get(`${server.url}/api/v1/auth/session`)).json()) as {
      csrfToken: string;
    };
    const other = await organizer.request.post(
      `${server.url}/api/v1/summaries/campaigns/${campaignId}/units/${unitId}/summary/return`,
      { headers: { 'x-csrf-token': csrfToken }, data: { comment: '请补充照片。' } },
    );
    expect(other.status()).toBe(200);
    await organizer.getByRole('button', { name: '审核通过' }).click();
    await organizer
      .getByRole('alert')
      .getByText('这条记录刚被其他人修改，状态已经变化。请刷新页面查看最新状态后再操作。')
      .waitFor();
    expect((await summaryOf(organizer)).status).toBe('returned');
    // The unit submits once more.
    await admin.reload();
    await admin.getByRole('button', { name: '报送组织单位' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '报送组织单位' }).click();
    await admin.getByTestId('summary-facts').getByText('已报送，待审核').waitFor();
  });

  it('the organizer approves it', async () => {
    await organizer.reload();
    await organizer.getByRole('button', { name: '审核通过' }).click();
    await organizer.getByText('已审核通过').first().waitFor();
    await organizer.getByTestId('summary-facts').getByText('已审核通过').waitFor();
    expect((await summaryOf(organizer)).status).toBe('approved');
    await screenshot(organizer, 'console-summary-approved');
  });

  it('reads in English, with no accessibility violation', async () => {
    for (const page of [admin, organizer]) {
      await page.evaluate(`localStorage.setItem('openday.locale', 'en-US')`);
      await page.reload();
    }
    await admin.getByTestId('summary-facts').getByText('Approved', { exact: true }).waitFor();
    await admin.getByRole('heading', { name: 'Summary of the day' }).waitFor();
    expect(await accessibility(admin)).toEqual([]);
    await screenshot(admin, 'console-summary-unit-admin-en');
    await organizer.getByRole('heading', { name: /Review the summary: / }).waitFor();
    await organizer.getByText('Only a submitted summary can be reviewed.').waitFor();
    expect(await accessibility(organizer)).toEqual([]);
    await screenshot(organizer, 'console-summary-review-en');
  });
});
