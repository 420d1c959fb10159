import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { DATASET_NAMES, datasetColumns } from './schema.ts';
import { suppressSmallCells, tableRelations } from './suppression.ts';

describe('small-cell suppression', () => {
  it('withholds counts of 1 to 4, never zeros, and a second cell where a total would give one away', () => {
    // Two groups and the total; columns: total, part a, part b.
    const cells = [
      [10, 7, 3],
      [8, 8, 0],
      [18, 15, 3],
    ];
    const { values } = suppressSmallCells(
      cells,
      [10, 8, 18],
      tableRelations(3, { additive: [0, 1, 2], rowSums: [{ total: 0, parts: [1, 2] }] }),
    );
    // The two 3s are withheld; each row's sum then has one withheld part, so the 7 and the 15 go
    // too; down column a, 7 and 15 are now both withheld and the 8 may stay.
    expect(values).toEqual([
      [10, null, null],
      [8, 8, 0],
      [18, null, null],
    ]);
  });

  it('withholds every non-zero figure of a group of fewer than five people', () => {
    const { values } = suppressSmallCells(
      [
        [3, 9, 0],
        [20, 30, 6],
        [23, 39, 6],
      ],
      [3, 20, 23],
      tableRelations(3, { additive: [0, 1, 2], rowSums: [] }),
    );
    expect(values[0]).toEqual([null, null, 0]);
    // Each column now has one withheld part: the other group's figure goes too.
    expect(values[1]).toEqual([null, null, 6]);
    expect(values[2]).toEqual([23, 39, 6]);
  });

  it('leaves a table with nothing small as it is', () => {
    const cells = [
      [5, 5],
      [6, 6],
      [11, 11],
    ];
    expect(suppressSmallCells(cells, [5, 6, 11], tableRelations(3, { additive: [0, 1], rowSums: [] })).values).toEqual(
      cells,
    );
  });
});

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function recordMany(client: Client, count: number, body: Record<string, unknown>) {
  for (let i = 0; i < count; i++) {
    const response = await client.request({ method: 'POST', url: '/api/v1/consultations', payload: body });
    expect(response.statusCode, response.body).toBe(201);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  const adminA = await login(t.app, world.users.adminA);
  const plan = await adminA.request({
    method: 'PUT',
    url: `/api/v1/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`,
    payload: {},
  });
  expect(plan.statusCode, plan.body).toBe(201);
  const site = await adminA.request({
    method: 'POST',
    url: `/api/v1/plans/${plan.json().id}/sites`,
    payload: { name: '人民广场', address: '甲市人民路1号', heldOn: '2026-05-15', opensAt: '09:00', closesAt: '16:30' },
  });
  expect(site.statusCode, site.body).toBe(201);
  const desk = await adminA.request({
    method: 'POST',
    url: `/api/v1/sites/${site.json().id}/desks`,
    payload: { name: '供热咨询台', topics: ['供暖', '管网维修'] },
  });
  expect(desk.statusCode, desk.body).toBe(201);

  const base = { campaignId: world.campaign.id, occurredAt: '2026-05-15T02:00:00Z' };
  const deskA = await login(t.app, world.users.deskA);
  await recordMany(deskA, 5, {
    ...base,
    unitId: world.unitA.id,
    topic: '供暖',
    question: '什么时候供暖？',
    outcome: 'answered_on_spot',
    rating: 'satisfied',
    visitorName: '李四',
    visitorPhone: '13800001111',
    contactConsent: true,
  });
  await recordMany(deskA, 2, {
    ...base,
    unitId: world.unitA.id,
    topic: '张三家的私事',
    question: '我家的事',
    outcome: 'transferred',
  });
  const deskSubA = await login(t.app, world.users.deskSubA);
  // 01:30 in Shanghai on the 16th is still the 15th in UTC: days are counted locally.
  await recordMany(deskSubA, 6, {
    campaignId: world.campaign.id,
    unitId: world.subUnitA.id,
    occurredAt: '2026-05-15T17:30:00Z',
    channel: 'hotline',
    topic: '供暖',
    question: '暖气不热',
    outcome: 'answered_on_spot',
  });
  const deskB = await login(t.app, world.users.deskB);
  await recordMany(deskB, 3, {
    ...base,
    unitId: world.unitB.id,
    question: '法律援助怎么申请？',
    outcome: 'answered_on_spot',
    rating: 'very_dissatisfied',
  });
});
afterAll(() => t?.close());

