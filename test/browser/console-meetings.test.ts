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
    opinions: { text: string; raisedBy: string | null; outcome: string; response: string; caseId: string | null }[];
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
    // The case it became: one of the unit's cases, found in the picker by its reference.
    await choose(page, card.getByLabel('转办办件编号'), 'K-');
    await card.getByLabel('答复或办理说明').fill('转区法律援助中心研究落实');
    await card.getByRole('button', { name: '添加意见建议' }).click();
    await card.getByTestId('opinion-figures').getByText('意见建议1条，当场答复0条，转办1条').waitFor();
    await card.getByText(/^已转为办件 K-[0-9A-F]{8}$/).waitFor();

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
        { text: OPINION, raisedBy: 'residents', outcome: 'transferred', response: '转区法律援助中心研究落实' },
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
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-meetings-desktop-en');
    await card.screenshot({ path: `${SCREENSHOTS}/console-meetings-desktop-en-card.png` });
    expect(await accessibility(page)).toEqual([]);
  });
});

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
