import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import type { StatisticsRow } from '../statistics/schema.ts';
import type { CaseDetail } from './schema.ts';

/** 回访: staff record the follow-up call and the rating given on it, counted apart from the citizen's. */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let deskA: Client;
let adminA: Client;
let responderA: Client;
let organizer: Client;
let cityBOrganizer: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  [deskA, adminA, responderA, organizer, cityBOrganizer] = await Promise.all([
    login(t.app, world.users.deskA),
    login(t.app, world.users.adminA),
    login(t.app, world.users.responderA),
    login(t.app, world.users.organizer),
    login(t.app, world.users.cityBOrganizer),
  ]);
}, 10 * 60_000);
afterAll(() => t?.close());

const post = (client: Client, url: string, payload: object) =>
  client.request({ method: 'POST', url: `/api/v1${url}`, payload });

/** A case of unit A, replied; returns its id and the code of the desk's slip. */
async function repliedCase(): Promise<{ id: string; code: string }> {
  const recorded = await post(deskA, '/consultations', {
    campaignId: world.campaign.id,
    unitId: world.unitA.id,
    question: '社区卫生服务站周末开门吗？',
    outcome: 'follow_up',
    visitorName: '刘洋',
    visitorPhone: '13700001111',
    contactConsent: true,
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const list = await adminA.request({ method: 'GET', url: `/api/v1/cases?consultationId=${recorded.json().id}` });
  const id = list.json().items[0].id as string;
  expect((await post(adminA, `/cases/${id}/reply`, { reply: '周六上午开门。' })).statusCode).toBe(200);
  return { id, code: recorded.json().caseTrackingCode };
}

async function unitRow(): Promise<StatisticsRow> {
  const response = await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${world.campaign.id}/statistics` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().rows as StatisticsRow[]).find((r) => r.unitId === world.unitA.id)!;
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('return visits', () => {
  it('are recorded by a responder, refuse what cannot be, and a poor rating reopens the case', async () => {
    const { id } = await repliedCase();
    const before = await unitRow();

    const notReached = await post(responderA, `/cases/${id}/return-visits`, { visitedOn: today(), reached: false });
    expect(notReached.statusCode, notReached.body).toBe(200);
    const afterCall = notReached.json() as CaseDetail;
    expect(afterCall.status).toBe('replied');
    expect(afterCall.returnVisits).toEqual([
      expect.objectContaining({ visitedOn: today(), reached: false, rating: null, words: null }),
    ]);
    expect(afterCall.events.at(-1)).toMatchObject({ kind: 'return_visit' });

    // Bad input: named field, nothing stored.
    const bad = [
      [{ visitedOn: today(), reached: false, rating: 'satisfied' }, 422, 'rating'],
      [{ visitedOn: '2999-01-01', reached: true }, 422, 'visitedOn'],
      [{ visitedOn: 'yesterday', reached: true }, 400, 'visitedOn'],
      [{ visitedOn: today(), reached: true, rating: 'great' }, 400, 'rating'],
      [{ visitedOn: today() }, 400, 'reached'],
    ] as const;
    for (const [body, status, field] of bad) {
      const refused = await post(responderA, `/cases/${id}/return-visits`, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(status);
      expect(refused.json().error.details[0].field).toBe(field);
    }
    // Desk staff do not call back; another city's organizer does not reach the case.
    expect((await post(deskA, `/cases/${id}/return-visits`, { visitedOn: today(), reached: false })).statusCode).toBe(
      403,
    );
    expect(
      (await post(cityBOrganizer, `/cases/${id}/return-visits`, { visitedOn: today(), reached: false })).statusCode,
    ).toBe(404);
    const stored = await t.db.query('SELECT 1 FROM return_visits WHERE case_id = $1', [id]);
    expect(stored.rows).toHaveLength(1);

    const poor = await post(responderA, `/cases/${id}/return-visits`, {
      visitedOn: today(),
      reached: true,
      rating: 'dissatisfied',
      words: '周日也需要开门',
    });
    expect(poor.statusCode, poor.body).toBe(200);
    const reopened = poor.json() as CaseDetail;
    expect(reopened.status).toBe('reopened');
    // The citizen's own rating is untouched: the call's rating is counted apart.
    expect(reopened.rating).toBeNull();
    expect(reopened.events.slice(-2)).toMatchObject([
      { kind: 'return_visit', details: { rating: 'dissatisfied', reached: true } },
      { kind: 'reopened', reason: 'poor_return_visit_rating' },
    ]);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'case' AND entity_id = $1 AND action LIKE 'return_visit%' ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['return_visit', 'return_visit_and_reopen']);
    const told = await t.db.query(`SELECT 1 FROM notifications WHERE case_id = $1 AND kind = 'case.reopened'`, [id]);
    expect(told.rows.length).toBeGreaterThan(0);

    // A reopened case owes a new reply: a rating now has nothing to rate.
    const early = await post(responderA, `/cases/${id}/return-visits`, {
      visitedOn: today(),
      reached: true,
      rating: 'satisfied',
    });
    expect(early.statusCode).toBe(409);

    const after = await unitRow();
    expect(after.returnVisits - before.returnVisits).toBe(2);
    expect(after.returnVisitsReached - before.returnVisitsReached).toBe(1);
    expect(after.returnVisitRated - before.returnVisitRated).toBe(1);
    expect(after.returnVisitSatisfaction.dissatisfied - before.returnVisitSatisfaction.dissatisfied).toBe(1);
    expect(after.replyRated).toBe(before.replyRated);
  });

  it('are recorded by an organizer too, counted apart from the citizen’s rating of the same reply', async () => {
    const { id, code } = await repliedCase();
    const before = await unitRow();
    const good = await post(organizer, `/cases/${id}/return-visits`, {
      visitedOn: today(),
      reached: true,
      rating: 'very_satisfied',
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().status).toBe('replied');
    // The citizen rates with their own code, once; both are kept, each in its own figure.
    const rated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/cases/${code}/rating`,
      payload: { rating: 'satisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().chain.map((e: { kind: string }) => e.kind)).toContain('return_visit');
    const after = await unitRow();
    expect(after.returnVisitSatisfaction.very_satisfied - before.returnVisitSatisfaction.very_satisfied).toBe(1);
    expect(after.replySatisfaction.very_satisfied).toBe(before.replySatisfaction.very_satisfied);
    expect(after.replySatisfaction.satisfied - before.replySatisfaction.satisfied).toBe(1);
    expect(after.returnVisitSatisfactionRate).not.toBeNull();
  });
});
