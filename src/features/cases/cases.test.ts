import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser, buildWorld } from '../../../test/builders.ts';
import type { CountedDay } from '../calendar/schema.ts';
import type { Case, CaseDetail, DueDateExplanation } from './schema.ts';
import { findPublicCase, rateCase } from './service.ts';
import { caseReference, newTrackingCode, normalizeTrackingCode } from './tracking-code.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let deskA: Client;
let adminA: Client;
let responderA: Client;
let adminB: Client;
let responderB: Client;
let organizer: Client;
let cityBOrganizer: Client;
let outsiderUnitId: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  const responderBName = await buildUser(t.db, 'responder', world.unitB.id);
  outsiderUnitId = (await buildUnit(t.db, { regionId: world.cityA.id, name: `不参加的单位${Date.now()}` })).id;
  [deskA, adminA, responderA, adminB, responderB, organizer, cityBOrganizer] = await Promise.all([
    login(t.app, world.users.deskA),
    login(t.app, world.users.adminA),
    login(t.app, world.users.responderA),
    login(t.app, world.users.adminB),
    login(t.app, responderBName),
    login(t.app, world.users.organizer),
    login(t.app, world.users.cityBOrganizer),
  ]);
});
afterAll(() => t?.close());

const api = (
  client: Client,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: object,
  headers: Record<string, string> = {},
) => client.request({ method, url: `/api/v1${url}`, ...(body !== undefined && { payload: body }), headers });

const sql = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows;
const today = async () => (await sql<{ d: string }>(`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d`))[0]!.d;
const addDays = async (start: string, n: number) =>
  (await sql<{ d: string }>('SELECT openday_add_working_days($1::date, $2::int) AS d', [start, n]))[0]!.d;
/** A day n calendar days before today, in China's time. */
const daysAgo = async (n: number) =>
  (await sql<{ d: string }>(`SELECT ((now() AT TIME ZONE 'Asia/Shanghai')::date - $1::int) AS d`, [n]))[0]!.d;

/** Records a consultation at unit A that needs a reply and returns its case. */
/** A case with the visitor's code, which only the recording's answer gives (the desk's slip). */
type SlipCase = Case & { trackingCode: string };

