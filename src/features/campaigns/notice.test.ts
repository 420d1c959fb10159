import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildCampaign, buildWorld } from '../../../test/builders.ts';
import { docxOf, zipOf } from '../../../test/uploads/hostile-files.ts';
import { multipartFile } from '../../../test/uploads/multipart.ts';
import { runReminderScan } from '../reminders/service.ts';
import { verifyLiveFigures } from '../statistics/verify.ts';
import { MAX_ATTACHMENT_BYTES } from './attachment-file.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let cityBOrganizer: Client;
let adminA: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  [organizer, cityBOrganizer, adminA] = await Promise.all([
    login(t.app, world.users.organizer),
    login(t.app, world.users.cityBOrganizer),
    login(t.app, world.users.adminA),
  ]);
});
afterAll(() => t?.close());

const api = (client: Client, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) =>
  client.request({ method, url: `/api/v1${url}`, ...(body !== undefined && { payload: body }) });

const fieldsOf = (response: { json: () => { error: { details: { field: string }[] } } }) =>
  response.json().error.details.map((d) => d.field);

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0]!.n;

const multipart = (content: Buffer, fileName: string) =>
  multipartFile(content, { fileName, contentType: 'application/octet-stream' });

const attach = (client: Client, content: Buffer, fileName: string, campaignId = world.campaign.id) => {
  const body = multipart(content, fileName);
  return client.request({
    method: 'POST',
    url: `/api/v1/campaigns/${campaignId}/attachments`,
    payload: body.payload,
    headers: body.headers,
  });
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('the notice as a document', () => {
  it('stores the office, number, title and deadlines, audited, and shows them', async () => {
    const changed = await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, {
      issuingOffice: '示范省人民政府办公厅',
      documentNumber: '示政办发〔2026〕12号',
      noticeTitle: '关于开展2026年政务公开日活动的通知',
      notice: '各市政务公开办：\n请于5月8日前报送活动方案，于5月29日前报送活动总结。',
      plansDueOn: '2026-05-08',
      summaryDueOn: '2026-05-29',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      documentNumber: '示政办发〔2026〕12号',
      plansDueOn: '2026-05-08',
      summaryDueOn: '2026-05-29',
    });
    const read = (await api(adminA, 'GET', `/campaigns/${world.campaign.id}`)).json();
    expect(read).toMatchObject({
      issuingOffice: '示范省人民政府办公厅',
      noticeTitle: '关于开展2026年政务公开日活动的通知',
    });
    const { rows } = await t.db.query<{ after: { documentNumber: string } }>(
      `SELECT after FROM audit_log WHERE entity = 'campaign' AND entity_id = $1 AND action = 'update'
       ORDER BY occurred_at DESC LIMIT 1`,
      [world.campaign.id],
    );
    expect(rows[0]!.after.documentNumber).toBe('示政办发〔2026〕12号');

    const page = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}` });
    expect(page.body).toContain('示政办发〔2026〕12号');
    expect(page.body).toContain('示范省人民政府办公厅');
    expect(page.body).toContain('关于开展2026年政务公开日活动的通知');
    expect(page.body).toContain('活动方案报送截止');
    expect(page.body).toContain('2026年5月8日');
  });

  it('refuses bad notice fields with 4xx naming the field, and stores nothing', async () => {
    const before = (await api(organizer, 'GET', `/campaigns/${world.campaign.id}`)).json();
    for (const [patch, field] of [
      [{ plansDueOn: '2026-06-30' }, 'plansDueOn'], // after the campaign's last day
      [{ plansDueOn: '2026-05-30', summaryDueOn: '2026-05-20' }, 'plansDueOn'],
      [{ plansDueOn: '2026-02-30' }, 'plansDueOn'],
      [{ documentNumber: ' 示政办发〔2026〕12号' }, 'documentNumber'],
      [{ documentNumber: 'x'.repeat(101) }, 'documentNumber'],
      [{ noticeTitle: '' }, 'noticeTitle'],
      [{ issuingOffice: 42 }, 'issuingOffice'],
    ] as const) {
      const response = await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, patch);
      expect([400, 422], `${JSON.stringify(patch)}: ${response.body}`).toContain(response.statusCode);
      expect(fieldsOf(response)).toContain(field);
    }
    const after = (await api(organizer, 'GET', `/campaigns/${world.campaign.id}`)).json();
    expect(after).toEqual(before);
  });

  it('shows the organizing unit as the issuing office when none is named', async () => {
    const campaign = await buildCampaign(t.db, {
      organizerUnitId: world.provinceOffice.id,
      unitIds: [world.unitA.id],
      noticeTitle: '关于开展政务公开日活动的通知',
    });
    expect(campaign.issuingOffice).toBeNull();
    const page = await t.app.inject({ method: 'GET', url: `/c/${campaign.slug}` });
    expect(page.body).toContain(world.provinceOffice.name);
  });
});

describe("the notice's attachments", () => {
  it('takes a PDF, a DOCX and an XLSX by their bytes, lists them, and anyone downloads them', async () => {
    const docx = await docxOf('<w:document/>');
    const xlsx = await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    const made = [];
    for (const [content, name] of [
      [PDF, '活动方案模板.pdf'],
      [docx, '../../活动方案模板.docx'],
      [xlsx, '统计汇总表.bin'],
    ] as const) {
      const response = await attach(organizer, content, name);
      expect(response.statusCode, response.body).toBe(201);
      made.push(response.json());
    }
    expect(made.map((a) => [a.fileName, a.contentType])).toEqual([
      ['活动方案模板.pdf', 'application/pdf'],
      ['活动方案模板.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['统计汇总表.bin.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const listed = await api(adminA, 'GET', `/campaigns/${world.campaign.id}/attachments`);
    expect(listed.json().items.map((a: { id: string }) => a.id)).toEqual(made.map((a) => a.id));

    const download = await t.app.inject({ method: 'GET', url: made[0].downloadUrl });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const published = await t.app.inject({ method: 'GET', url: `/api/v1/public/campaigns/${world.campaign.slug}` });
    expect(published.json().notice).toMatchObject({
      documentNumber: '示政办发〔2026〕12号',
      plansDueOn: '2026-05-08',
      attachments: made.map((a) => ({ id: a.id, fileName: a.fileName, downloadUrl: a.downloadUrl })),
    });
    const page = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}` });
    expect(page.body).toContain(made[1].downloadUrl);
    expect(page.body).toContain('活动方案模板.docx');

    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/attachments/${world.unitA.id}` })).statusCode,
    ).toBe(404);
    const removed = await api(organizer, 'DELETE', `/campaigns/${world.campaign.id}/attachments/${made[2].id}`);
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: made[2].downloadUrl })).statusCode).toBe(404);
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'campaign_attachment' AND entity_id = $1`, [
        made[2].id,
      ]),
    ).toBe(2);
  });

  it('refuses other files, too large files, and other offices, storing nothing', async () => {
    const stored = () => count('SELECT count(*)::int AS n FROM campaign_attachments');
    const before = await stored();
    const html = await attach(organizer, Buffer.from('<html><script>alert(1)</script></html>'), 'plan.pdf');
    expect(html.statusCode).toBe(415);
    expect(fieldsOf(html)).toEqual(['file']);
    const jar = await zipOf({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0' });
    expect((await attach(organizer, jar, 'form.xlsx')).statusCode).toBe(415);
    const broken = await attach(organizer, Buffer.from('PK\u0003\u0004 not a zip'), 'form.docx');
    expect(broken.statusCode).toBe(422);
    expect(fieldsOf(broken)).toEqual(['file']);
    const empty = await attach(organizer, Buffer.alloc(0), 'empty.pdf');
    expect(empty.statusCode).toBe(422);
    const big = await attach(organizer, Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)]), 'big.pdf');
    expect(big.statusCode).toBe(413);
    const notMultipart = await api(organizer, 'POST', `/campaigns/${world.campaign.id}/attachments`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
    // A city office does not issue the province's notice; a unit admin issues none.
    expect((await attach(cityBOrganizer, PDF, 'plan.pdf')).statusCode).toBe(403);
    expect((await attach(adminA, PDF, 'plan.pdf')).statusCode).toBe(403);
    expect(await stored()).toBe(before);
  });
});

