import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUser, buildWorld } from '../../../test/builders.ts';
import { createTestDatabase } from '../../../test/database.ts';
import { checkPasswordRules } from '../../platform/auth/passwords.ts';
import type { Database } from '../../platform/db/database.ts';
import type { CampaignStatistics, StatisticsRow } from '../statistics/schema.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_FIGURES,
  DEMO_PASSWORD,
  DEMO_UNITS,
  PARTICIPANTS,
  type DemoFigures,
  type DemoUnitKey,
} from './data.ts';
import { generateDemo, tallyFigures } from './generate.ts';
import { loadDemo, loadDemoOnFirstStart } from './service.ts';

/**
 * What each summary of the reference table states (/work/shared/reference/README.md), written
 * here rather than taken from data.ts so that data.ts cannot drift away from the reference.
 */
type Claim = { is: number } | { moreThan: number };
type Figure = keyof Omit<DemoFigures, 'satisfaction'> | 'satisfactionRate';
const REFERENCE: Record<DemoUnitKey, Partial<Record<Figure, Claim>>> = {
  justice: { desks: { is: 5 }, panels: { is: 3 }, banners: { is: 1 }, answeredOnSpot: { is: 6 } },
  heating: {
    desks: { is: 3 },
    banners: { is: 3 },
    staff: { is: 25 },
    peopleReceived: { is: 264 },
    answeredOnSpot: { is: 62 },
  },
  scenery: { materialsDistributed: { moreThan: 50 }, answeredOnSpot: { is: 10 } },
  pingxiang: { panels: { is: 1 }, peopleReceived: { is: 12 }, materialsDistributed: { is: 80 } },
  kuiying: { ledSlogans: { is: 3 }, banners: { moreThan: 0 }, panels: { moreThan: 0 } },
  township: { materialsDistributed: { moreThan: 2000 }, newspaperWindows: { is: 6 } },
  shenyang: { materialsPrinted: { is: 1000 }, peopleReceived: { moreThan: 700 }, satisfactionRate: { is: 0.99 } },
  xinxing: { peopleReceived: { moreThan: 40 }, materialsDistributed: { moreThan: 20 }, satisfactionRate: { is: 1 } },
  hrss: { ledSlogans: { moreThan: 0 }, answeredOnSpot: { is: 100 } },
  town: { banners: { moreThan: 0 }, ledSlogans: { moreThan: 0 } },
};

const unitName = (key: string) => DEMO_UNITS.find((u) => u.key === key)!.name;

let t: TestApp;
let campaignId: string;
const clients = new Map<string, Client>();
let statistics: CampaignStatistics;
const rowOf = (key: DemoUnitKey): StatisticsRow => {
  const row = statistics.rows.find((r) => r.unitName === unitName(key));
  if (!row) throw new Error(`no statistics row for ${unitName(key)}`);
  return row;
};

const DEMO_TABLES = [
  'regions',
  'units',
  'users',
  'memberships',
  'campaigns',
  'campaign_units',
  'plans',
  'meetings',
  'sites',
  'desks',
  'duty_staff',
  'materials',
  'material_distributions',
  'publicity_items',
  'consultations',
  'cases',
  'case_events',
];

async function countRecords(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DEMO_TABLES) {
    counts[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  }
  return counts;
}

