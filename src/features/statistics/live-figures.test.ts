import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { buildRegion, buildWorld } from '../../../test/builders.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/ids.ts';
import { actorFor } from '../users/acting-user.ts';
import { queryUnitFigures } from './repository.ts';
import { computeBreakdown, computeCampaignStatistics, computeDashboard } from './service.ts';
import { rebuildLiveFigures, verifyLiveFigures } from './verify.ts';

/**
 * The live figures (live_figures, kept by triggers) must equal a direct count over the records at
 * all times: after random inserts, edits, moves between units and visits, deletions, case
 * transfers, replies and ratings, return visits recorded, changed and deleted, calendar changes
 * and a unit moving region.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let readers: UserActor[];
let units: string[];

const sql = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  units = [world.unitA.id, world.subUnitA.id, world.unitB.id];
  readers = await Promise.all(
    [world.users.organizer, world.users.cityBOrganizer, world.users.adminA, world.users.adminB].map((name) =>
      actorFor(t.db, name),
    ),
  );
});
afterAll(() => t?.close());

const TOPICS = ['供热', '社保', '法律援助', null] as const;
const CHANNELS = ['on_site', 'hotline', 'mailbox', 'online', 'symposium'] as const;
const OUTCOMES = ['answered_on_spot', 'transferred', 'follow_up', 'suggestion', 'complaint'] as const;
const RATINGS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
const STATUSES = ['open', 'transferred', 'replied', 'closed', 'reopened'] as const;

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const consultation = fc.record({
  unit: fc.nat(2),
  visit: fc.nat(30),
  hour: fc.integer({ min: 0, max: 47 }),
  channel: pick(CHANNELS),
  topic: pick(TOPICS),
  asked: fc.boolean(),
  outcome: fc.option(pick(OUTCOMES)),
  rating: fc.option(pick(RATINGS)),
});

type Row = typeof consultation extends fc.Arbitrary<infer T> ? T : never;

type Op =
  | { op: 'insert'; rows: Row[] }
  | { op: 'update'; which: number; row: Row }
  | { op: 'delete'; which: number }
  | { op: 'deleteVisit'; visit: number }
  | { op: 'openCase'; which: number; status: (typeof STATUSES)[number]; dueIn: number; replyIn: number }
  | { op: 'moveCase'; which: number; unit: number; status: (typeof STATUSES)[number] }
  | { op: 'rateCase'; which: number; rating: (typeof RATINGS)[number] | null }
  | { op: 'transfer'; which: number }
  | { op: 'returnVisit'; which: number; reached: boolean; rating: (typeof RATINGS)[number] | null }
  | { op: 'changeReturnVisit'; which: number; unit: number; rating: (typeof RATINGS)[number] | null }
  | { op: 'deleteReturnVisit'; which: number }
  | { op: 'holiday'; day: number; add: boolean }
  | { op: 'moveUnit' }
  | { op: 'leaveOrJoin' }
  | { op: 'fold' };

const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), rows: fc.array(consultation, { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('update' as const), which: fc.nat(), row: consultation }),
  fc.record({ op: fc.constant('delete' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('deleteVisit' as const), visit: fc.nat(30) }),
  fc.record({
    op: fc.constant('openCase' as const),
    which: fc.nat(),
    status: pick(STATUSES),
    dueIn: fc.integer({ min: -20, max: 20 }),
    replyIn: fc.integer({ min: -25, max: 0 }),
  }),
  fc.record({ op: fc.constant('moveCase' as const), which: fc.nat(), unit: fc.nat(2), status: pick(STATUSES) }),
  fc.record({ op: fc.constant('rateCase' as const), which: fc.nat(), rating: fc.option(pick(RATINGS)) }),
  fc.record({ op: fc.constant('transfer' as const), which: fc.nat() }),
  fc.record({
    op: fc.constant('returnVisit' as const),
    which: fc.nat(),
    reached: fc.boolean(),
    rating: fc.option(pick(RATINGS)),
  }),
  fc.record({
    op: fc.constant('changeReturnVisit' as const),
    which: fc.nat(),
    unit: fc.nat(2),
    rating: fc.option(pick(RATINGS)),
  }),
  fc.record({ op: fc.constant('deleteReturnVisit' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('holiday' as const), day: fc.integer({ min: -20, max: 0 }), add: fc.boolean() }),
  fc.constant({ op: 'moveUnit' as const }),
  fc.constant({ op: 'leaveOrJoin' as const }),
  fc.constant({ op: 'fold' as const }),
);

/** A row's columns; visits are shared between rows of the same unit so that people are distinct visits. */
function columns(row: Row) {
  const unit = units[row.unit]!;
  return [
    world.campaign.id,
    unit,
    `00000000-0000-4000-8000-${String(row.unit * 100 + row.visit).padStart(12, '0')}`,
    new Date(Date.UTC(2026, 4, 14, 22) + row.hour * 1_800_000).toISOString(),
    row.channel,
    row.topic,
    row.asked ? '问题' : null,
    row.asked ? row.outcome : null,
    row.rating,
  ];
}