describe("the plans' deadline", () => {
  it('marks units that have not filed their plan as overdue on the progress page, and reminds them once', async () => {
    const campaign = await buildCampaign(t.db, {
      organizerUnitId: world.provinceOffice.id,
      unitIds: [world.unitA.id, world.unitB.id],
      startsOn: '2026-05-01',
      endsOn: '2026-05-31',
      plansDueOn: '2026-05-20',
    });
    await t.db.query(
      `INSERT INTO plans (id, campaign_id, unit_id, filed_at) VALUES (gen_random_uuid(), $1, $2, now())`,
      [campaign.id, world.unitB.id],
    );
    const progress = (await api(organizer, 'GET', `/campaigns/${campaign.id}/progress`)).json();
    expect(progress.plansDueOn).toBe('2026-05-20');
    const row = (unitId: string) => progress.rows.find((r: { unitId: string }) => r.unitId === unitId);
    expect(row(world.unitA.id)).toMatchObject({ planOverdue: true });
    expect(row(world.unitA.id).problems).toContain('plan_overdue');
    // Unit B filed its plan today, long after 20 May: filed, but late.
    expect(row(world.unitB.id)).toMatchObject({ planOverdue: false, planFiledLate: true });
    expect(row(world.unitA.id)).toMatchObject({ planFiledLate: false });

    const planNotices = () =>
      count(
        `SELECT count(*)::int AS n FROM notifications WHERE kind = 'plan.owed' AND campaign_id = $1 AND unit_id = $2`,
        [campaign.id, world.unitA.id],
      );
    // Three days before (unit A only: unit B filed its plan), then on the day, each once.
    expect((await runReminderScan({ db: t.db, today: '2026-05-16' })).plans).toBe(0);
    expect((await runReminderScan({ db: t.db, today: '2026-05-17' })).plans).toBe(1);
    expect((await runReminderScan({ db: t.db, today: '2026-05-18' })).plans).toBe(0);
    expect((await runReminderScan({ db: t.db, today: '2026-05-20' })).plans).toBe(1);
    expect((await runReminderScan({ db: t.db, today: '2026-05-21' })).plans).toBe(0);
    expect(await planNotices()).toBeGreaterThan(0);
  });
});