async function unitId(key: string): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM units WHERE name = $1', [unitName(key)]);
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  const loaded = await loadDemo(t.db);
  expect(loaded).toBeDefined();
  campaignId = loaded!.campaignId;
  expect(loaded!.accounts.map((a) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
  // Every account signs in here once: the login route allows ten attempts a minute.
  for (const account of loaded!.accounts)
    clients.set(account.username, await login(t.app, account.username, account.password));
  const response = await clients
    .get('organizer')!
    .request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/statistics` });
  expect(response.statusCode).toBe(200);
  statistics = response.json();
});
afterAll(() => t?.close());

describe('the demo campaign', () => {
  it('has one password for all accounts, long enough for the password rules', async () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
    for (const account of DEMO_ACCOUNTS) expect(checkPasswordRules(DEMO_PASSWORD, account.username)).toBeUndefined();
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(DISTINCT password_hash)::int AS n FROM users WHERE username = ANY($1::text[])',
      [DEMO_ACCOUNTS.map((a) => a.username)],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('lets every demo account sign in, with its role in its unit', async () => {
    expect([...clients.keys()]).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    for (const account of DEMO_ACCOUNTS) {
      const response = await clients.get(account.username)!.request({ method: 'GET', url: '/api/v1/auth/session' });
      expect(response.statusCode).toBe(200);
      expect(response.json().user.memberships).toEqual([{ unitId: await unitId(account.unit), role: account.role }]);
    }
  });

  it('has the ten units of the reference taking part, organized by the provincial office', async () => {
    expect(statistics.rows.map((r) => r.unitName).sort()).toEqual(PARTICIPANTS.map(unitName).sort());
    const { rows } = await t.db.query<{ slug: string; organizer: string; open_day: string; summary_due_on: string }>(
      `SELECT c.slug, un.name AS organizer, c.open_day, c.summary_due_on
       FROM campaigns c JOIN units un ON un.id = c.organizer_unit_id WHERE c.id = $1`,
      [campaignId],
    );
    expect(rows[0]).toEqual({
      slug: 'demo',
      organizer: '演示省政务公开办',
      open_day: '2026-05-15',
      summary_due_on: '2026-05-29',
    });
  });

  it('reproduces every figure the reference table states', () => {
    const misses: string[] = [];
    for (const key of PARTICIPANTS) {
      const row = rowOf(key);
      for (const [figure, claim] of Object.entries(REFERENCE[key]) as [Figure, Claim][]) {
        const value = row[figure];
        const holds = typeof value === 'number' && ('is' in claim ? value === claim.is : value > claim.moreThan);
        if (!holds) misses.push(`${key}.${figure} = ${String(value)}, reference: ${JSON.stringify(claim)}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('shows exactly the figures data.ts intends, unit by unit', () => {
    for (const key of PARTICIPANTS) {
      const expected = DEMO_FIGURES[key];
      const row = rowOf(key);
      const actual = Object.fromEntries(Object.keys(expected).map((field) => [field, row[field as keyof DemoFigures]]));
      expect({ unit: key, ...actual }).toEqual({ unit: key, ...expected });
      expect(row.rated).toBe(Object.values(expected.satisfaction).reduce((a, b) => a + b, 0));
    }
  });

  it('shows the Heating Office with 264 people received and 62 answered on the spot', () => {
    expect(rowOf('heating')).toMatchObject({
      peopleReceived: 264,
      answeredOnSpot: 62,
      desks: 3,
      banners: 3,
      staff: 25,
    });
  });

  it('states the satisfaction rates with the number rated', () => {
    expect(rowOf('shenyang')).toMatchObject({ satisfactionRate: 0.99, rated: 100, smallSample: false });
    expect(rowOf('xinxing')).toMatchObject({ satisfactionRate: 1, rated: 18, smallSample: false });
  });

  it('records what the summaries say beyond the figures', async () => {
    const q = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;
    // 7: two preparation meetings; the Service Guide printed in 1,000 copies.
    expect(
      await q(
        `SELECT count(*)::int AS n FROM meetings m JOIN plans p ON p.id = m.plan_id
               WHERE p.unit_id = $1 AND m.kind = 'preparation'`,
        [await unitId('shenyang')],
      ),
    ).toEqual([{ n: 2 }]);
    expect(await q(`SELECT kind, print_run FROM materials WHERE unit_id = $1`, [await unitId('shenyang')])).toEqual([
      { kind: 'service_guide', print_run: 1000 },
    ]);
    // 6: the symposium in Box Village, and more than 60 slogans in each of several villages.
    const symposia = await q<{ location: string; participants: string }>(
      `SELECT m.location, m.participants FROM meetings m JOIN plans p ON p.id = m.plan_id
       WHERE p.unit_id = $1 AND m.kind = 'symposium'`,
      [await unitId('township')],
    );
    expect(symposia).toHaveLength(1);
    expect(symposia[0]!.location).toContain('箱子村');
    expect(symposia[0]!.participants).toContain('村民代表');
    // Its opinions, each with what became of it; the transferred one is the case of its consultation.
    const opinions = await q<{ outcome: string; transferred_as: boolean }>(
      `SELECT o.outcome, (o.case_id IS NOT NULL AND c.consultation_id = o.consultation_id) AS transferred_as
         FROM meeting_opinions o JOIN meetings m ON m.id = o.meeting_id JOIN plans p ON p.id = m.plan_id
         LEFT JOIN cases c ON c.id = o.case_id
        WHERE p.unit_id = $1 ORDER BY o.created_at`,
      [await unitId('township')],
    );
    expect(opinions).toEqual([
      { outcome: 'answered_on_spot', transferred_as: false },
      { outcome: 'adopted', transferred_as: false },
      { outcome: 'transferred', transferred_as: true },
      { outcome: 'under_study', transferred_as: false },
    ]);
    const posters = await q<{ location: string; quantity: number }>(
      `SELECT location, quantity FROM publicity_items WHERE unit_id = $1 AND kind = 'poster'`,
      [await unitId('township')],
    );
    expect(posters.length).toBeGreaterThanOrEqual(3);
    for (const village of posters) expect(village.quantity).toBeGreaterThan(60);
    // 5: the three slogans on the LED screen.
    expect(
      (
        await q<{ text: string }>(
          `SELECT text FROM publicity_items WHERE unit_id = $1 AND kind = 'led_slogan' ORDER BY text`,
          [await unitId('kuiying')],
        )
      ).map((r) => r.text),
    ).toEqual(['实行政务公开，方便群众办事', '推进政务公开，优化营商环境', '破解群众办事难题，优化营商软环境'].sort());
    // 10: banners two weeks ahead, a desk at the town market on 13 May, hotline and mailbox.
    const town = await unitId('town');
    const banners = await q<{ shown_from: string }>(
      `SELECT shown_from FROM publicity_items WHERE unit_id = $1 AND kind = 'banner'`,
      [town],
    );
    expect(banners.length).toBeGreaterThan(0);
    for (const banner of banners) expect(banner.shown_from).toBe('2026-05-01');
    expect(
      await q(`SELECT s.held_on FROM sites s JOIN plans p ON p.id = s.plan_id WHERE p.unit_id = $1`, [town]),
    ).toEqual([{ held_on: '2026-05-13' }]);
    expect(await q(`SELECT DISTINCT channel FROM consultations WHERE unit_id = $1 ORDER BY channel`, [town])).toEqual([
      { channel: 'hotline' },
      { channel: 'mailbox' },
      { channel: 'on_site' },
    ]);
    // 4: Pingxiang's open day was on 30 May.
    expect(
      await q(`SELECT s.held_on FROM sites s JOIN plans p ON p.id = s.plan_id WHERE p.unit_id = $1`, [
        await unitId('pingxiang'),
      ]),
    ).toEqual([{ held_on: '2026-05-30' }]);
    // 2: the three heating companies under the Heating Office, desks in three districts.
    expect(
      (
        await q<{ name: string }>(`SELECT name FROM units WHERE parent_id = $1 ORDER BY name`, [
          await unitId('heating'),
        ])
      ).map((r) => r.name),
    ).toEqual(['葫芦岛市华建管道公司', '葫芦岛市供热处', '葫芦岛市热网有限公司'].sort());
    expect(
      (
        await q<{ name: string }>(
          `SELECT r.name FROM sites s JOIN plans p ON p.id = s.plan_id JOIN regions r ON r.id = s.region_id
           WHERE p.unit_id = $1 ORDER BY r.name`,
          [await unitId('heating')],
        )
      ).map((r) => r.name),
    ).toEqual(['丰乐区', '华庭区', '渤海区'].sort());
    // 1: five desks with their topics.
    expect(
      (
        await q<{ topics: string[] }>(
          `SELECT d.topics FROM desks d JOIN plans p ON p.id = d.plan_id WHERE p.unit_id = $1`,
          [await unitId('justice')],
        )
      )
        .flatMap((r) => r.topics)
        .sort(),
    ).toEqual(['人民调解', '公证咨询', '普法宣传', '法律援助', '法律服务'].sort());
  });

  it('keeps every record consistent with the schema and the open day clock', async () => {
    const q = async (sql: string) => (await t.db.query<{ n: number }>(sql, [campaignId])).rows[0]!.n;
    // On-site consultations happened at their desk's site, on its day, within its hours.
    expect(
      await q(`SELECT count(*)::int AS n FROM consultations c JOIN sites s ON s.id = c.site_id
               JOIN desks d ON d.id = c.desk_id
               WHERE c.campaign_id = $1 AND (d.site_id <> s.id
                 OR (c.occurred_at AT TIME ZONE 'Asia/Shanghai')::date <> s.held_on
                 OR (c.occurred_at AT TIME ZONE 'Asia/Shanghai')::time NOT BETWEEN s.opens_at AND s.closes_at)`),
    ).toBe(0);
    expect(
      await q(`SELECT count(*)::int AS n FROM consultations WHERE campaign_id = $1 AND channel = 'on_site'
               AND (desk_id IS NULL OR site_id IS NULL)`),
    ).toBe(0);
    // Every consultation lies in the campaign's window; ratings only on questions.
    expect(
      await q(`SELECT count(*)::int AS n FROM consultations c JOIN campaigns k ON k.id = c.campaign_id
               WHERE c.campaign_id = $1 AND ((c.occurred_at AT TIME ZONE 'Asia/Shanghai')::date NOT BETWEEN k.starts_on AND k.ends_on
                 OR (c.rating IS NOT NULL AND c.question IS NULL))`),
    ).toBe(0);
    // A few visitors left their name and phone, with consent; visits of two or three questions exist.
    expect(
      await q(`SELECT count(*)::int AS n FROM consultations WHERE campaign_id = $1 AND visitor_phone IS NOT NULL`),
    ).toBeGreaterThan(0);
    expect(
      await q(`SELECT count(*)::int AS n FROM (SELECT visit_id FROM consultations WHERE campaign_id = $1
               GROUP BY visit_id HAVING count(*) = 3) v`),
    ).toBeGreaterThan(0);
    // Every distribution was made at a desk of the material's own unit.
    expect(
      await q(`SELECT count(*)::int AS n FROM material_distributions md JOIN materials m ON m.id = md.material_id
               JOIN desks d ON d.id = md.desk_id JOIN plans p ON p.id = d.plan_id
               WHERE md.campaign_id = $1 AND p.unit_id <> m.unit_id`),
    ).toBe(0);
    // Unit paths chain ids, region paths chain codes, and a unit's region path is its region's.
    const untied = async (sql: string) => (await t.db.query<{ n: number }>(sql)).rows[0]!.n;
    expect(
      await untied(`SELECT count(*)::int AS n FROM units un LEFT JOIN units parent ON parent.id = un.parent_id
                    JOIN regions r ON r.id = un.region_id
                    WHERE un.path <> coalesce(parent.path, '/') || un.id || '/' OR un.region_path <> r.path`),
    ).toBe(0);
    expect(
      await untied(`SELECT count(*)::int AS n FROM regions r LEFT JOIN regions parent ON parent.id = r.parent_id
                    WHERE r.path <> coalesce(parent.path, '/') || r.code || '/'`),
    ).toBe(0);
  });

  it('has a case for every question not answered on the spot, in every state, some overdue', async () => {
    const q = async <T>(text: string) => (await t.db.query<T>(text, [campaignId])).rows;
    const needingReply = PARTICIPANTS.reduce(
      (n, key) => n + DEMO_FIGURES[key].transferred + DEMO_FIGURES[key].followUp,
      0,
    );
    const cases = await q<{
      status: string;
      overdue: boolean;
      extended: boolean;
      late: boolean | null;
      transfers: number;
      reopens: number;
      due_ok: boolean;
      at_participant: boolean;
    }>(
      `SELECT k.status, k.extension_days IS NOT NULL AS extended,
         (k.status IN ('open', 'transferred', 'reopened') AND k.due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date) AS overdue,
         CASE WHEN k.status IN ('replied', 'closed') THEN (k.replied_at AT TIME ZONE 'Asia/Shanghai')::date > k.due_on END AS late,
         (SELECT count(*)::int FROM case_events e WHERE e.case_id = k.id AND e.kind = 'transferred') AS transfers,
         (SELECT count(*)::int FROM case_events e WHERE e.case_id = k.id AND e.kind = 'reopened') AS reopens,
         k.due_on = openday_add_working_days(k.clock_start_on, k.limit_days + coalesce(k.extension_days, 0)) AS due_ok,
         EXISTS (SELECT 1 FROM campaign_units cu WHERE cu.campaign_id = k.campaign_id AND cu.unit_id = k.unit_id)
           AS at_participant
       FROM cases k JOIN consultations c ON c.id = k.consultation_id
       WHERE k.campaign_id = $1 AND c.outcome IN ('transferred', 'follow_up')`,
    );
    expect(cases).toHaveLength(needingReply);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE campaign_id = $1`))[0]!.n).toBe(
      needingReply,
    );
    expect(new Set(cases.map((c) => c.status))).toEqual(
      new Set(['open', 'transferred', 'replied', 'closed', 'reopened']),
    );
    expect(cases.every((c) => c.due_ok)).toBe(true);
    const count = (test: (c: (typeof cases)[number]) => boolean) => cases.filter(test).length;
    expect(count((c) => c.overdue)).toBeGreaterThan(0);
    expect(count((c) => ['open', 'transferred', 'reopened'].includes(c.status) && !c.overdue)).toBeGreaterThan(0);
    expect(count((c) => c.late === true)).toBeGreaterThan(0);
    expect(count((c) => c.late === false)).toBeGreaterThan(0);
    expect(count((c) => c.extended)).toBeGreaterThan(0);
    expect(count((c) => c.transfers > 0)).toBeGreaterThan(0);
    expect(count((c) => c.status === 'reopened')).toBeGreaterThan(0);
    expect(count((c) => c.reopens > 0 && c.status !== 'reopened')).toBeGreaterThan(0);
    // Every transfer went to another participating unit or to a partner unit at one of the
    // campaign's desks (ADR 24), with a reason; chains start with 'opened'.
    expect(
      await q(`SELECT e.id FROM case_events e JOIN cases k ON k.id = e.case_id
               LEFT JOIN campaign_units cu ON cu.campaign_id = k.campaign_id AND cu.unit_id = e.to_unit_id
               WHERE k.campaign_id = $1 AND e.kind = 'transferred' AND (e.reason IS NULL OR (cu.unit_id IS NULL
                 AND NOT EXISTS (SELECT 1 FROM partners pa JOIN desk_partners dp ON dp.partner_id = pa.id
                                 WHERE pa.campaign_id = k.campaign_id AND pa.partner_unit_id = e.to_unit_id)))`),
    ).toEqual([]);
    expect(
      (
        await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM case_events e JOIN cases k ON k.id = e.case_id
           JOIN partners pa ON pa.campaign_id = k.campaign_id AND pa.partner_unit_id = e.to_unit_id
           WHERE k.campaign_id = $1 AND e.kind = 'transferred'`,
        )
      )[0]!.n,
    ).toBeGreaterThan(0);
    expect(
      await q(`SELECT k.id FROM cases k WHERE k.campaign_id = $1 AND (SELECT e.kind FROM case_events e
               WHERE e.case_id = k.id ORDER BY e.at, e.id LIMIT 1) IS DISTINCT FROM 'opened'`),
    ).toEqual([]);

    // The follow-up figures are not trivially 100%. Every case counts once in the totals: a case a
    // partner unit that does not take part holds now (the Heating Office's companies) in the row of
    // the unit whose consultation it is (ADR 36), beside its partner figures; the rows add up.
    const { totals } = statistics;
    const atPartners = statistics.rows
      .flatMap((r) => r.partners)
      .filter((p) => p.unitId && !statistics.rows.some((r) => r.unitId === p.unitId))
      .reduce((n, p) => n + p.casesTransferred, 0);
    expect(atPartners).toBeGreaterThan(0);
    expect(count((c) => !c.at_participant)).toBe(atPartners);
    expect(totals.casesOpened).toBe(needingReply);
    expect(totals.casesOpened).toBe(39);
    expect(totals.casesOverdue).toBe(count((c) => c.overdue));
    expect(totals.casesReplied).toBe(count((c) => c.status === 'replied' || c.status === 'closed'));
    const sum = (figure: 'casesOpened' | 'casesOverdue' | 'casesReplied' | 'repliedOnTime' | 'replyRated') =>
      statistics.rows.reduce((n, r) => n + r[figure], 0);
    for (const figure of ['casesOpened', 'casesOverdue', 'casesReplied', 'repliedOnTime', 'replyRated'] as const)
      expect([figure, sum(figure)]).toEqual([figure, totals[figure]]);
    expect(totals.repliedOnTimeRate).toBeGreaterThan(0.3);
    expect(totals.repliedOnTimeRate).toBeLessThan(1);
    expect(totals.replyRated).toBeGreaterThan(0);
    expect(totals.replySatisfactionRate).toBeLessThan(1);
    expect(totals.averageReplyDays).toBeGreaterThan(0);
    expect(totals.medianReplyDays).toBeGreaterThan(0);
  });

  it('lets the heating responder handle the cases at the Heating Office', async () => {
    const responder = clients.get('heating-responder')!;
    const response = await responder.request({
      method: 'GET',
      url: '/api/v1/cases',
      query: { campaignId, limit: '500' },
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { unitId: string; originUnitId: string }[];
    const heating = await unitId('heating');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.unitId === heating || c.originUnitId === heating)).toBe(true);
  });

  it('lets heating-desk see only Heating Office consultations', async () => {
    const desk = clients.get('heating-desk')!;
    const heating = await unitId('heating');
    const seen: { unitId: string }[] = [];
    let cursor: string | null = null;
    do {
      const response = await desk.request({
        method: 'GET',
        url: '/api/v1/consultations',
        query: { campaignId, limit: '500', ...(cursor ? { cursor } : {}) },
      });
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: { unitId: string }[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM consultations WHERE campaign_id = $1 AND unit_id = $2',
      [campaignId, heating],
    );
    expect(seen).toHaveLength(rows[0]!.n);
    expect(new Set(seen.map((c) => c.unitId))).toEqual(new Set([heating]));

    const justice = await t.db.query<{ id: string }>('SELECT id FROM consultations WHERE unit_id = $1 LIMIT 1', [
      await unitId('justice'),
    ]);
    expect(
      (await desk.request({ method: 'GET', url: `/api/v1/consultations/${justice.rows[0]!.id}` })).statusCode,
    ).toBe(404);
    const own = await desk.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/statistics` });
    expect(own.json().rows.map((r: StatisticsRow) => r.unitName)).toEqual(['葫芦岛市供热办公室']);
  });

  it("has the Heating Office's summary name its three partner companies with their figures and the cases transferred to them", async () => {
    const heating = await unitId('heating');
    const admin = clients.get('heating-admin')!;
    const summaryUrl = `/api/v1/summaries/campaigns/${campaignId}/units/${heating}/summary`;
    const generated = await admin.request({
      method: 'POST',
      url: `${summaryUrl}/generate`,
      headers: { 'idempotency-key': 'demo-test-heating-summary' },
    });
    expect(generated.statusCode, generated.body).toBe(200);
    const english = await admin.request({ method: 'GET', url: `${summaryUrl}?lang=en-US` });
    expect(english.statusCode).toBe(200);
    type Doc = { opening: Paragraph; sections: { paragraphs: Paragraph[] }[] };
    type Paragraph = { runs: { text: string }[] };
    const textOf = (d: Doc) =>
      [d.opening, ...d.sections.flatMap((s) => s.paragraphs)].map((p) => p.runs.map((r) => r.text).join('')).join('\n');
    const zh = textOf((generated.json() as { document: Doc }).document);
    const en = textOf((english.json() as { document: Doc }).document);

    // The questions passed on at each company's desk went to that company, which answered them (ADR 24).
    const partners = rowOf('heating').partners;
    expect(partners.map((p) => p.name).sort()).toEqual(
      ['葫芦岛市供热处', '葫芦岛市华建管道公司', '葫芦岛市热网有限公司'].sort(),
    );
    const transferredTo = partners.filter((p) => p.casesTransferred > 0);
    expect(transferredTo.length).toBeGreaterThan(0);
    expect(transferredTo.some((p) => p.casesAnswered > 0)).toBe(true);
    // Every case the office transferred went to one of them.
    expect(partners.reduce((n, p) => n + p.casesTransferred, 0)).toBe(
      (
        await t.db.query<{ n: number }>(
          `SELECT count(DISTINCT e.case_id)::int AS n FROM case_events e JOIN cases k ON k.id = e.case_id
           JOIN consultations c ON c.id = k.consultation_id WHERE c.unit_id = $1 AND e.kind = 'transferred'`,
          [heating],
        )
      ).rows[0]!.n,
    );
    for (const partner of partners) {
      const nameEn = DEMO_UNITS.find((u) => u.name === partner.name)!.nameEn;
      expect(zh).toContain(`${partner.name}解答${partner.peopleReceived}人次`);
      expect(en).toContain(`${nameEn} answered ${partner.peopleReceived} visitors`);
      if (partner.casesTransferred === 0) continue;
      expect(zh).toContain(
        `${partner.name}解答${partner.peopleReceived}人次，承办转办件${partner.casesTransferred}件、已答复${partner.casesAnswered}件`,
      );
      const cases = partner.casesTransferred === 1 ? 'case' : 'cases';
      expect(en).toContain(
        `${nameEn} answered ${partner.peopleReceived} visitors and received ${partner.casesTransferred} transferred ${cases}, replying to ${partner.casesAnswered}`,
      );
    }
  });

  it('gives the district organizer the units of Nanfen District only', async () => {
    const response = await clients
      .get('district-organizer')!
      .request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/statistics` });
    expect(
      response
        .json()
        .rows.map((r: StatisticsRow) => r.unitName)
        .sort(),
    ).toEqual([unitName('justice'), unitName('township')].sort());
  });

  it('is not loaded twice', async () => {
    const before = await countRecords(t.db);
    expect(await loadDemo(t.db)).toBeUndefined();
    expect(await loadDemoOnFirstStart(t.db)).toBeUndefined();
    expect(await countRecords(t.db)).toEqual(before);
  });
});

