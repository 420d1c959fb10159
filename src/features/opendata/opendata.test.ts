import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import type { CampaignStatistics } from '../statistics/schema.ts';
import { DATASET_NAMES, DATASETS, datasetColumns } from './schema.ts';
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

  // Unit A's symposium with seven opinions, and unit B's preparation meeting that counted no one.
  const meeting = await adminA.request({
    method: 'POST',
    url: `/api/v1/plans/${plan.json().id}/meetings`,
    payload: { kind: 'symposium', heldOn: '2026-05-15', title: '箱子村座谈会', chair: '张镇长', participantCount: 45 },
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  for (const [outcome, times] of [
    ['answered_on_spot', 3],
    ['adopted', 2],
    ['under_study', 1],
    ['noted', 1],
  ] as const)
    for (let i = 0; i < times; i++) {
      const opinion = await adminA.request({
        method: 'POST',
        url: `/api/v1/meetings/${meeting.json().id}/opinions`,
        payload: { text: `${OPINION_TEXT}${outcome}${i}`, raisedBy: 'residents', outcome },
      });
      expect(opinion.statusCode, opinion.body).toBe(201);
    }
  const adminB = await login(t.app, world.users.adminB);
  const planB = await adminB.request({
    method: 'PUT',
    url: `/api/v1/campaigns/${world.campaign.id}/units/${world.unitB.id}/plan`,
    payload: {},
  });
  expect(planB.statusCode, planB.body).toBe(201);
  const preparation = await adminB.request({
    method: 'POST',
    url: `/api/v1/plans/${planB.json().id}/meetings`,
    payload: { kind: 'preparation', heldOn: '2026-05-08', title: '筹备会' },
  });
  expect(preparation.statusCode, preparation.body).toBe(201);

  // Media: unit A's newspaper report and WeChat posts (one with its reads, one without), a post
  // without its platform; unit B's two TV reports.
  const publicity = (client: Client, unitId: string, body: Record<string, unknown>) =>
    client.request({
      method: 'POST',
      url: '/api/v1/publicity',
      payload: { campaignId: world.campaign.id, unitId, ...body },
    });
  for (const [client, unitId, body] of [
    [
      adminA,
      world.unitA.id,
      {
        kind: 'media_report',
        outlet: OUTLET,
        medium: 'newspaper',
        shownFrom: '2026-05-16',
        text: '我市举办政务公开日活动',
        url: 'https://epaper.example.cn/a3.html',
        reach: 12000,
      },
    ],
    [
      adminA,
      world.unitA.id,
      { kind: 'online_post', medium: 'wechat', url: 'https://mp.weixin.qq.com/s/a1', reach: 3400 },
    ],
    [adminA, world.unitA.id, { kind: 'online_post', medium: 'wechat', url: 'https://mp.weixin.qq.com/s/a2' }],
    [adminA, world.unitA.id, { kind: 'online_post', url: 'https://www.example.gov.cn/a.html', reach: 600 }],
    [
      adminB,
      world.unitB.id,
      { kind: 'media_report', outlet: '乙市电视台', medium: 'tv', text: '法律援助进社区', quantity: 2 },
    ],
  ] as const) {
    const response = await publicity(client, unitId, body);
    expect(response.statusCode, response.body).toBe(201);
  }

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

const OPINION_TEXT = '王大爷建议修缮村道路灯';
const OUTLET = '甲市日报';

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
        for (const { total, parts } of DATASETS[dataset].rowSums) {
          const withheld = [total, ...parts].filter((name) => row[name] === null).length;
          expect(withheld, `${dataset} ${total}`).not.toBe(1);
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

  it('publishes the meetings per unit as the statistics count them, the opinions withheld when few', async () => {
    const response = await get('meetings-by-unit.json');
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().rows as Row[];
    const statistics = (
      await (
        await login(t.app, world.users.organizer)
      ).request({
        method: 'GET',
        url: `/api/v1/campaigns/${world.campaign.id}/statistics`,
      })
    ).json() as CampaignStatistics;
    expect(rows).toHaveLength(statistics.rows.length + 1);
    const published = (row: Row, figures: CampaignStatistics['totals']) => {
      // A figure published is the statistics' own; one withheld is null.
      const pairs = [
        ['meetings', figures.meetings],
        ['symposiums', figures.symposiums],
        ['participants', figures.meetingParticipants],
        ['opinions', figures.opinions],
        ['opinions_answered_on_spot', figures.opinionsAnswered],
        ['opinions_transferred', figures.opinionsTransferred],
        ['opinions_adopted', figures.opinionsAdopted],
      ] as const;
      for (const [column, value] of pairs) if (row[column] !== null) expect(row[column], column).toBe(value);
    };
    for (const unit of statistics.rows)
      published(
        rows.find((r) => r.unit_id === unit.unitId)!,
        unit,
      );
    published(rows.at(-1)!, statistics.totals);
    const unitA = rows.find((r) => r.unit_id === world.unitA.id)!;
    // The meetings describe no one: shown. Seven opinions are shown; their outcomes of 3, 2, 1 and 1 are not.
    expect(unitA).toMatchObject({
      meetings: 1,
      symposiums: 1,
      participants: 45,
      opinions: 7,
      opinions_answered_on_spot: null,
      opinions_transferred: 0,
      opinions_adopted: null,
      opinions_under_study: null,
      opinions_noted: null,
      suppressed: true,
    });
    // Unit B's meeting counted nobody: participants empty, not zero; nothing of B is withheld.
    expect(rows.find((r) => r.unit_id === world.unitB.id)).toMatchObject({
      meetings: 1,
      symposiums: 0,
      participants: null,
      opinions: 0,
      suppressed: false,
    });
    expect(rows.at(-1)).toMatchObject({ row_type: 'total', meetings: 2, participants: 45, opinions: 7 });
    expect(statistics.totals).toMatchObject({ meetings: 2, meetingParticipants: 45, opinions: 7, opinionsAdopted: 2 });
    // Never an opinion's text, a chair's name or a meeting's title.
    const csv = await get('meetings-by-unit.csv');
    for (const body of [response.body, csv.body])
      for (const text of ['王大爷', '路灯', '张镇长', '箱子村座谈会', '筹备会']) expect(body).not.toContain(text);
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(',')).toEqual(datasetColumns('meetings-by-unit').map((c) => c.name));
    expect(lines).toHaveLength(1 + rows.length);
  });

  it('publishes the media reports and online posts per unit and medium with their reads, as the statistics count them', async () => {
    const response = await get('media-by-unit.json');
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().rows as Row[];
    expect(rows.map((r) => [r.unit_id, r.medium, r.medium_name_en])).toEqual([
      [world.unitA.id, 'newspaper', 'Newspaper'],
      [world.unitA.id, 'wechat', 'WeChat'],
      [world.unitA.id, null, 'Not specified'],
      [world.unitB.id, 'tv', 'Television'],
      [null, null, null],
    ]);
    expect(rows[1]).toMatchObject({ medium_name_zh: '微信', reports: 0, posts: 2, reads: 3400, reads_recorded: 1 });
    expect(rows[3]).toMatchObject({ reports: 2, posts: 0, reads: 0, reads_recorded: 0, suppressed: false });
    const statistics = (
      await (
        await login(t.app, world.users.organizer)
      ).request({
        method: 'GET',
        url: `/api/v1/campaigns/${world.campaign.id}/statistics`,
      })
    ).json() as CampaignStatistics;
    // Each unit's rows add up to its statistics, medium by medium and in all.
    for (const unit of statistics.rows) {
      const own = rows.filter((r) => r.unit_id === unit.unitId);
      const sum = (column: string, of = own) => of.reduce((n, r) => n + (r[column] as number), 0);
      expect(sum('reports'), unit.unitName).toBe(unit.mediaReports);
      expect(sum('posts'), unit.unitName).toBe(unit.onlinePosts);
      expect(sum('reads'), unit.unitName).toBe(unit.mediaReach);
      for (const [medium, figures] of Object.entries(unit.media)) {
        const ofMedium = own.filter((r) => r.medium === medium);
        expect([sum('reports', ofMedium), sum('posts', ofMedium), sum('reads', ofMedium)], medium).toEqual([
          figures.reports,
          figures.posts,
          figures.reach,
        ]);
      }
    }
    expect(rows.at(-1)).toMatchObject({
      row_type: 'total',
      reports: statistics.totals.mediaReports,
      posts: statistics.totals.onlinePosts,
      reads: statistics.totals.mediaReach,
      reads_recorded: 3,
      suppressed: false,
    });
    expect(statistics.totals).toMatchObject({ mediaReports: 3, onlinePosts: 3, mediaReach: 16000 });
    // Never an outlet, a title or a link.
    const csv = await get('media-by-unit.csv');
    expect(csv.statusCode).toBe(200);
    for (const body of [response.body, csv.body])
      for (const text of [OUTLET, '乙市电视台', '政务公开日活动', 'epaper', 'weixin']) expect(body).not.toContain(text);
    const lines = csv.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(',')).toEqual(datasetColumns('media-by-unit').map((c) => c.name));
    expect(lines.at(-1)).toBe('total,,,,,,,,,3,3,16000,3,false');
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
