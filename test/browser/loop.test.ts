import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/data.ts';
import { expectAccessible, openSignedIn, PHONE, screenshot } from './browser.ts';
import { setStage } from './stage.ts';

/**
 * The whole loop of the day, on screen, each person in their own browser as they would work:
 * the heating office's desk records a question on a phone with no network and gives the citizen
 * the tracking code there and then; the responder answers it on a phone and publishes it to the
 * Q&A; the citizen finds it in the portal's search with JavaScript off and rates it with a
 * comment; the unit admin generates the summary, writes the unit's text in both languages and
 * submits it; the organizer returns it, the unit corrects and resubmits, the organizer approves;
 * the collection of summaries carries the approved text.
 */
const stage = setStage();

const QUESTION = '老旧小区暖气片不热，能否上门排查？';
const REPLY = '经现场排查，您所在楼栋的供热管网已完成排气，暖气片温度恢复正常。';
const COMMENT = '答复及时，师傅当天就上门了。';
const NEXT_STEPS_ZH = '下一步，我办将对老旧小区供热设施逐栋排查，建立问题台账。';
const NEXT_STEPS_EN =
  'Next, the office will inspect the heating of every old residential building and keep a register.';
const CORRECTION_ZH = '排查结果于六月底前向社会公开。';
const RETURN_COMMENT = '请写明排查结果的公开时间。';

let trackingCode = '';

/** A new context with the user signed in to the console, in Chinese. */
const signedIn = (options: Parameters<Browser['newContext']>[0], username: string) =>
  openSignedIn(
    stage.browser,
    stage.contexts,
    stage.server.url,
    { ...options, locale: 'zh-CN' },
    username,
    DEMO_PASSWORD,
  );

