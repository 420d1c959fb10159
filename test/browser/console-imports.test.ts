import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, openSignedIn, PHONE, screenshot } from './browser.ts';
import { setStage } from './stage.ts';

/**
 * Importing a filled-in visit record form in the unit admin's console: on a phone in Chinese, a
 * file with two bad rows is refused with each bad cell listed in Chinese and nothing stored; the
 * corrected file lands and is listed. On a desktop in English, the same file again adds nothing,
 * and a file whose header row is not the form's is refused naming the column.
 */
const stage = setStage();

const PASSWORD = 'openday-demo-2026';
const HEADER = '序号,日期,时间,咨询台,渠道,咨询事项,问题,答复,处理方式,评价,姓名,电话,同意保留联系方式';
const QUESTIONS = ['补录：老旧小区暖气何时改造？', '补录：供暖费能否线上缴纳？', '补录：停暖报修打哪个电话？'];

function form(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return {
    name: '来访登记表-补录.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`),
  };
}

const GOOD = [
  `1,2026-05-15,09:10,,现场,供暖,${QUESTIONS[0]},已列入明年计划,当场答复,满意,,,`,
  `2,2026-05-15,09:40,,现场,供暖,${QUESTIONS[1]},可通过公众号缴纳,当场答复,非常满意,,,`,
  `3,2026-05-15,10:05,,热线,供暖,${QUESTIONS[2]},拨打供热服务热线,当场答复,满意,,,`,
];
// Row 3 of the sheet has an impossible date; row 4 a phone that is no phone.
const BAD = [GOOD[0]!, GOOD[1]!.replace('2026-05-15', '2026-05-32'), GOOD[2]!.replace(',,,', ',王女士,138-abc,是')];

async function openImports(page: Page, tab: string) {
  await page.goto(`${stage.server.url}/console/unit`);
  await page.getByRole('tab', { name: tab }).click();
  await page.locator('#import-file').waitFor();
}

/** How many of the form's questions the unit's records hold. */
async function imported(page: Page): Promise<number> {
  const response = await page.request.get(
    `${stage.server.url}/api/v1/consultations?q=${encodeURIComponent('补录')}&limit=50`,
  );
  const { items } = (await response.json()) as { items: { question: string }[] };
  return items.filter((item) => QUESTIONS.includes(item.question)).length;
}

describe('importing a filled-in form in the console', () => {
  it('refuses a file with bad rows, listing each in Chinese, then imports the corrected one (phone, Chinese)', async () => {
    const page = await openSignedIn(
      stage.browser,
      stage.contexts,
      stage.server.url,
      { ...PHONE, locale: 'zh-CN' },
      'heating-admin',
      PASSWORD,
    );
    await openImports(page, '导入登记表');
    // The empty template, in the reader's language.
    const template = page.getByRole('link', { name: '下载 XLSX 模板' });
    const href = await template.getAttribute('href');
    expect(href).toContain('kind=consultations');
    expect(href).toContain('lang=zh-CN');
    const download = await page.request.get(`${stage.server.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');

    await page.locator('#import-file').setInputFiles(form(BAD));
    await page.getByRole('button', { name: '上传并导入' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '2 行有误，未导入任何内容' });
    await refused.waitFor();
    const rows = page.getByRole('row');
    await rows.filter({ hasText: '2026-05-32' }).filter({ hasText: '不是日期，应如 2026-05-15' }).waitFor();
    await rows.filter({ hasText: '138-abc' }).filter({ hasText: '不是电话号码' }).waitFor();
    expect(await imported(page)).toBe(0);
    await screenshot(page, 'console-imports-refused-phone-zh');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.locator('#import-file').setInputFiles(form(GOOD));
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByRole('status').filter({ hasText: '已导入 3 行' }).waitFor();
    expect(await imported(page)).toBe(3);
    // The history lists the file that landed.
    await page.getByRole('row').filter({ hasText: '来访登记表-补录.csv' }).filter({ hasText: '来访登记表' }).waitFor();
    await screenshot(page, 'console-imports-landed-phone-zh');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('adds nothing for the same file again, and names a column that is not the form’s (desktop, English)', async () => {
    const page = await openSignedIn(
      stage.browser,
      stage.contexts,
      stage.server.url,
      { viewport: { width: 1366, height: 900 }, locale: 'en-US' },
      'heating-admin',
      PASSWORD,
    );
    await openImports(page, 'Import forms');
    await page
      .getByRole('row')
      .filter({ hasText: '来访登记表-补录.csv' })
      .filter({ hasText: 'Visit records' })
      .waitFor();

    await page.locator('#import-file').setInputFiles(form(GOOD));
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.getByRole('status').filter({ hasText: 'was imported before' }).waitFor();
    expect(await imported(page)).toBe(3);

    await page.locator('#import-file').setInputFiles({
      name: 'mood.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('序号,日期,心情\r\n1,2026-05-15,好\r\n'),
    });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.getByRole('heading', { name: 'mood.csv (Visit records) was not imported' }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '心情' })
      .filter({ hasText: 'is not a column of the Visit records form' })
      .waitFor();
    await screenshot(page, 'console-imports-desktop-en');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
  it('lets the organizer import a unit’s materials form from the campaign’s progress (desktop, Chinese)', async () => {
    const page = await openSignedIn(
      stage.browser,
      stage.contexts,
      stage.server.url,
      { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' },
      'organizer',
      PASSWORD,
    );
    const campaign = (await (await page.request.get(`${stage.server.url}/api/v1/campaigns/by-slug/demo`)).json()) as {
      id: string;
    };
    await page.goto(`${stage.server.url}/console/campaigns/${campaign.id}/progress`);
    await page.getByRole('button', { name: '导入登记表: 葫芦岛市供热办公室' }).click();
    const dialog = page.getByRole('dialog', { name: '为葫芦岛市供热办公室导入登记表' });
    // What the unit's admin imported is listed here too.
    await dialog.getByRole('row').filter({ hasText: '来访登记表-补录.csv' }).waitFor();
    await dialog.locator('#import-kind').click();
    await page.locator('.ant-select-item-option[title="宣传资料登记表"]').click();
    await dialog.locator('#import-file').setInputFiles({
      name: '宣传资料.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('名称,类别,印数,发放数量\r\n供暖政策明白纸,手册,500,420\r\n'),
    });
    await dialog.getByRole('button', { name: '上传并导入' }).click();
    await dialog.getByRole('status').filter({ hasText: '宣传资料.csv（宣传资料登记表）已导入 1 行' }).waitFor();
    const materials = (await (
      await page.request.get(`${stage.server.url}/api/v1/materials?campaignId=${campaign.id}&limit=100`)
    ).json()) as { items: { title: string; printRun: number | null; distributed: number | null }[] };
    expect(materials.items.filter((m) => m.title === '供暖政策明白纸')).toEqual([
      expect.objectContaining({ printRun: 500, distributed: 420 }),
    ]);
    await screenshot(page, 'console-imports-organizer-zh');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
