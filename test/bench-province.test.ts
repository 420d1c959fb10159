import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationsTotal } from '../bench/dashboard.ts';
import { generateProvince, verify, type ProvinceCampaign, type ProvinceShape } from '../bench/province.ts';
import { renderFigures } from '../bench/readme-figures.ts';
import type { Database } from '../src/platform/db/database.ts';
import { createTestDatabase, onPostgres } from './database.ts';

/** A scratch database with the generated data set of `shape`, for the tests of a describe block. */
function generatedFor(shape: ProvinceShape): { db: Database; url: string; campaign: ProvinceCampaign } {
  const loaded = {} as { db: Database; url: string; campaign: ProvinceCampaign };
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const created = await createTestDatabase();
    Object.assign(loaded, { db: created.db, url: created.url! });
    drop = created.drop;
    loaded.campaign = await generateProvince({ url: loaded.url, shape });
  });
  afterAll(async () => {
    await drop();
  });
  return loaded;
}

// The province data set is generated on a PostgreSQL server (INSERT … SELECT, COPY-speed).
describe.runIf(onPostgres)('the province-scale data set of the bench (small shape)', () => {
  const shape = { cities: 2, districts: 5, units: 40, consultations: 3_000, cases: 120 };
  const loaded = generatedFor(shape);

  it('loads the shape asked for, with every reference pointing at a row', async () => {
    expect(await verify(loaded.url, loaded.campaign.campaignId)).toEqual([]);
    const { rows } = await loaded.db.query<{ table: string; n: number }>(
      `SELECT 'regions' AS table, count(*)::int AS n FROM regions
       UNION ALL SELECT 'campaign_units', count(*)::int FROM campaign_units WHERE campaign_id = $1
       UNION ALL SELECT 'plans', count(*)::int FROM plans WHERE campaign_id = $1
       UNION ALL SELECT 'consultations', count(*)::int FROM consultations WHERE campaign_id = $1
       UNION ALL SELECT 'visits', count(DISTINCT visit_id)::int FROM consultations WHERE campaign_id = $1
       UNION ALL SELECT 'cases', count(*)::int FROM cases WHERE campaign_id = $1`,
      [loaded.campaign.campaignId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.table, r.n]))).toEqual({
      regions: 1 + shape.cities + shape.districts,
      campaign_units: shape.units,
      plans: shape.units,
      consultations: shape.consultations,
      visits: (shape.consultations / 10) * 6,
      cases: shape.cases,
    });
    const desks = await loaded.db.query<{ min: number; max: number }>(
      `SELECT min(n)::int AS min, max(n)::int AS max FROM (
         SELECT count(*) AS n FROM desks WHERE campaign_id = $1 GROUP BY plan_id) d`,
      [loaded.campaign.campaignId],
    );
    expect(desks.rows[0]).toEqual({ min: 2, max: 3 });
  });

  it('spreads the day over 08:00–18:00 China time, busiest mid-morning, on the desks of the unit', async () => {
    const { rows } = await loaded.db.query<{ hour: number; n: number }>(
      `SELECT extract(hour FROM occurred_at AT TIME ZONE 'Asia/Shanghai')::int AS hour, count(*)::int AS n
       FROM consultations WHERE campaign_id = $1 GROUP BY 1 ORDER BY 2 DESC`,
      [loaded.campaign.campaignId],
    );
    expect(Math.min(...rows.map((r) => r.hour))).toBeGreaterThanOrEqual(8);
    expect(Math.max(...rows.map((r) => r.hour))).toBeLessThan(18);
    expect([9, 10, 11]).toContain(rows[0]!.hour);
    const misplaced = await loaded.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM consultations c JOIN desks d ON d.id = c.desk_id
       JOIN plans p ON p.id = d.plan_id
       WHERE c.campaign_id = $1 AND (p.unit_id <> c.unit_id OR d.site_id <> c.site_id)`,
      [loaded.campaign.campaignId],
    );
    expect(misplaced.rows[0]!.n).toBe(0);
    const onSiteWithoutDesk = await loaded.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM consultations
       WHERE campaign_id = $1 AND (channel = 'on_site') <> (desk_id IS NOT NULL)`,
      [loaded.campaign.campaignId],
    );
    expect(onSiteWithoutDesk.rows[0]!.n).toBe(0);
  });

  it('opens a case for every question transferred or followed up, with the events its state implies', async () => {
    const { rows } = await loaded.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM consultations c LEFT JOIN cases k ON k.consultation_id = c.id
       WHERE c.campaign_id = $1 AND (c.outcome IN ('transferred', 'follow_up')) <> (k.id IS NOT NULL)`,
      [loaded.campaign.campaignId],
    );
    expect(rows[0]!.n).toBe(0);
    const events = await loaded.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases k WHERE k.campaign_id = $1 AND (
         NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'opened')
         OR (k.status IN ('replied', 'closed', 'reopened')
             AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'replied'))
         OR (k.status = 'closed' AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'closed'))
         OR (k.status = 'transferred'
             AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'transferred'))
         OR (k.rating IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.kind = 'rated'))
         OR k.due_on <> openday_add_working_days(k.clock_start_on, k.limit_days + coalesce(k.extension_days, 0)))`,
      [loaded.campaign.campaignId],
    );
    expect(events.rows[0]!.n).toBe(0);
  });

  it('creates the organizer, the desk user and dashboard viewers of different reaches, each its own account', async () => {
    const { rows } = await loaded.db.query<{ username: string; role: string; unit_id: string }>(
      `SELECT u.username, m.role, m.unit_id FROM users u JOIN memberships m ON m.user_id = u.id ORDER BY u.username`,
    );
    const byName = new Map(rows.map((row) => [row.username, row]));
    expect(byName.get(loaded.campaign.desk.username)).toEqual({
      username: loaded.campaign.desk.username,
      role: 'desk_staff',
      unit_id: loaded.campaign.deskUnitId,
    });
    expect(byName.get(loaded.campaign.organizer.username)).toEqual({
      username: loaded.campaign.organizer.username,
      role: 'organizer',
      unit_id: loaded.campaign.organizerUnitId,
    });
    // The province organizer is the first viewer; the others are organizers of cities and
    // districts and unit admins, one account and one reach each.
    expect(loaded.campaign.viewers[0]!.username).toBe(loaded.campaign.organizer.username);
    expect(new Set(loaded.campaign.viewers.map((v) => v.username)).size).toBe(loaded.campaign.viewers.length);
    expect(new Set(loaded.campaign.viewers.map((v) => v.reach)).size).toBe(loaded.campaign.viewers.length);
    expect(rows).toHaveLength(loaded.campaign.viewers.length + 1);
    for (const viewer of loaded.campaign.viewers) {
      const row = byName.get(viewer.username)!;
      expect(row.role, viewer.reach).toBe(viewer.regionPrefix ? 'organizer' : 'unit_admin');
    }
    expect(loaded.campaign.viewers.some((v) => v.reach.startsWith('city'))).toBe(true);
    expect(loaded.campaign.viewers.some((v) => v.reach.startsWith('district'))).toBe(true);
    expect(loaded.campaign.viewers.some((v) => v.reach.startsWith('unit'))).toBe(true);
  });
});

