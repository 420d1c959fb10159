import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, PHONE, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * A first run without the demo, in the console alone: the server started with --no-demo prints a
 * set-up code; the first-run screen takes it with the root region, the office and the first
 * organizer; the organizer adds a city, a bureau and its accounts under 机构与账号, then a campaign
 * with the bureau; the bureau's admin plans a site and a desk; its desk staff records a question
 * on a phone, and the campaign counts it.
 */
let server: RunningServer;
let browser: Browser;
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'zh-CN' };
const contexts: BrowserContext[] = [];
let page: Page;

const PASSWORD = 'kx7-Fjord-Lantern-42';
const accessibility = (target: Page = page) => accessibilityViolations(target);

/** Picks an option of an AntD select found by its label. */
async function choose(target: Page, label: string, option: string) {
  await target.getByRole('combobox', { name: label, exact: true }).click();
  await target.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  await expect.poll(() => target.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Signs in, in a browser context of its own (its own session cookie). */
async function signIn(options: BrowserContextOptions, username: string): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const signedIn = await context.newPage();
  await signedIn.goto(`${server.url}/console/login`);
  const english = options.locale === 'en-US';
  await signedIn.getByLabel(english ? 'Username' : '用户名').fill(username);
  await signedIn.getByLabel(english ? 'Password' : '密码').fill(PASSWORD);
  await signedIn.getByRole('button', { name: english ? 'Sign in' : '登录' }).click();
  await signedIn.waitForURL((url) => !url.pathname.endsWith('/login'));
  return signedIn;
}

beforeAll(async () => {
  server = await startServer({}, ['--no-demo']);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe('a first run without the demo, in the console alone', () => {
  it('shows the first-run screen in English on a phone, without accessibility violations', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-US' });
    contexts.push(context);
    const english = await context.newPage();
    await english.goto(`${server.url}/console/`);
    await english.getByRole('heading', { name: 'First run: set up' }).waitFor();
    await english.getByLabel('Set-up code').waitFor();
    expect(await accessibility(english)).toEqual([]);
    await screenshot(english, 'console-first-run-phone-en');
  });

  it('shows the first-run screen, refuses a wrong code and sets up with the printed one', async () => {
    const code = /set-up code ([0-9A-Z]{5}-[0-9A-Z]{5})/.exec(server.output())?.[1];
    expect(code, server.output()).toBeTruthy();
    const office = await browser.newContext(DESKTOP);
    contexts.push(office);
    page = await office.newPage();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: '首次使用：初始化' }).waitFor();
    await page.getByLabel('初始化码').fill('AAAAA-AAAAA');
    const section = (name: string) => page.locator('form').getByLabel(name, { exact: true });
    await section('名称').first().fill('辽宁省');
    await page.getByLabel('区划代码').fill('210000');
    await page.locator('form').getByLabel('名称', { exact: true }).nth(1).fill('辽宁省政务公开办公室');
    await page.getByLabel('姓名').fill('李明');
    await page.getByLabel('用户名').fill('first-organizer');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '初始化' }).click();
    await page.getByRole('alert').getByText('初始化码不正确：请核对服务器启动时输出的初始化码。').waitFor();
    expect(await accessibility()).toEqual([]);
    await page.getByLabel('初始化码').fill(code!.toLowerCase());
    await screenshot(page, 'console-first-run');
    await page.getByRole('button', { name: '初始化' }).click();
    await page.getByText('初始化完成，请以 first-organizer 登录。').waitFor();
    await page.getByLabel('用户名').fill('first-organizer');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '机构与账号' }).waitFor();
  });

  it('adds a city, a bureau in it, and the bureau’s admin and desk staff', async () => {
    await page.getByRole('link', { name: '机构与账号' }).click();
    await page.getByRole('heading', { name: '机构与账号', level: 1 }).waitFor();
    await page.getByRole('cell', { name: '辽宁省政务公开办公室', exact: true }).waitFor();

    await page.getByRole('button', { name: '添加区划' }).click();
    const region = page.getByRole('region', { name: '添加区划' });
    await choose(page, '上级区划', '辽宁省');
    await region.getByLabel('名称', { exact: true }).fill('葫芦岛市');
    await region.getByLabel('区划代码').fill('211400');
    await choose(page, '层级', '市');
    await region.getByLabel('英文名称').fill('Huludao');
    await region.getByRole('button', { name: '添加' }).click();
    await page.getByText('已添加区划：葫芦岛市').waitFor();
    await page.getByRole('cell', { name: '葫芦岛市', exact: true }).waitFor();

    await page.getByRole('button', { name: '添加单位' }).click();
    const unit = page.getByRole('region', { name: '添加单位' });
    await unit.getByLabel('名称', { exact: true }).fill('葫芦岛市供热办公室');
    await choose(page, '类别', '部门');
    await choose(page, '所在区划', '葫芦岛市');
    await unit.getByLabel('英文名称').fill('Huludao Municipal Heating Office');
    await unit.getByRole('button', { name: '添加' }).click();
    await page.getByText('已添加单位：葫芦岛市供热办公室').waitFor();

    for (const [name, username, role] of [
      ['王芳', 'heating-admin', '单位管理员'],
      ['赵强', 'heating-desk', '咨询台工作人员'],
    ] as const) {
      await page.getByRole('button', { name: '添加账号' }).click();
      const account = page.getByRole('region', { name: '添加账号' });
      await account.getByLabel('姓名').fill(name);
      await account.getByLabel('用户名').fill(username);
      await account.getByLabel('初始密码').fill(PASSWORD);
      await choose(page, '角色', role);
      await choose(page, '单位', '葫芦岛市供热办公室');
      if (username === 'heating-desk') {
        await screenshot(page, 'console-directory-add-account');
        expect(await accessibility()).toEqual([]);
      }
      await account.getByRole('button', { name: '添加' }).click();
      await page.getByText(`已添加账号：${name}`).waitFor();
    }
    await page.getByRole('cell', { name: '咨询台工作人员 · 葫芦岛市供热办公室' }).waitFor();
    await screenshot(page, 'console-directory');
  });

  it('lists them in English on a phone, without accessibility violations', async () => {
    const english = await signIn({ ...PHONE, locale: 'en-US' }, 'first-organizer');
    await english.goto(`${server.url}/console/directory`);
    await english.getByRole('heading', { name: 'Units & accounts', level: 1 }).waitFor();
    await english.getByRole('cell', { name: 'Desk staff · 葫芦岛市供热办公室' }).waitFor();
    await english.getByRole('button', { name: 'Add a unit' }).click();
    await english.getByRole('region', { name: 'Add a unit' }).getByLabel('Kind').waitFor();
    expect(await accessibility(english)).toEqual([]);
    await screenshot(english, 'console-directory-phone-en');
  });

  it('creates a campaign with the bureau', async () => {
    await page.getByRole('link', { name: '活动管理' }).click();
    await page.getByRole('link', { name: '新建活动' }).click();
    await page.waitForURL(/\/console\/campaigns\/new$/);
    const year = new Date().getFullYear() + 1;
    await page.getByLabel('活动名称', { exact: true }).fill(`${year}年政务公开日`);
    await page.getByLabel('活动主题', { exact: true }).fill('公开透明 便民利民');
    await page.getByLabel('活动代号', { exact: true }).fill(`open-day-${year}`);
    await page.getByLabel('公开日', { exact: true }).fill(`${year}-05-15`);
    await page.getByLabel('活动开始日期', { exact: true }).fill(`${year}-05-08`);
    await page.getByLabel('活动结束日期', { exact: true }).fill(`${year}-05-31`);
    await page.getByLabel('总结报送截止日期', { exact: true }).fill(`${year}-06-10`);
    const picker = page.getByRole('combobox', { name: '参与单位' });
    await picker.click();
    await picker.fill('供热');
    await page.locator('.ant-select-item-option', { hasText: '葫芦岛市供热办公室' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('campaign-save').click();
    await page.waitForURL(/\/console\/campaigns\/[0-9a-f-]{36}$/);
  });

  it('the bureau’s admin plans a site and a desk', async () => {
    const admin = await signIn(DESKTOP, 'heating-admin');
    await admin.getByRole('link', { name: '本单位' }).click();
    // A new campaign: the plan is created with its own fields first.
    await admin.getByText('本单位尚未制定本次活动方案。填写下方内容并保存即可创建。').waitFor();
    await admin.getByLabel('分管领导姓名').fill('王建国');
    await admin.getByLabel('职务', { exact: true }).first().fill('副主任');
    await admin.getByLabel('参与工作人员人数').fill('12');
    await admin.getByRole('button', { name: '保存方案' }).click();
    await admin.locator('#add-site').waitFor();
    const year = new Date().getFullYear() + 1;
    await admin.locator('#add-site_name').fill('龙港区政务服务中心广场');
    await admin.locator('#add-site_address').fill('龙港区龙湾大街 1 号');
    await admin.locator('#add-site_heldOn').fill(`${year}-05-15`);
    await admin.locator('#add-site_opensAt').fill('09:00');
    await admin.locator('#add-site_closesAt').fill('11:30');
    await admin.getByRole('button', { name: '添加地点' }).click();
    const site = admin.locator('.ant-card', { has: admin.getByRole('heading', { name: '龙港区政务服务中心广场' }) });
    await site.getByLabel('咨询台名称').fill('供暖咨询台');
    await site.getByRole('button', { name: '添加咨询台' }).click();
    await site.locator('.ant-list-item', { hasText: '供暖咨询台' }).waitFor();
  });

  it('the desk staff records a question on a phone, and the campaign counts it', async () => {
    const desk = await signIn({ ...PHONE, locale: 'zh-CN' }, 'heating-desk');
    await desk.getByRole('link', { name: '咨询登记' }).click();
    await desk.getByRole('button', { name: /供暖咨询台/ }).click();
    await desk.locator('#intake-question').fill('今年供暖什么时候开始收费？');
    await desk.getByTestId('intake-save').click();
    await desk.getByTestId('intake-result').getByText('已保存').waitFor();
    await expect.poll(() => desk.getByTestId('outbox-status').textContent(), { timeout: 60_000 }).toBe('全部已同步');
    await screenshot(desk, 'console-first-run-desk');
    const campaigns = (await (await desk.request.get(`${server.url}/api/v1/campaigns`)).json()) as {
      items: { id: string }[];
    };
    const id = campaigns.items[0]!.id;
    await expect
      .poll(async () => {
        const s = (await (await desk.request.get(`${server.url}/api/v1/campaigns/${id}/statistics`)).json()) as {
          totals: { consultations: number };
        };
        return s.totals.consultations;
      })
      .toBe(1);
  });
});
