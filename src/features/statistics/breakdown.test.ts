import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import type { Breakdown, BreakdownBy } from './schema.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let cityBOrganizer: Client;
let adminB: Client;
let responderA: Client;

const api = (client: Client, method: 'GET' | 'POST', url: string, body?: object) =>
  client.request({ method, url: `/api/v1${url}`, ...(body !== undefined && { payload: body }) });
const sql = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows;

interface Visit {
  at: string;
  channel?: string;
  questions: { topic?: string | null; question?: string | null; outcome?: string | null }[];
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  const [deskA, deskSubA, deskB] = await Promise.all([
    login(t.app, world.users.deskA),
    login(t.app, world.users.deskSubA),
    login(t.app, world.users.deskB),
  ]);
  [organizer, cityBOrganizer, adminB, responderA] = await Promise.all([
    login(t.app, world.users.organizer),
    login(t.app, world.users.cityBOrganizer),
    login(t.app, world.users.adminB),
    login(t.app, world.users.responderA),
  ]);
  // 23:30 UTC is 07:30 the next day in China: the hour must be China's.
  const visits: [Client, string, Visit][] = [
    [
      deskA,
      world.unitA.id,
      { at: '2026-05-15T01:10:00Z', questions: [{ topic: '供热收费', outcome: 'answered_on_spot' }] },
    ],
    [
      deskA,
      world.unitA.id,
      {
        at: '2026-05-15T01:40:00Z',
        questions: [
          { topic: '供热收费', outcome: 'transferred' },
          { topic: '室温', outcome: 'follow_up' },
        ],
      },
    ],
    [deskA, world.unitA.id, { at: '2026-05-14T23:30:00Z', channel: 'hotline', questions: [{ topic: '室温' }] }],
    [deskA, world.unitA.id, { at: '2026-05-15T03:05:00Z', questions: [{ question: null, outcome: null }] }],
    [deskSubA, world.subUnitA.id, { at: '2026-05-15T03:59:59Z', questions: [{ topic: null, outcome: 'suggestion' }] }],
    [
      deskB,
      world.unitB.id,
      { at: '2026-05-15T02:00:00Z', channel: 'online', questions: [{ topic: '法律援助', outcome: 'complaint' }] },
    ],
    [deskB, world.unitB.id, { at: '2026-05-15T02:20:00Z', questions: [{ topic: '法律援助' }, { topic: '供热收费' }] }],
  ];
  let n = 0;
  for (const [client, unitId, visit] of visits) {
    const visitId = crypto.randomUUID();
    for (const q of visit.questions) {
      const response = await api(client, 'POST', '/consultations', {
        campaignId: world.campaign.id,
        unitId,
        visitId,
        occurredAt: visit.at,
        channel: visit.channel ?? 'on_site',
        topic: q.topic ?? null,
        question: q.question === undefined ? `问题${++n}` : q.question,
        outcome: q.outcome === undefined ? 'answered_on_spot' : q.outcome,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  }
});
afterAll(() => t?.close());

const breakdown = async (client: Client, by: string, extra = '') => {
  const response = await api(client, 'GET', `/campaigns/${world.campaign.id}/statistics/breakdown?by=${by}${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Breakdown;
};

interface Row {
  unit_id: string;
  visit_id: string;
  occurred_at: Date;
  channel: string;
  topic: string | null;
  question: string | null;
  outcome: string | null;
}

/** The same counts taken straight from the rows, grouped in JavaScript. */
async function directCounts(by: BreakdownBy, unitIds: string[], regionOf: (unitId: string) => string) {
  const rows = await sql<Row>(
    'SELECT unit_id, visit_id, occurred_at, channel, topic, question, outcome FROM consultations WHERE campaign_id = $1',
    [world.campaign.id],
  );
  const keyOf = (row: Row): string | null => {
    if (by === 'hour') return `${new Date(row.occurred_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 13)}:00`;
    if (by === 'region') return regionOf(row.unit_id);
    return row[by];
  };
  const groups = new Map<string | null, { visits: Set<string>; consultations: number }>();
  const mine = rows.filter((row) => unitIds.includes(row.unit_id));
  for (const row of mine) {
    const group = groups.get(keyOf(row)) ?? { visits: new Set(), consultations: 0 };
    group.visits.add(row.visit_id);
    if (row.question !== null) group.consultations++;
    groups.set(keyOf(row), group);
  }
  return {
    items: new Map(
      [...groups].map(([key, g]) => [key, { peopleReceived: g.visits.size, consultations: g.consultations }]),
    ),
    totals: {
      peopleReceived: new Set(mine.map((row) => row.visit_id)).size,
      consultations: mine.filter((row) => row.question !== null).length,
    },
  };
}

const asMap = (b: Breakdown) =>
  new Map(
    b.items.map((item) => [item.key, { peopleReceived: item.peopleReceived, consultations: item.consultations }]),
  );

describe('the breakdown of consultations', () => {
  const everyUnit = () => [world.unitA.id, world.subUnitA.id, world.unitB.id];
  const cityOf = (unitId: string) => (unitId === world.unitB.id ? world.cityB.id : world.cityA.id);

  it.each(['hour', 'topic', 'channel', 'outcome', 'region'] as const)(
    'by %s matches counts taken straight from the rows',
    async (by) => {
      const answer = await breakdown(organizer, by);
      const expected = await directCounts(by, everyUnit(), cityOf);
      expect(answer.by).toBe(by);
      expect(asMap(answer)).toEqual(expected.items);
      expect(answer.totals).toEqual(expected.totals);
      expect(answer.totals).toEqual({ peopleReceived: 7, consultations: 8 });
    },
  );

  it("counts in China's hours, in order", async () => {
    const answer = await breakdown(organizer, 'hour');
    expect(answer.items.map((item) => item.key)).toEqual([
      '2026-05-15T07:00',
      '2026-05-15T09:00',
      '2026-05-15T10:00',
      '2026-05-15T11:00',
    ]);
    expect(answer.items[1]).toMatchObject({ peopleReceived: 2, consultations: 3 });
  });

  it('lists the topics most asked first, a missing topic last', async () => {
    const answer = await breakdown(organizer, 'topic');
    expect(answer.items.map((item) => item.key)).toEqual(['供热收费', '室温', '法律援助', null]);
    expect(answer.items[0]).toMatchObject({ peopleReceived: 3, consultations: 3 });
  });

  it("names the regions one level below the reader's scope", async () => {
    const answer = await breakdown(organizer, 'region');
    expect(answer.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: world.cityA.id, name: '甲市', peopleReceived: 5, consultations: 5 }),
        expect.objectContaining({ key: world.cityB.id, name: '乙市', peopleReceived: 2, consultations: 3 }),
      ]),
    );
    // A city office's scope is its city: its units count at the city itself.
    const city = await breakdown(cityBOrganizer, 'region');
    expect(city.items).toEqual([expect.objectContaining({ key: world.cityB.id, consultations: 3 })]);
    // One unit: its region only.
    const one = await breakdown(organizer, 'region', `&unitId=${world.subUnitA.id}`);
    expect(one.items).toEqual([expect.objectContaining({ key: world.cityA.id, peopleReceived: 1, consultations: 1 })]);
  });

  it('shows a unit only its own records, and one unit when asked', async () => {
    for (const by of ['hour', 'topic', 'region'] as const) {
      expect(asMap(await breakdown(adminB, by))).toEqual(
        (await directCounts(by, [world.unitB.id], () => world.cityB.id)).items,
      );
    }
    // A responder of A sees A and its sub-unit.
    const own = await breakdown(responderA, 'outcome');
    expect(own.totals).toEqual((await directCounts('outcome', [world.unitA.id, world.subUnitA.id], cityOf)).totals);
    const one = await breakdown(organizer, 'channel', `&unitId=${world.unitA.id}`);
    expect(asMap(one)).toEqual((await directCounts('channel', [world.unitA.id], cityOf)).items);
    // Another unit's id gives nothing, not its figures.
    const other = await breakdown(adminB, 'topic', `&unitId=${world.unitA.id}`);
    expect(other).toMatchObject({ items: [], totals: { peopleReceived: 0, consultations: 0 } });
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const base = `/campaigns/${world.campaign.id}/statistics/breakdown`;
    const bad = await api(organizer, 'GET', `${base}?by=weekday`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.by');
    const missing = await api(organizer, 'GET', base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('querystring.by');
    const unit = await api(organizer, 'GET', `${base}?by=hour&unitId=nope`);
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.details[0].field).toBe('querystring.unitId');
    const unknown = await api(organizer, 'GET', `/campaigns/${crypto.randomUUID()}/statistics/breakdown?by=hour`);
    expect(unknown.statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1${base}?by=hour` });
    expect(anonymous.statusCode).toBe(401);
  });
});