const get = (path: string) =>
  t.app.inject({ method: 'GET', url: `/open-data/campaigns/${world.campaign.slug}/${path}` });

type Row = Record<string, unknown>;
const figures = (row: Row | undefined) =>
  row &&
  Object.fromEntries(
    Object.entries(row).filter(([k]) =>
      [
        'people_received',
        'consultations',
        'answered_on_spot',
        'transferred',
        'rated',
        'satisfied',
        'very_dissatisfied',
        'suppressed',
      ].includes(k),
    ),
  );

describe('open data', () => {
  it('publishes figures per unit with small cells withheld, also where a total would give them away', async () => {
    const response = await get('figures-by-unit.json');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json() as { rows: Row[]; campaign: { slug: string } };
    expect(body.campaign.slug).toBe(world.campaign.slug);
    const byUnit = (id: string) => body.rows.find((r) => r.unit_id === id);
    const total = body.rows.at(-1)!;
    expect(total.row_type).toBe('total');
    expect(body.rows).toHaveLength(4);
    // unit A: 7 people, 5 answered on the spot and 2 transferred, 5 rated satisfied.
    expect(figures(byUnit(world.unitA.id))).toEqual({
      people_received: 7,
      consultations: 7,
      answered_on_spot: null, // secondary: 7 − 5 would give the 2 transferred
      transferred: null, // 2 people
      rated: null, // secondary, down the rated column (8 − 3 of unit B)
      satisfied: null, // secondary, along the row (rated would be 5 + 0 …)
      very_dissatisfied: 0,
      suppressed: true,
    });
    // sub-unit: 6 people; withheld so that unit B's people and questions cannot be subtracted out.
    expect(figures(byUnit(world.subUnitA.id))).toEqual({
      people_received: null,
      consultations: null,
      answered_on_spot: null,
      transferred: 0,
      rated: 0,
      satisfied: 0,
      very_dissatisfied: 0,
      suppressed: true,
    });
    // unit B: 3 people, all very dissatisfied — nothing about them is shown but zeros.
    expect(figures(byUnit(world.unitB.id))).toEqual({
      people_received: null,
      consultations: null,
      answered_on_spot: null,
      transferred: 0,
      rated: null,
      satisfied: 0,
      very_dissatisfied: null,
      suppressed: true,
    });
    expect(figures(total)).toEqual({
      people_received: 16,
      consultations: 16,
      answered_on_spot: null,
      transferred: null,
      rated: 8,
      satisfied: null,
      very_dissatisfied: null,
      suppressed: true,
    });
    expect(total.unit_id).toBeNull();
  });

  it('never lets a withheld figure be worked out from a published total', async () => {
    for (const dataset of DATASET_NAMES) {
      const rows = (await get(`${dataset}.json`)).json().rows as Row[];
      const groups = rows.slice(0, -1);
      const total = rows.at(-1)!;
      for (const column of datasetColumns(dataset).filter((c) => c.suppressible)) {
        const withheld = groups.filter((r) => r[column.name] === null).length;
        if (total[column.name] !== null) expect(withheld, `${dataset} ${column.name}`).not.toBe(1);
      }
      for (const row of rows) {
        const outcomes = [
          'answered_on_spot',
          'transferred',
          'follow_up',
          'suggestions',
          'complaints',
          'outcome_not_recorded',
        ];
        const levels = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
        for (const [sum, parts] of [
          ['consultations', outcomes],
          ['rated', levels],
        ] as const) {
          const withheld = [sum, ...parts].filter((name) => row[name] === null).length;
          expect(withheld, `${dataset} ${sum}`).not.toBe(1);
        }
        for (const column of datasetColumns(dataset).filter((c) => c.suppressible)) {
          const value = row[column.name];
          if (typeof value === 'number') expect(value === 0 || value >= 5, `${dataset} ${column.name}`).toBe(true);
        }
      }
    }
  });

  it('groups by published topics only: free text never appears', async () => {
    const response = await get('figures-by-topic.json');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('张三');
    const rows = response.json().rows as Row[];
    expect(rows.map((r) => [r.row_type, r.topic, r.topic_kind])).toEqual([
      ['group', '供暖', 'listed'],
      ['group', null, 'other'],
      ['group', null, 'unspecified'],
      ['total', null, null],
    ]);
    expect(rows[0]).toMatchObject({ people_received: 11, suppressed: true });
    expect(rows[1]).toMatchObject({ people_received: null, transferred: null, suppressed: true });
  });

  it('lists every channel and every day of the campaign, days counted in China Standard Time', async () => {
    const channels = (await get('figures-by-channel.json')).json().rows as Row[];
    expect(channels.map((r) => r.channel)).toEqual(['on_site', 'hotline', 'mailbox', 'online', 'symposium', null]);
    expect(channels[0]).toMatchObject({ channel_name_zh: '现场', people_received: 10, consultations: 10 });
    expect(channels[1]).toMatchObject({ channel_name_en: 'Hotline', people_received: 6 });
    const days = (await get('figures-by-day.json')).json().rows as Row[];
    expect(days).toHaveLength(22 + 1); // 10 to 31 May, and the total
    expect(days.find((r) => r.day === '2026-05-15')).toMatchObject({ people_received: 10 });
    expect(days.find((r) => r.day === '2026-05-16')).toMatchObject({ people_received: 6 });
    expect(days.find((r) => r.day === '2026-05-20')).toMatchObject({ people_received: 0, suppressed: false });
  });

  it('serves the same table as CSV with empty withheld cells and the suppressed flag', async () => {
    const response = await get('figures-by-unit.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const lines = response.body.slice(1).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(datasetColumns('figures-by-unit').map((c) => c.name));
    expect(lines).toHaveLength(1 + 4);
    const total = Object.fromEntries(
      lines
        .at(-1)!
        .split(',')
        .map((v, i) => [header[i], v]),
    );
    expect(total).toMatchObject({
      row_type: 'total',
      unit_id: '',
      people_received: '16',
      answered_on_spot: '',
      rated: '8',
      suppressed: 'true',
    });
  });

  it('describes every column of every table in the data dictionary, as JSON and CSV', async () => {
    const json = await get('dictionary.json');
    expect(json.statusCode).toBe(200);
    const dictionary = json.json();
    expect(dictionary.suppression.threshold).toBe(5);
    expect(dictionary.datasets.map((d: { name: string }) => d.name)).toEqual([...DATASET_NAMES]);
    for (const d of dictionary.datasets) {
      expect(d.columns.map((c: { name: string }) => c.name)).toEqual(datasetColumns(d.name).map((c) => c.name));
      expect(d.csv).toMatch(new RegExp(`/open-data/campaigns/${world.campaign.slug}/${d.name}\\.csv$`));
      for (const c of d.columns) {
        expect(c.meaning_zh.length).toBeGreaterThan(1);
        expect(c.meaning_en.length).toBeGreaterThan(1);
      }
    }
    const csv = await get('dictionary.csv');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    const columns = DATASET_NAMES.reduce((n, d) => n + datasetColumns(d).length, 0);
    expect(lines).toHaveLength(1 + columns);
    expect(csv.body).toContain('接待群众人数');
  });

  it('answers an unknown campaign with 404 and a malformed slug with 400, in the error shape', async () => {
    const missing = await t.app.inject({
      method: 'GET',
      url: '/open-data/campaigns/no-such-campaign/figures-by-day.csv',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const bad = await t.app.inject({ method: 'GET', url: '/open-data/campaigns/Bad%20Slug/figures-by-day.json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('params.slug');
  });
});
