import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { engine } from '../../../test/database.ts';
import { writeXlsx } from '../../platform/documents/write-xlsx.ts';
import { readRows, sniffFile } from './read-file.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: Client;
let adminB: Client;
let organizer: Client;
let deskA: Client;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-imports-test-'));

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminA = await login(t.app, world.users.adminA);
  adminB = await login(t.app, world.users.adminB);
  organizer = await login(t.app, world.users.organizer);
  deskA = await login(t.app, world.users.deskA);
  // Unit A's plan has a site with the desk the forms name.
  const plan = (
    await adminA.request({
      method: 'PUT',
      url: `/api/v1/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`,
      payload: { leaderName: '李局长' },
    })
  ).json();
  const site = (
    await adminA.request({
      method: 'POST',
      url: `/api/v1/plans/${plan.id}/sites`,
      payload: {
        name: '市民中心广场',
        address: '甲市人民路1号',
        heldOn: '2026-05-15',
        opensAt: '09:00',
        closesAt: '11:30',
      },
    })
  ).json();
  await adminA.request({
    method: 'POST',
    url: `/api/v1/sites/${site.id}/desks`,
    payload: { name: '供暖咨询台', topics: ['供暖'] },
  });
  // The form's 接待人 names a staff member on duty.
  await adminA.request({
    method: 'POST',
    url: `/api/v1/plans/${plan.id}/staff`,
    payload: { name: '王立新', title: '主任', leader: true },
  });
  // The form's 热线或意见箱 names one of the unit's hotlines or mailboxes (ADR 30).
  for (const point of [
    { kind: 'hotline', name: '供暖服务热线', number: '400-812-3456' },
    { kind: 'mailbox', name: '人民路意见箱', address: '甲市人民路1号' },
  ]) {
    const added = await adminA.request({
      method: 'POST',
      url: `/api/v1/campaigns/${world.campaign.id}/units/${world.unitA.id}/channel-points`,
      payload: point,
    });
    expect(added.statusCode, added.body).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A multipart/form-data body carrying one file, as a browser's upload sends it. */
function upload(fileName: string, content: Buffer) {
  const boundary = `----openday${Math.random().toString(16).slice(2)}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const importUrl = (kind = 'consultations', unitId = world.unitA.id) =>
  `/api/v1/imports?campaignId=${world.campaign.id}&unitId=${unitId}&kind=${kind}`;

async function send(client: Client, fileName: string, content: Buffer, kind = 'consultations', extra = {}) {
  const body = upload(fileName, content);
  return client.request({
    method: 'POST',
    url: importUrl(kind),
    payload: body.payload,
    headers: { ...body.headers, ...extra },
  });
}

const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number(
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0]!.n,
  );

/** CSV text in the template's columns (zh-CN headers). */
const FORM_HEADER = '序号,日期,时间,咨询台,渠道,咨询事项,问题,答复,处理方式,评价,姓名,电话,同意保留联系方式,来访编号';
/** The template's own header: the form's columns with 热线或意见箱 after 渠道, 办理事项 and 接待人 after 处理方式. */
const TEMPLATE_HEADER =
  '序号,日期,时间,咨询台,渠道,热线或意见箱,咨询事项,问题,答复,处理方式,办理事项,接待人,合作单位,评价,姓名,电话,同意保留联系方式,来访编号';
const csv = (...lines: string[]) => Buffer.from(`${[FORM_HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

/** GB18030 bytes of a text, built from the decoder itself (Node decodes GB18030 but does not encode it). */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const bytes = Buffer.from([a, b]);
      const char = decoder.decode(bytes);
      if (char.length === 1 && !table.has(char)) table.set(char, bytes);
    }
  return Buffer.concat(
    [...text].map((char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char);
      const bytes = table.get(char);
      if (!bytes) throw new Error(`no GB18030 bytes for ${char}`);
      return bytes;
    }),
  );
}

describe('the import template', () => {
  it('gives the visit record form as CSV and XLSX, in Chinese or English', async () => {
    const zh = await adminA.request({ method: 'GET', url: '/api/v1/imports/template?format=csv&lang=zh-CN' });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toContain('text/csv');
    expect(zh.headers['content-disposition']).toContain('attachment');
    expect(zh.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(zh.rawPayload.subarray(3).toString('utf8').trim()).toBe(TEMPLATE_HEADER);

    const en = await adminA.request({ method: 'GET', url: '/api/v1/imports/template?format=csv&lang=en-US' });
    expect(en.body).toContain('Date,Time,Desk,Channel,Hotline or mailbox,Topic,Question');

    const xlsx = await organizer.request({ method: 'GET', url: '/api/v1/imports/template?kind=publicity' });
    expect(xlsx.statusCode).toBe(200);
    const file = path.join(scratch, 'template.xlsx');
    fs.writeFileSync(file, xlsx.rawPayload);
    const rows = [];
    for await (const row of readRows(await sniffFile(file, 'template.xlsx'))) rows.push(row);
    expect(rows).toEqual([
      {
        row: 1,
        cells: ['序号', '类型', '数量', '内容', '网址', '地点', '开始日期', '媒体名称', '媒体类型', '阅读量'],
        date1904: false,
      },
    ]);

    const bad = await adminA.request({ method: 'GET', url: '/api/v1/imports/template?kind=cases' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.kind');
  });
});

describe('importing consultations', () => {
  it('imports every row of a filled form, in one import with one audit entry', async () => {
    const response = await send(
      adminA,
      'visits.csv',
      csv(
        '1,2026-05-15,09:30,供暖咨询台,现场,供暖,老旧小区暖气不热怎么办？,可拨打供热服务热线报修。,当场答复,满意,张三,13812345678,是,1',
        '2,2026/5/15,9:45,,热线,社保,养老保险怎么转移？,,登记后答复,,,,否,2',
        '3,2026年5月15日,10:05,供暖咨询台,on_site,供暖,供暖费可以网上缴吗？,可以。,answered_on_spot,very_satisfied,,,,2',
      ),
    );
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      state: 'completed',
      kind: 'consultations',
      format: 'csv',
      encoding: 'utf-8',
      rowsRead: 3,
      rowsImported: 3,
      duplicate: false,
      errors: [],
    });
    const rows = (
      await t.db.query<{
        id: string;
        occurred_at: Date;
        desk_id: string | null;
        site_id: string | null;
        channel: string;
        outcome: string | null;
        visit_id: string;
        visitor_phone: string | null;
        created_by: string;
      }>(`SELECT * FROM consultations WHERE campaign_id = $1 AND unit_id = $2 ORDER BY occurred_at`, [
        world.campaign.id,
        world.unitA.id,
      ])
    ).rows;
    expect(rows).toHaveLength(3);
    expect(rows[0]!.occurred_at.toISOString()).toBe('2026-05-15T01:30:00.000Z');
    expect(rows[0]!.desk_id).not.toBeNull();
    expect(rows[0]!.site_id).not.toBeNull();
    expect(rows[0]!.visitor_phone).toBe('13812345678');
    expect(rows.map((r) => r.channel)).toEqual(['on_site', 'hotline', 'on_site']);
    expect(rows[1]!.outcome).toBe('follow_up');
    // Visit number 2 is one person with two questions.
    expect(rows[1]!.visit_id).toBe(rows[2]!.visit_id);
    expect(rows[0]!.visit_id).not.toBe(rows[1]!.visit_id);
    const { rows: users } = await t.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
      world.users.adminA,
    ]);
    expect(new Set(rows.map((r) => r.created_by))).toEqual(new Set([users[0]!.id]));
    // One audit entry for the import, with its counts; none per row.
    const audit = await t.db.query<{ action: string; after: { rowsImported: number; casesOpened: number } }>(
      `SELECT action, after FROM audit_log WHERE entity = 'import' AND entity_id = $1`,
      [body.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ rowsImported: 3, casesOpened: 1 });
    expect(await count('audit_log', "entity = 'consultation' AND unit_id = $1", [world.unitA.id])).toBe(0);
    // The follow-up question opened its case, as at a desk.
    expect(await count('cases', 'campaign_id = $1', [world.campaign.id])).toBe(1);
    // Opened the one way cases are opened: due 15 working days after the question's day, with its
    // 'opened' event, its audit entry in the importer's name, and word to the unit.
    const [opened] = (
      await t.db.query<{ id: string; clock_start_on: string; due_on: string }>(
        'SELECT id, clock_start_on::text, due_on::text FROM cases WHERE consultation_id = $1',
        [rows[1]!.id],
      )
    ).rows;
    const due = (await t.db.query<{ d: string }>(`SELECT openday_add_working_days('2026-05-15', 15)::text AS d`))
      .rows[0]!.d;
    expect(opened).toMatchObject({ clock_start_on: '2026-05-15', due_on: due });
    const { rows: events } = await t.db.query(
      'SELECT kind, at, actor_user_id, to_unit_id, details FROM case_events WHERE case_id = $1',
      [opened!.id],
    );
    expect(events).toEqual([
      {
        kind: 'opened',
        at: rows[1]!.occurred_at,
        actor_user_id: users[0]!.id,
        to_unit_id: world.unitA.id,
        details: { dueOn: due },
      },
    ]);
    const { rows: caseAudit } = await t.db.query(
      `SELECT action, actor_user_id, unit_id, after FROM audit_log WHERE entity = 'case' AND entity_id = $1`,
      [opened!.id],
    );
    expect(caseAudit).toEqual([
      {
        action: 'open',
        actor_user_id: users[0]!.id,
        unit_id: world.unitA.id,
        after: { consultationId: rows[1]!.id, unitId: world.unitA.id, status: 'open', dueOn: due },
      },
    ]);
    expect(await count('notifications', "kind = 'case.opened' AND case_id = $1", [opened!.id])).toBeGreaterThan(0);

    const got = await adminA.request({ method: 'GET', url: `/api/v1/imports/${body.id}` });
    expect(got.json()).toMatchObject({ id: body.id, state: 'completed', rowsImported: 3 });
    const list = await organizer.request({ method: 'GET', url: `/api/v1/imports?campaignId=${world.campaign.id}` });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(body.id);
    const other = await adminB.request({ method: 'GET', url: `/api/v1/imports/${body.id}` });
    expect(other.statusCode).toBe(404);
  });

  it('imports nothing from a file with one bad row in the middle, and reports that row', async () => {
    const before = await count('consultations');
    const lines = Array.from(
      { length: 9 },
      (_, i) => `${i + 1},2026-05-15,10:${String(i).padStart(2, '0')},,现场,社保,问题${i},,当场答复,满意,,,,`,
    );
    lines[4] = '5,2026-05-32,10:04,不存在的台,现场,社保,问题4,,当场答复,满意,李四,138-abc,是,';
    const response = await send(adminA, 'bad.csv', csv(...lines));
    expect(response.statusCode).toBe(422);
    const error = response.json().error;
    expect(error.code).toBe('import_rejected');
    expect(error.message).toMatch(/1 row has errors; nothing was imported/);
    // Row 6 of the sheet (the header is row 1): every bad cell, named by its header.
    expect(error.details).toEqual([
      { field: 'row 6: 日期', reason: '「2026-05-32」 is not a date such as 2026-05-15' },
      { field: 'row 6: 咨询台', reason: "「不存在的台」 is not one of this unit's desks in the campaign's plan" },
      { field: 'row 6: 电话', reason: '「138-abc」 is not a phone number' },
    ]);
    expect(await count('consultations')).toBe(before);
    expect(await count('imports', 'file_name = $1', ['bad.csv'])).toBe(0);
  });

  it('imports nothing when bad rows come after batches were written, and lists every bad row', async () => {
    const figures = async () =>
      (
        await t.db.query<{ n: string }>(
          'SELECT coalesce(sum(n), 0)::text AS n FROM live_figures WHERE scope = $1::text',
          [world.unitA.id],
        )
      ).rows[0]!.n;
    const before = {
      consultations: await count('consultations'),
      cases: await count('cases'),
      figures: await figures(),
    };
    // Rows are written 5,000 at a time while they are checked: two batches go out before row 12,002.
    const lines = Array.from(
      { length: 12_003 },
      (_, i) => `${i + 1},2026-05-15,10:00,,现场,社保,批量问题${i},,转办,,,,,`,
    );
    lines[12_000] = '12001,2026-05-15,25:00,,现场,社保,问题,,转办,,,,,';
    lines[12_002] = '12003,2026-05-15,10:00,,现场,社保,问题,,转办,满意吗,,,,';
    const response = await send(adminA, 'late-bad.csv', csv(...lines));
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().error.message).toMatch(/^2 rows have errors; nothing was imported/);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'row 12002: 时间',
      'row 12004: 评价',
    ]);
    // Nothing of the rows written before the bad one stayed: no records, no cases, no figures.
    expect({
      consultations: await count('consultations'),
      cases: await count('cases'),
      figures: await figures(),
    }).toEqual(before);
    expect(await count('imports', 'file_name = $1', ['late-bad.csv'])).toBe(0);
  });

  it('refuses a header it does not know, or without the date column', async () => {
    const typo = await send(adminA, 'typo.csv', Buffer.from('日期,问题,电活\r\n2026-05-15,问题,13800000000\r\n'));
    expect(typo.statusCode).toBe(422);
    expect(typo.json().error.details).toEqual([
      { field: 'column 电活', reason: 'is not a column of the Visit records form' },
    ]);
    const noDate = await send(adminA, 'nodate.csv', Buffer.from('问题\r\n一个问题\r\n'));
    expect(noDate.json().error.details[0]).toMatchObject({ field: 'column 日期' });
    const empty = await send(adminA, 'empty.csv', Buffer.from(`${FORM_HEADER}\r\n`));
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details[0]).toEqual({
      field: 'file',
      reason: 'has a header row but no records under it',
    });
  });

  it('reads GB18030 (Excel on Chinese Windows) and UTF-8 with BOM with the Chinese intact', async () => {
    const text = `${FORM_HEADER}\r\n1,2026-05-15,11:00,,信箱,低保,低保申请需要哪些材料？,身份证、户口簿和收入证明。,当场答复,基本满意,王五,13900001111,是,\r\n`;
    const gb = await send(adminA, 'gb.csv', gb18030(text));
    expect(gb.statusCode).toBe(201);
    expect(gb.json()).toMatchObject({ encoding: 'gb18030', rowsImported: 1 });
    const stored = await t.db.query<{ question: string; answer: string; visitor_name: string; rating: string }>(
      `SELECT question, answer, visitor_name, rating FROM consultations WHERE topic = '低保'`,
    );
    expect(stored.rows).toEqual([
      {
        question: '低保申请需要哪些材料？',
        answer: '身份证、户口簿和收入证明。',
        visitor_name: '王五',
        rating: 'basically_satisfied',
      },
    ]);

    const bomText = text.replace('低保', '公积金').replace('11:00', '11:30');
    const bom = await send(adminA, 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bomText)]));
    expect(bom.statusCode).toBe(201);
    expect(bom.json()).toMatchObject({ encoding: 'utf-8-bom', rowsImported: 1 });
    const bomRow = await t.db.query<{ question: string; channel: string }>(
      `SELECT question, channel FROM consultations WHERE topic = '公积金'`,
    );
    expect(bomRow.rows).toEqual([{ question: '低保申请需要哪些材料？', channel: 'mailbox' }]);
  });

  it('adds nothing when the same file, or the same rows in another encoding, come again', async () => {
    const text = `${FORM_HEADER}\r\n1,2026-05-16,08:30,,网上,医保,异地就医怎么备案？,可在国家医保APP办理。,当场答复,满意,,,,\r\n`;
    const first = await send(adminA, 'twice.csv', Buffer.from(text));
    expect(first.statusCode).toBe(201);
    const before = await count('consultations');
    const again = await send(adminA, 'twice-again.csv', Buffer.from(text));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true, rowsImported: 1 });
    // Saved again by Excel as GB18030: other bytes, the same rows.
    const resaved = await send(adminA, 'resaved.csv', gb18030(text));
    expect(resaved.statusCode).toBe(200);
    expect(resaved.json()).toMatchObject({ id: first.json().id, duplicate: true });
    expect(await count('consultations')).toBe(before);
    expect(
      await count('imports', 'unit_id = $1 AND kind = $2 AND rows_imported = 1 AND file_name LIKE $3', [
        world.unitA.id,
        'consultations',
        'twice%',
      ]),
    ).toBe(1);
  });

  it('keeps the hotline or mailbox of a call or letter, named by its name or number; refuses one the unit has not', async () => {
    const header = '序号,日期,时间,渠道,热线或意见箱,问题,处理方式';
    const file = (...lines: string[]) => Buffer.from([header, ...lines].join('\r\n'), 'utf8');
    const refused = await send(
      adminA,
      'points-bad.csv',
      file(
        '1,2026-05-15,10:00,热线,供暖服务热线,暖气什么时候开始供？,当场答复',
        '2,2026-05-15,10:05,热线,12345,热线里问的,当场答复',
        '3,2026-05-15,10:10,热线,人民路意见箱,热线里问的,当场答复',
      ),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual([
      {
        field: 'row 3: 热线或意见箱',
        reason: "「12345」 is not the name or number of one of this unit's hotlines or mailboxes in the campaign",
      },
      { field: 'row 4: 热线或意见箱', reason: '「人民路意见箱」 is a mailbox (信箱): the channel must be 信箱' },
    ]);
    expect(await count('consultations', "question = '暖气什么时候开始供？'")).toBe(0);

    const imported = await send(
      adminA,
      'points.csv',
      file(
        '1,2026-05-15,10:00,热线,供暖服务热线,暖气什么时候开始供？,当场答复',
        '2,2026-05-15,10:05,,400 812 3456,热费能分期交吗？,登记后答复',
        '3,2026-05-16,,来信,人民路意见箱,建议延长供暖期,意见建议',
      ),
    );
    expect(imported.statusCode, imported.body).toBe(201);
    const rows = await t.db.query<{ question: string; channel: string; point: string }>(
      `SELECT c.question, c.channel, cp.name AS point FROM consultations c
       JOIN channel_points cp ON cp.id = c.channel_point_id
       WHERE c.question IN ('暖气什么时候开始供？', '热费能分期交吗？', '建议延长供暖期') ORDER BY c.occurred_at`,
    );
    expect(rows.rows).toEqual([
      { question: '暖气什么时候开始供？', channel: 'hotline', point: '供暖服务热线' },
      // An empty channel takes the kind of the hotline named by its number.
      { question: '热费能分期交吗？', channel: 'hotline', point: '供暖服务热线' },
      { question: '建议延长供暖期', channel: 'mailbox', point: '人民路意见箱' },
    ]);
  });

  it('imports an XLSX workbook, dates and times typed as Excel serials included', async () => {
    const file = path.join(scratch, 'filled.xlsx');
    const stream = writeXlsx([
      {
        name: '来访登记表',
        header: ['日期', '时间', '问题', '处理方式', '电话', '同意保留联系方式', 'Hotline or mailbox'],
        columns: [{}, {}, {}, {}, {}, {}, {}],
        rows: [
          [46157, 0.4375, '工作表里的问题', '转办', 13700001111, '√', null],
          // A hotline's number typed as a number names it too.
          ['2026-05-15', '14:20', '第二个问题', '当场答复', null, null, 4008123456],
        ],
      },
    ]);
    await new Promise<void>((resolve, reject) =>
      stream.pipe(fs.createWriteStream(file)).on('finish', resolve).on('error', reject),
    );
    const response = await send(adminA, 'filled.xlsx', fs.readFileSync(file));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ format: 'xlsx', encoding: null, rowsImported: 2 });
    const rows = await t.db.query<{ occurred_at: Date; outcome: string; visitor_phone: string }>(
      `SELECT occurred_at, outcome, visitor_phone FROM consultations WHERE question = '工作表里的问题'`,
    );
    // 46157 is 2026-05-15; 0.4375 of a day is 10:30 in China.
    expect(rows.rows).toEqual([
      { occurred_at: new Date('2026-05-15T02:30:00Z'), outcome: 'transferred', visitor_phone: '13700001111' },
    ]);
    const second = await t.db.query<{ channel: string; point: string | null }>(
      `SELECT c.channel, cp.name AS point FROM consultations c LEFT JOIN channel_points cp ON cp.id = c.channel_point_id
       WHERE c.question = '第二个问题'`,
    );
    expect(second.rows).toEqual([{ channel: 'hotline', point: '供暖服务热线' }]);
  });

  it('runs in the background on "Prefer: respond-async", and tells its progress', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1},2026-05-17,12:00,,现场,后台,问题${i},,,,,,,`);
    const response = await send(adminA, 'async.csv', csv(...lines), 'consultations', { prefer: 'respond-async' });
    expect(response.statusCode).toBe(202);
    const { id, state } = response.json();
    expect(state).toBe('running');
    // Polled until it ends, as the console does; the timeout is only a safety net for a busy machine.
    const settled = (importId: string) =>
      vi.waitFor(
        async () => {
          const current = (await adminA.request({ method: 'GET', url: `/api/v1/imports/${importId}` })).json();
          expect(current.state).not.toBe('running');
          return current;
        },
        { timeout: 60_000, interval: 50 },
      );
    expect(await settled(id)).toMatchObject({ id, state: 'completed', rowsImported: 300 });

    const bad = await send(adminA, 'async-bad.csv', csv('1,never,12:00,,,,,,,,,,,'), 'consultations', {
      prefer: 'respond-async',
    });
    const failed = await settled(bad.json().id);
    expect(failed).toMatchObject({ state: 'rejected', errorCount: 1, rowsImported: 0 });
    // Each reason also in Chinese, for the console's list.
    expect(failed.errors).toEqual([
      {
        row: 2,
        column: '日期',
        value: 'never',
        reason: 'is not a date such as 2026-05-15',
        reasonZh: '不是日期，应如 2026-05-15',
      },
    ]);

    // A header row that is not the form's is the import's list of errors too, not an empty one.
    const wrongForm = await send(
      adminA,
      'wrong-form.csv',
      Buffer.from('序号,日期,心情\r\n1,2026-05-17,好\r\n'),
      'consultations',
      {
        prefer: 'respond-async',
      },
    );
    const refused = await settled(wrongForm.json().id);
    expect(refused).toMatchObject({ state: 'rejected', rowsImported: 0 });
    expect(refused.errors).toEqual([
      {
        row: 1,
        column: '心情',
        value: '',
        reason: 'is not a column of the Visit records form',
        reasonZh: '不是来访登记表的列',
      },
    ]);

    // Text that is neither UTF-8 nor GB18030 is found by the reader's worker thread: its reason
    // crosses the thread in both languages.
    const garbled = await send(
      adminA,
      'garbled.csv',
      Buffer.concat([
        Buffer.from(`${FORM_HEADER}\r\n1,2026-05-17,12:00,,现场,`),
        Buffer.from([0xff, 0xff]),
        Buffer.from(',,,,,,,,\r\n'),
      ]),
      'consultations',
      { prefer: 'respond-async' },
    );
    const unreadable = await settled(garbled.json().id);
    expect(unreadable).toMatchObject({ state: 'rejected', rowsImported: 0 });
    expect(unreadable.errors).toEqual([
      {
        row: 0,
        column: 'file',
        value: '',
        reason: 'is not GB18030 text throughout',
        reasonZh: '不全是 GB18030 编码的文字',
      },
    ]);
  });

  it('keeps its progress in the database, where every instance reads it, and tells one whose server stopped', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${i + 1},2026-05-18,12:00,,现场,共享,问题${i},,,,,,,`);
    const started = (
      await send(adminA, 'shared.csv', csv(...lines), 'consultations', { prefer: 'respond-async' })
    ).json();
    // Stored before the 202 went out: a poll on another instance finds it at once.
    const { rows: first } = await t.db.query<{ state: string }>('SELECT state FROM import_progress WHERE id = $1', [
      started.id,
    ]);
    expect(first).toHaveLength(1);
    // Polled until it ends, as a client does; minutes are only a safety net for a busy machine.
    await vi.waitFor(
      async () => {
        const current = (await adminA.request({ method: 'GET', url: `/api/v1/imports/${started.id}` })).json();
        expect(current).toMatchObject({ state: 'completed', rowsImported: 50 });
      },
      { timeout: 180_000, interval: 50 },
    );
    // The stored progress follows the landed import (written after its transaction commits).
    await vi.waitFor(
      async () => {
        const { rows: stored } = await t.db.query<{ state: string; progress: { rowsImported: number } }>(
          'SELECT state, progress FROM import_progress WHERE id = $1',
          [started.id],
        );
        expect(stored[0]).toMatchObject({ state: 'completed', progress: { rowsImported: 50 } });
      },
      { timeout: 180_000, interval: 50 },
    );

    // An import another process is running (or was, until it stopped): known only from its row.
    const id = '0190c0de-0000-7000-8000-0000000001a1';
    const progress = {
      ...started,
      id,
      fileName: 'elsewhere.csv',
      state: 'running',
      phase: 'writing',
      rowsRead: 1000,
      rowsImported: 400,
    };
    await t.db.query(
      `INSERT INTO import_progress (id, campaign_id, unit_id, state, progress) VALUES ($1, $2, $3, 'running', $4)`,
      [id, world.campaign.id, world.unitA.id, JSON.stringify(progress)],
    );
    const stopped = {
      id,
      state: 'rejected',
      phase: null,
      rowsImported: 0,
      errors: [{ row: 0, column: 'file', value: '', reason: expect.stringMatching(/nothing was imported/) }],
    };
    const fresh = (await adminA.request({ method: 'GET', url: `/api/v1/imports/${id}` })).json();
    // On PostgreSQL another process may be running it; PGlite is this process's alone.
    if (engine === 'postgres')
      expect(fresh).toMatchObject({ id, state: 'running', phase: 'writing', rowsImported: 400 });
    else expect(fresh).toMatchObject(stopped);
    await t.db.query(`UPDATE import_progress SET updated_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect((await adminA.request({ method: 'GET', url: `/api/v1/imports/${id}` })).json()).toMatchObject(stopped);
    // Stored progress is read under the same policy as the rest.
    expect((await adminB.request({ method: 'GET', url: `/api/v1/imports/${id}` })).statusCode).toBe(404);
  });

  it('lets only a unit admin over the unit, or an organizer over its region, import', async () => {
    const file = csv('1,2026-05-15,09:00,,,,谁来导入,,,,,,,');
    expect((await send(deskA, 'x.csv', file)).statusCode).toBe(403);
    const otherUnit = await send(adminB, 'x.csv', file);
    expect(otherUnit.statusCode).toBe(403);
    const byOrganizer = await send(organizer, 'x.csv', file);
    expect(byOrganizer.statusCode).toBe(201);
    const notMultipart = await adminA.request({ method: 'POST', url: importUrl(), payload: {} });
    expect(notMultipart.statusCode).toBe(415);
    expect(notMultipart.json().error.details[0].field).toBe('content-type');
    const noUnit = await adminA.request({
      method: 'POST',
      url: `/api/v1/imports?campaignId=${world.campaign.id}`,
      ...upload('x.csv', file),
    });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.details[0].field).toBe('querystring.unitId');
    const xls = await send(adminA, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.statusCode).toBe(422);
    expect(xls.json().error.details[0].reason).toMatch(/old Excel workbook/);
  });
});

describe('importing publicity items and materials', () => {
  it('imports publicity with its rules, and materials with copies handed out', async () => {
    const publicity = Buffer.from(
      '类型,数量,内容,网址,地点,开始日期\r\n横幅,3,推进政务公开,,市民中心,2026-05-10\r\nLED标语,1,政务公开日欢迎您,,广场大屏,\r\n网站/微信,1,活动预告,https://example.gov.cn/a,,\r\n',
    );
    const ok = await send(adminA, 'publicity.csv', publicity, 'publicity');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'publicity', rowsImported: 3 });
    expect(
      await count('publicity_items', 'unit_id = $1 AND kind = $2 AND quantity = 3', [world.unitA.id, 'banner']),
    ).toBe(1);

    const bad = await send(
      adminA,
      'publicity-bad.csv',
      Buffer.from('类型,内容,网址\r\nLED标语,,\r\n网站/微信,帖子,ftp://x\r\n'),
      'publicity',
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['row 2: 内容', 'row 3: 网址']);

    const media = Buffer.from(
      '类型,内容,网址,开始日期,媒体名称,媒体类型,阅读量\r\n媒体报道,我市举办政务公开日活动,https://epaper.lnd.com.cn/a3.html,2026-05-16,辽宁日报,报纸,\r\n网络发布,活动预告,https://mp.weixin.qq.com/s/a,2026-05-12,甲市发布,公众号,"1,280"\r\n',
    );
    const imported = await send(adminA, 'media.csv', media, 'publicity');
    expect(imported.statusCode, imported.body).toBe(201);
    const coverage = await t.db.query(
      `SELECT kind, outlet, medium, reach FROM publicity_items WHERE unit_id = $1 AND outlet IS NOT NULL ORDER BY kind`,
      [world.unitA.id],
    );
    expect(coverage.rows).toEqual([
      { kind: 'media_report', outlet: '辽宁日报', medium: 'newspaper', reach: null },
      { kind: 'online_post', outlet: '甲市发布', medium: 'wechat', reach: 1280 },
    ]);
    const refused = await send(
      adminA,
      'media-bad.csv',
      Buffer.from(
        '类型,内容,媒体名称,媒体类型,阅读量\r\n媒体报道,标题,,报纸,\r\n横幅,,,,5\r\n网络发布,帖,,杂志,-3\r\n',
      ),
      'publicity',
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'row 2: 媒体名称',
      'row 3: 阅读量',
      'row 4: 类型',
      'row 4: 媒体类型',
      'row 4: 阅读量',
    ]);

    const materials = Buffer.from(
      'Title,Kind,Print run,Copies distributed\r\n供暖服务指南,办事指南,500,320\r\nLeaflet A,leaflet,1000,\r\n',
    );
    const done = await send(adminA, 'materials.csv', materials, 'materials');
    expect(done.statusCode).toBe(201);
    const stored = await t.db.query<{ title: string; print_run: number; copies: number | null }>(
      `SELECT m.title, m.print_run, sum(d.copies)::int AS copies FROM materials m
       LEFT JOIN material_distributions d ON d.material_id = m.id WHERE m.unit_id = $1 GROUP BY m.id ORDER BY m.title`,
      [world.unitA.id],
    );
    expect(stored.rows).toEqual([
      { title: 'Leaflet A', print_run: 1000, copies: null },
      { title: '供暖服务指南', print_run: 500, copies: 320 },
    ]);
  });
});

describe('the round trip', () => {
  it('template → filled → imported → exported gives back the same rows (CSV and XLSX)', async () => {
    const template = await adminA.request({ method: 'GET', url: '/api/v1/imports/template?format=csv' });
    const header = (parse(template.rawPayload, { bom: true }) as string[][])[0]!;
    const columns =
      'date,time,desk,channel,channelPoint,topic,question,answer,outcome,handledMatter,receivedBy,partner,rating,visitorName,visitorPhone,contactConsent';
    const filled = [
      [
        '1',
        '2026-05-20',
        '09:05',
        '供暖咨询台',
        '现场',
        '',
        '往返',
        '往返问题一，含"引号"与逗号',
        '答复一\n第二行',
        '现场办理',
        '打印供暖缴费证明',
        '王立新',
        '',
        '非常满意',
        '赵六',
        '13600001234',
        '是',
        '',
      ],
      [
        '2',
        '2026-05-20',
        '09:10',
        '',
        '座谈会',
        '',
        '往返',
        '往返问题二',
        '',
        '意见建议',
        '',
        '',
        '',
        '',
        '',
        '',
        '否',
        '',
      ],
      [
        '3',
        '2026-05-20',
        '09:15',
        '',
        '热线',
        '供暖服务热线',
        '往返',
        '=1+1 看起来像公式',
        '',
        '投诉',
        '',
        '',
        '',
        '不满意',
        '',
        '+8613500001111',
        '是',
        '',
      ],
    ];
    const text = [header, ...filled]
      .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))
      .join('\r\n');
    const imported = await send(adminA, 'roundtrip.csv', Buffer.from(text));
    expect(imported.statusCode).toBe(201);

    const expected = filled.map((r) => r.slice(1, 17));
    const exported = await adminA.request({
      method: 'GET',
      url: `/api/v1/exports/consultations.csv?campaignId=${world.campaign.id}&unitId=${world.unitA.id}&topic=往返&columns=${columns}`,
    });
    expect(exported.statusCode).toBe(200);
    const back = parse(exported.rawPayload, { bom: true }) as string[][];
    expect(back[0]).toEqual(header.slice(1, 17));
    // The export guards a formula with an apostrophe; an import takes it off again.
    expect(back.slice(1)).toEqual(expected.map((r) => r.map((c) => (/^[=+]/.test(c) ? `'${c}` : c))));

    // The exported file is the same rows: importing it into the unit again adds nothing.
    const same = await send(adminA, 'exported.csv', exported.rawPayload);
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ id: imported.json().id, duplicate: true });
    // An export with all its columns (unit, site, visit…) imports as it is into another unit.
    const full = await adminA.request({
      method: 'GET',
      url: `/api/v1/exports/consultations.csv?campaignId=${world.campaign.id}&unitId=${world.unitA.id}&topic=往返`,
    });
    const withoutDesk = Buffer.from(
      full.rawPayload
        .toString('utf8')
        .replaceAll('供暖咨询台', '')
        .replaceAll('王立新', '')
        .replaceAll('供暖服务热线', ''),
    );
    const again = await adminA.request({
      method: 'POST',
      url: `/api/v1/imports?campaignId=${world.campaign.id}&unitId=${world.subUnitA.id}`,
      ...upload('exported.csv', withoutDesk),
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().rowsImported).toBe(3);
    const copies = await t.db.query<{ question: string; visitor_phone: string | null }>(
      `SELECT question, visitor_phone FROM consultations WHERE unit_id = $1 ORDER BY occurred_at`,
      [world.subUnitA.id],
    );
    expect(copies.rows.map((r) => r.question)).toEqual(expected.map((r) => r[6]));
    expect(copies.rows[2]!.visitor_phone).toBe('+8613500001111');

    // XLSX: the same rows come back from the workbook.
    const xlsx = await adminA.request({
      method: 'GET',
      url: `/api/v1/exports/consultations.xlsx?campaignId=${world.campaign.id}&unitId=${world.unitA.id}&topic=往返&columns=${columns}`,
    });
    expect(xlsx.statusCode).toBe(200);
    const file = path.join(scratch, 'roundtrip.xlsx');
    fs.writeFileSync(file, xlsx.rawPayload);
    const rows: unknown[][] = [];
    for await (const row of readRows(await sniffFile(file, 'roundtrip.xlsx'))) rows.push(row.cells.map((c) => c ?? ''));
    expect(rows).toEqual([header.slice(1, 17), ...expected]);
  });
});