async function nth(table: 'consultations' | 'cases' | 'return_visits', which: number): Promise<string | undefined> {
  const rows = await sql<{ id: string }>(`SELECT id FROM ${table} WHERE campaign_id = $1 ORDER BY id`, [
    world.campaign.id,
  ]);
  return rows.length ? rows[which % rows.length]!.id : undefined;
}

let code = 0;
async function apply(step: Op): Promise<void> {
  switch (step.op) {
    case 'insert': {
      const values: unknown[] = [];
      const tuples = step.rows.map((row) => {
        const cols = [newId(), ...columns(row)];
        const start = values.length;
        values.push(...cols);
        return `(${cols.map((_, i) => `$${start + i + 1}`).join(', ')})`;
      });
      await sql(
        `INSERT INTO consultations (id, campaign_id, unit_id, visit_id, occurred_at, channel, topic, question, outcome, rating)
         VALUES ${tuples.join(', ')}`,
        values,
      );
      return;
    }
    case 'update': {
      const id = await nth('consultations', step.which);
      if (!id || (await sql(`SELECT 1 FROM cases WHERE consultation_id = $1`, [id])).length) return;
      await sql(
        `UPDATE consultations SET campaign_id = $2, unit_id = $3, visit_id = $4, occurred_at = $5, channel = $6,
           topic = $7, question = $8, outcome = $9, rating = $10 WHERE id = $1`,
        [id, ...columns(step.row)],
      );
      return;
    }
    case 'delete': {
      const id = await nth('consultations', step.which);
      if (id) await sql(`DELETE FROM consultations WHERE id = $1`, [id]);
      return;
    }
    case 'deleteVisit':
      await sql(`DELETE FROM consultations WHERE visit_id::text LIKE $1`, [`%${String(step.visit).padStart(2, '0')}`]);
      return;
    case 'openCase': {
      const id = await nth('consultations', step.which);
      if (!id) return;
      const replied = step.status === 'replied' || step.status === 'closed';
      await sql(
        `INSERT INTO cases (id, campaign_id, consultation_id, tracking_code, unit_id, status, clock_start_on,
           limit_days, due_on, reply, replied_at, closed_at)
         SELECT $1, c.campaign_id, c.id, $2, c.unit_id, $3, current_date - 20, 15, current_date + $4::int,
           CASE WHEN $5 THEN '答复' END, CASE WHEN $5 THEN now() + make_interval(days => $6::int) END,
           CASE WHEN $3 = 'closed' THEN now() END
         FROM consultations c WHERE c.id = $7 ON CONFLICT (consultation_id, origin_unit_id) DO NOTHING`,
        [newId(), `TEST-${String(code++).padStart(4, '0')}-AAAA`, step.status, step.dueIn, replied, step.replyIn, id],
      );
      return;
    }
    case 'moveCase': {
      const id = await nth('cases', step.which);
      if (!id) return;
      const replied = step.status === 'replied' || step.status === 'closed';
      await sql(
        `UPDATE cases SET unit_id = $2, status = $3, reply = CASE WHEN $4 THEN coalesce(reply, '答复') END,
           replied_at = CASE WHEN $4 THEN coalesce(replied_at, now()) END,
           closed_at = CASE WHEN $3 = 'closed' THEN now() END, due_on = due_on + 1
         WHERE id = $1`,
        [id, units[step.unit], step.status, replied],
      );
      return;
    }
    case 'rateCase': {
      const id = await nth('cases', step.which);
      if (id) await sql(`UPDATE cases SET rating = $2 WHERE id = $1`, [id, step.rating]);
      return;
    }
    case 'transfer': {
      const id = await nth('cases', step.which);
      if (id) {
        await sql(`INSERT INTO case_events (id, campaign_id, case_id, kind) VALUES ($1, $2, $3, 'transferred')`, [
          newId(),
          world.campaign.id,
          id,
        ]);
      }
      return;
    }
    case 'returnVisit': {
      const id = await nth('cases', step.which);
      if (!id) return;
      await sql(
        `INSERT INTO return_visits (id, campaign_id, case_id, unit_id, visited_on, reached, rating)
         SELECT $1, k.campaign_id, k.id, k.unit_id, current_date, $2, $3 FROM cases k WHERE k.id = $4`,
        [newId(), step.reached, step.reached ? step.rating : null, id],
      );
      return;
    }
    case 'changeReturnVisit': {
      const id = await nth('return_visits', step.which);
      if (id) {
        await sql(
          `UPDATE return_visits SET unit_id = $2, rating = $3::text, reached = reached OR $3::text IS NOT NULL WHERE id = $1`,
          [id, units[step.unit], step.rating],
        );
      }
      return;
    }
    case 'deleteReturnVisit': {
      const id = await nth('return_visits', step.which);
      if (id) await sql(`DELETE FROM return_visits WHERE id = $1`, [id]);
      return;
    }
    case 'holiday':
      if (step.add) {
        await sql(
          `INSERT INTO holidays (day, kind, name) VALUES (current_date + $1::int, 'holiday', '测试') ON CONFLICT DO NOTHING`,
          [step.day],
        );
      } else {
        await sql(`DELETE FROM holidays WHERE name = '测试' AND day = current_date + $1::int`, [step.day]);
      }
      return;
    case 'fold':
      await sql(`SELECT openday_fold_figures()`);
      return;
    case 'leaveOrJoin': {
      const left = await sql(`DELETE FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2 RETURNING unit_id`, [
        world.campaign.id,
        world.subUnitA.id,
      ]);
      if (left.length === 0) {
        await sql(`INSERT INTO campaign_units (campaign_id, unit_id) VALUES ($1, $2)`, [
          world.campaign.id,
          world.subUnitA.id,
        ]);
      }
      return;
    }
    case 'moveUnit': {
      const [unit] = await sql<{ region_id: string }>(`SELECT region_id FROM units WHERE id = $1`, [world.subUnitA.id]);
      const to = unit!.region_id === world.cityA.id ? world.cityB : world.cityA;
      await sql(`UPDATE units SET region_id = $2, region_path = $3 WHERE id = $1`, [world.subUnitA.id, to.id, to.path]);
    }
  }
}

