import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildCampaign, buildWorld } from '../../../test/builders.ts';
import { erasePersonalDataJob } from './jobs.ts';
import { eraseExpiredPersonalData } from './service.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let deskA: Client;
let adminA: Client;
let organizer: Client;
let asks = 0;

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  deskA = await login(t.app, world.users.deskA);
  adminA = await login(t.app, world.users.adminA);
  organizer = await login(t.app, world.users.organizer);
});
afterAll(() => t?.close());

async function record(client: Client, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await client.request({
    method: 'POST',
    url: '/api/v1/consultations',
    payload: { campaignId: world.campaign.id, unitId: world.unitA.id, question: '问题', ...body },
    headers,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function ask(contact: Record<string, unknown>, slug = world.campaign.slug) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/campaigns/${slug}/questions`,
    payload: { kind: 'question', unitId: world.unitA.id, text: '小区暖气什么时候修好？', ...contact },
    remoteAddress: `10.9.${Math.floor(++asks / 250)}.${(asks % 250) + 1}`,
  });
  expect(response.statusCode, response.body).toBe(201);
  const trackingCode = response.json().trackingCode as string;
  const { rows } = await t.db.query<{ id: string; consultation_id: string }>(
    'SELECT id, consultation_id FROM cases WHERE tracking_code = $1',
    [trackingCode],
  );
  return { trackingCode, caseId: rows[0]!.id, consultationId: rows[0]!.consultation_id };
}

async function closeCase(caseId: string) {
  const replied = await adminA.request({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/reply`,
    payload: { reply: '已安排维修，本周内修好。' },
  });
  expect(replied.statusCode, replied.body).toBe(200);
  const closed = await adminA.request({ method: 'POST', url: `/api/v1/cases/${caseId}/close`, payload: {} });
  expect(closed.statusCode, closed.body).toBe(200);
}

const CONTACT = {
  contactName: '王芳',
  contactPhone: '13912345678',
  contactEmail: 'wang.fang@example.cn',
  contactConsent: true,
};

/** Every column of every row that can hold personal data, to compare before and after. */
async function snapshot() {
  const consultations = await t.db.query<Record<string, unknown>>('SELECT * FROM consultations ORDER BY id');
  const requests = await t.db.query<Record<string, unknown>>('SELECT * FROM case_requests ORDER BY case_id');
  const cases = await t.db.query<Record<string, unknown>>('SELECT * FROM cases ORDER BY id');
  return {
    consultations: new Map(consultations.rows.map((r) => [r.id as string, r])),
    requests: new Map(requests.rows.map((r) => [r.case_id as string, r])),
    cases: cases.rows,
  };
}

/** The rows differ exactly in the erased fields of the erased records, and nowhere else. */
function expectErased(
  before: Awaited<ReturnType<typeof snapshot>>,
  after: Awaited<ReturnType<typeof snapshot>>,
  erased: { consultations: string[]; requests: string[] },
) {
  expect([...after.consultations.keys()]).toEqual([...before.consultations.keys()]);
  for (const [id, row] of before.consultations) {
    const now = after.consultations.get(id)!;
    if (erased.consultations.includes(id)) {
      expect(row.visitor_name ?? row.visitor_phone, id).not.toBeNull();
      expect(now.personal_data_erased_at).toBeInstanceOf(Date);
      expect(now).toEqual({
        ...row,
        visitor_name: null,
        visitor_phone: null,
        personal_data_erased_at: now.personal_data_erased_at,
      });
    } else {
      expect(now, id).toEqual(row);
    }
  }
  for (const [id, row] of before.requests) {
    const now = after.requests.get(id)!;
    if (erased.requests.includes(id)) {
      expect(row.contact_email).not.toBeNull();
      expect(now).toEqual({ ...row, contact_email: null, account_id: null, device_id: null });
    } else {
      expect(now, id).toEqual(row);
    }
  }
  expect(after.cases).toEqual(before.cases);
}