describe("the campaign's window", () => {
  const ask = (slug: string, unitId: string, text: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/public/campaigns/${slug}/questions`,
      payload: { kind: 'question', unitId, text },
    });

  it("counts a question asked on the portal after the campaign's end as a later question, not in the day's figures", async () => {
    // The test campaign ended on 2026-05-31; the desk recorded its day.
    const desk = await api(adminA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: '暖气什么时候来？',
      outcome: 'answered_on_spot',
    });
    expect(desk.statusCode, desk.body).toBe(201);
    const statistics = async () => (await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`)).json();
    const dashboard = async () => {
      const d = (await api(organizer, 'GET', `/campaigns/${world.campaign.id}/dashboard`)).json();
      return { ...d, generatedAt: undefined };
    };
    const before = await statistics();
    const dashboardBefore = await dashboard();
    const asked = await ask(world.campaign.slug, world.unitA.id, '活动结束了，还能问供暖的问题吗？');
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ later: true });
    expect(asked.json().trackingCode).toBeTruthy();

    const after = await statistics();
    const { laterQuestions: laterBefore, ...dayBefore } = before.totals;
    const { laterQuestions: laterAfter, ...dayAfter } = after.totals;
    expect(dayAfter).toEqual(dayBefore);
    expect(laterAfter).toBe(laterBefore + 1);
    const rowA = after.rows.find((r: { unitId: string }) => r.unitId === world.unitA.id);
    expect(rowA.laterQuestions).toBe(1);
    expect(await dashboard()).toEqual(dashboardBefore);
    expect((await verifyLiveFigures(t.db, world.campaign.id)).differences).toEqual([]);

    // The case is a later case, and still gets its reply like any other.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM cases k JOIN consultations c ON c.id = k.consultation_id
         WHERE k.campaign_id = $1 AND k.later AND c.later`,
        [world.campaign.id],
      ),
    ).toBe(1);
    const progress = (await api(organizer, 'GET', `/campaigns/${world.campaign.id}/progress`)).json();
    expect(progress.rows.find((r: { unitId: string }) => r.unitId === world.unitA.id).laterQuestions).toBe(1);
  });

  it("counts a return visit on a later question apart: the day's return visits stay as they were", async () => {
    const statistics = async () => (await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`)).json();
    type Row = { unitId: string; laterQuestions: number; returnVisits: number; returnVisitsReached: number };
    const unitRow = (s: { rows: (Row & { laterReturnVisits: number })[] }) =>
      s.rows.find((r) => r.unitId === world.unitA.id)!;
    // A question of the day, with its case, beside the later one.
    const desk = await api(adminA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: '公租房申请需要哪些材料？',
      outcome: 'follow_up',
    });
    expect(desk.statusCode, desk.body).toBe(201);
    const asked = await ask(world.campaign.slug, world.unitA.id, '活动结束后想问：公租房什么时候摇号？');
    expect(asked.json()).toMatchObject({ later: true });
    const caseOf = async (question: string) =>
      (
        await t.db.query<{ id: string; later: boolean }>(
          `SELECT k.id, k.later FROM cases k JOIN consultations c ON c.id = k.consultation_id WHERE c.question = $1`,
          [question],
        )
      ).rows[0]!;
    const dayCase = await caseOf('公租房申请需要哪些材料？');
    const laterCase = await caseOf('活动结束后想问：公租房什么时候摇号？');
    expect([dayCase.later, laterCase.later]).toEqual([false, true]);

    const before = await statistics();
    const call = (caseId: string, reached: boolean) =>
      api(adminA, 'POST', `/cases/${caseId}/return-visits`, { visitedOn: '2026-06-02', reached });
    expect((await call(laterCase.id, true)).statusCode).toBe(200);
    expect((await call(laterCase.id, false)).statusCode).toBe(200);
    const afterLater = await statistics();
    const { laterReturnVisits: laterBefore, ...dayBefore } = before.totals;
    const { laterReturnVisits: laterAfter, ...dayAfter } = afterLater.totals;
    expect(dayAfter).toEqual(dayBefore);
    expect(laterAfter).toBe(laterBefore + 2);
    expect(unitRow(afterLater)).toMatchObject({
      returnVisits: unitRow(before).returnVisits,
      returnVisitsReached: unitRow(before).returnVisitsReached,
      laterReturnVisits: unitRow(before).laterReturnVisits + 2,
    });
    expect((await verifyLiveFigures(t.db, world.campaign.id)).differences).toEqual([]);

    // A return visit on the day's case is one of the day's, as before.
    expect((await call(dayCase.id, true)).statusCode).toBe(200);
    const afterDay = await statistics();
    expect(afterDay.totals).toMatchObject({
      returnVisits: before.totals.returnVisits + 1,
      returnVisitsReached: before.totals.returnVisitsReached + 1,
      laterReturnVisits: laterBefore + 2,
    });
    expect((await verifyLiveFigures(t.db, world.campaign.id)).differences).toEqual([]);

    // The summary states the later return visits in the later questions' sentence, not with the day's.
    const textOf = async (lang: string) => {
      const response = await api(
        adminA,
        'POST',
        `/summaries/campaigns/${world.campaign.id}/units/${world.unitA.id}/summary/generate?lang=${lang}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const document = response.json().document as { sections: { paragraphs: { runs: { text: string }[] }[] }[] };
      return document.sections.flatMap((x) => x.paragraphs.map((p) => p.runs.map((r) => r.text).join(''))).join('\n');
    };
    const later = unitRow(afterDay);
    const zh = await textOf('zh-CN');
    expect(zh).toContain(`群众在线提出后续咨询${later.laterQuestions}件，已登记办理并回访2次，均未计入以上活动数据。`);
    expect(zh).toContain(`对办件开展回访${later.returnVisits}次`);
    const en = await textOf('en-US');
    expect(en).toMatch(
      new RegExp(
        `citizens asked ${later.laterQuestions} later questions? online; (it is|they are) being handled, with 2 return visits so far, and none of this is counted in the figures above\\.`,
      ),
    );
  });

  it('does not flag staff intake after the day, nor a question asked while the campaign runs', async () => {
    const running = await buildCampaign(t.db, {
      organizerUnitId: world.provinceOffice.id,
      unitIds: [world.unitA.id],
      startsOn: '2026-05-01',
      endsOn: '2099-12-31',
    });
    const during = await ask(running.slug, world.unitA.id, '现在可以咨询吗？');
    expect(during.statusCode).toBe(201);
    expect(during.json()).toMatchObject({ later: false });
    const intake = await api(adminA, 'POST', '/cases/intake', {
      campaignId: world.campaign.id,
      channel: 'hotline',
      kind: 'question',
      unitId: world.unitA.id,
      text: '热线来电：供暖费怎么交？',
    });
    expect(intake.statusCode, intake.body).toBe(201);
    expect(
      await count(`SELECT count(*)::int AS n FROM consultations WHERE later AND campaign_id = $1`, [running.id]),
    ).toBe(0);
    expect(
      await count(`SELECT count(*)::int AS n FROM consultations WHERE id = $1 AND later`, [
        intake.json().consultationId,
      ]),
    ).toBe(0);
  });

  it('tells a citizen on the ask page of an ended campaign that the day is over', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}/ask` });
    expect(page.body).toContain('本次政务公开日活动已于2026年5月31日结束');
    expect(page.body).toContain('后续咨询');
    const english = await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}/ask?lang=en-US` });
    expect(english.body).toContain('handled and answered as a later question');
  });
});