/** The breakdowns counted straight from the records, as the reference. */
async function breakdownFromRecords(reader: UserActor, by: 'hour' | 'topic' | 'channel' | 'outcome') {
  const key = {
    hour: `to_char(c.occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:00')`,
    topic: 'c.topic',
    channel: 'c.channel',
    outcome: 'c.outcome',
  }[by];
  const rows = await sql<{ key: string | null; people: number; consultations: number }>(
    `SELECT ${key} AS key, count(DISTINCT c.visit_id)::int AS people, count(c.question)::int AS consultations
     FROM consultations c JOIN units un ON un.id = c.unit_id
     WHERE c.campaign_id = $1 AND c.unit_id = ANY($2::uuid[]) GROUP BY 1`,
    [
      world.campaign.id,
      (await computeCampaignStatistics({ db: t.db, actor: reader, campaignId: world.campaign.id })).rows.map(
        (r) => r.unitId,
      ),
    ],
  );
  return new Map(rows.map((row) => [row.key, { peopleReceived: row.people, consultations: row.consultations }]));
}

/** Every count of the campaign: its folded row and its deltas added up. */
const COUNTS = `SELECT scope, figure, key, sum(n)::int AS n FROM live_figures WHERE campaign_id = $1
  GROUP BY scope, figure, key HAVING sum(n) <> 0 ORDER BY 1, 2, 3`;