describe('retention', () => {
  it('erases exactly the contact details whose time is up, keeps the anonymous records, and audits the counts', async () => {
    const oldVisit = await record(deskA, {
      occurredAt: daysAgo(200),
      visitorName: '张三',
      visitorPhone: '13800000001',
      contactConsent: true,
      answer: '答复',
      outcome: 'answered_on_spot',
      rating: 'satisfied',
      topic: '供暖',
    });
    const recentVisit = await record(deskA, {
      occurredAt: daysAgo(100),
      visitorName: '李四',
      visitorPhone: '13800000002',
      contactConsent: true,
    });
    const anonymous = await record(deskA, { occurredAt: daysAgo(200) });
    // A unit admin's stored answer (for retries) holds the phone in full: it goes too.
    const keyed = { occurredAt: daysAgo(300), visitorName: '赵六', visitorPhone: '13800000004', contactConsent: true };
    const withKey = await record(adminA, keyed, { 'idempotency-key': 'privacy-test-key-0001' });
    const closed = await ask(CONTACT);
    await closeCase(closed.caseId);
    const open = await ask({ ...CONTACT, contactName: '孙七', contactEmail: 'sun@example.cn' });
    // A campaign that keeps contact details 30 days only.
    const short = await buildCampaign(t.db, {
      organizerUnitId: world.provinceOffice.id,
      unitIds: [world.unitA.id],
      openDay: '2026-05-15',
    });
    const set = await organizer.request({
      method: 'PUT',
      url: `/api/v1/campaigns/${short.id}/retention`,
      payload: { daysAfterClose: 30 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ daysAfterClose: 30, effectiveDays: 30, defaultDays: 180 });
    const shortVisit = await record(deskA, {
      campaignId: short.id,
      occurredAt: daysAgo(60),
      visitorName: '周八',
      visitorPhone: '13800000005',
      contactConsent: true,
    });
    expect(
      (await adminA.request({ method: 'GET', url: `/api/v1/campaigns/${short.id}/retention` })).json(),
    ).toMatchObject({
      held: 1,
      due: 1,
    });

    // Today: the 200- and 300-day-old visits without a case, and the 60-day-old one of the short campaign.
    const before = await snapshot();
    const today = await eraseExpiredPersonalData({ db: t.db, defaultDays: 180, batchSize: 2 });
    expect(today).toMatchObject({ consultations: 3, caseRequests: 0 });
    const afterToday = await snapshot();
    expectErased(before, afterToday, { consultations: [oldVisit, withKey, shortVisit], requests: [] });
    expect(afterToday.consultations.get(anonymous)!.personal_data_erased_at).toBeNull();
    const replay = await adminA.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: { campaignId: world.campaign.id, unitId: world.unitA.id, question: '问题', ...keyed },
      headers: { 'idempotency-key': 'privacy-test-key-0001' },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toMatchObject({ id: withKey, visitorName: null, visitorPhone: null });

    const audit = await t.db.query<{
      campaign_id: string;
      after: Record<string, unknown>;
      actor_user_id: string | null;
    }>(
      "SELECT campaign_id, after, actor_user_id FROM audit_log WHERE action = 'erase_personal_data' ORDER BY campaign_id",
    );
    const counts = Object.fromEntries(
      [world.campaign.id, short.id].map((id) => [
        id,
        audit.rows.filter((r) => r.campaign_id === id).reduce((n, r) => n + (r.after.consultations as number), 0),
      ]),
    );
    expect(counts).toEqual({ [world.campaign.id]: 2, [short.id]: 1 });
    expect(audit.rows.every((r) => r.actor_user_id === null && r.after.reason === 'retention')).toBe(true);

    // 200 days on: the 100-day-old visit, and the case closed today with its e-mail; the open case stays.
    const later = await eraseExpiredPersonalData({ db: t.db, defaultDays: 180, now: new Date(Date.now() + 200 * DAY) });
    expect(later).toMatchObject({ consultations: 2, caseRequests: 1 });
    const afterLater = await snapshot();
    expectErased(afterToday, afterLater, {
      consultations: [recentVisit, closed.consultationId],
      requests: [closed.caseId],
    });
    expect(afterLater.consultations.get(open.consultationId)!.visitor_name).toBe('孙七');
    expect(afterLater.requests.get(open.caseId)!.contact_email).toBe('sun@example.cn');

    // Nothing left to do: a second run changes nothing.
    expect(
      await eraseExpiredPersonalData({ db: t.db, defaultDays: 180, now: new Date(Date.now() + 200 * DAY) }),
    ).toMatchObject({
      consultations: 0,
      caseRequests: 0,
    });
    expect(await snapshot()).toEqual(afterLater);
  });

  it('runs as a job on the queue with the configured default', async () => {
    await record(deskA, {
      occurredAt: daysAgo(20),
      visitorName: '吴九',
      visitorPhone: '13800000009',
      contactConsent: true,
    });
    const logged: unknown[] = [];
    const log = { info: (...args: unknown[]) => logged.push(args) } as never;
    await erasePersonalDataJob.handle(
      { defaultDays: 10 },
      { db: t.db, log, job: { id: 'x', name: erasePersonalDataJob.name, attempt: 1 } },
    );
    const { rows } = await t.db.query("SELECT 1 FROM consultations WHERE visitor_name = '吴九'");
    expect(rows).toHaveLength(0);
    expect(logged).toHaveLength(1);
  });

  it('lets only the organizing office set the retention, and refuses bad values naming the field', async () => {
    const url = `/api/v1/campaigns/${world.campaign.id}/retention`;
    expect((await adminA.request({ method: 'PUT', url, payload: { daysAfterClose: 10 } })).statusCode).toBe(403);
    const cityB = await login(t.app, world.users.cityBOrganizer);
    expect((await cityB.request({ method: 'PUT', url, payload: { daysAfterClose: 10 } })).statusCode).toBe(403);
    const bad = await organizer.request({ method: 'PUT', url, payload: { daysAfterClose: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('daysAfterClose');
    const reset = await organizer.request({ method: 'PUT', url, payload: { daysAfterClose: null } });
    expect(reset.json()).toMatchObject({ daysAfterClose: null, effectiveDays: 180 });
  });
});

describe("a citizen's personal data", () => {
  it('shows what is held by tracking code, erases it on request, keeps the anonymous record, and audits', async () => {
    const asked = await ask(CONTACT);
    const url = `/api/v1/public/cases/${asked.trackingCode}`;
    const seen = await t.app.inject({ method: 'GET', url: `${url}/personal-data?proof=5678` });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.headers['cache-control']).toBe('no-store');
    expect(seen.json()).toMatchObject({
      trackingCode: asked.trackingCode,
      visitorName: '王芳',
      visitorPhone: '13912345678',
      contactEmail: 'wang.fang@example.cn',
      contactConsent: true,
      erasedAt: null,
      retention: { daysAfterClose: 180, eraseOn: null },
    });
    // As a person types it: lower case, no dashes.
    const typed = asked.trackingCode.replaceAll('-', '').toLowerCase();
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/cases/${typed}/personal-data?proof=5678` })).statusCode,
    ).toBe(200);

    const unconfirmed = await t.app.inject({ method: 'POST', url: `${url}/erase`, payload: { proof: '5678' } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.details[0].field).toBe('confirm');

    const before = await snapshot();
    const erased = await t.app.inject({
      method: 'POST',
      url: `${url}/erase`,
      payload: { confirm: true, proof: '5678' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json().erased).toEqual({ consultations: 1, caseRequests: 1, opinions: 0 });
    expectErased(before, await snapshot(), { consultations: [asked.consultationId], requests: [asked.caseId] });

    const after = (await t.app.inject({ method: 'GET', url: `${url}/personal-data?proof=5678` })).json();
    expect(after).toMatchObject({ visitorName: null, visitorPhone: null, contactEmail: null });
    expect(after.erasedAt).toBe(erased.json().erasedAt);
    // The case itself is still there for the citizen to follow.
    const tracked = await t.app.inject({ method: 'GET', url });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).not.toContain('王芳');

    const audit = await t.db.query<{ after: Record<string, unknown> }>(
      "SELECT after FROM audit_log WHERE action = 'erase_personal_data' AND entity = 'case' AND entity_id = $1",
      [asked.caseId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after).toMatchObject({ reason: 'citizen_request', consultations: 1, caseRequests: 1 });

    const again = await t.app.inject({
      method: 'POST',
      url: `${url}/erase`,
      payload: { confirm: true, proof: '5678' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().erased).toEqual({ consultations: 0, caseRequests: 0, opinions: 0 });
    expect(again.json().erasedAt).toBe(erased.json().erasedAt);
    const audited = await t.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'erase_personal_data' AND entity_id = $1",
      [asked.caseId],
    );
    expect(audited.rows).toHaveLength(1);
  });

  it('erases every question of the visit that carries the details', async () => {
    const asked = await ask(CONTACT);
    const { rows } = await t.db.query<{ visit_id: string }>('SELECT visit_id FROM consultations WHERE id = $1', [
      asked.consultationId,
    ]);
    const second = await record(deskA, {
      visitId: rows[0]!.visit_id,
      visitorName: '王芳',
      visitorPhone: '13912345678',
      contactConsent: true,
    });
    const url = `/api/v1/public/cases/${asked.trackingCode}`;
    expect((await t.app.inject({ method: 'GET', url: `${url}/personal-data?proof=5678` })).json().otherRecords).toBe(1);
    const erased = await t.app.inject({
      method: 'POST',
      url: `${url}/erase`,
      payload: { confirm: true, proof: '5678' },
    });
    expect(erased.json().erased).toEqual({ consultations: 2, caseRequests: 1, opinions: 0 });
    const left = await t.db.query('SELECT 1 FROM consultations WHERE id = $1 AND visitor_phone IS NULL', [second]);
    expect(left.rows).toHaveLength(1);
  });

  it('says so when nothing personal was ever given', async () => {
    const asked = await ask({});
    const url = `/api/v1/public/cases/${asked.trackingCode}`;
    expect((await t.app.inject({ method: 'GET', url: `${url}/personal-data?proof=5678` })).json()).toMatchObject({
      visitorName: null,
      contactEmail: null,
      contactConsent: false,
      erasedAt: null,
    });
    const erased = await t.app.inject({
      method: 'POST',
      url: `${url}/erase`,
      payload: { confirm: true, proof: '5678' },
    });
    expect(erased.json()).toMatchObject({ erasedAt: null, erased: { consultations: 0, caseRequests: 0 } });
  });

  it('answers an unknown or malformed tracking code with 404, the same for both', async () => {
    for (const code of ['ZZZZ-ZZZZ-ZZZZ', 'not a code at all']) {
      const seen = await t.app.inject({
        method: 'GET',
        url: `/api/v1/public/cases/${encodeURIComponent(code)}/personal-data?proof=5678`,
      });
      expect(seen.statusCode).toBe(404);
      const erase = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/cases/${encodeURIComponent(code)}/erase`,
        payload: { confirm: true, proof: '5678' },
      });
      expect(erase.statusCode).toBe(404);
      expect(erase.json().error.code).toBe('not_found');
    }
  });
});

