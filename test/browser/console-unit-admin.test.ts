import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The unit admin's day before the day, in the built console: the plan (leader, a site, a desk with
 * its topics, filed), a publicity item, a photo (stored resized and without its GPS position), and
 * the unit's records.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const PASSWORD = 'openday-demo-2026';

const accessibility = () => accessibilityViolations(page);

interface Plan {
  leaderName: string | null;
  filedAt: string | null;
  sites: { name: string; desks: { name: string; topics: string[] }[] }[];
}

let campaignId = '';
let unitId = '';

/** A camera-sized JPEG carrying an EXIF block with a GPS position (as phones write it). */
async function cameraJpeg(): Promise<Buffer> {
  const plain = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#b22222' } })
    .jpeg()
    .toBuffer();
  const tiff = Buffer.alloc(56);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10); // GPSInfo → the GPS IFD at 26
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt16BE(1, 26);
  tiff.writeUInt16BE(0x0001, 28); // GPSLatitudeRef "N"
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 34, 'ascii');
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([plain.subarray(0, 2), header, body, plain.subarray(2)]);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const plan = async (): Promise<Plan> =>
  (await (await page.request.get(`${server.url}/api/v1/campaigns/${campaignId}/units/${unitId}/plan`)).json()) as Plan;

describe('staff console: the unit admin', () => {
  it('signs in and opens the unit’s plan', async () => {
    await page.goto(`${server.url}/console/login`);
    await page.getByLabel('用户名').fill('heating-admin');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: '本单位' }).click();
    await page.waitForURL(/\/console\/unit/);
    await page.getByRole('heading', { name: '本单位活动管理' }).waitFor();
    await page.locator('#add-site').waitFor();
    const session = (await (await page.request.get(`${server.url}/api/v1/auth/session`)).json()) as {
      user: { memberships: { unitId: string }[] };
    };
    unitId = session.user.memberships[0]!.unitId;
    const campaign = (await (await page.request.get(`${server.url}/api/v1/campaigns/by-slug/demo`)).json()) as {
      id: string;
    };
    campaignId = campaign.id;
  });

  it('edits the plan: leader, a site, a desk with topics, filed', async () => {
    await page.getByLabel('分管领导姓名').fill('王建国');
    await page.getByLabel('职务', { exact: true }).first().fill('副主任');
    await page.getByLabel('参与工作人员人数').fill('12');
    await page.getByRole('button', { name: '保存方案' }).click();
    await expect.poll(async () => (await plan()).leaderName).toBe('王建国');

    await page.locator('#add-site_name').fill('龙港区政务服务中心广场');
    await page.locator('#add-site_address').fill('龙港区龙湾大街 1 号');
    await page.locator('#add-site_heldOn').fill('2026-05-15');
    await page.locator('#add-site_opensAt').fill('09:00');
    await page.locator('#add-site_closesAt').fill('11:30');
    await page.getByRole('button', { name: '添加地点' }).click();
    const site = page.locator('.ant-card-type-inner', {
      has: page.getByRole('heading', { name: '龙港区政务服务中心广场' }),
    });
    await site.waitFor();

    await site.getByLabel('咨询台名称').fill('供暖咨询台');
    const topics = site.getByLabel('咨询事项');
    await topics.click();
    for (const topic of ['供暖收费', '报修']) {
      await topics.fill(topic);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Escape');
    await site.getByRole('button', { name: '添加咨询台' }).click();
    await site.locator('.ant-list-item', { hasText: '供暖咨询台' }).getByText('供暖收费').waitFor();

    await page.getByRole('checkbox', { name: '已报送组织单位' }).check();
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText(/报送时间/).waitFor();

    const saved = await plan();
    expect(saved.filedAt).not.toBeNull();
    const added = saved.sites.find((s) => s.name === '龙港区政务服务中心广场');
    expect(added?.desks).toEqual([expect.objectContaining({ name: '供暖咨询台', topics: ['供暖收费', '报修'] })]);
    await screenshot(page, 'console-unit-plan');
    expect(await accessibility()).toEqual([]);
  });

  it('adds a publicity item and uploads a photo, stored resized and without its location', async () => {
    await page.getByRole('tab', { name: '宣传与照片' }).click();
    await page.locator('#add-publicity').waitFor();
    await page.locator('#add-publicity_quantity').fill('3');
    await page.locator('#add-publicity_text').fill('推进政务公开 建设法治政府');
    await page.locator('#add-publicity_location').fill('单位正门');
    await page.getByRole('button', { name: '添加宣传' }).click();
    await page.getByRole('cell', { name: '推进政务公开 建设法治政府', exact: true }).waitFor();

    await page.locator('#unit-photo-file').setInputFiles({
      name: 'banner.jpg',
      mimeType: 'image/jpeg',
      buffer: await cameraJpeg(),
    });
    await page.locator('#upload-photo_caption').fill('单位正门横幅');
    await page.getByRole('button', { name: '上传照片' }).click();
    const image = page.getByRole('img', { name: '横幅：单位正门横幅' });
    await image.waitFor();
    await expect.poll(() => page.evaluate('document.querySelector(".unit-photos img").naturalWidth')).toBe(1600);

    const photos = (await (
      await page.request.get(`${server.url}/api/v1/photos?campaignId=${campaignId}&unitId=${unitId}`)
    ).json()) as { items: { imageUrl: string; width: number; height: number }[] };
    expect(photos.items[0]).toMatchObject({ width: 1600, height: 1200 });
    const stored = Buffer.from(await (await page.request.get(`${server.url}${photos.items[0]!.imageUrl}`)).body());
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    // Chosen for the summary: it then shows, with its caption, after section 六.
    const inSummary = page.getByRole('checkbox', { name: '选入总结' });
    await inSummary.click();
    await expect.poll(() => inSummary.isChecked()).toBe(true);
    await expect
      .poll(async () => {
        const listed = (await (
          await page.request.get(`${server.url}/api/v1/photos?campaignId=${campaignId}&unitId=${unitId}`)
        ).json()) as { items: { inSummary: boolean }[] };
        return listed.items[0]!.inSummary;
      })
      .toBe(true);
    await screenshot(page, 'console-unit-publicity');
    expect(await accessibility()).toEqual([]);
  });

  it('lists the unit’s records with filters and an export link', async () => {
    await page.getByRole('tab', { name: '登记记录' }).click();
    await page.locator('#records-filter').waitFor();
    await page.getByText(/已显示 [1-9]/).waitFor();
    const rows = await page.locator('.ant-table-tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThan(0);
    const csv = page.getByRole('link', { name: '导出 CSV' });
    expect(await csv.getAttribute('href')).toContain(`/api/v1/exports/consultations.csv?campaignId=${campaignId}`);
    const exported = await page.request.get(`${server.url}${(await csv.getAttribute('href'))!}`);
    expect(exported.status()).toBe(200);
    await screenshot(page, 'console-unit-records');
    expect(await accessibility()).toEqual([]);
  });
});
