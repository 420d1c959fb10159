import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, PHONE, screenshot, SCREENSHOTS } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The unit admin records a symposium on a phone, in Chinese: its place, chair and participants by
 * category, and an opinion raised there with what became of it; then reads it back in English on a
 * desktop.
 */
let server: RunningServer;
let browser: Browser;
let phone: BrowserContext;
let desktop: BrowserContext;

const PASSWORD = 'openday-demo-2026';
const TITLE = '法律服务进社区座谈会';
const OPINION = '希望在社区设立法律援助联系点';

const accessibility = (page: Page) => accessibilityViolations(page);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  phone = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
});

afterAll(async () => {
  await phone?.close();
  await desktop?.close();
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, labels: { username: string; password: string; login: string; unit: string }) {
  await page.goto(`${server.url}/console/login`);
  await page.getByLabel(labels.username).fill('justice-admin');
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.login }).click();
  await page.getByRole('link', { name: labels.unit }).click();
  await page.waitForURL(/\/console\/unit/);
  await page.locator('#meeting_title').waitFor();
}

/** Picks an option of an AntD select by its label. */
async function choose(page: Page, select: ReturnType<Page['getByLabel']>, option: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

interface Plan {
  meetings: {
    title: string;
    kind: string;
    chair: string | null;
    participantCount: number | null;
    participantCategories: Record<string, number>;
    opinions: {
      text: string;
      raisedBy: string | null;
      outcome: string;
      response: string;
      caseId: string | null;
      consultationId: string | null;
    }[];
  }[];
}

describe('staff console: meetings with outcomes', () => {
  it('records a symposium with an opinion on a phone, in Chinese', async () => {
    const page = await phone.newPage();
    await signIn(page, { username: '用户名', password: '密码', login: '登录', unit: '本单位' });

    await choose(page, page.locator('#meeting_kind'), '座谈会');
    await page.locator('#meeting_heldOn').fill('2026-05-15');
    await page.locator('#meeting_title').fill(TITLE);
    await page.locator('#meeting_location').fill('区司法局三楼会议室');
    await page.locator('#meeting_chair').fill('高文');
    await page.locator('#meeting_participantCount').fill('20');
    await page.locator('#meeting_categories_residents').fill('12');
    await page.locator('#meeting_categories_media').fill('2');
    await page.getByRole('button', { name: '添加会议' }).click();

    const card = page.getByTestId('meeting').filter({ has: page.getByRole('heading', { name: TITLE }) });
    await card.getByText('参加20人', { exact: true }).waitFor();
    await card.getByText('群众代表 12', { exact: true }).waitFor();
    await card.getByRole('button', { name: `记录意见建议: ${TITLE}` }).click();
    await card.getByLabel('意见建议内容').fill(OPINION);
    await choose(page, card.getByLabel('提出人类别'), '群众代表');
    await choose(page, card.getByLabel('办理情况'), '转办');
    // The case it became: one of the unit's cases, found in the picker by its reference as staff see it.
    const target = await unitCase(page);
    await search(page, card.getByLabel('转办办件编号'), target.reference, '/api/v1/cases?');
    // The list shows the search's one answer (not the unfiltered list it replaces) before it is clicked.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining(target.reference)]);
    await options.filter({ hasText: target.reference }).click();
    // The choice shows as the case's reference before the opinion is saved.
    await card.getByTitle(new RegExp(`^${target.reference} `)).waitFor();
    await card.getByLabel('答复或办理说明').fill('转区法律援助中心研究落实');
    await card.getByRole('button', { name: '添加意见建议' }).click();
    await card.getByTestId('opinion-figures').getByText('意见建议1条，当场答复0条，转办1条').waitFor();
    await card.getByText(`已转为办件 ${target.reference}`, { exact: true }).waitFor();

    // Changed in its own dialog: the question it was also recorded as, found by words of the question.
    await card.getByRole('button', { name: `修改 ${OPINION}` }).click();
    const opinionDialog = page.getByRole('dialog', { name: '修改 · 意见建议内容' });
    await expect.poll(() => opinionDialog.getByLabel('意见建议内容').inputValue()).toBe(OPINION);
    await opinionDialog.getByText(target.reference).waitFor();
    await search(page, opinionDialog.getByLabel('关联咨询记录'), target.question.slice(0, 6), '/api/v1/consultations?');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: target.reference })
      .first()
      .click();
    await expect
      .poll(() =>
        opinionDialog
          .getByText(new RegExp(`^${target.reference} `))
          .filter({ visible: true })
          .count(),
      )
      .toBe(2);
    await opinionDialog.getByText(target.question.slice(0, 20)).first().waitFor();
    await opinionDialog.screenshot({ path: `${SCREENSHOTS}/console-meetings-opinion-dialog-phone-zh.png` });
    expect(await accessibility(page)).toEqual([]);
    await opinionDialog.getByRole('button', { name: '保存' }).click();
    await opinionDialog.waitFor({ state: 'hidden' });
    await card
      .getByTestId('opinion-consultation')
      .getByText(`已登记为咨询（${target.reference}）`, { exact: false })
      .waitFor();

    // Edited in place: more came than first counted.
    await card.getByRole('button', { name: `修改 ${TITLE}` }).click();
    const dialog = page.getByRole('dialog', { name: `修改 · ${TITLE}` });
    const form = await dialog.locator('form').getAttribute('id');
    await expect.poll(() => dialog.locator(`#${form}_title`).inputValue()).toBe(TITLE);
    await dialog.locator(`#${form}_participantCount`).fill('25');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('参加25人', { exact: true }).waitFor();

    const plan = (await (
      await page.request.get(
        `${server.url}/api/v1/campaigns/${await campaignId(page)}/units/${await unitId(page)}/plan`,
      )
    ).json()) as Plan;
    const meeting = plan.meetings.find((m) => m.title === TITLE)!;
    expect(meeting).toMatchObject({
      kind: 'symposium',
      chair: '高文',
      participantCount: 25,
      participantCategories: { residents: 12, media: 2 },
      opinions: [
        {
          text: OPINION,
          raisedBy: 'residents',
          outcome: 'transferred',
          response: '转区法律援助中心研究落实',
          caseId: target.id,
          consultationId: target.consultationId,
        },
      ],
    });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-meetings-phone-zh');
    await card.screenshot({ path: `${SCREENSHOTS}/console-meetings-phone-zh-card.png` });
    expect(await accessibility(page)).toEqual([]);
  });

  it('reads it back in English on a desktop', async () => {
    const page = await desktop.newPage();
    await page.goto(`${server.url}/console/login`);
    await page.evaluate(`localStorage.setItem('openday.locale', 'en-US')`);
    await signIn(page, { username: 'Username', password: 'Password', login: 'Sign in', unit: 'My unit' });
    const card = page.getByTestId('meeting').filter({ has: page.getByRole('heading', { name: TITLE }) });
    await card.getByText('Symposium', { exact: true }).waitFor();
    await card.getByText('Participants: 25', { exact: true }).waitFor();
    await card.getByText('Residents or villagers 12', { exact: true }).waitFor();
    await card.getByText('Media 2', { exact: true }).waitFor();
    await expect
      .poll(async () => card.getByTestId('opinion-figures').textContent())
      .toBe('Opinions: 1; answered on the spot: 0; transferred: 1');
    await card.getByText(OPINION).waitFor();
    await card.getByText('Residents or villagers', { exact: true }).waitFor();
    await card.getByText('Transferred', { exact: true }).waitFor();
    await card.getByText(/^Transferred as case K-[0-9A-F]{8}$/).waitFor();
    await card
      .getByTestId('opinion-consultation')
      .getByText(/^Recorded as a question \(K-[0-9A-F]{8}\): /)
      .waitFor();
    // Its dialog in English, with both links shown by their reference.
    await card.getByRole('button', { name: `Edit ${OPINION}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit · Opinion' });
    await expect.poll(() => dialog.getByLabel('Opinion', { exact: true }).inputValue()).toBe(OPINION);
    await dialog.getByLabel('Transferred as case').waitFor();
    await dialog.getByLabel('Recorded as the question').waitFor();
    await expect
      .poll(() =>
        dialog
          .getByText(/^K-[0-9A-F]{8} /)
          .filter({ visible: true })
          .count(),
      )
      .toBe(2);
    await dialog.screenshot({ path: `${SCREENSHOTS}/console-meetings-opinion-dialog-desktop-en.png` });
    expect(await accessibility(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-meetings-desktop-en');
    await card.screenshot({ path: `${SCREENSHOTS}/console-meetings-desktop-en-card.png` });
    expect(await accessibility(page)).toEqual([]);
  });

  it('states the opinion and what became of it in the summary preview', async () => {
    // The phone's session, still signed in, in Chinese.
    const page = await phone.newPage();
    await page.goto(`${server.url}/console/unit#summary`);
    const generate = page.getByRole('button', { name: /^(生成总结|按最新记录重新生成)$/ });
    await generate.first().click();
    await page.getByText('已按最新记录生成总结').first().waitFor();
    const frame = page.frameLocator('iframe.summary-preview');
    const paragraph = frame.locator('p', { hasText: `在${TITLE}上收集意见建议` });
    await expect
      .poll(async () => (await paragraph.count()) && (await paragraph.first().textContent())?.replace(/\s+/g, ''))
      .toContain(`在${TITLE}上收集意见建议1条，其中1条转办：“${OPINION}”（转办）。`);
    await paragraph.first().scrollIntoViewIfNeeded();
    await paragraph.first().screenshot({ path: `${SCREENSHOTS}/console-meetings-summary-preview-phone-zh.png` });
  });
});

/** Types into a picker's search and waits for the server's answer to it, so the options are the results. */
async function search(page: Page, select: ReturnType<Page['getByLabel']>, words: string, path: string) {
  const answered = page.waitForResponse(
    (r) => r.url().includes(path) && r.url().includes(`q=${encodeURIComponent(words)}`) && r.ok(),
  );
  await select.fill(words);
  await answered;
}

/** A case of the signed-in admin's unit in the demo campaign, as staff see it. */
async function unitCase(page: Page) {
  const cases = (await (
    await page.request.get(
      `${server.url}/api/v1/cases?campaignId=${await campaignId(page)}&unitId=${await unitId(page)}&limit=1`,
    )
  ).json()) as { items: { id: string; reference: string; question: string; consultationId: string }[] };
  expect(cases.items.length).toBe(1);
  return cases.items[0]!;
}

async function campaignId(page: Page): Promise<string> {
  const campaign = (await (await page.request.get(`${server.url}/api/v1/campaigns/by-slug/demo`)).json()) as {
    id: string;
  };
  return campaign.id;
}

async function unitId(page: Page): Promise<string> {
  const session = (await (await page.request.get(`${server.url}/api/v1/auth/session`)).json()) as {
    user: { memberships: { unitId: string }[] };
  };
  return session.user.memberships[0]!.unitId;
}