async function openCaseAt(occurredAt: string, outcome: 'follow_up' | 'transferred' = 'follow_up'): Promise<SlipCase> {
  const recorded = await api(deskA, 'POST', '/consultations', {
    campaignId: world.campaign.id,
    unitId: world.unitA.id,
    channel: 'hotline',
    occurredAt,
    topic: '供热',
    question: '小区暖气不热，什么时候能解决？',
    outcome,
    visitorName: '王秀英',
    visitorPhone: '13800001234',
    contactConsent: true,
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const list = await api(adminA, 'GET', `/cases?consultationId=${recorded.json().id}`);
  expect(list.statusCode, list.body).toBe(200);
  expect(list.json().items).toHaveLength(1);
  return { ...list.json().items[0], trackingCode: recorded.json().caseTrackingCode };
}

const detail = async (client: Client, id: string): Promise<CaseDetail> => {
  const response = await api(client, 'GET', `/cases/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('tracking codes', () => {
  it('are 12 Crockford base32 characters shown XXXX-XXXX-XXXX, and read back however typed', () => {
    const codes = new Set(Array.from({ length: 2000 }, newTrackingCode));
    expect(codes.size).toBe(2000);
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const code = [...codes][0]!;
    expect(normalizeTrackingCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code);
    expect(normalizeTrackingCode('o1il-0000-abcd')).toBe('0111-0000-ABCD');
    expect(normalizeTrackingCode('ABCD-EFGH-JKMU')).toBeUndefined();
    expect(normalizeTrackingCode('short')).toBeUndefined();
  });
});

describe('opening a case', () => {
  it('opens one when a consultation needing a reply is recorded, due 15 working days on across the Spring Festival', async () => {
    // Fri 13 Feb 2026: Sat 14 Feb is worked (调休), 15–23 Feb are off, Sat 28 Feb is worked.
    const opened = await openCaseAt('2026-02-13T10:00:00+08:00');
    expect(opened).toMatchObject({
      status: 'open',
      unitId: world.unitA.id,
      originUnitId: world.unitA.id,
      clockStartOn: '2026-02-13',
      limitDays: 15,
      dueOn: '2026-03-12',
      extensionDays: null,
      question: '小区暖气不热，什么时候能解决？',
      // The desk staff sees the visitor masked; the unit admin reads the list here.
      visitorPhone: '13800001234',
    });
    expect(opened.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(opened.reference).toBe(caseReference(opened.id));
    const events = (await detail(adminA, opened.id)).events;
    expect(events.map((e) => e.kind)).toEqual(['opened']);
    expect(events[0]).toMatchObject({ toUnitId: world.unitA.id, at: '2026-02-13T02:00:00.000Z' });
    const audit = await sql<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'case' AND entity_id = $1`,
      [opened.id],
    );
    expect(audit).toEqual([{ action: 'open' }]);
  });

  it("counts from the consultation's day in China's time", async () => {
    // 00:30 on Sat 14 Feb in Beijing is still the 13th in UTC.
    const opened = await openCaseAt('2026-02-14T00:30:00+08:00');
    expect(opened).toMatchObject({ clockStartOn: '2026-02-14', dueOn: '2026-03-13' });
  });

  it('counts the adjusted working days around National Day 2026', async () => {
    // Fri 18 Sep: Sun 20 Sep worked, 25–27 Sep (Mid-Autumn) and 1–7 Oct off, Sat 10 Oct worked.
    const opened = await openCaseAt('2026-09-18T15:00:00+08:00', 'transferred');
    expect(opened).toMatchObject({ clockStartOn: '2026-09-18', dueOn: '2026-10-15' });
    expect(await addDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(await addDays('2026-10-09', 1)).toBe('2026-10-10');
  });

  it('explains the due date day by day', async () => {
    const opened = await openCaseAt('2026-02-13T09:00:00+08:00');
    const response = await api(deskA, 'GET', `/cases/${opened.id}/due-date`);
    expect(response.statusCode, response.body).toBe(200);
    const explanation: DueDateExplanation = response.json();
    expect(explanation).toMatchObject({
      clockStartOn: '2026-02-13',
      clockStartReason: 'consultation',
      limitDays: 15,
      extensionDays: null,
      workingDays: 15,
      dueOn: '2026-03-12',
    });
    const day = (d: string) => explanation.days.find((x) => x.day === d);
    expect(explanation.days[0]!.day).toBe('2026-02-14');
    expect(day('2026-02-14')).toEqual<CountedDay>({
      day: '2026-02-14',
      weekday: 6,
      counted: true,
      number: 1,
      reason: 'adjusted_working_day',
      name: '春节调休上班',
    });
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'])
      expect(day(d)).toMatchObject({ counted: false, number: null, reason: 'holiday', name: '春节' });
    expect(day('2026-02-24')).toMatchObject({ counted: true, number: 2, reason: 'working_day', name: null });
    expect(day('2026-02-28')).toMatchObject({ counted: true, number: 6, reason: 'adjusted_working_day' });
    expect(day('2026-03-01')).toMatchObject({ counted: false, reason: 'weekend', name: null });
    expect(explanation.days.at(-1)).toMatchObject({ day: '2026-03-12', counted: true, number: 15 });
    expect(explanation.days.filter((d) => d.counted)).toHaveLength(15);
  });

  it('opens a case when a consultation is changed to need a reply, and only once', async () => {
    const recorded = await api(deskA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      occurredAt: '2026-05-15T09:30:00+08:00',
      question: '供热缴费标准？',
      outcome: 'answered_on_spot',
    });
    expect(recorded.statusCode).toBe(201);
    const id = recorded.json().id;
    const none = await api(adminA, 'GET', `/cases?consultationId=${id}`);
    expect(none.json().items).toEqual([]);
    for (const outcome of ['follow_up', 'transferred'])
      expect((await api(deskA, 'PATCH', `/consultations/${id}`, { outcome })).statusCode).toBe(200);
    const cases = (await api(adminA, 'GET', `/cases?consultationId=${id}`)).json().items as Case[];
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ clockStartOn: '2026-05-15', dueOn: await addDays('2026-05-15', 15) });
  });

  it('opens a case the same way at the desk and when a record is changed to need a reply', async () => {
    const occurredAt = '2026-02-13T10:00:00+08:00';
    const atDesk = await openCaseAt(occurredAt);
    const recorded = await api(deskA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      occurredAt,
      question: '小区暖气不热，什么时候能解决？',
      outcome: 'answered_on_spot',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const changed = await api(deskA, 'PATCH', `/consultations/${recorded.json().id}`, { outcome: 'follow_up' });
    expect(changed.statusCode, changed.body).toBe(200);
    const [onChange] = (await api(adminA, 'GET', `/cases?consultationId=${recorded.json().id}`)).json().items as Case[];
    // The case, its first event and its audit entry as stored, each consultation's own ids left out.
    const opening = async (id: string) => ({
      case: (
        await sql(
          `SELECT status, campaign_id, unit_id, clock_start_on::text, limit_days, due_on::text, later, extension_days
           FROM cases WHERE id = $1`,
          [id],
        )
      )[0],
      events: await sql(
        `SELECT kind, at, actor_user_id, from_unit_id, to_unit_id, reason, details FROM case_events WHERE case_id = $1`,
        [id],
      ),
      audit: await sql(
        `SELECT action, entity, actor_user_id, actor_token_id, unit_id, campaign_id, before, after - 'consultationId' AS after
         FROM audit_log WHERE entity = 'case' AND entity_id = $1`,
        [id],
      ),
    });
    const expected = await opening(atDesk.id);
    expect(expected).toMatchObject({
      case: { clock_start_on: '2026-02-13', limit_days: 15, due_on: '2026-03-12', later: false },
      events: [{ kind: 'opened', details: { dueOn: '2026-03-12' } }],
      audit: [{ action: 'open', after: { unitId: world.unitA.id, status: 'open', dueOn: '2026-03-12' } }],
    });
    expect(await opening(onChange!.id)).toEqual(expected);
    const consultationIds = await sql<{ id: string }>(
      `SELECT after->>'consultationId' AS id FROM audit_log WHERE entity = 'case' AND entity_id IN ($1, $2)
       ORDER BY entity_id = $2`,
      [atDesk.id, onChange!.id],
    );
    expect(consultationIds.map((r) => r.id)).toEqual([atDesk.consultationId, recorded.json().id]);
  });

  it('opens one case per consultation when recordings arrive together or are retried', async () => {
    const body = (i: number) => ({
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      occurredAt: '2026-05-15T10:00:00+08:00',
      question: `并发问题${i}`,
      outcome: 'follow_up',
    });
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api(deskA, 'POST', '/consultations', body(i), { 'idempotency-key': `burst-key-${i}` }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const retry = await api(deskA, 'POST', '/consultations', body(3), { 'idempotency-key': 'burst-key-3' });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const ids = responses.map((r) => r.json().id as string);
    const rows = await sql<{ consultation_id: string; events: number }>(
      `SELECT k.consultation_id, (SELECT count(*)::int FROM case_events e WHERE e.case_id = k.id) AS events
       FROM cases k WHERE k.consultation_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.events === 1)).toBe(true);
  });

  it('opens no case for a consultation answered on the spot, and none for a refused recording', async () => {
    const before = await sql<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    await api(deskA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: '办事大厅几点开门？',
      outcome: 'answered_on_spot',
    });
    const refused = await api(deskA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitB.id,
      question: '越权登记',
      outcome: 'follow_up',
    });
    expect(refused.statusCode).toBe(403);
    expect(await sql('SELECT count(*)::int AS n FROM cases')).toEqual(before);
  });
});

describe('the lifecycle of a case', () => {
  it('goes open → transferred → replied → closed, keeping the chain, who, when and why', async () => {
    const opened = await openCaseAt('2026-05-15T10:00:00+08:00', 'transferred');
    // Unit B cannot see unit A's case before it is passed on.
    expect((await api(adminB, 'GET', `/cases/${opened.id}`)).statusCode).toBe(404);

    const transferred = await api(responderA, 'POST', `/cases/${opened.id}/transfer`, {
      toUnitId: world.unitB.id,
      reason: '涉及法律援助，属司法局职责',
    });
    expect(transferred.statusCode, transferred.body).toBe(200);
    expect(transferred.json()).toMatchObject({ status: 'transferred', unitId: world.unitB.id, dueOn: opened.dueOn });
    // Unit B's admin and responder are told, in their inbox.
    const told = await sql<{ kind: string; params: Record<string, string> }>(
      `SELECT n.kind, n.params FROM notifications n WHERE n.case_id = $1 AND n.unit_id = $2`,
      [opened.id, world.unitB.id],
    );
    expect(told).toHaveLength(2);
    expect(told[0]).toEqual({
      kind: 'case.transferred',
      params: { reference: opened.reference, dueOn: opened.dueOn, reason: '涉及法律援助，属司法局职责' },
    });

    // Unit A still reads the case it passed on, but no longer handles it.
    expect((await api(adminA, 'GET', `/cases/${opened.id}`)).statusCode).toBe(200);
    const notTheirs = await api(responderA, 'POST', `/cases/${opened.id}/reply`, { reply: '已处理' });
    expect(notTheirs.statusCode).toBe(403);

    const back = await api(adminB, 'POST', `/cases/${opened.id}/transfer`, {
      toUnitId: world.subUnitA.id,
      reason: '涉及供热管网，转热网公司',
    });
    expect(back.statusCode, back.body).toBe(200);
    const replied = await api(adminA, 'POST', `/cases/${opened.id}/reply`, { reply: '已安排检修，本周内恢复供热。' });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json()).toMatchObject({
      status: 'replied',
      reply: '已安排检修，本周内恢复供热。',
      repliedLate: true,
    });
    // The reason of a closing is optional, and so is the body.
    const closed = await api(adminA, 'POST', `/cases/${opened.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const final: CaseDetail = closed.json();
    expect(final.status).toBe('closed');
    expect(final.closedAt).not.toBeNull();
    expect(final.events.map((e) => [e.kind, e.fromUnitId, e.toUnitId, e.reason])).toEqual([
      ['opened', null, world.unitA.id, null],
      ['transferred', world.unitA.id, world.unitB.id, '涉及法律援助，属司法局职责'],
      ['transferred', world.unitB.id, world.subUnitA.id, '涉及供热管网，转热网公司'],
      ['replied', world.subUnitA.id, null, null],
      ['closed', null, null, null],
    ]);
    expect(final.events.slice(1).every((e) => e.actorUserId && e.actorName)).toBe(true);
    expect(
      (
        await sql<{ action: string }>(
          `SELECT action FROM audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY occurred_at, id`,
          [opened.id],
        )
      ).map((r) => r.action),
    ).toEqual(['open', 'transfer', 'transfer', 'reply', 'close']);

    // Closed is closed.
    for (const [path, body] of [
      ['transfer', { toUnitId: world.unitB.id, reason: '再转' }],
      ['reply', { reply: '再答' }],
      ['extend', { days: 5, reason: '再延' }],
      ['close', {}],
    ] as const) {
      const response = await api(adminA, 'POST', `/cases/${opened.id}/${path}`, body);
      expect(response.statusCode, path).toBe(409);
    }
  });

  it('tells citizens a transfer went to the unit able to answer, never that it was refused', async () => {
    const opened = await openCaseAt('2026-05-15T11:00:00+08:00', 'transferred');
    await api(adminA, 'POST', `/cases/${opened.id}/transfer`, { toUnitId: world.unitB.id, reason: '不属于本单位职责' });
    const seen = await findPublicCase(t.db, opened.trackingCode.toLowerCase().replaceAll('-', ''));
    expect(seen).toBeDefined();
    expect(seen!).toMatchObject({
      trackingCode: opened.trackingCode,
      status: 'transferred',
      unitName: world.unitB.name,
      dueOn: opened.dueOn,
      reply: null,
      canRate: false,
    });
    const transfer = seen!.chain.find((c) => c.kind === 'transferred')!;
    expect(transfer.text['zh-CN']).toBe(`转交至有权处理的单位：${world.unitB.name}`);
    expect(transfer.text['en-US']).toBe(`Passed to the unit able to answer: ${world.unitB.name}`);
    const everything = JSON.stringify(seen);
    expect(everything).not.toContain('不属于本单位职责');
    expect(everything).not.toMatch(/拒|refus|reject/i);
    expect(everything).not.toContain('13800001234');
    expect(await findPublicCase(t.db, 'ZZZZ-ZZZZ-ZZZZ')).toBeUndefined();
    expect(await findPublicCase(t.db, 'not a code')).toBeUndefined();
  });

  it('refuses transfers to a unit outside the campaign, to itself, and bad bodies, storing nothing', async () => {
    const opened = await openCaseAt('2026-05-15T12:00:00+08:00');
    const events = async () => (await detail(adminA, opened.id)).events.length;
    const outside = await api(adminA, 'POST', `/cases/${opened.id}/transfer`, {
      toUnitId: outsiderUnitId,
      reason: '转',
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.details[0].field).toBe('toUnitId');
    const self = await api(adminA, 'POST', `/cases/${opened.id}/transfer`, { toUnitId: world.unitA.id, reason: '转' });
    expect(self.statusCode).toBe(422);
    const noReason = await api(adminA, 'POST', `/cases/${opened.id}/transfer`, { toUnitId: world.unitB.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('reason');
    const badDays = await api(adminA, 'POST', `/cases/${opened.id}/extend`, { days: 0, reason: '延期' });
    expect(badDays.statusCode).toBe(400);
    expect(badDays.json().error.details[0].field).toBe('days');
    const emptyReply = await api(adminA, 'POST', `/cases/${opened.id}/reply`, { reply: '' });
    expect(emptyReply.statusCode).toBe(400);
    const notReplied = await api(adminA, 'POST', `/cases/${opened.id}/close`, {});
    expect(notReplied.statusCode).toBe(409);
    expect(await events()).toBe(1);
    // Roles: desk staff read but do not handle; another unit does not even see it.
    expect((await api(deskA, 'POST', `/cases/${opened.id}/reply`, { reply: '答' })).statusCode).toBe(403);
    expect((await api(responderB, 'POST', `/cases/${opened.id}/reply`, { reply: '答' })).statusCode).toBe(404);
    expect((await api(cityBOrganizer, 'GET', `/cases/${opened.id}`)).statusCode).toBe(404);
    expect((await api(organizer, 'GET', `/cases/${opened.id}`)).statusCode).toBe(200);
    expect((await api(adminA, 'GET', '/cases/0190c0de-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('replays a retried transfer with the same Idempotency-Key and stores it once', async () => {
    const opened = await openCaseAt('2026-05-15T13:00:00+08:00', 'transferred');
    const send = () =>
      api(
        adminA,
        'POST',
        `/cases/${opened.id}/transfer`,
        { toUnitId: world.unitB.id, reason: '转司法局' },
        { 'idempotency-key': `transfer-${opened.id}` },
      );
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const third = await send();
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect((await detail(adminB, opened.id)).events.filter((e) => e.kind === 'transferred')).toHaveLength(1);
  });
});

describe('extension', () => {
  it('is granted once, moves the due date, and the case is not overdue before the new date', async () => {
    // Opened five weeks ago: the 15 working days have passed.
    const start = await daysAgo(35);
    const opened = await openCaseAt(`${start}T10:00:00+08:00`);
    expect(opened.overdue).toBe(true);
    expect(opened.dueOn < (await today())).toBe(true);
    const overdueIds = async () =>
      ((await api(adminA, 'GET', `/cases?overdue=true&limit=500`)).json().items as Case[]).map((c) => c.id);
    expect(await overdueIds()).toContain(opened.id);

    const extended = await api(responderA, 'POST', `/cases/${opened.id}/extend`, {
      days: 30,
      reason: '需现场勘查管网',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    const after: CaseDetail = extended.json();
    expect(after).toMatchObject({
      extensionDays: 30,
      extensionReason: '需现场勘查管网',
      dueOn: await addDays(start, 45),
      overdue: false,
    });
    expect(after.dueOn >= (await today())).toBe(true);
    expect(await overdueIds()).not.toContain(opened.id);
    expect(after.events.at(-1)).toMatchObject({
      kind: 'extended',
      reason: '需现场勘查管网',
      details: { days: 30, from: opened.dueOn, dueOn: after.dueOn },
    });

    const again = await api(responderA, 'POST', `/cases/${opened.id}/extend`, { days: 5, reason: '再延' });
    expect(again.statusCode).toBe(409);
    expect((await detail(adminA, opened.id)).dueOn).toBe(after.dueOn);

    const explanation: DueDateExplanation = (await api(adminA, 'GET', `/cases/${opened.id}/due-date`)).json();
    expect(explanation).toMatchObject({ limitDays: 15, extensionDays: 30, workingDays: 45, dueOn: after.dueOn });
    expect(explanation.days.filter((d) => d.counted)).toHaveLength(45);

    const replied = await api(responderA, 'POST', `/cases/${opened.id}/reply`, { reply: '已勘查并修复。' });
    expect(replied.json()).toMatchObject({ status: 'replied', repliedLate: false, overdue: false });
  });
});

describe('rating and reopening', () => {
  it('lets the citizen rate a reply once; a poor rating reopens the case with its own limit from today', async () => {
    const campaign = await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, { reopenLimitDays: 10 });
    expect(campaign.statusCode, campaign.body).toBe(200);
    expect(campaign.json().reopenLimitDays).toBe(10);

    const opened = await openCaseAt('2026-05-15T14:00:00+08:00');
    await expect(rateCase({ db: t.db, trackingCode: opened.trackingCode, rating: 'satisfied' })).rejects.toMatchObject({
      statusCode: 409,
    });
    await api(responderA, 'POST', `/cases/${opened.id}/extend`, { days: 3, reason: '需协调' });
    await api(responderA, 'POST', `/cases/${opened.id}/reply`, { reply: '已答复：下周检修。' });
    const before = await findPublicCase(t.db, opened.trackingCode);
    expect(before).toMatchObject({ status: 'replied', canRate: true, rating: null, reply: '已答复：下周检修。' });

    const rated = await rateCase({ db: t.db, trackingCode: opened.trackingCode, rating: 'dissatisfied' });
    const day = await today();
    expect(rated).toMatchObject({
      status: 'reopened',
      rating: 'dissatisfied',
      canRate: false,
      dueOn: await addDays(day, 10),
    });
    expect(rated.statusText['zh-CN']).toBe('重新办理中');
    expect(rated.chain.map((c) => c.kind)).toEqual(['opened', 'extended', 'replied', 'rated', 'reopened']);
    expect(rated.chain.find((c) => c.kind === 'reopened')!.text['zh-CN']).toBe(
      `根据您的评价重新办理，答复期限为${await addDays(day, 10)}`,
    );
    expect(rated.chain.find((c) => c.kind === 'rated')!.text['zh-CN']).toBe('您的评价：不满意');

    const reopened = await detail(adminA, opened.id);
    expect(reopened).toMatchObject({
      status: 'reopened',
      clockStartOn: day,
      limitDays: 10,
      extensionDays: null,
      overdue: false,
    });
    expect(reopened.events.at(-1)).toMatchObject({ kind: 'reopened', reason: 'poor_rating', actorUserId: null });
    const told = await sql<{ kind: string }>(`SELECT DISTINCT kind FROM notifications WHERE case_id = $1`, [opened.id]);
    expect(told).toEqual([{ kind: 'case.reopened' }]);
    const explanation: DueDateExplanation = (await api(adminA, 'GET', `/cases/${opened.id}/due-date`)).json();
    expect(explanation).toMatchObject({ clockStartOn: day, clockStartReason: 'reopened', workingDays: 10 });
    // The reopened handling has its own limit, which may be extended once again.
    const extendedAgain = await api(responderA, 'POST', `/cases/${opened.id}/extend`, { days: 2, reason: '需复查' });
    expect(extendedAgain.statusCode, extendedAgain.body).toBe(200);
    expect(extendedAgain.json().dueOn).toBe(await addDays(day, 12));

    // Once per reply: the poor rating stands until the unit replies again.
    await expect(rateCase({ db: t.db, trackingCode: opened.trackingCode, rating: 'satisfied' })).rejects.toMatchObject({
      statusCode: 409,
    });
    const second = await api(responderA, 'POST', `/cases/${opened.id}/reply`, { reply: '已上门检修，恢复正常。' });
    expect(second.json()).toMatchObject({ status: 'replied', repliedLate: false });
    const rerated = await rateCase({ db: t.db, trackingCode: opened.trackingCode, rating: 'very_satisfied' });
    expect(rerated).toMatchObject({ status: 'replied', rating: 'very_satisfied', canRate: false });
    await expect(
      rateCase({ db: t.db, trackingCode: opened.trackingCode, rating: 'very_dissatisfied' }),
    ).rejects.toMatchObject({ statusCode: 409 });
    const audit = await sql<{ action: string; actor_user_id: string | null }>(
      `SELECT action, actor_user_id FROM audit_log WHERE entity = 'case' AND entity_id = $1 AND action LIKE 'rate%'
       ORDER BY occurred_at, id`,
      [opened.id],
    );
    expect(audit).toEqual([
      { action: 'rate_and_reopen', actor_user_id: null },
      { action: 'rate', actor_user_id: null },
    ]);
    await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, { reopenLimitDays: 15 });
  });

  it('lets a closed case be rated, and reopens it on very dissatisfied', async () => {
    const opened = await openCaseAt('2026-05-18T09:00:00+08:00');
    await api(responderA, 'POST', `/cases/${opened.id}/reply`, { reply: '已答复。' });
    await api(responderA, 'POST', `/cases/${opened.id}/close`, { reason: '群众已知晓' });
    const rated = await rateCase({ db: t.db, trackingCode: opened.trackingCode, rating: 'very_dissatisfied' });
    expect(rated).toMatchObject({ status: 'reopened', dueOn: await addDays(await today(), 15) });
    expect((await detail(adminA, opened.id)).closedAt).toBeNull();
    await expect(rateCase({ db: t.db, trackingCode: 'ZZZZ-ZZZZ-ZZZZ', rating: 'satisfied' })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe('listing cases', () => {
  it('filters by campaign, unit, status and overdue, pages by keyset, and shows only reachable units', async () => {
    const all: Case[] = [];
    let cursor: string | null = null;
    do {
      const response = await api(
        organizer,
        'GET',
        `/cases?campaignId=${world.campaign.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      all.push(...response.json().items);
      cursor = response.json().nextCursor;
    } while (cursor);
    const total = await sql<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE campaign_id = $1', [
      world.campaign.id,
    ]);
    expect(all).toHaveLength(total[0]!.n);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    const dues = all.map((c) => c.dueOn);
    expect(dues).toEqual([...dues].sort());

    const overdue = (await api(organizer, 'GET', `/cases?overdue=true&limit=500`)).json().items as Case[];
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((c) => c.overdue && ['open', 'transferred', 'reopened'].includes(c.status))).toBe(true);
    const closed = (await api(organizer, 'GET', `/cases?status=closed&limit=500`)).json().items as Case[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((c) => c.status === 'closed')).toBe(true);
    const atB = (await api(adminB, 'GET', `/cases?unitId=${world.unitB.id}&limit=500`)).json().items as Case[];
    expect(atB.length).toBeGreaterThan(0);
    expect(atB.every((c) => c.unitId === world.unitB.id)).toBe(true);
    // Unit B sees only what reached it; the desk at A sees A's cases masked.
    const seenByB = (await api(adminB, 'GET', `/cases?limit=500`)).json().items as Case[];
    expect(seenByB.every((c) => c.unitId === world.unitB.id || c.originUnitId === world.unitB.id)).toBe(true);
    const seenByDesk = (await api(deskA, 'GET', `/cases?limit=500`)).json().items as Case[];
    expect(seenByDesk.some((c) => c.visitorPhone === '138****1234')).toBe(true);
    expect(seenByDesk.every((c) => c.visitorPhone !== '13800001234')).toBe(true);

    const bad = await api(organizer, 'GET', '/cases?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].field).toBe('cursor');
    const badStatus = await api(organizer, 'GET', '/cases?status=lost');
    expect(badStatus.statusCode).toBe(400);
  });
});
