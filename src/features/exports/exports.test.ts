import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { readRows, sniffFile } from '../imports/read-file.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: Client;
let adminB: Client;
let organizer: Client;
let deskA: Client;
let deskSubA: Client;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-exports-test-'));

const record = (client: Client, body: Record<string, unknown>) =>
  client.request({
    method: 'POST',
    url: '/api/v1/consultations',
    payload: { campaignId: world.campaign.id, ...body },
  });

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminA = await login(t.app, world.users.adminA);
  adminB = await login(t.app, world.users.adminB);
  organizer = await login(t.app, world.users.organizer);
  deskA = await login(t.app, world.users.deskA);
  deskSubA = await login(t.app, world.users.deskSubA);
  const visits = [
    [deskA, world.unitA.id, '2026-05-15T01:00:00Z', '张三', '13812345678', 'answered_on_spot'],
    [deskA, world.unitA.id, '2026-05-15T01:10:00Z', null, null, 'transferred'],
    [deskSubA, world.subUnitA.id, '2026-05-15T01:20:00Z', '李四', '13900001111', 'answered_on_spot'],
  ] as const;
  for (const [client, unitId, occurredAt, visitorName, visitorPhone, outcome] of visits) {
    const response = await record(client, {
      unitId,
      occurredAt,
      topic: '供暖',
      question: `问题 ${occurredAt}`,
      outcome,
      rating: 'satisfied',
      visitorName,
      visitorPhone,
      contactConsent: visitorName !== null,
    });
    expect(response.statusCode).toBe(201);
  }
  await record(await login(t.app, world.users.deskB), {
    unitId: world.unitB.id,
    question: '乙市的问题',
    visitorPhone: '13700000000',
    contactConsent: true,
  });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const exportUrl = (what: string, query: Record<string, string> = {}) =>
  `/api/v1/exports/${what}?${new URLSearchParams({ campaignId: world.campaign.id, ...query })}`;

const csvRows = (payload: Buffer) => parse(payload, { bom: true }) as string[][];

const personalAudit = async () =>
  (
    await t.db.query<{ actor_user_id: string; unit_id: string; campaign_id: string; after: Record<string, unknown> }>(
      `SELECT actor_user_id, unit_id, campaign_id, after FROM audit_log WHERE action = 'export_personal_data' ORDER BY id`,
    )
  ).rows;