describe('loading the demo into a database that is in use', () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
    const world = await buildWorld(db);
    await buildUser(db, 'desk_staff', world.unitA.id, 'Heating-Desk');
  });
  afterAll(() => drop?.());

  it('leaves a database that already has a campaign alone on first start', async () => {
    const before = await countRecords(db);
    expect(await loadDemoOnFirstStart(db)).toBeUndefined();
    expect(await countRecords(db)).toEqual(before);
  });

  it('refuses, storing nothing, when a demo username is taken', async () => {
    const before = await countRecords(db);
    await expect(loadDemo(db)).rejects.toMatchObject({ statusCode: 409 });
    expect(await countRecords(db)).toEqual(before);
  });

  it('leaves a database with users but no campaign yet alone on first start', async () => {
    await db.query('DELETE FROM campaigns');
    const before = await countRecords(db);
    expect(await loadDemoOnFirstStart(db)).toBeUndefined();
    expect(await countRecords(db)).toEqual(before);
  });

  it('loads once when two loads race', async () => {
    await db.query(`DELETE FROM users WHERE username = 'Heating-Desk'`);
    const results = await Promise.all([loadDemo(db), loadDemo(db)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaigns WHERE slug = 'demo'`);
    expect(rows[0]!.n).toBe(1);
  });
});

describe('generating the demo', () => {
  it('is deterministic but for the ids', () => {
    const content = () => {
      const records = generateDemo('hash');
      const names = new Map(records.units.map((u) => [u.id, u.name]));
      return records.consultations.map((c) => [
        names.get(c.unit_id),
        c.occurred_at,
        c.channel,
        c.question,
        c.outcome,
        c.rating,
        c.visitor_name,
        c.visitor_phone,
      ]);
    };
    expect(content()).toEqual(content());
  });

  it('adds up to DEMO_FIGURES without a database', () => {
    const records = generateDemo('hash');
    for (const key of PARTICIPANTS) {
      const unit = records.units.find((u) => u.name === unitName(key))!;
      expect(tallyFigures(records, unit.id)).toEqual(DEMO_FIGURES[key]);
    }
  });
});
