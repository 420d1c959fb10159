import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { loadDemo } from '../demo/service.ts';
import { documentText, type SummaryDocument } from '../summaries/document.ts';

/** 另定活动日期: the organizer agrees other dates for a unit that cannot open in the campaign's window. */
let t: TestApp;
let campaignId: string;
let justiceId: string;
let organizer: Client;
let justiceAdmin: Client;
const days = (unitId: string) => `/api/v1/campaigns/${campaignId}/units/${unitId}/days`;
const AGREED = { from: '2026-06-10', to: '2026-06-10', reason: '5月份防汛值守，经协调改期' };

beforeAll(async () => {
  t = await createTestApp();
  const loaded = (await loadDemo(t.db))!;
  campaignId = loaded.campaignId;
  const password = (username: string) => loaded.accounts.find((a) => a.username === username)!.password;
  organizer = await login(t.app, 'organizer', password('organizer'));
  justiceAdmin = await login(t.app, 'justice-admin', password('justice-admin'));
  const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM units WHERE name = '南芬区司法局'`);
  justiceId = rows[0]!.id;
  // The bureau's sites moves out of the campaign's window (1–31 May).
  await t.db.query(`UPDATE sites s SET held_on = '2026-06-10' FROM plans p WHERE s.plan_id = p.id AND p.unit_id = $1`, [
    justiceId,
  ]);
});
afterAll(() => t?.close());

async function summaryText(lang: 'zh-CN' | 'en-US'): Promise<string> {
  const generated = await justiceAdmin.request({
    method: 'POST',
    url: `/api/v1/summaries/campaigns/${campaignId}/units/${justiceId}/summary/generate?lang=${lang}`,
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
  expect(generated.statusCode, generated.body).toBe(200);
  return documentText(generated.json<{ document: SummaryDocument }>().document);
}

describe('other dates agreed for a unit (另定活动日期)', () => {
  it('a day outside the window is named in 五 while nothing is agreed', async () => {
    expect(await summaryText('zh-CN')).toMatch(/不在活动期间（2026年5月1日至31日）内/);
  });

  it('is agreed by an organizer, read back, and audited', async () => {
    const agreed = await organizer.request({ method: 'PUT', url: days(justiceId), payload: AGREED });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toEqual({ unitId: justiceId, ...AGREED });
    const list = await justiceAdmin.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/unit-days` });
    expect(list.json().items).toEqual([{ unitId: justiceId, ...AGREED }]);
    const { rows } = await t.db.query<{ action: string; after: unknown }>(
      `SELECT action, after FROM audit_log WHERE entity = 'campaign_unit' AND entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [`${campaignId}/${justiceId}`],
    );
    expect(rows[0]).toMatchObject({ action: 'agree_days', after: { from: AGREED.from, to: AGREED.to } });
  });

  it('the summary then states the day as agreed, and names no problem with it', async () => {
    const zh = await summaryText('zh-CN');
    expect(zh).toContain('南芬区司法局经组织单位同意，于2026年6月10日');
    expect(zh).not.toMatch(/不在活动期间/);
    expect(await summaryText('en-US')).toContain(
      'held its open day on 10 June 2026 (dates agreed with the organizing office)',
    );
  });

  it('is refused to a unit admin, and for bad dates with the field named', async () => {
    expect((await justiceAdmin.request({ method: 'PUT', url: days(justiceId), payload: AGREED })).statusCode).toBe(403);
    const backwards = await organizer.request({
      method: 'PUT',
      url: days(justiceId),
      payload: { ...AGREED, to: '2026-06-01' },
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('to');
    const blank = await organizer.request({ method: 'PUT', url: days(justiceId), payload: { ...AGREED, reason: '' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('reason');
    const stranger = await organizer.request({ method: 'PUT', url: days(crypto.randomUUID()), payload: AGREED });
    expect(stranger.statusCode).toBe(404);
    // Nothing of the refused requests was stored.
    const list = await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/unit-days` });
    expect(list.json().items).toEqual([{ unitId: justiceId, ...AGREED }]);
  });

  it('is withdrawn, and the day is named in 五 again', async () => {
    expect((await organizer.request({ method: 'DELETE', url: days(justiceId) })).statusCode).toBe(204);
    const list = await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/unit-days` });
    expect(list.json().items).toEqual([]);
    expect(await summaryText('zh-CN')).toMatch(/不在活动期间/);
  });
});