describe('exporting consultations', () => {
  it('writes the chosen columns in the chosen order, UTF-8 with a BOM', async () => {
    const response = await organizer.request({
      method: 'GET',
      url: exportUrl('consultations.csv', { columns: 'time,unit,question,outcome', unitId: world.unitA.id }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="openday-consultations-/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvRows(response.rawPayload)).toEqual([
      ['时间', '单位', '问题', '处理方式'],
      ['09:00', world.unitA.name, '问题 2026-05-15T01:00:00Z', '当场答复'],
      ['09:10', world.unitA.name, '问题 2026-05-15T01:10:00Z', '转办'],
    ]);
    const english = await organizer.request({
      method: 'GET',
      url: exportUrl('consultations.csv', { columns: 'channel,outcome,rating', lang: 'en-US', unitId: world.unitA.id }),
    });
    expect(csvRows(english.rawPayload)[1]).toEqual(['On site', 'Answered on the spot', 'Satisfied']);
  });

  it('refuses an unknown column, a missing campaign, and roles that may not export', async () => {
    const unknown = await organizer.request({
      method: 'GET',
      url: exportUrl('consultations.csv', { columns: 'date,password' }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'columns' });
    expect(unknown.json().error.details[0].reason).toMatch(/^password is not one of: id, unit, date/);
    const noCampaign = await organizer.request({ method: 'GET', url: '/api/v1/exports/consultations.csv' });
    expect(noCampaign.statusCode).toBe(400);
    expect(noCampaign.json().error.details[0].field).toBe('querystring.campaignId');
    const missing = await organizer.request({
      method: 'GET',
      url: `/api/v1/exports/consultations.csv?campaignId=0190c0de-0000-7000-8000-000000000000`,
    });
    expect(missing.statusCode).toBe(404);
    expect((await deskA.request({ method: 'GET', url: exportUrl('consultations.csv') })).statusCode).toBe(403);
  });

  it('shows names and phones only to the unit’s own admin, masks them for everyone else, and audits the admin’s export', async () => {
    const columns = 'unit,visitorName,visitorPhone';
    const before = (await personalAudit()).length;
    const byOrganizer = csvRows(
      (await organizer.request({ method: 'GET', url: exportUrl('consultations.csv', { columns }) })).rawPayload,
    );
    expect(byOrganizer.slice(1)).toEqual([
      [world.unitA.name, '张*', '138****5678'],
      [world.unitA.name, '', ''],
      [world.subUnitA.name, '李*', '139****1111'],
      [world.unitB.name, '', '137****0000'],
    ]);
    // No personal data left unmasked: nothing to audit.
    expect((await personalAudit()).length).toBe(before);

    const byAdmin = csvRows(
      (await adminA.request({ method: 'GET', url: exportUrl('consultations.csv', { columns }) })).rawPayload,
    );
    // Unit A's admin reaches the sub-unit too, but its visitors are the sub-unit's to see.
    expect(byAdmin.slice(1)).toEqual([
      [world.unitA.name, '张三', '13812345678'],
      [world.unitA.name, '', ''],
      [world.subUnitA.name, '李*', '139****1111'],
    ]);
    const entries = (await personalAudit()).slice(before);
    expect(entries).toHaveLength(1);
    const { rows: users } = await t.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
      world.users.adminA,
    ]);
    expect(entries[0]).toMatchObject({
      actor_user_id: users[0]!.id,
      unit_id: world.unitA.id,
      campaign_id: world.campaign.id,
      after: { kind: 'consultations', format: 'csv', columns: ['unit', 'visitorName', 'visitorPhone'], rows: 1 },
    });
    expect(entries[0]!.after.filters).toEqual({ campaignId: world.campaign.id });
    // The audit log shows it to the unit's admin.
    const log = await adminA.request({ method: 'GET', url: `/api/v1/audit?entity=export` });
    expect(log.json().items[0]).toMatchObject({ action: 'export_personal_data', unitId: world.unitA.id });

    // Without personal columns there is nothing personal in the file, and nothing to audit.
    await adminA.request({ method: 'GET', url: exportUrl('consultations.csv', { columns: 'unit,question' }) });
    expect((await personalAudit()).length).toBe(before + 1);
    // Another unit's admin sees none of unit A's rows.
    const byB = csvRows(
      (await adminB.request({ method: 'GET', url: exportUrl('consultations.csv', { columns }) })).rawPayload,
    );
    expect(byB.slice(1)).toEqual([[world.unitB.name, '', '13700000000']]);
  });

  it('writes an XLSX workbook that reads back', async () => {
    const response = await adminA.request({
      method: 'GET',
      url: exportUrl('consultations.xlsx', {
        columns: 'date,time,question,visitorPhone,contactConsent',
        unitId: world.unitA.id,
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const file = path.join(scratch, 'export.xlsx');
    fs.writeFileSync(file, response.rawPayload);
    const rows = [];
    for await (const row of readRows(await sniffFile(file, 'export.xlsx'))) rows.push(row.cells);
    expect(rows).toEqual([
      ['日期', '时间', '问题', '电话', '同意保留联系方式'],
      ['2026-05-15', '09:00', '问题 2026-05-15T01:00:00Z', '13812345678', '是'],
      ['2026-05-15', '09:10', '问题 2026-05-15T01:10:00Z', null, '否'],
    ]);
  });

  it('pages through thousands of rows with the same time without losing or repeating one', async () => {
    const lines = ['日期,时间,咨询事项,问题'];
    for (let i = 0; i < 4500; i++) lines.push(`2026-05-18,08:00,批量,问题${i}`);
    const boundary = 'openday-bulk';
    const imported = await adminA.request({
      method: 'POST',
      url: `/api/v1/imports?campaignId=${world.campaign.id}&unitId=${world.unitA.id}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bulk.csv"\r\n\r\n${lines.join('\n')}\n\r\n--${boundary}--\r\n`,
      ),
    });
    expect(imported.statusCode).toBe(201);
    const response = await organizer.request({
      method: 'GET',
      url: exportUrl('consultations.csv', { columns: 'question', topic: '批量' }),
    });
    const questions = csvRows(response.rawPayload)
      .slice(1)
      .map((r) => r[0]);
    expect(questions).toHaveLength(4500);
    expect(new Set(questions).size).toBe(4500);
  });
});

describe('exporting cases and statistics', () => {
  it('exports the cases with their references (never the citizen’s code), personal fields masked for the organizer', async () => {
    const response = await organizer.request({
      method: 'GET',
      url: exportUrl('cases.csv', { columns: 'reference,unit,status,question,dueOn,visitorPhone' }),
    });
    expect(response.statusCode).toBe(200);
    const rows = csvRows(response.rawPayload);
    expect(rows[0]).toEqual(['办件编号', '承办单位', '状态', '问题', '办理期限', '电话']);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toMatch(/^K-[0-9A-F]{8}$/);
    expect(rows[1]!.slice(1, 4)).toEqual([world.unitA.name, '办理中', '问题 2026-05-15T01:10:00Z']);
    expect(rows[1]![4]).toMatch(/^2026-06-\d\d$/);
    const xlsx = await adminA.request({ method: 'GET', url: exportUrl('cases.xlsx') });
    expect(xlsx.statusCode).toBe(200);
    expect((await adminB.request({ method: 'GET', url: exportUrl('cases.csv') })).body.trim().split('\n')).toHaveLength(
      1,
    );
  });

  it('exports the statistical summary with one row per unit and the totals', async () => {
    const response = await organizer.request({
      method: 'GET',
      url: `/api/v1/campaigns/${world.campaign.id}/statistics.csv?columns=unit,peopleReceived,consultations,answeredOnSpotRate`,
    });
    expect(response.statusCode).toBe(200);
    const rows = csvRows(response.rawPayload);
    expect(rows[0]).toEqual(['单位', '接待人次', '咨询问题数', '当场答复率(%)']);
    expect(rows.at(-1)![0]).toBe('合计');
    expect(rows.find((r) => r[0] === world.unitB.name)).toEqual([world.unitB.name, '1', '1', '0']);
    const xlsx = await adminA.request({ method: 'GET', url: `/api/v1/campaigns/${world.campaign.id}/statistics.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const file = path.join(scratch, 'statistics.xlsx');
    fs.writeFileSync(file, xlsx.rawPayload);
    const read = [];
    for await (const row of readRows(await sniffFile(file, 'statistics.xlsx'))) read.push(row.cells);
    expect(read[0]![0]).toBe('单位');
    expect(read.at(-1)![0]).toBe('合计');
  });
});