describe('the citizen’s key stays the citizen’s', () => {
  const publicRoutes = (code: string) => ({
    personal: `/api/v1/public/cases/${encodeURIComponent(code)}/personal-data?proof=5678`,
    erase: `/api/v1/public/cases/${encodeURIComponent(code)}/erase`,
    rating: `/api/v1/public/cases/${encodeURIComponent(code)}/rating`,
  });

  it('asks for the last four digits of the phone, answers a wrong one as an unknown code, and holds off guessing', async () => {
    const asked = await ask(CONTACT);
    const url = `/api/v1/public/cases/${asked.trackingCode}/personal-data`;
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/cases/ZZZZ-ZZZZ-ZZZ1/personal-data?proof=5678`,
    });
    const wrong = await t.app.inject({ method: 'GET', url: `${url}?proof=1234` });
    expect(wrong.statusCode).toBe(404);
    // Nothing tells a wrong proof from a code that does not exist.
    expect(wrong.json()).toEqual(unknown.json());
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(400);
    const erase = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/cases/${asked.trackingCode}/erase`,
      payload: { confirm: true, proof: '0000' },
    });
    expect(erase.statusCode).toBe(404);
    expect(
      (
        await t.db.query('SELECT 1 FROM consultations WHERE id = $1 AND visitor_phone IS NOT NULL', [
          asked.consultationId,
        ])
      ).rows,
    ).toHaveLength(1);
    // The right digits (as typed, with a space) open it; the count starts afresh. Five wrong ones are
    // free (a citizen mistyping), the sixth holds the code off.
    expect((await t.app.inject({ method: 'GET', url: `${url}?proof=56%2078` })).statusCode).toBe(200);
    for (let i = 0; i < 6; i++)
      expect((await t.app.inject({ method: 'GET', url: `${url}?proof=${1000 + i}` })).statusCode).toBe(404);
    const held = await t.app.inject({ method: 'GET', url: `${url}?proof=5678` });
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(60);
    expect(held.json().error.details[0].field).toBe('proof');
    // A code that does not exist is held off the same way, so a refusal says nothing either.
    for (let i = 0; i < 6; i++)
      await t.app.inject({ method: 'GET', url: `/api/v1/public/cases/ZZZZ-ZZZZ-ZZZ2/personal-data?proof=${i}` });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/public/cases/ZZZZ-ZZZZ-ZZZ2/personal-data?proof=1` }))
        .statusCode,
    ).toBe(429);
    // Another citizen's code is not held off.
    const other = await ask(CONTACT);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/public/cases/${other.trackingCode}/personal-data?proof=5678`,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('takes the e-mail given when no phone was, and the name when neither was', async () => {
    const mailOnly = await ask({ contactEmail: 'li.lei@example.cn', contactConsent: true });
    const base = `/api/v1/public/cases/${mailOnly.trackingCode}/personal-data`;
    expect((await t.app.inject({ method: 'GET', url: `${base}?proof=0000` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${base}?proof=Li.Lei%40example.cn` })).statusCode).toBe(200);
  });

  it('gives staff nothing they could use on the public routes: no code in any list, read, notice, audit or export', async () => {
    const visitor = { visitorName: '赵敏', visitorPhone: '13500008408', contactConsent: true };
    const recorded = await deskA.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        question: '低保怎么申请？',
        outcome: 'follow_up',
        ...visitor,
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    // The desk's slip: the one answer with the code, for the visitor.
    const code = recorded.json().caseTrackingCode as string;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const caseId = (await t.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [code])).rows[0]!
      .id;
    await adminA.request({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/reply`,
      payload: { reply: '请到街道办理。' },
    });

    const responder = await login(t.app, world.users.responderA);
    const seen: string[] = [];
    for (const client of [deskA, adminA, responder, organizer]) {
      for (const url of [
        `/api/v1/cases?campaignId=${world.campaign.id}`,
        `/api/v1/cases/${caseId}`,
        `/api/v1/consultations?campaignId=${world.campaign.id}`,
        `/api/v1/consultations/${recorded.json().id}`,
        '/api/v1/notifications',
        `/api/v1/audit?entityId=${recorded.json().id}`,
        `/api/v1/audit?entityId=${caseId}`,
        `/api/v1/campaigns/${world.campaign.id}/exports/cases.csv`,
        `/api/v1/campaigns/${world.campaign.id}/exports/consultations.csv`,
      ]) {
        const response = await client.request({ method: 'GET', url });
        seen.push(response.body);
      }
    }
    const all = seen.join('\n');
    expect(all).toContain(`K-${caseId.replaceAll('-', '').slice(-8).toUpperCase()}`);
    expect(all).not.toContain(code);
    expect(all).not.toContain(code.replaceAll('-', ''));

    // Whatever staff saw — the reference, the ids, the masked phone's last digits — opens nothing.
    const reference = `K-${caseId.replaceAll('-', '').slice(-8).toUpperCase()}`;
    // Each guess from an address of its own: the per-address limit is not what refuses them.
    for (const [n, guess] of [reference, caseId, recorded.json().id, reference.slice(2)].entries()) {
      const routes = publicRoutes(guess);
      const remoteAddress = `10.77.0.${n + 1}`;
      const seenData = await t.app.inject({ method: 'GET', url: routes.personal, remoteAddress });
      expect(seenData.statusCode, guess).toBe(404);
      const erased = await t.app.inject({
        method: 'POST',
        url: routes.erase,
        payload: { confirm: true, proof: '8408' },
        remoteAddress,
      });
      expect(erased.statusCode, guess).toBe(404);
      const rated = await t.app.inject({
        method: 'POST',
        url: routes.rating,
        payload: { rating: 'very_satisfied' },
        remoteAddress,
      });
      expect(rated.statusCode, guess).toBe(404);
    }
    const kept = await t.db.query<{ visitor_phone: string; rating: string | null }>(
      'SELECT c.visitor_phone, k.rating FROM cases k JOIN consultations c ON c.id = k.consultation_id WHERE k.id = $1',
      [caseId],
    );
    expect(kept.rows).toEqual([{ visitor_phone: '13500008408', rating: null }]);
  });

  it('lets staff erase on a request they received, recorded as theirs with the requester', async () => {
    const asked = await ask(CONTACT);
    const responder = await login(t.app, world.users.responderA);
    const url = `/api/v1/cases/${asked.caseId}/personal-data/erasure`;
    const unconfirmed = await responder.request({ method: 'POST', url, payload: { requester: '王芳本人（来电）' } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.details[0].field).toBe('confirm');
    const noRequester = await responder.request({ method: 'POST', url, payload: { confirm: true } });
    expect(noRequester.statusCode).toBe(400);
    expect(noRequester.json().error.details[0].field).toBe('requester');
    // Another unit's admin does not reach the case; desk staff may not erase.
    const adminB = await login(t.app, world.users.adminB);
    expect((await adminB.request({ method: 'POST', url, payload: { confirm: true, requester: 'x' } })).statusCode).toBe(
      404,
    );
    expect((await deskA.request({ method: 'POST', url, payload: { confirm: true, requester: 'x' } })).statusCode).toBe(
      403,
    );
    expect(
      (
        await t.db.query('SELECT 1 FROM consultations WHERE id = $1 AND visitor_phone IS NOT NULL', [
          asked.consultationId,
        ])
      ).rows,
    ).toHaveLength(1);

    const erased = await responder.request({
      method: 'POST',
      url,
      payload: { confirm: true, requester: '王芳本人（来电）', note: '12月4日来电要求删除' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      caseId: asked.caseId,
      requester: '王芳本人（来电）',
      erased: { consultations: 1, caseRequests: 1 },
    });
    expect(erased.body).not.toContain(asked.trackingCode);
    const audit = await t.db.query<{ actor_user_id: string | null; after: Record<string, unknown> }>(
      "SELECT actor_user_id, after FROM audit_log WHERE action = 'erase_personal_data' AND entity_id = $1",
      [asked.caseId],
    );
    const responderId = (
      await t.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [world.users.responderA])
    ).rows[0]!.id;
    expect(audit.rows).toEqual([
      {
        actor_user_id: responderId,
        after: expect.objectContaining({
          reason: 'request_received_by_staff',
          requester: '王芳本人（来电）',
          note: '12月4日来电要求删除',
        }),
      },
    ]);
  });
});

describe('opinions raised at meetings', () => {
  const send = (method: 'POST' | 'PUT' | 'GET', url: string, payload?: object, headers: Record<string, string> = {}) =>
    adminA.request({ method, url: `/api/v1${url}`, ...(payload && { payload }), headers });

  async function meeting(heldOn: string, title: string) {
    const plan = await send('PUT', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`, {
      leaderName: '李局长',
    });
    expect([200, 201], plan.body).toContain(plan.statusCode);
    const created = await send('POST', `/plans/${plan.json().id}/meetings`, { kind: 'symposium', heldOn, title });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  async function opinion(meetingId: string, body: Record<string, unknown>, key?: string) {
    const created = await send(
      'POST',
      `/meetings/${meetingId}/opinions`,
      { raisedBy: 'residents', outcome: 'noted', ...body },
      key ? { 'idempotency-key': key } : {},
    );
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  const row = async (id: string) =>
    (
      await t.db.query<{
        text: string;
        response: string;
        raised_by: string | null;
        outcome: string;
        personal_data_erased_at: Date | null;
      }>('SELECT text, response, raised_by, outcome, personal_data_erased_at FROM meeting_opinions WHERE id = $1', [id])
    ).rows[0]!;

  it('masks the names and numbers in an opinion when its time is up, as for a consultation, keeping the rest', async () => {
    const may = await meeting('2026-05-15', '五月座谈会');
    const recent = await meeting(daysAgo(10).slice(0, 10), '近期座谈会');
    const due = await opinion(may, {
      text: '张先生建议在幸福路12号增设路灯，联系电话135 1234 5678，邮箱zhang@example.cn',
      response: '已记录，回电13512345678告知',
      outcome: 'under_study',
    });
    const fresh = await opinion(recent, { text: '李女士建议延长办事时间，电话13600001111' });
    // Transferred as a case still open: kept while the case is (its reply needs the caller).
    const asked = await ask({ ...CONTACT, contactName: '钱十', contactEmail: 'qian@example.cn' });
    const linked = await opinion(may, {
      text: '钱十反映暖气不热，电话13700002222',
      outcome: 'transferred',
      caseId: asked.caseId,
    });

    const run = await eraseExpiredPersonalData({ db: t.db, defaultDays: 180 });
    expect(run.opinions).toBe(1);
    expect(await row(due)).toEqual({
      text: '某先生建议在幸福路12号增设路灯，联系电话***，邮箱***',
      response: '已记录，回电***告知',
      raised_by: 'residents',
      outcome: 'under_study',
      personal_data_erased_at: expect.any(Date),
    });
    expect(await row(fresh)).toMatchObject({
      text: '李女士建议延长办事时间，电话13600001111',
      personal_data_erased_at: null,
    });
    expect(await row(linked)).toMatchObject({
      text: '钱十反映暖气不热，电话13700002222',
      personal_data_erased_at: null,
    });
    const audit = await t.db.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE action = 'erase_personal_data' AND entity = 'campaign'
         AND (after ->> 'opinions')::int > 0`,
    );
    expect(audit.rows.map((r) => r.after)).toEqual([expect.objectContaining({ reason: 'retention', opinions: 1 })]);

    // The case closed 200 days ago: the opinion it came from goes with the caller's name (known from the question).
    await closeCase(asked.caseId);
    const later = await eraseExpiredPersonalData({ db: t.db, defaultDays: 180, now: new Date(Date.now() + 200 * DAY) });
    expect(later.opinions).toBe(2);
    expect((await row(linked)).text).toBe('某反映暖气不热，电话***');
    expect((await row(fresh)).text).toBe('某女士建议延长办事时间，电话***');
    // A second run changes nothing.
    const masked = await Promise.all([due, fresh, linked].map(row));
    expect(
      (await eraseExpiredPersonalData({ db: t.db, defaultDays: 180, now: new Date(Date.now() + 200 * DAY) })).opinions,
    ).toBe(0);
    expect(await Promise.all([due, fresh, linked].map(row))).toEqual(masked);
  });

  it("masks an opinion linked to the visit when a citizen's details are erased on request, its stored answer too", async () => {
    const asked = await ask({ ...CONTACT, contactName: '刘一', contactEmail: 'liu@example.cn' });
    const held = await meeting('2026-05-16', '供暖座谈会');
    const key = 'privacy-opinion-key-0001';
    const body = {
      text: '刘一，电话13912345678，反映小区暖气不热',
      outcome: 'transferred',
      caseId: asked.caseId,
      consultationId: asked.consultationId,
    };
    const linked = await opinion(held, body, key);
    const other = await opinion(held, { text: '刘一的邻居也反映暖气不热', consultationId: null });
    const responder = await login(t.app, world.users.responderA);
    const erased = await responder.request({
      method: 'POST',
      url: `/api/v1/cases/${asked.caseId}/personal-data/erasure`,
      payload: { confirm: true, requester: '刘一本人（来电）' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json().erased).toEqual({ consultations: 1, caseRequests: 1, opinions: 1 });
    expect(await row(linked)).toMatchObject({
      text: '某，电话***，反映小区暖气不热',
      raised_by: 'residents',
      outcome: 'transferred',
      personal_data_erased_at: expect.any(Date),
    });
    // An opinion not linked to the visit is not the citizen's to erase: it waits for the retention.
    expect(await row(other)).toMatchObject({ text: '刘一的邻居也反映暖气不热', personal_data_erased_at: null });
    const replay = await send(
      'POST',
      `/meetings/${held}/opinions`,
      { raisedBy: 'residents', outcome: 'noted', ...(body as Record<string, unknown>) },
      { 'idempotency-key': key },
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toMatchObject({ id: linked, text: '某，电话***，反映小区暖气不热' });
    expect(replay.body).not.toContain('13912345678');
  });
});
