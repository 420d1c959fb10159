import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUser, buildWorld } from '../../../test/builders.ts';
import { newTrackingCode } from '../../domain/tracking-code.ts';

/**
 * The desk's own work: a tracking code the phone gave offline, 转办 to another unit at intake, and
 * correcting or withdrawing the day's records.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let desk: Client;
let otherDesk: Client;
let admin: Client;
let adminB: Client;
let responderB: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  desk = await login(t.app, world.users.deskA);
  otherDesk = await login(t.app, await buildUser(t.db, 'desk_staff', world.unitA.id));
  admin = await login(t.app, world.users.adminA);
  adminB = await login(t.app, world.users.adminB);
  responderB = await login(t.app, await buildUser(t.db, 'responder', world.unitB.id));
});
afterAll(() => t?.close());

const record = (client: Client, body: Record<string, unknown>, key?: string) =>
  client.request({
    method: 'POST',
    url: '/api/v1/consultations',
    payload: { campaignId: world.campaign.id, unitId: world.unitA.id, ...body },
    headers: key ? { 'idempotency-key': key } : {},
  });

const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n);

const details = (response: { json: () => { error: { details: { field: string }[] } } }) =>
  response.json().error.details.map((d) => d.field);

describe('tracking codes given by the desk’s device', () => {
  it('keeps the code the device made, and a retry of the same recording stores one case', async () => {
    const code = newTrackingCode();
    const body = { question: '暖气不热', outcome: 'follow_up', trackingCode: code };
    const first = await record(desk, body, 'offline-code-0001');
    expect(first.statusCode).toBe(201);
    expect(first.json().caseTrackingCode).toBe(code);
    const again = await record(desk, body, 'offline-code-0001');
    expect(again.statusCode).toBe(201);
    expect(again.json().caseTrackingCode).toBe(code);
    expect(await count('cases WHERE tracking_code = $1', [code])).toBe(1);
    const audit = await t.db.query<{ after: Record<string, unknown> }>(
      "SELECT after FROM audit_log WHERE entity = 'consultation' AND entity_id = $1",
      [first.json().id],
    );
    expect(audit.rows[0]!.after.trackingCodeFrom).toBe('device');
    expect(JSON.stringify(audit.rows)).not.toContain(code);
    const tracked = await t.app.inject({ method: 'GET', url: `/api/v1/public/cases/${code}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().question).toBe('暖气不热');
  });

  it('refuses a code that is not one (400), or one without a case to open (422), storing nothing', async () => {
    const before = await count('consultations');
    const malformed = await record(desk, { question: '问', outcome: 'follow_up', trackingCode: 'ABCD-EFGH-IJKU' });
    expect(malformed.statusCode).toBe(400);
    expect(details(malformed)).toContain('trackingCode');
    const lower = await record(desk, { question: '问', outcome: 'follow_up', trackingCode: '0000-0000-000' });
    expect(lower.statusCode).toBe(400);
    const noCase = await record(desk, { question: '问', outcome: 'answered_on_spot', trackingCode: newTrackingCode() });
    expect(noCase.statusCode).toBe(422);
    expect(details(noCase)).toEqual(['trackingCode']);
    expect(await count('consultations')).toBe(before);
  });

  it('answers 409 naming trackingCode when another case holds the code, and stores nothing', async () => {
    const code = newTrackingCode();
    expect((await record(desk, { question: '第一件', outcome: 'follow_up', trackingCode: code })).statusCode).toBe(201);
    const before = await count('consultations');
    const auditBefore = await count('audit_log');
    const twin = await record(desk, { question: '第二件', outcome: 'follow_up', trackingCode: code }, 'collide-0001');
    expect(twin.statusCode).toBe(409);
    expect(details(twin)).toEqual(['trackingCode']);
    expect(await count('consultations')).toBe(before);
    expect(await count('audit_log')).toBe(auditBefore);
    expect(await count('idempotency_keys WHERE key = $1', ['collide-0001'])).toBe(0);
    // The device makes a new code and sends the same record again under the same key.
    const retried = await record(
      desk,
      { question: '第二件', outcome: 'follow_up', trackingCode: newTrackingCode() },
      'collide-0001',
    );
    expect(retried.statusCode).toBe(201);
  });
});

describe('转办 at the desk', () => {
  it('opens the case at the desk’s unit and transfers it to the unit chosen, in one write', async () => {
    const response = await record(desk, {
      question: '法律援助怎么申请？',
      outcome: 'transferred',
      transferToUnitId: world.unitB.id,
      transferReason: '属司法局职责',
      trackingCode: newTrackingCode(),
    });
    expect(response.statusCode).toBe(201);
    const consultationId = response.json().id as string;
    const kase = (
      await t.db.query<{ id: string; unit_id: string; status: string }>(
        'SELECT id, unit_id, status FROM cases WHERE consultation_id = $1',
        [consultationId],
      )
    ).rows[0]!;
    expect(kase).toMatchObject({ unit_id: world.unitB.id, status: 'transferred' });
    const events = (
      await t.db.query<{ kind: string; from_unit_id: string | null; to_unit_id: string; reason: string | null }>(
        'SELECT kind, from_unit_id, to_unit_id, reason FROM case_events WHERE case_id = $1 ORDER BY at, id',
        [kase.id],
      )
    ).rows;
    expect(events).toEqual([
      { kind: 'opened', from_unit_id: null, to_unit_id: world.unitA.id, reason: null },
      { kind: 'transferred', from_unit_id: world.unitA.id, to_unit_id: world.unitB.id, reason: '属司法局职责' },
    ]);
    const audit = (
      await t.db.query<{ action: string; after: { status: string; unitId: string } }>(
        "SELECT action, after FROM audit_log WHERE entity = 'case' AND entity_id = $1 ORDER BY id",
        [kase.id],
      )
    ).rows;
    expect(audit.map((a) => a.action)).toEqual(['open', 'transfer']);
    expect(audit[1]!.after).toMatchObject({ status: 'transferred', unitId: world.unitB.id });
    // The receiving unit's responder finds it in the inbox, with the notice.
    const inbox = (await responderB.request({ method: 'GET', url: `/api/v1/cases?campaignId=${world.campaign.id}` }))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(inbox).toContain(kase.id);
    const notices = (await responderB.request({ method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'case.transferred', caseId: kase.id }));
    // The receiving unit can answer it.
    const reply = await adminB.request({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/reply`,
      payload: { reply: '请携带身份证到司法局窗口申请。' },
    });
    expect(reply.statusCode).toBe(200);
  });

  it('checks the target as a case’s transfer does, and stores nothing when refused', async () => {
    const before = await count('consultations');
    const transferred = { question: '问', outcome: 'transferred' };
    const refusals: [body: Record<string, unknown>, field: string][] = [
      [{ ...transferred, transferToUnitId: world.provinceOffice.id }, 'transferToUnitId'],
      [{ ...transferred, transferToUnitId: world.unitA.id }, 'transferToUnitId'],
      [
        { ...transferred, transferToUnitId: world.unitB.id, transferToPartnerId: world.unitB.id },
        'transferToPartnerId',
      ],
      [{ ...transferred, transferToPartnerId: world.unitB.id }, 'transferToPartnerId'],
      [{ ...transferred, outcome: 'follow_up', transferToUnitId: world.unitB.id }, 'transferToUnitId'],
      [{ ...transferred, transferReason: '理由' }, 'transferReason'],
    ];
    for (const [body, field] of refusals) {
      const response = await record(desk, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(details(response)).toEqual([field]);
    }
    expect(await count('consultations')).toBe(before);
  });

  it('keeps the case with the recording unit when an API client names no target', async () => {
    const response = await record(admin, { question: '旧客户端转办', outcome: 'transferred' });
    expect(response.statusCode).toBe(201);
    const kase = (
      await t.db.query<{ unit_id: string; status: string }>(
        'SELECT unit_id, status FROM cases WHERE consultation_id = $1',
        [response.json().id],
      )
    ).rows[0]!;
    expect(kase).toEqual({ unit_id: world.unitA.id, status: 'open' });
  });
});

describe('correcting and withdrawing the desk’s records of the day', () => {
  const patch = (client: Client, id: string, payload: Record<string, unknown>) =>
    client.request({ method: 'PATCH', url: `/api/v1/consultations/${id}`, payload });
  const withdraw = (client: Client, id: string) =>
    client.request({ method: 'DELETE', url: `/api/v1/consultations/${id}` });

  it('lets the desk correct and withdraw its own record of today, audited with before and after', async () => {
    const created = (await record(desk, { question: '供暖费怎么交', outcome: 'answered_on_spot' })).json();
    const corrected = await patch(desk, created.id, { question: '供暖费在哪里交？', answer: '营业厅或网上。' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ question: '供暖费在哪里交？', answer: '营业厅或网上。' });
    const audit = (
      await t.db.query<{ before: { question: string }; after: { question: string } }>(
        "SELECT before, after FROM audit_log WHERE entity = 'consultation' AND entity_id = $1 AND action = 'update'",
        [created.id],
      )
    ).rows;
    expect(audit).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ question: '供暖费怎么交' }),
        after: expect.objectContaining({ question: '供暖费在哪里交？' }),
      }),
    ]);
    expect((await withdraw(desk, created.id)).statusCode).toBe(204);
    expect(
      await count("audit_log WHERE entity = 'consultation' AND entity_id = $1 AND action = 'delete'", [created.id]),
    ).toBe(1);
    expect(await count('consultations WHERE id = $1', [created.id])).toBe(0);
  });

  it('withdraws a 转办 with its case while the receiving unit has not acted on it', async () => {
    const created = (
      await record(desk, { question: '撤回的转办', outcome: 'transferred', transferToUnitId: world.unitB.id })
    ).json();
    const caseId = (await t.db.query<{ id: string }>('SELECT id FROM cases WHERE consultation_id = $1', [created.id]))
      .rows[0]!.id;
    expect((await withdraw(desk, created.id)).statusCode).toBe(204);
    expect(await count('cases WHERE consultation_id = $1', [created.id])).toBe(0);
    expect(await count("audit_log WHERE entity = 'case' AND entity_id = $1 AND action = 'withdraw'", [caseId])).toBe(1);
    // The receiving unit is told that nothing is left to do.
    const notices = (await responderB.request({ method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'case.withdrawn', title: expect.stringContaining(created.caseReference) }),
    );
  });

  it('refuses another staff member’s record, a past day’s, and one whose case has moved on', async () => {
    const others = (await record(otherDesk, { question: '别人的记录' })).json();
    const notMine = await patch(desk, others.id, { question: '改' });
    expect(notMine.statusCode).toBe(403);
    expect(details(notMine)).toEqual(['createdBy']);
    expect((await withdraw(desk, others.id)).statusCode).toBe(403);

    const yesterday = (await record(desk, { question: '昨天的记录' })).json();
    await t.db.query(`UPDATE consultations SET created_at = created_at - interval '1 day' WHERE id = $1`, [
      yesterday.id,
    ]);
    const late = await patch(desk, yesterday.id, { question: '改' });
    expect(late.statusCode).toBe(409);
    expect(details(late)).toEqual(['createdAt']);
    expect((await withdraw(desk, yesterday.id)).statusCode).toBe(409);
    // The unit admin still corrects it.
    expect((await patch(admin, yesterday.id, { question: '昨天的记录（更正）' })).statusCode).toBe(200);

    const moved = (
      await record(desk, { question: '已答复的转办', outcome: 'transferred', transferToUnitId: world.unitB.id })
    ).json();
    const caseId = (await t.db.query<{ id: string }>('SELECT id FROM cases WHERE consultation_id = $1', [moved.id]))
      .rows[0]!.id;
    expect(
      (await adminB.request({ method: 'POST', url: `/api/v1/cases/${caseId}/reply`, payload: { reply: '已答复。' } }))
        .statusCode,
    ).toBe(200);
    const edit = await patch(desk, moved.id, { question: '改' });
    expect(edit.statusCode).toBe(409);
    expect(details(edit)).toEqual(['caseReference']);
    const gone = await withdraw(desk, moved.id);
    expect(gone.statusCode).toBe(409);
    expect((await withdraw(admin, moved.id)).statusCode).toBe(409);
    expect(await count('consultations WHERE id = $1', [moved.id])).toBe(1);
  });
});