async function expectExact(): Promise<void> {
  const campaignId = world.campaign.id;
  for (const reader of readers) {
    const live = await queryUnitFigures(t.db, reader, campaignId, 'live');
    const records = await queryUnitFigures(t.db, reader, campaignId, 'records');
    expect(live).toEqual(records);
    const statistics = await computeCampaignStatistics({ db: t.db, actor: reader, campaignId });
    const dashboard = await computeDashboard({ db: t.db, actor: reader, campaignId });
    for (const [name, value] of Object.entries(dashboard.totals)) {
      expect([name, value]).toEqual([name, statistics.totals[name as keyof typeof statistics.totals]]);
    }
    // The busiest units: the reader's own units only, ranked by what the statistics count.
    const ranked = statistics.rows
      .filter((row) => row.consultations > 0)
      .sort((a, b) => b.consultations - a.consultations || (a.unitName < b.unitName ? -1 : 1))
      .slice(0, 10)
      .map((row) => ({
        unitId: row.unitId,
        unitName: row.unitName,
        unitNameEn: row.unitNameEn,
        peopleReceived: row.peopleReceived,
        consultations: row.consultations,
      }));
    expect(dashboard.busiestUnits).toEqual(ranked);
    for (const by of ['hour', 'topic', 'channel', 'outcome'] as const) {
      const expected = await breakdownFromRecords(reader, by);
      const breakdown = await computeBreakdown({ db: t.db, actor: reader, campaignId, by });
      expect(
        new Map(
          breakdown.items.map((item) => [
            item.key,
            { peopleReceived: item.peopleReceived, consultations: item.consultations },
          ]),
        ),
      ).toEqual(expected);
      const fromDashboard = {
        hour: dashboard.byHour,
        topic: dashboard.byTopic,
        channel: dashboard.byChannel,
        outcome: dashboard.byOutcome,
      }[by];
      expect(fromDashboard).toEqual(breakdown.items);
      expect(breakdown.totals).toEqual({
        peopleReceived: statistics.totals.peopleReceived,
        consultations: statistics.totals.consultations,
      });
    }
  }
  // Every stored count, region scopes included, equals the counts made again from scratch.
  const stored = await sql(COUNTS, [campaignId]);
  await sql(`SELECT openday_rebuild_figures($1)`, [campaignId]);
  const rebuilt = await sql(COUNTS, [campaignId]);
  expect(stored).toEqual(rebuilt);
}

describe('live figures', () => {
  it('equal a direct count over the records after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const step of steps) await apply(step);
        await expectExact();
      }),
      { numRuns: 25, seed: 20260515 },
    );
    // Every case transferred once more, whatever the runs drew (return visits dilute the draws).
    await sql(
      `INSERT INTO case_events (id, campaign_id, case_id, kind)
       SELECT gen_random_uuid(), campaign_id, id, 'transferred' FROM cases WHERE campaign_id = $1`,
      [world.campaign.id],
    );
    await expectExact();
    // The runs above must have reached every kind of figure.
    const figures = await sql<{ figure: string }>(
      `SELECT DISTINCT figure FROM live_figures WHERE campaign_id = $1 AND n > 0`,
      [world.campaign.id],
    );
    expect(figures.map((f) => f.figure).sort()).toEqual(
      expect.arrayContaining([
        'all.people',
        'hour.consultations',
        'rating',
        'cases',
        'cases.open_due',
        'cases.replied',
        'cases.reply_days',
        'cases.rating',
        'cases.transferred',
        'return_visits',
        'return_visits.rating',
      ]),
    );
  });

  it('count a region’s records in the region and in every region above it', async () => {
    const county = await buildRegion(t.db, { level: 'district', name: '丙区', parentId: world.cityA.id });
    const [row] = await sql<{ scopes: string[] }>(`SELECT array(SELECT openday_path_scopes($1)) AS scopes`, [
      county.path,
    ]);
    expect(row!.scopes).toEqual(['/', world.province.path, world.cityA.path, county.path]);
  });

  it('are read once for viewers of the same dashboard asking at the same time, and afresh after', async () => {
    const ask = () => computeDashboard({ db: t.db, actor: readers[0]!, campaignId: world.campaign.id });
    const [first, second] = await Promise.all([ask(), ask()]);
    expect(second).toBe(first);
    const other = computeDashboard({ db: t.db, actor: readers[2]!, campaignId: world.campaign.id });
    expect(await other).not.toBe(first);
    expect(await ask()).not.toBe(first);
  });

  it('are checked against the records without changing them, and counted again on request', async () => {
    const campaignId = world.campaign.id;
    expect((await verifyLiveFigures(t.db, campaignId)).differences).toEqual([]);
    await sql(
      `INSERT INTO figure_deltas (campaign_id, scope, figure, key, n) VALUES ($1, $2, 'all.consultations', '', 7)`,
      [campaignId, world.unitA.id],
    );
    const { differences, checked } = await verifyLiveFigures(t.db, campaignId);
    expect(checked).toBeGreaterThan(10);
    expect(differences).toEqual([
      expect.objectContaining({ scope: world.unitA.id, figure: 'all.consultations', key: '' }),
    ]);
    expect(differences[0]!.stored - differences[0]!.counted).toBe(7);
    // Verifying changed nothing; rebuilding repairs.
    expect((await verifyLiveFigures(t.db, campaignId)).differences).toHaveLength(1);
    expect(await rebuildLiveFigures(t.db, campaignId)).toBeGreaterThan(10);
    expect((await verifyLiveFigures(t.db, campaignId)).differences).toEqual([]);
  });
});
