import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildWorld } from '../../../test/builders.ts';
import { DEMO_TOPICS, demoDeskTopics } from '../demo/topics.ts';
import { loadDemo } from '../demo/service.ts';
import type { Case } from '../cases/schema.ts';
import { detectPersonalData } from './personal-data.ts';
import { ASK_LIMIT, ASK_PHONE_LIMIT } from './routes.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let adminA: Client;
let adminB: Client;
let deskA: Client;
let responderA: Client;

// Every ask comes from an address of its own unless a test says otherwise: the limit is per address.
let addresses = 0;
const nextAddress = () => `10.20.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

const ask = (body: Record<string, unknown>, remoteAddress = nextAddress(), headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/public/campaigns/${world.campaign.slug}/questions`,
    payload: body,
    remoteAddress,
    headers,
  });
const track = (code: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/cases/${code}` });
const rate = (code: string, rating: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/cases/${code}/rating`, payload: { rating } });
const qa = (query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/campaigns/${world.campaign.slug}/qa?${query}` });

const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const caseIdOf = async (trackingCode: string) =>
  (await t.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [trackingCode])).rows[0]!.id;
const addWorkingDays = async (start: string, n: number) =>
  (await t.db.query<{ d: string }>('SELECT openday_add_working_days($1::date, $2)::text AS d', [start, n])).rows[0]!.d;
const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const replyTo = (caseId: string, reply: string) =>
  responderA.request({ method: 'POST', url: `/api/v1/cases/${caseId}/reply`, payload: { reply } });

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  organizer = await login(t.app, world.users.organizer);
  adminA = await login(t.app, world.users.adminA);
  adminB = await login(t.app, world.users.adminB);
  deskA = await login(t.app, world.users.deskA);
  responderA = await login(t.app, world.users.responderA);
  for (const topic of [
    {
      code: 'heating',
      name: '供暖',
      nameEn: 'Heating',
      keywords: ['暖气', '供暖'],
      group: '民生',
      unitId: world.unitA.id,
    },
    { code: 'legal-aid', name: '法律援助', nameEn: 'Legal aid', unitId: world.unitB.id },
  ]) {
    const created = await organizer.request({
      method: 'POST',
      url: `/api/v1/campaigns/${world.campaign.id}/topics`,
      payload: topic,
    });
    expect(created.statusCode, created.body).toBe(201);
  }
});
afterAll(() => t?.close());

describe('topics', () => {
  const topicsUrl = () => `/api/v1/campaigns/${world.campaign.id}/topics`;

  it('are set by the organizer and read by every signed-in user', async () => {
    const list = await deskA.request({ method: 'GET', url: topicsUrl() });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((i: { code: string }) => i.code)
        .sort(),
    ).toEqual(['heating', 'legal-aid']);
    const heating = list.json().items.find((i: { code: string }) => i.code === 'heating');
    expect(heating).toMatchObject({ name: '供暖', keywords: ['暖气', '供暖'], group: '民生', unitId: world.unitA.id });

    const byAdmin = await adminA.request({
      method: 'POST',
      url: topicsUrl(),
      payload: { code: 'x', name: 'x', unitId: world.unitA.id },
    });
    expect(byAdmin.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: topicsUrl() })).statusCode).toBe(401);
  });

  it('refuses a taken code, a unit outside the campaign and bad input, naming the field', async () => {
    const before = await count('campaign_topics');
    const taken = await organizer.request({
      method: 'POST',
      url: topicsUrl(),
      payload: { code: 'heating', name: '又一个', unitId: world.unitA.id },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0].field).toBe('code');
    const outsider = await buildUnit(t.db, { regionId: world.cityA.id });
    const notTakingPart = await organizer.request({
      method: 'POST',
      url: topicsUrl(),
      payload: { code: 'outside', name: '外单位', unitId: outsider.id },
    });
    expect(notTakingPart.statusCode).toBe(422);
    expect(notTakingPart.json().error.details[0].field).toBe('unitId');
    const badCode = await organizer.request({
      method: 'POST',
      url: topicsUrl(),
      payload: { code: 'Not A Code', name: 'x', unitId: world.unitA.id },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.details[0].field).toBe('code');
    const otherOrganizer = await login(t.app, world.users.cityBOrganizer);
    const notTheirs = await otherOrganizer.request({
      method: 'POST',
      url: topicsUrl(),
      payload: { code: 'city-b', name: 'x', unitId: world.unitB.id },
    });
    expect(notTheirs.statusCode).toBe(403);
    expect(await count('campaign_topics')).toBe(before);
  });

  it('are changed (not their code) and removed by the organizer', async () => {
    const created = (
      await organizer.request({
        method: 'POST',
        url: topicsUrl(),
        payload: { code: 'temp', name: '临时', unitId: world.unitA.id },
      })
    ).json();
    const changed = await organizer.request({
      method: 'PATCH',
      url: `${topicsUrl()}/${created.id}`,
      payload: { name: '临时主题', unitId: world.unitB.id, keywords: ['临时'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      code: 'temp',
      name: '临时主题',
      unitId: world.unitB.id,
      keywords: ['临时'],
    });
    const codeChange = await organizer.request({
      method: 'PATCH',
      url: `${topicsUrl()}/${created.id}`,
      payload: { code: 'other' },
    });
    expect(codeChange.statusCode).toBe(400);
    expect(codeChange.json().error.details[0].field).toBe('code');
    expect((await organizer.request({ method: 'DELETE', url: `${topicsUrl()}/${created.id}` })).statusCode).toBe(204);
    expect((await organizer.request({ method: 'DELETE', url: `${topicsUrl()}/${created.id}` })).statusCode).toBe(404);
  });
});

describe('the public channel', () => {
  it('shows the campaign with its units and topics, without signing in', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/campaigns/${world.campaign.slug}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.slug).toBe(world.campaign.slug);
    expect(body.units.map((u: { id: string }) => u.id).sort()).toEqual(
      [world.unitA.id, world.subUnitA.id, world.unitB.id].sort(),
    );
    expect(body.topics.map((topic: { code: string }) => topic.code)).toContain('heating');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/campaigns/no-such-day' })).statusCode).toBe(404);
  });

  it('takes a question, tracks it, and takes one rating per reply: a poor one has it handled again', async () => {
    const asked = await ask({
      kind: 'question',
      topicCode: 'heating',
      text: '家里暖气不热怎么办？',
      contactName: '王秀英',
      contactPhone: '13812345678',
      contactEmail: 'wang@example.com',
      contactConsent: true,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const { trackingCode, dueOn, unitId } = asked.json();
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(unitId).toBe(world.unitA.id);
    expect(dueOn).toBe(await addWorkingDays(todayInChina(), world.campaign.replyLimitDays));

    const stored = await t.db.query<{
      channel: string;
      outcome: string;
      created_by: string | null;
      visitor_phone: string;
      contact_email: string;
      kind: string;
      source: string;
    }>(
      `SELECT c.channel, c.outcome, c.created_by, c.visitor_phone, r.contact_email, r.kind, r.source
       FROM cases k JOIN consultations c ON c.id = k.consultation_id JOIN case_requests r ON r.case_id = k.id
       WHERE k.tracking_code = $1`,
      [trackingCode],
    );
    expect(stored.rows[0]).toEqual({
      channel: 'online',
      outcome: 'follow_up',
      created_by: null,
      visitor_phone: '13812345678',
      contact_email: 'wang@example.com',
      kind: 'question',
      source: 'public',
    });

    // Typed as people type it: lower case, without dashes.
    const tracked = await track(trackingCode.replaceAll('-', '').toLowerCase());
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ trackingCode, status: 'open', reply: null, canRate: false, dueOn });
    expect(JSON.stringify(tracked.json())).not.toContain('13812345678');
    expect((await rate(trackingCode, 'satisfied')).statusCode).toBe(409);

    const caseId = await caseIdOf(trackingCode);
    expect((await replyTo(caseId, '已安排维修人员上门检修，请保持电话畅通。')).statusCode).toBe(200);
    const replied = (await track(trackingCode)).json();
    expect(replied).toMatchObject({
      status: 'replied',
      reply: '已安排维修人员上门检修，请保持电话畅通。',
      canRate: true,
    });

    const poor = await rate(trackingCode, 'dissatisfied');
    expect(poor.statusCode).toBe(200);
    expect(poor.json()).toMatchObject({ status: 'reopened', canRate: false });
    expect(poor.json().chain.map((step: { kind: string }) => step.kind)).toEqual([
      'opened',
      'replied',
      'rated',
      'reopened',
    ]);
    expect(poor.json().dueOn).toBe(await addWorkingDays(todayInChina(), 15));
    const again = await rate(trackingCode, 'very_satisfied');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].field).toBe('rating');

    expect((await replyTo(caseId, '维修已完成，室温已达标。')).statusCode).toBe(200);
    const good = await rate(trackingCode, 'satisfied');
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ status: 'replied', rating: 'satisfied', canRate: false });
    expect((await rate(trackingCode, 'satisfied')).statusCode).toBe(409);
    const badLevel = await rate(trackingCode, 'ok');
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.details[0].field).toBe('rating');
  });

  it('routes a suggestion to the unit asked and a complaint by topic to the topic’s unit', async () => {
    const suggestion = await ask({ kind: 'suggestion', unitId: world.unitB.id, text: '建议延长周末办公时间' });
    expect(suggestion.statusCode).toBe(201);
    expect(suggestion.json().unitId).toBe(world.unitB.id);
    const complaint = await ask({ kind: 'complaint', topicCode: 'legal-aid', text: 'The queue was too long' });
    expect(complaint.statusCode).toBe(201);
    expect(complaint.json().unitId).toBe(world.unitB.id);
    const outcomes = await t.db.query<{ outcome: string; topic: string | null }>(
      `SELECT c.outcome, c.topic FROM cases k JOIN consultations c ON c.id = k.consultation_id
       WHERE k.tracking_code = ANY($1::text[]) ORDER BY c.outcome`,
      [[suggestion.json().trackingCode, complaint.json().trackingCode]],
    );
    expect(outcomes.rows).toEqual([
      { outcome: 'complaint', topic: '法律援助' },
      { outcome: 'suggestion', topic: null },
    ]);
  });

  it('refuses a filled honeypot, contact without consent, and bad addressing, naming the field; stores nothing', async () => {
    const before = { consultations: await count('consultations'), cases: await count('cases') };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ kind: 'question', unitId: world.unitA.id, text: 'spam', website: 'http://spam.example' }, 422, 'website'],
      [
        { kind: 'question', unitId: world.unitA.id, text: '请回电', contactPhone: '13900001111' },
        422,
        'contactConsent',
      ],
      [
        {
          kind: 'question',
          unitId: world.unitA.id,
          text: '请回邮件',
          contactEmail: 'a@example.com',
          contactConsent: false,
        },
        422,
        'contactConsent',
      ],
      [{ kind: 'question', text: '问谁？' }, 422, 'unitId'],
      [{ kind: 'question', unitId: world.unitA.id, topicCode: 'heating', text: '两个都给' }, 422, 'topicCode'],
      [{ kind: 'question', topicCode: 'no-such-topic', text: '?' }, 422, 'topicCode'],
      [{ kind: 'question', unitId: world.provinceOffice.id, text: '不参加的单位' }, 422, 'unitId'],
      [{ kind: 'question', unitId: world.unitA.id, text: '   ' }, 422, 'text'],
      [{ kind: 'question', unitId: world.unitA.id, text: 'x'.repeat(2001) }, 400, 'text'],
      [{ kind: 'praise', unitId: world.unitA.id, text: 'x' }, 400, 'kind'],
      [
        { kind: 'question', unitId: world.unitA.id, text: 'x', contactPhone: 'call me', contactConsent: true },
        400,
        'contactPhone',
      ],
      [
        { kind: 'question', unitId: world.unitA.id, text: 'x', contactEmail: 'not-mail', contactConsent: true },
        400,
        'contactEmail',
      ],
      [{ kind: 'question', unitId: world.unitA.id, text: 'x', extra: 1 }, 400, 'extra'],
    ];
    for (const [body, status, field] of cases) {
      const response = await ask(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      const error = response.json().error;
      expect(
        error.details.map((d: { field: string }) => d.field),
        JSON.stringify(body),
      ).toContain(field);
      expect(error.message.length).toBeGreaterThan(5);
    }
    const huge = await ask({ kind: 'question', unitId: world.unitA.id, text: 'x'.repeat(20_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    expect({ consultations: await count('consultations'), cases: await count('cases') }).toEqual(before);
  });

  it('takes 100 questions from one address (a village square behind one hotspot), each with its own phone', async () => {
    const square = '10.99.0.1';
    const before = await count('cases');
    for (let i = 0; i < 100; i++) {
      const response = await ask(
        {
          kind: 'question',
          unitId: world.unitA.id,
          text: `广场上第${i}位群众的问题`,
          contactPhone: `139${String(i).padStart(8, '0')}`,
          contactConsent: true,
        },
        square,
      );
      expect(response.statusCode, response.body).toBe(201);
    }
    expect(await count('cases')).toBe(before + 100);
  });

  it('holds back one phone flooding: 10 an hour, however the number is written, with a 429 naming it', async () => {
    const phone = (i: number) => ['15966660517', '+86 159 6666 0517', '159-6666-0517', '0086 15966660517'][i % 4]!;
    for (let i = 0; i < ASK_PHONE_LIMIT.max; i++) {
      const response = await ask({
        kind: 'question',
        unitId: world.unitA.id,
        text: `同一电话第${i}个问题`,
        contactPhone: phone(i),
        contactConsent: true,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const before = await count('cases');
    const refused = await ask({
      kind: 'question',
      unitId: world.unitA.id,
      text: '同一电话又一个问题',
      contactPhone: phone(1),
      contactConsent: true,
    });
    expect(refused.statusCode).toBe(429);
    const error = refused.json().error;
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(
      /^同一电话号码的提问已达上限.* \/ Too many questions from your phone number: at most 10 in 1 hour/,
    );
    expect(error.details).toEqual([{ field: 'contactPhone', reason: 'sent more than 10 questions in 1 hour' }]);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await count('cases')).toBe(before);
    // Questions without a phone, and other phones, go on.
    expect((await ask({ kind: 'question', unitId: world.unitA.id, text: '没留电话的问题' })).statusCode).toBe(201);
  });

  it('still has a ceiling per address, counted before the body is even read', async () => {
    const address = '10.99.0.2';
    // Empty bodies: refused by the schema, stored nowhere, but counted by the address's limit.
    for (let i = 0; i < ASK_LIMIT.max; i++) expect((await ask({}, address)).statusCode).toBe(400);
    const refused = await ask({ kind: 'question', unitId: world.unitA.id, text: '第一千零一个' }, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.details).toEqual([{ field: 'address', reason: expect.stringContaining('1000') }]);
    expect(refused.headers['retry-after']).toBeDefined();
    // Another address is not affected.
    expect((await ask({ kind: 'question', unitId: world.unitA.id, text: '别人的问题' })).statusCode).toBe(201);
  });

  it('stores a retried ask with the same Idempotency-Key once', async () => {
    const before = await count('cases');
    const address = nextAddress();
    const body = { kind: 'question', unitId: world.unitA.id, text: '重试的问题' };
    const headers = { 'idempotency-key': 'citizen-retry-0001' };
    const first = await ask(body, address, headers);
    const second = await ask(body, address, headers);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().trackingCode).toBe(first.json().trackingCode);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await count('cases')).toBe(before + 1);
  });

  it('answers 404 for a tracking code that is not one', async () => {
    for (const code of ['ZZZZ-ZZZZ-ZZZZ', 'not-a-code', '0190c0de-0000-7000-8000-000000000000']) {
      const response = await track(code);
      expect(response.statusCode, code).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await rate('ZZZZ-ZZZZ-ZZZZ', 'satisfied')).statusCode).toBe(404);
  });
});

describe('staff intake of hotline calls and letters', () => {
  it('goes through the same command, with the channel and who entered it', async () => {
    const call = await deskA.request({
      method: 'POST',
      url: '/api/v1/cases/intake',
      payload: {
        campaignId: world.campaign.id,
        channel: 'hotline',
        kind: 'question',
        topicCode: 'heating',
        text: '来电：小区供暖管道漏水',
        contactName: '李建国',
        contactPhone: '13700002222',
        contactConsent: true,
      },
    });
    expect(call.statusCode, call.body).toBe(201);
    expect(call.json()).toMatchObject({ unitId: world.unitA.id, caseId: expect.any(String) });
    const letter = await adminB.request({
      method: 'POST',
      url: '/api/v1/cases/intake',
      payload: {
        campaignId: world.campaign.id,
        channel: 'mailbox',
        kind: 'complaint',
        unitId: world.unitB.id,
        text: '来信：反映窗口服务态度问题',
        receivedAt: '2026-05-20T09:00:00+08:00',
      },
    });
    expect(letter.statusCode, letter.body).toBe(201);
    expect(letter.json().dueOn).toBe(await addWorkingDays('2026-05-20', world.campaign.replyLimitDays));
    const rows = await t.db.query<{ channel: string; created_by: string; source: string; username: string }>(
      `SELECT c.channel, c.created_by, r.source, u.username FROM case_requests r
       JOIN cases k ON k.id = r.case_id JOIN consultations c ON c.id = k.consultation_id
       JOIN users u ON u.id = c.created_by WHERE r.case_id = ANY($1::uuid[]) ORDER BY c.channel`,
      [[call.json().caseId, letter.json().caseId]],
    );
    expect(rows.rows.map((r) => [r.channel, r.source, r.username])).toEqual([
      ['hotline', 'staff', world.users.deskA],
      ['mailbox', 'staff', world.users.adminB],
    ]);
    // The citizen follows a call entered by staff with the same code.
    expect((await track(call.json().trackingCode)).json().status).toBe('open');
  });

  it('is for unit admins and desk staff only, and takes only hotline or mailbox', async () => {
    const body = {
      campaignId: world.campaign.id,
      channel: 'hotline',
      kind: 'question',
      unitId: world.unitA.id,
      text: 'q',
    };
    expect((await responderA.request({ method: 'POST', url: '/api/v1/cases/intake', payload: body })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/cases/intake', payload: body })).statusCode).toBe(401);
    const online = await deskA.request({
      method: 'POST',
      url: '/api/v1/cases/intake',
      payload: { ...body, channel: 'online' },
    });
    expect(online.statusCode).toBe(400);
    expect(online.json().error.details[0].field).toBe('channel');
    const noCampaign = await deskA.request({
      method: 'POST',
      url: '/api/v1/cases/intake',
      payload: { ...body, campaignId: '0190c0de-0000-7000-8000-000000000000' },
    });
    expect(noCampaign.statusCode).toBe(422);
    expect(noCampaign.json().error.details[0].field).toBe('campaignId');
  });
});

describe('the public Q&A', () => {
  let heatingCaseId: string;
  let legalCaseId: string;

  beforeAll(async () => {
    const heating = (
      await ask({
        kind: 'question',
        topicCode: 'heating',
        text: '张桂兰：家里暖气不热怎么办？电话13911112222',
        contactName: '张桂兰',
        contactPhone: '13911112222',
        contactConsent: true,
      })
    ).json();
    heatingCaseId = await caseIdOf(heating.trackingCode);
    expect((await replyTo(heatingCaseId, '张女士您好，已派人检修，请拨打13911112222联系。')).statusCode).toBe(200);
    const legal = (
      await ask({ kind: 'question', topicCode: 'legal-aid', text: 'How do I apply for legal aid?' })
    ).json();
    legalCaseId = await caseIdOf(legal.trackingCode);
    const reply = await adminB.request({
      method: 'POST',
      url: `/api/v1/cases/${legalCaseId}/reply`,
      payload: { reply: 'Bring your ID card to the legal aid centre.' },
    });
    expect(reply.statusCode).toBe(200);
  });

  const publish = (client: Client, caseId: string, body: Record<string, unknown>) =>
    client.request({ method: 'POST', url: `/api/v1/cases/${caseId}/publish`, payload: body });

  it('refuses texts with personal data, naming the field, and publishes none of them', async () => {
    const refusals: [Record<string, string>, string][] = [
      [{ publicQuestion: '家里暖气不热，电话139 1111 2222', publicAnswer: '已派人检修。' }, 'publicQuestion'],
      [{ publicQuestion: '家里暖气不热怎么办？', publicAnswer: '张女士您好，已派人检修。' }, 'publicAnswer'],
      [{ publicQuestion: '张桂兰家里暖气不热', publicAnswer: '已派人检修。' }, 'publicQuestion'],
      [{ publicQuestion: '家里暖气不热怎么办？', publicAnswer: '请联系 repair@example.com' }, 'publicAnswer'],
    ];
    for (const [body, field] of refusals) {
      const response = await publish(adminA, heatingCaseId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(response.json().error.details[0].field).toBe(field);
    }
    expect((await qa()).json().items).toEqual([]);
  });

  it('previews the texts with personal data masked, for the publisher to confirm, storing nothing', async () => {
    const preview = await responderA.request({
      method: 'POST',
      url: `/api/v1/cases/${heatingCaseId}/publication-preview`,
      payload: { publicAnswer: '张女士您好，已派人到幸福路12号3单元501室检修，身份证110101199003071234已核对。' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.publicQuestion).toBe('某：家里暖气不热怎么办？电话***');
    expect(body.publicAnswer).toBe('某女士您好，已派人到***检修，身份证***已核对。');
    expect(body.found.map((f: { field: string; kind: string }) => `${f.field} ${f.kind}`).sort()).toEqual([
      'publicAnswer address',
      'publicAnswer id_number',
      'publicAnswer name',
      'publicQuestion name',
      'publicQuestion phone',
    ]);
    // The preview is what publishing accepts.
    for (const field of ['publicQuestion', 'publicAnswer'])
      expect(detectPersonalData(body[field], { name: '张桂兰', phone: '13911112222', email: null })).toBeUndefined();
    const defaults = await responderA.request({
      method: 'POST',
      url: `/api/v1/cases/${heatingCaseId}/publication-preview`,
      payload: {},
    });
    expect(defaults.json().publicAnswer).toBe('某女士您好，已派人检修，请拨打***联系。');
    expect(
      (await deskA.request({ method: 'POST', url: `/api/v1/cases/${heatingCaseId}/publication-preview`, payload: {} }))
        .statusCode,
    ).toBe(403);
    expect(
      (await adminB.request({ method: 'POST', url: `/api/v1/cases/${heatingCaseId}/publication-preview`, payload: {} }))
        .statusCode,
    ).toBe(404);
    const stored = await t.db.query('SELECT 1 FROM cases WHERE id = $1 AND published_at IS NULL', [heatingCaseId]);
    expect(stored.rowCount).toBe(1);
  });

  it('lets the admin or a responder of the case’s unit publish, and only a replied case', async () => {
    const body = { publicQuestion: '家里暖气不热怎么办？', publicAnswer: '已派人检修。' };
    expect((await publish(adminB, heatingCaseId, body)).statusCode).toBe(404);
    expect((await publish(deskA, heatingCaseId, body)).statusCode).toBe(403);
    const open = (await ask({ kind: 'question', unitId: world.unitA.id, text: '还没答复的问题' })).json();
    const notReplied = await publish(adminA, await caseIdOf(open.trackingCode), body);
    expect(notReplied.statusCode).toBe(409);
  });

  it('publishes replied cases and finds them by unit, topic and text, Chinese included', async () => {
    const offered = async (client: Client) =>
      ((await client.request({ method: 'GET', url: `/api/v1/cases/${heatingCaseId}` })).json() as Case).actions;
    expect(await offered(responderA)).toContain('publish');
    const heating = await publish(responderA, heatingCaseId, {
      publicQuestion: '家里暖气不热怎么办？',
      publicAnswer: '已派维修人员上门检修供热管道，室温已恢复。',
    });
    expect(heating.statusCode, heating.body).toBe(200);
    expect(heating.json()).toMatchObject({ caseId: heatingCaseId, publicQuestion: '家里暖气不热怎么办？' });
    const legal = await publish(adminB, legalCaseId, {
      publicQuestion: 'How do I apply for legal aid?',
      publicAnswer: 'Bring your ID card to the Legal Aid Centre; the application is free.',
    });
    expect(legal.statusCode).toBe(200);
    const tracked = (
      await t.db.query<{ kind: string }>('SELECT kind FROM case_events WHERE case_id = $1', [heatingCaseId])
    ).rows;
    expect(tracked.map((e) => e.kind)).toContain('published');

    const all = (await qa()).json();
    expect(all.items).toHaveLength(2);
    expect(JSON.stringify(all)).not.toMatch(/张|13911112222/);
    const ids = (query: string) => qa(query).then((r) => r.json().items.map((i: { id: string }) => i.id));
    expect(await ids(`q=${encodeURIComponent('暖气')}`)).toEqual([heatingCaseId]);
    expect(await ids(`q=${encodeURIComponent('暖')}`)).toEqual([heatingCaseId]);
    expect(await ids(`q=${encodeURIComponent('不热 室温')}`)).toEqual([heatingCaseId]);
    expect(await ids(`q=${encodeURIComponent('暖气片')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('冷气')}`)).toEqual([]);
    expect(await ids('q=legal%20AID')).toEqual([legalCaseId]);
    expect(await ids('q=free')).toEqual([legalCaseId]);
    expect(await ids('q=freedom')).toEqual([]);
    expect(await ids('topic=heating')).toEqual([heatingCaseId]);
    expect(await ids(`unitId=${world.unitB.id}`)).toEqual([legalCaseId]);
    expect(await ids(`unitId=${world.unitB.id}&q=${encodeURIComponent('暖气')}`)).toEqual([]);
    const item = all.items.find((i: { id: string }) => i.id === heatingCaseId);
    expect(item).toMatchObject({
      kind: 'case',
      unitId: world.unitA.id,
      topic: { code: 'heating', name: '供暖', nameEn: 'Heating' },
    });

    const firstPage = (await qa('limit=1')).json();
    expect(firstPage.items).toHaveLength(1);
    const secondPage = (await qa(`limit=1&cursor=${firstPage.nextCursor}`)).json();
    expect(secondPage.items).toHaveLength(1);
    expect(secondPage.nextCursor).toBeNull();
    expect(secondPage.items[0].id).not.toBe(firstPage.items[0].id);
    expect((await qa('cursor=forged')).statusCode).toBe(422);
  });

  it('searches through the n-gram index on this database', async () => {
    // On a table this small the planner rightly prefers the index of published cases (and which
    // one it picks depends on when autovacuum last analyzed it): that index is set aside inside a
    // transaction that is rolled back, so the plan shows whether the text search itself is served
    // by the n-gram index, i.e. that the query's expression is the index's.
    class RolledBack extends Error {}
    let plan = '';
    await t.db
      .transaction(async (tx) => {
        await tx.query('DROP INDEX cases_published_idx');
        await tx.query('SET LOCAL enable_seqscan = off');
        const { rows } = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT k.id FROM cases k WHERE k.published_at IS NOT NULL
             AND openday_search_grams(k.public_question || ' ' || k.public_answer) @> openday_query_grams('暖气')`,
        );
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    expect(plan).toContain('cases_public_grams_idx');
    const indexes = await t.db.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'cases_published_idx'`);
    expect(indexes.rows).toHaveLength(1);
  });

  it('takes a case out again on unpublish, by the unit admin or an organizer over the unit', async () => {
    const offered = async (client: Client) =>
      ((await client.request({ method: 'GET', url: `/api/v1/cases/${heatingCaseId}` })).json() as Case).actions;
    expect(await offered(organizer)).toEqual(['return_visit', 'unpublish']);
    expect(await offered(adminA)).toContain('unpublish');
    expect(await offered(responderA)).not.toContain('unpublish');
    const byResponder = await responderA.request({ method: 'POST', url: `/api/v1/cases/${heatingCaseId}/unpublish` });
    expect(byResponder.statusCode).toBe(403);
    const response = await organizer.request({ method: 'POST', url: `/api/v1/cases/${heatingCaseId}/unpublish` });
    expect(response.statusCode).toBe(204);
    const audit = await t.db.query<{ action: string; actor_user_id: string }>(
      `SELECT action FROM audit_log WHERE entity = 'case' AND entity_id = $1 AND action IN ('publish', 'unpublish')
       ORDER BY occurred_at`,
      [heatingCaseId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['publish', 'unpublish']);
    expect(await offered(organizer)).toEqual(['return_visit']);
    expect((await qa(`q=${encodeURIComponent('暖气')}`)).json().items).toEqual([]);
    const twice = await adminA.request({ method: 'POST', url: `/api/v1/cases/${heatingCaseId}/unpublish` });
    expect(twice.statusCode).toBe(409);
  });
});

describe('answers given on the spot, published from the records', () => {
  const record = async (body: Record<string, unknown>) => {
    const response = await deskA.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: { campaignId: world.campaign.id, unitId: world.unitA.id, ...body },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  };
  const act = (client: Client, id: string, what: string, body?: Record<string, unknown>) =>
    client.request({
      method: 'POST',
      url: `/api/v1/consultations/${id}/${what}`,
      ...(body !== undefined && { payload: body }),
    });
  const onTheSpot = {
    topic: '供暖',
    question: '李秀英问：供暖费可以分期缴纳吗？电话13822223333',
    answer: '李女士您好，低保户可申请分三期缴纳供暖费，到营业厅办理。',
    outcome: 'answered_on_spot',
    visitorName: '李秀英',
    visitorPhone: '13822223333',
    contactConsent: true,
  };
  const clean = {
    publicQuestion: '供暖费可以分期缴纳吗？',
    publicAnswer: '低保户可申请分三期缴纳供暖费，到营业厅办理。',
  };

  it('previews with personal data masked, publishes from the unit admin, and the Q&A finds it', async () => {
    const answered = await record(onTheSpot);
    const preview = await act(adminA, answered.id, 'publication-preview', {});
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().publicQuestion).toBe('某问：供暖费可以分期缴纳吗？电话***');
    expect(preview.json().publicAnswer).toBe('某女士您好，低保户可申请分三期缴纳供暖费，到营业厅办理。');
    expect(
      preview
        .json()
        .found.map((f: { kind: string }) => f.kind)
        .sort(),
    ).toEqual(['name', 'name', 'phone']);
    expect(await count('consultation_publications')).toBe(0);

    const auditBefore = await count('audit_log');
    for (const [body, field] of [
      [{ ...clean, publicQuestion: '李秀英问：供暖费可以分期吗？' }, 'publicQuestion'],
      [{ ...clean, publicAnswer: '请拨打13822223333' }, 'publicAnswer'],
    ] as const) {
      const refused = await act(adminA, answered.id, 'publish', body);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.details[0].field).toBe(field);
    }
    const bad = await act(adminA, answered.id, 'publish', { publicQuestion: '' });
    expect(bad.statusCode).toBe(400);
    expect(await count('consultation_publications')).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);

    const published = await act(adminA, answered.id, 'publish', clean);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ consultationId: answered.id, ...clean });
    const read = await adminA.request({ method: 'GET', url: `/api/v1/consultations/${answered.id}` });
    expect(read.json().publishedAt).toBe(published.json().publishedAt);

    const found = (await qa(`q=${encodeURIComponent('分期 供暖费')}`)).json().items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: answered.id,
      kind: 'on_the_spot',
      question: clean.publicQuestion,
      answer: clean.publicAnswer,
      unitId: world.unitA.id,
      topic: { code: 'heating' },
    });
    expect(JSON.stringify((await qa()).json())).not.toMatch(/李|13822223333/);
    expect((await qa(`unitId=${world.unitB.id}&q=${encodeURIComponent('分期')}`)).json().items).toEqual([]);

    // Published again with new texts: one entry in the Q&A, the change audited with before and after.
    const again = await act(adminA, answered.id, 'publish', { ...clean, publicAnswer: '可以，分三期缴纳。' });
    expect(again.statusCode).toBe(200);
    expect((await qa(`q=${encodeURIComponent('分三期')}`)).json().items).toHaveLength(1);
    const audit = await t.db.query<{ action: string; before: unknown; after: { publicAnswer: string } }>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'consultation' AND entity_id = $1
         AND action LIKE '%publish' ORDER BY occurred_at, id`,
      [answered.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['publish', 'republish']);
    expect(audit.rows[1]).toMatchObject({
      before: { publicAnswer: clean.publicAnswer },
      after: { publicAnswer: '可以，分三期缴纳。' },
    });
  });

  it('publishes only an answer given on the spot, by the admin of its unit; an organizer over it takes it out', async () => {
    const transferred = await record({ question: '小区路灯坏了', outcome: 'follow_up' });
    const noAnswer = await record({ question: '办事指南在哪里领？', outcome: 'answered_on_spot' });
    const answered = await record({
      question: '医保卡丢了怎么补办？',
      answer: '带身份证到社保大厅补办。',
      outcome: 'answered_on_spot',
    });
    const refusal = async (id: string, field: string) => {
      const response = await act(adminA, id, 'publish', clean);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.details[0].field).toBe(field);
    };
    await refusal(transferred.id, 'id');
    await refusal(noAnswer.id, 'answer');
    const body = { publicQuestion: '医保卡丢了怎么补办？', publicAnswer: '带身份证到社保大厅补办。' };
    expect((await act(deskA, answered.id, 'publish', body)).statusCode).toBe(403);
    expect((await act(responderA, answered.id, 'publish', body)).statusCode).toBe(403);
    expect((await act(adminB, answered.id, 'publish', body)).statusCode).toBe(404);
    expect((await act(organizer, answered.id, 'publish', body)).statusCode).toBe(403);
    expect((await act(adminA, answered.id, 'publish', body)).statusCode).toBe(200);

    expect((await act(deskA, answered.id, 'unpublish')).statusCode).toBe(403);
    expect((await act(adminB, answered.id, 'unpublish')).statusCode).toBe(404);
    expect((await act(organizer, answered.id, 'unpublish')).statusCode).toBe(204);
    expect((await qa(`q=${encodeURIComponent('医保卡')}`)).json().items).toEqual([]);
    const twice = await act(adminA, answered.id, 'unpublish');
    expect(twice.statusCode).toBe(409);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'consultation' AND entity_id = $1 AND action LIKE '%publish'
       ORDER BY occurred_at, id`,
      [answered.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['publish', 'unpublish']);
  });

  it('leaves the Q&A when the record is deleted', async () => {
    const answered = await record({
      question: '燃气表在哪里充值？',
      answer: '到燃气公司营业厅充值。',
      outcome: 'answered_on_spot',
    });
    const body = { publicQuestion: '燃气表在哪里充值？', publicAnswer: '到燃气公司营业厅充值。' };
    expect((await act(adminA, answered.id, 'publish', body)).statusCode).toBe(200);
    expect((await qa(`q=${encodeURIComponent('燃气表')}`)).json().items).toHaveLength(1);
    const removed = await adminA.request({ method: 'DELETE', url: `/api/v1/consultations/${answered.id}` });
    expect(removed.statusCode).toBe(204);
    expect((await qa(`q=${encodeURIComponent('燃气表')}`)).json().items).toEqual([]);
  });
});

describe('the demo campaign', () => {
  it('has topics that route questions to the reference units', async () => {
    await loadDemo(t.db);
    const demo = (await t.app.inject({ method: 'GET', url: '/api/v1/public/campaigns/demo' })).json();
    const unitOf = (code: string) => {
      const topic = demo.topics.find((x: { code: string }) => x.code === code);
      return demo.units.find((u: { id: string }) => u.id === topic.unitId).nameEn;
    };
    expect(demo.topics).toHaveLength(DEMO_TOPICS.length + demoDeskTopics().length);
    expect(unitOf('heating')).toBe('Huludao Municipal Heating Office');
    expect(unitOf('legal-aid')).toBe('Nanfen District Bureau of Justice');
    expect(unitOf('social-insurance')).toBe('Benxi Municipal Human Resources and Social Security Bureau');
    expect(unitOf('water')).toBe('Pingxiang Municipal Water Conservancy Bureau');
    expect(unitOf('radio-tv')).toBe('Shenyang Municipal Bureau of Radio, Film and Television');
    expect(unitOf('community')).toBe('Scenery Community');
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/campaigns/demo/questions',
      payload: { kind: 'question', topicCode: 'legal-aid', text: '如何申请法律援助？' },
      remoteAddress: nextAddress(),
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().unitNameEn).toBe('Nanfen District Bureau of Justice');
  });
});
