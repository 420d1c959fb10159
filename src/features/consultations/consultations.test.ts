import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let desk: Client;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  desk = await login(t.app, world.users.deskA);
  admin = await login(t.app, world.users.adminA);
});
afterAll(() => t?.close());

const record = (client: Client, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  client.request({ method: 'POST', url: '/api/v1/consultations', payload: body, headers });

const countRows = async () =>
  Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM consultations')).rows[0]!.n);

describe('recording a consultation', () => {
  it('stores it, answers 201 with the record, and audits the write', async () => {
    const response = await record(desk, {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      topic: '供暖',
      question: '今年供暖什么时候开始？',
      answer: '11月1日起供暖。',
      outcome: 'answered_on_spot',
      rating: 'satisfied',
      visitorName: '张三',
      visitorPhone: '13812345678',
      contactConsent: true,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      unitId: world.unitA.id,
      channel: 'on_site',
      outcome: 'answered_on_spot',
      visitorPhone: '138****5678',
      visitorName: '张*',
    });
    const stored = await t.db.query<{ visitor_phone: string }>(
      'SELECT visitor_phone FROM consultations WHERE id = $1',
      [body.id],
    );
    expect(stored.rows[0]!.visitor_phone).toBe('13812345678');
    const audit = await t.db.query<{ action: string; actor_user_id: string }>(
      "SELECT action, actor_user_id FROM audit_log WHERE entity = 'consultation' AND entity_id = $1",
      [body.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.action).toBe('create');
  });

  it('opens a case for a question that needs a reply and gives its tracking code', async () => {
    const response = await record(desk, {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      topic: '供暖',
      question: '暖气不热，请上门检查',
      outcome: 'follow_up',
    });
    expect(response.statusCode).toBe(201);
    const code = response.json().caseTrackingCode;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const stored = await t.db.query<{ tracking_code: string; status: string }>(
      'SELECT tracking_code, status FROM cases WHERE consultation_id = $1',
      [response.json().id],
    );
    expect(stored.rows).toEqual([{ tracking_code: code, status: 'open' }]);
    // The code is the visitor's key: given once on the slip, afterwards staff see the case's reference.
    const caseId = (await t.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [code])).rows[0]!
      .id;
    expect(response.json().caseReference).toBe(`K-${caseId.replaceAll('-', '').slice(-8).toUpperCase()}`);
    const read = await desk.request({ method: 'GET', url: `/api/v1/consultations/${response.json().id}` });
    expect(read.json()).toMatchObject({ caseTrackingCode: null, caseReference: response.json().caseReference });
    const list = await desk.request({ method: 'GET', url: `/api/v1/consultations?campaignId=${world.campaign.id}` });
    expect(list.body).not.toContain(code);
    const audit = await t.db.query<{ after: unknown }>('SELECT after FROM audit_log WHERE entity_id = $1', [
      response.json().id,
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(code);
    const answered = await record(desk, {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: 'q',
      outcome: 'answered_on_spot',
    });
    expect(answered.json().caseTrackingCode).toBeNull();
  });

  it('shows the phone in full to the unit admin only', async () => {
    const created = (
      await record(desk, {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        question: 'q',
        visitorPhone: '13900001111',
        contactConsent: true,
      })
    ).json();
    expect(
      (await admin.request({ method: 'GET', url: `/api/v1/consultations/${created.id}` })).json().visitorPhone,
    ).toBe('13900001111');
    expect(
      (await desk.request({ method: 'GET', url: `/api/v1/consultations/${created.id}` })).json().visitorPhone,
    ).toBe('139****1111');
    const organizer = await login(t.app, world.users.organizer);
    expect(
      (await organizer.request({ method: 'GET', url: `/api/v1/consultations/${created.id}` })).json().visitorPhone,
    ).toBe('139****1111');
  });

  it('stores a retry with the same Idempotency-Key once and returns the first answer', async () => {
    const before = await countRows();
    const body = {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: '重复提交？',
      outcome: 'follow_up',
    };
    const headers = { 'idempotency-key': 'desk-a-0001-abcdef' };
    const [first, second] = await Promise.all([record(desk, body, headers), record(desk, body, headers)]);
    const third = await record(desk, body, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(third.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(third.json().id).toBe(first.json().id);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(await countRows()).toBe(before + 1);
    const reused = await record(desk, { ...body, question: '另一个问题' }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const before = await countRows();
    const cases: [Record<string, unknown>, string][] = [
      [{ unitId: world.unitA.id }, 'campaignId'],
      [{ campaignId: world.campaign.id, unitId: world.unitA.id, outcome: 'lost' }, 'outcome'],
      [{ campaignId: world.campaign.id, unitId: 'not-a-uuid' }, 'unitId'],
      [{ campaignId: world.campaign.id, unitId: world.unitA.id, question: 'x'.repeat(4001) }, 'question'],
      [{ campaignId: world.campaign.id, unitId: world.unitA.id, extra: 1 }, 'extra'],
      [
        { campaignId: world.campaign.id, unitId: world.unitA.id, visitorPhone: 'call me', contactConsent: true },
        'visitorPhone',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await record(desk, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('invalid_request');
      expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await countRows()).toBe(before);
  });

  it('refuses rule breaks with 422 naming the field, and stores nothing', async () => {
    const before = await countRows();
    const noConsent = await record(desk, {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: 'q',
      visitorPhone: '13812345678',
    });
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json().error.details[0].field).toBe('contactConsent');
    const noQuestion = await record(desk, {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      outcome: 'answered_on_spot',
    });
    expect(noQuestion.statusCode).toBe(422);
    expect(noQuestion.json().error.details[0].field).toBe('question');
    const unknownCampaign = await record(desk, {
      campaignId: '0190c0de-0000-7000-8000-000000000000',
      unitId: world.unitA.id,
    });
    expect(unknownCampaign.statusCode).toBe(422);
    expect(unknownCampaign.json().error.details[0].field).toBe('campaignId');
    expect(await countRows()).toBe(before);
  });

  it('refuses malformed JSON, a wrong content type and an oversized body with the error shape', async () => {
    const badJson = await desk.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: '{"campaignId":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.details[0].field).toBe('body');
    const wrongType = await desk.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe('unsupported_media_type');
    const huge = await desk.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: JSON.stringify({ question: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
  });

  it("keeps desk staff out of another unit's records", async () => {
    const deskB = await login(t.app, world.users.deskB);
    const refused = await record(deskB, { campaignId: world.campaign.id, unitId: world.unitA.id, question: 'q' });
    expect(refused.statusCode).toBe(403);
    const created = (
      await record(desk, { campaignId: world.campaign.id, unitId: world.unitA.id, question: '私密' })
    ).json();
    expect((await deskB.request({ method: 'GET', url: `/api/v1/consultations/${created.id}` })).statusCode).toBe(404);
    const list = (
      await deskB.request({ method: 'GET', url: `/api/v1/consultations?campaignId=${world.campaign.id}` })
    ).json();
    expect(list.items.every((c: { unitId: string }) => c.unitId === world.unitB.id)).toBe(true);
  });

  it('lets desk staff withdraw only their own records; the unit admin deletes any', async () => {
    const byAdmin = (
      await record(admin, { campaignId: world.campaign.id, unitId: world.unitA.id, question: '删除我' })
    ).json();
    const refused = await desk.request({ method: 'DELETE', url: `/api/v1/consultations/${byAdmin.id}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ field: 'createdBy' })]);
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/consultations/${byAdmin.id}` })).statusCode).toBe(
      204,
    );
    expect((await admin.request({ method: 'GET', url: `/api/v1/consultations/${byAdmin.id}` })).statusCode).toBe(404);
  });

  it('lists with filters and keyset pages that cover every record once', async () => {
    for (let i = 0; i < 7; i++) {
      await record(desk, {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        channel: 'hotline',
        topic: '分页',
        question: `第${i}个`,
        occurredAt: `2026-05-15T0${i}:00:00+08:00`,
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `campaignId=${world.campaign.id}&topic=${encodeURIComponent('分页')}&channel=hotline&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await admin.request({ method: 'GET', url: `/api/v1/consultations?${query}` })).json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const oneDay = (
      await admin.request({
        method: 'GET',
        url: `/api/v1/consultations?topic=${encodeURIComponent('分页')}&from=2026-05-15&to=2026-05-15`,
      })
    ).json();
    expect(oneDay.items).toHaveLength(7);
    const dayBefore = (
      await admin.request({
        method: 'GET',
        url: `/api/v1/consultations?topic=${encodeURIComponent('分页')}&to=2026-05-14`,
      })
    ).json();
    expect(dayBefore.items).toHaveLength(0);
  });

  it('finds records by words in the question, answer or matter handled, Chinese included, and exports the same', async () => {
    const base = { campaignId: world.campaign.id, unitId: world.unitA.id, topic: '搜索' };
    const ids: string[] = [];
    for (const body of [
      { question: '暖气片不热怎么办？', answer: '已登记，明天上门检修。', outcome: 'answered_on_spot' },
      { question: '供暖费怎么缴纳？', answer: 'Pay at the SERVICE hall.', outcome: 'answered_on_spot' },
      { question: '补办供暖卡', outcome: 'handled_on_spot', handledMatter: '补办暖气卡一张' },
    ]) {
      ids.push((await record(desk, { ...base, ...body })).json().id);
    }
    const found = async (q: string, more = '') => {
      const query = `campaignId=${world.campaign.id}&topic=${encodeURIComponent('搜索')}&q=${encodeURIComponent(q)}${more}`;
      const page = await admin.request({ method: 'GET', url: `/api/v1/consultations?${query}` });
      expect(page.statusCode, page.body).toBe(200);
      return (page.json().items as { id: string }[]).map((c) => c.id).sort();
    };
    expect(await found('暖气')).toEqual([ids[0], ids[2]].sort());
    expect(await found('暖')).toEqual([...ids].sort());
    expect(await found('上门 检修')).toEqual([ids[0]]);
    expect(await found('service hall')).toEqual([ids[1]]);
    expect(await found('暖气 不热')).toEqual([ids[0]]);
    expect(await found('冷气')).toEqual([]);
    expect(await found('暖', '&outcome=handled_on_spot')).toEqual([ids[2]]);
    const empty = await admin.request({ method: 'GET', url: `/api/v1/consultations?q=` });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toContain('q');
    const long = await admin.request({ method: 'GET', url: `/api/v1/consultations?q=${'x'.repeat(101)}` });
    expect(long.statusCode).toBe(400);
    const csv = await admin.request({
      method: 'GET',
      url: `/api/v1/exports/consultations.csv?campaignId=${world.campaign.id}&q=${encodeURIComponent('上门')}`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('暖气片不热怎么办？');
    expect(csv.body).not.toContain('供暖费怎么缴纳？');
  });

  it('requires the CSRF token for cookie writes', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consultations',
      headers: { cookie: desk.cookie },
      payload: { campaignId: world.campaign.id, unitId: world.unitA.id },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_failed');
  });
});
