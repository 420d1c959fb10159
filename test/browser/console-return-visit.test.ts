import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/features/demo/data.ts';
import { expectAccessible, openSignedIn, PHONE, screenshot } from './browser.ts';
import { setStage } from './stage.ts';

/**
 * 回访 on screen: the heating office's responder calls a citizen back about a replied case and
 * records the call on a phone; the case keeps it, the unit's figures count it apart from the
 * citizens' own ratings, and the unit's summary states it. Then in English on a desktop.
 */
const stage = setStage();
let campaignId = '';
let unitId = '';
let reference = '';
let caseId = '';

const WORDS = '问题已经解决，感谢回访。';

/** A new context with the responder signed in to the console, in the context's language. */
const open = (options: Parameters<typeof openSignedIn>[3]) =>
  openSignedIn(stage.browser, stage.contexts, stage.server.url, options, 'heating-responder', DEMO_PASSWORD);

/** The unit's figures as the statistics API answers them. */
async function figures(page: Page): Promise<{ returnVisits: number; returnVisitRated: number; rated: number }> {
  const answer = (await (
    await page.request.get(`${stage.server.url}/api/v1/campaigns/${campaignId}/statistics`)
  ).json()) as {
    rows: { unitId: string; returnVisits: number; returnVisitRated: number; rated: number }[];
  };
  return answer.rows.find((r) => r.unitId === unitId)!;
}

describe('a return visit (回访) recorded on a phone', () => {
  let page: Page;
  let before: Awaited<ReturnType<typeof figures>>;

  it('is recorded from the case card, and said to be', async () => {
    page = await open({ ...PHONE, locale: 'zh-CN' });
    const session = (await (await page.request.get(`${stage.server.url}/api/v1/auth/session`)).json()) as {
      user: { memberships: { unitId: string }[] };
    };
    unitId = session.user.memberships[0]!.unitId;
    campaignId = (
      (await (await page.request.get(`${stage.server.url}/api/v1/campaigns/by-slug/demo`)).json()) as {
        id: string;
      }
    ).id;
    const replied = (await (
      await page.request.get(
        `${stage.server.url}/api/v1/cases?campaignId=${campaignId}&unitId=${unitId}&status=replied`,
      )
    ).json()) as { items: { id: string; reference: string }[] };
    expect(replied.items.length).toBeGreaterThan(0);
    ({ id: caseId, reference } = replied.items[0]!);
    before = await figures(page);

    await page.getByRole('link', { name: '办件' }).click();
    await page.getByRole('heading', { name: '办件' }).waitFor();
    await page.getByText('全部', { exact: true }).click();
    const search = page.getByRole('searchbox', { name: '按办件编号或文字搜索' });
    await search.fill(reference);
    await search.press('Enter');
    const card = page.locator('.ant-card', { hasText: reference });
    await card.getByRole('button', { name: '回访', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // The call reached the citizen (the form's default), who rates the reply and says a word.
    expect(await dialog.getByRole('switch', { name: '已联系上群众' }).getAttribute('aria-checked')).toBe('true');
    await dialog.getByLabel('群众评价（联系上时）').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^满意$/ }).click();
    await dialog.getByLabel('群众意见').fill(WORDS);
    await screenshot(page, 'console-return-visit-phone');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: '回访', exact: true }).click();
    await page.getByText(`回访已记录（${reference}）`).waitFor();
  });

  it('is kept on the case and counted apart from the citizens’ own ratings', async () => {
    const kept = (await (await page.request.get(`${stage.server.url}/api/v1/cases/${caseId}`)).json()) as {
      returnVisits: { reached: boolean; rating: string | null; words: string | null }[];
    };
    expect(kept.returnVisits.at(-1)).toMatchObject({ reached: true, rating: 'satisfied', words: WORDS });
    await expect.poll(async () => (await figures(page)).returnVisits).toBe(before.returnVisits + 1);
    const after = await figures(page);
    expect(after.returnVisitRated).toBe(before.returnVisitRated + 1);
    expect(after.rated).toBe(before.rated);
  });

  it('is stated in the unit’s summary', async () => {
    const admin = await stage.browser.newContext();
    stage.contexts.push(admin);
    const login = await admin.request.post(`${stage.server.url}/api/v1/auth/login`, {
      data: { username: 'heating-admin', password: DEMO_PASSWORD },
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const generated = await admin.request.post(
      `${stage.server.url}/api/v1/summaries/campaigns/${campaignId}/units/${unitId}/summary/generate`,
      { headers: { 'x-csrf-token': csrfToken, 'idempotency-key': crypto.randomUUID() } },
    );
    expect(generated.status()).toBe(200);
    expect(JSON.stringify(await generated.json())).toMatch(/对办件开展回访/);
  });

  it('reads in English on a desktop, without accessibility violations', async () => {
    const desktop = await open({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    await desktop.getByRole('link', { name: 'Cases' }).click();
    await desktop.getByRole('heading', { name: 'Cases' }).waitFor();
    await desktop.getByText('All', { exact: true }).click();
    const search = desktop.getByRole('searchbox', { name: /reference or words/i });
    await search.fill(reference);
    await search.press('Enter');
    await desktop.getByRole('button', { name: `Open case ${reference}` }).click();
    const drawer = desktop.getByRole('dialog');
    // The chain says the call reached the citizen, and how they rated the reply.
    await drawer.getByText('Citizen reached · Satisfied').first().waitFor();
    await screenshot(desktop, 'console-return-visit-case-en');
    await expectAccessible(desktop);
  });
});