// A national campaign: a country region above several provinces, organized by the national office.
describe.runIf(onPostgres)('the national data set of the bench (small shape)', () => {
  const shape = { provinces: 3, cities: 6, districts: 15, units: 151, consultations: 6_000, cases: 240 };
  const loaded = generatedFor(shape);

  it('puts the provinces under one country region, each with its cities, districts and units', async () => {
    expect(await verify(loaded.url, loaded.campaign.campaignId)).toEqual([]);
    const { rows } = await loaded.db.query<{ level: string; n: number; roots: number }>(
      `SELECT level, count(*)::int AS n, count(*) FILTER (WHERE parent_id IS NULL)::int AS roots
       FROM regions GROUP BY level ORDER BY n`,
    );
    expect(rows).toEqual([
      { level: 'country', n: 1, roots: 1 },
      { level: 'province', n: 3, roots: 0 },
      { level: 'city', n: 6, roots: 0 },
      { level: 'district', n: 15, roots: 0 },
    ]);
    const perProvince = await loaded.db.query<{ province: string; units: number; consultations: number }>(
      `SELECT split_part(un.region_path, '/', 3) AS province, count(DISTINCT un.id)::int AS units,
         count(c.id)::int AS consultations
       FROM units un LEFT JOIN consultations c ON c.unit_id = un.id AND c.campaign_id = $1
       WHERE un.region_path <> '/100000/' GROUP BY 1 ORDER BY 1`,
      [loaded.campaign.campaignId],
    );
    expect(perProvince.rows.map((r) => r.province)).toEqual(['390000', '400000', '410000']);
    expect(perProvince.rows.map((r) => r.units)).toEqual([50, 50, 50]);
    for (const row of perProvince.rows) expect(row.consultations).toBeGreaterThan(shape.consultations / 6);
    const names = await loaded.db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT name)::int AS distinct FROM units`,
    );
    expect(names.rows[0]!.distinct).toBe(names.rows[0]!.n);
  });

  it('makes the national office the organizer, and organizers of provinces among the viewers', async () => {
    const { rows } = await loaded.db.query<{ region_path: string; parent_id: string | null }>(
      'SELECT region_path, parent_id FROM units WHERE id = $1',
      [loaded.campaign.organizerUnitId],
    );
    expect(rows[0]).toEqual({ region_path: '/100000/', parent_id: null });
    expect(loaded.campaign.viewers[0]).toMatchObject({ reach: 'country', regionPrefix: '/100000/' });
    const provinces = loaded.campaign.viewers.filter((v) => v.reach.startsWith('province '));
    expect(provinces.map((v) => v.regionPrefix)).toEqual(['/100000/390000/', '/100000/400000/', '/100000/410000/']);
    expect(new Set(loaded.campaign.viewers.map((v) => v.reach)).size).toBe(loaded.campaign.viewers.length);
  });
});

describe('the bench output', () => {
  it('finds the consultations total of a dashboard answer before any per-group count', () => {
    expect(consultationsTotal({ items: [{ consultations: 3 }], totals: { consultations: 7 } })).toBe(7);
    expect(consultationsTotal({ campaign: { figures: { consultations: 12, peopleReceived: 9 } } })).toBe(12);
    expect(consultationsTotal({ items: [] })).toBeNull();
  });

  it('renders the README table with one row per figure, baselines and verdicts', () => {
    const markdown = renderFigures({
      scale: 'province',
      machine: { description: '', cores: 2, cpu: 'AMD EPYC', memoryGiB: 24, node: 'v24.21.0', postgres: '15.20' },
      date: '2026-11-28T10:00:00.000Z',
      seconds: 600,
      figures: [
        {
          name: 'dashboard.p95',
          value: 12.5,
          unit: 'ms',
          baseline: 14000,
          ratio: 0.0009,
          goal: '≤ 50 ms',
          met: true,
          note: 'p50 4 ms | p99 30 ms',
        },
        { name: 'collection.summaries', value: -1, unit: 's', baseline: null, ratio: null, goal: '≤ 120 s', met: null },
      ],
    });
    expect(markdown).toContain('2 × AMD EPYC, 24 GiB, Node 24.21.0, PostgreSQL 15.20');
    expect(markdown).toContain('| `dashboard.p95` | 12.5 ms | 14,000 ms | 0.0009 | ≤ 50 ms | ✓ |');
    expect(markdown).toContain('| `collection.summaries` | not measured | — | — | ≤ 120 s | — |');
    expect(markdown).toContain('- `dashboard.p95`: p50 4 ms \\| p99 30 ms');
  });
});