describe('the whole loop of the open day, on screen', () => {
  let desk: Page;
  let responder: Page;
  let admin: Page;
  let organizer: Page;

  it('the desk records a question with no network and gives the tracking code on the spot', async () => {
    desk = await signedIn({ ...PHONE, locale: 'zh-CN' }, 'heating-desk');
    await desk.getByRole('link', { name: '咨询登记' }).click();
    await desk.getByRole('button', { name: /热网有限公司便民服务台/ }).click();
    await desk.locator('#intake-question').waitFor();

    await desk.context().setOffline(true);
    await desk.locator('#intake-question').fill(QUESTION);
    await desk.locator('.ant-radio-button-wrapper', { hasText: '登记后答复' }).click();
    await desk.locator('.ant-radio-button-wrapper', { hasText: '供热质量' }).click();
    await desk.getByTestId('intake-save').click();
    await desk.getByTestId('intake-result').getByText('已存入本机，等待同步').waitFor();
    // The code is the phone's own, shown at once with no network, for the citizen to keep.
    trackingCode = (await desk.getByTestId('tracking-code').textContent())!.trim();
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await expect.poll(() => desk.getByTestId('outbox-status').textContent()).toBe('1 条等待同步');
    await screenshot(desk, 'loop-1-desk-offline-code');
    await expectAccessible(desk);

    // Back online, the outbox sends it on its next try (it backs off while offline).
    await desk.context().setOffline(false);
    await expect.poll(() => desk.getByTestId('outbox-status').textContent(), { timeout: 60_000 }).toBe('全部已同步');
  });

  it('the responder answers it on a phone and publishes it to the Q&A', async () => {
    responder = await signedIn({ ...PHONE, locale: 'zh-CN' }, 'heating-responder');
    await responder.getByRole('link', { name: '办件' }).click();
    await responder.getByRole('heading', { name: '办件' }).waitFor();
    const search = responder.getByRole('searchbox', { name: '按办件编号或文字搜索' });
    await search.fill('暖气片不热');
    await search.press('Enter');
    const card = responder.locator('.ant-card', { hasText: QUESTION });
    await card.waitFor();
    expect(await card.count()).toBe(1);

    await card.getByRole('button', { name: '答复', exact: true }).click();
    const dialog = responder.getByRole('dialog');
    await dialog.getByLabel('答复内容').fill(REPLY);
    await dialog.getByText('同时公开到问答（去除个人信息）').click();
    await dialog.getByRole('button', { name: '生成公开预览' }).click();
    await dialog.getByRole('heading', { name: '公开预览' }).waitFor();
    await dialog.getByText('我已核对，公开内容不含个人信息').click();
    await screenshot(responder, 'loop-2-responder-publish-phone');
    await expectAccessible(responder);
    await dialog.getByRole('button', { name: '答复', exact: true }).click();
    await responder.getByText(/^已公开到问答（/).waitFor();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the citizen finds it in the Q&A with JavaScript off and rates it with a comment', async () => {
    const context = await stage.browser.newContext({ ...PHONE, locale: 'zh-CN', javaScriptEnabled: false });
    stage.contexts.push(context);
    const citizen = await context.newPage();
    await citizen.goto(`${stage.server.url}/c/demo/qa?q=${encodeURIComponent('暖气片 排气')}`);
    await citizen.getByText(REPLY).first().waitFor();
    await screenshot(citizen, 'loop-3-portal-qa');

    await citizen.goto(`${stage.server.url}/track`);
    await citizen.getByLabel('查询码').fill(trackingCode);
    await citizen.getByRole('button', { name: '查询' }).click();
    await citizen.getByText(QUESTION).waitFor();
    await citizen.getByText(REPLY).waitFor();
    await citizen.getByLabel('满意', { exact: true }).check();
    await citizen.getByLabel('评价说明（可不填）').fill(COMMENT);
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => citizen.textContent('main')).toContain('感谢您的评价');
    expect(await citizen.textContent('main')).toContain('您的评价：满意');
    await screenshot(citizen, 'loop-4-portal-rated');
  });

  it('the unit admin generates the summary, writes both languages and submits it', async () => {
    admin = await signedIn({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'heating-admin');
    await admin.goto(`${stage.server.url}/console/unit#summary`);
    await admin.getByRole('button', { name: '生成总结' }).click();
    await admin.getByText('已按最新记录生成总结').first().waitFor();

    await admin.locator('#own-text-zh-CN_nextSteps').fill(NEXT_STEPS_ZH);
    await admin.getByRole('button', { name: '保存中文稿' }).click();
    await admin.getByText('中文稿已保存').waitFor();
    await admin.locator('#own-text-en-US_nextSteps').fill(NEXT_STEPS_EN);
    await admin.getByRole('button', { name: '保存英文稿' }).click();
    await admin.getByText('英文稿已保存').waitFor();
    // Writing the English left the Chinese as it was.
    await expect.poll(() => admin.locator('#own-text-zh-CN_nextSteps').inputValue()).toBe(NEXT_STEPS_ZH);

    await admin.getByRole('button', { name: '报送组织单位' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '报送组织单位' }).click();
    await admin.getByTestId('summary-facts').getByText('已报送，待审核').waitFor();
    await screenshot(admin, 'loop-5-summary-submitted');
    await expectAccessible(admin);
  });

  it('the organizer returns it with a comment; the unit corrects it and submits again', async () => {
    organizer = await signedIn({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, 'organizer');
    const campaign = (await (
      await organizer.request.get(`${stage.server.url}/api/v1/campaigns/by-slug/demo`)
    ).json()) as {
      id: string;
    };
    await organizer.goto(`${stage.server.url}/console/campaigns/${campaign.id}/progress`);
    await organizer.getByRole('link', { name: '查看总结: 葫芦岛市供热办公室' }).click();
    await organizer.getByRole('heading', { name: '审核活动总结：葫芦岛市供热办公室' }).waitFor();
    await organizer.getByLabel('审核意见', { exact: true }).fill(RETURN_COMMENT);
    await organizer.getByRole('button', { name: '退回修改' }).click();
    await organizer.getByTestId('summary-facts').getByText('已退回修改').waitFor();
    await screenshot(organizer, 'loop-6-summary-returned');

    await admin.reload();
    await admin.getByText(`组织单位意见：${RETURN_COMMENT}`).waitFor();
    await admin.locator('#own-text-zh-CN_nextSteps').fill(`${NEXT_STEPS_ZH}${CORRECTION_ZH}`);
    await admin.getByRole('button', { name: '保存中文稿' }).click();
    await admin.getByText('中文稿已保存').waitFor();
    await admin.getByRole('button', { name: '报送组织单位' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '报送组织单位' }).click();
    await admin.getByTestId('summary-facts').getByText('已报送，待审核').waitFor();
    await screenshot(admin, 'loop-7-summary-resubmitted');
  });

  it('the organizer approves it, and the collection of summaries carries it', async () => {
    await organizer.reload();
    await organizer.getByRole('button', { name: '审核通过' }).click();
    await organizer.getByTestId('summary-facts').getByText('已审核通过').waitFor();
    await screenshot(organizer, 'loop-8-summary-approved');

    await organizer.goBack();
    const collection = organizer.getByTestId('collection');
    await collection.getByRole('button', { name: '生成总结汇编' }).click();
    const download = collection.getByRole('link', { name: '下载总结汇编' });
    await download.waitFor({ timeout: 120_000 });
    await screenshot(organizer, 'loop-9-collection');
    await expectAccessible(organizer);

    const file = await organizer.request.get(`${stage.server.url}${await download.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-loop-'));
    try {
      const pdf = path.join(dir, 'collection.pdf');
      fs.writeFileSync(pdf, await file.body());
      // The PDF's text, joined across its lines and pages (the page numbers, "— 10 —", taken out): the
      // approved unit's corrected next steps are in it, wherever a page break falls.
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
        .replace(/\s+/g, '')
        .replace(/—\d+—/g, '');
      expect(text).toContain('葫芦岛市供热办公室');
      expect(text).toContain(`${NEXT_STEPS_ZH}${CORRECTION_ZH}`.replace(/\s+/g, ''));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
