import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser, buildWorld } from '../../../test/builders.ts';
import type { UserActor } from '../../platform/auth/actor.ts';
import { rateCase } from '../cases/service.ts';
import type { Unit } from '../units/schema.ts';
import { actorFor } from '../users/acting-user.ts';
import { queryUnitFigures } from './repository.ts';
import type { CampaignStatistics, Figures } from './schema.ts';
import { verifyLiveFigures } from './verify.ts';

/**
 * A case transferred to a partner unit that does not take part in the campaign (联合设台, ADR 24)
 * counts once in the campaign's totals, in the row of the unit whose consultation it is (ADR 36):
 * the rows add up to the totals, on the live figures and counted from the records alike.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let deskA: Client;
let deskB: Client;
let adminA: Client;
let adminB: Client;
let companyResponder: Client;
let organizerActor: UserActor;
/** A heating company under unit A, a partner of the campaign, not itself taking part. */
let company: Unit;
let companyPartnerId: string;
let key = 0;

const api = (client: Client, method: 'GET' | 'POST', url: string, body?: object) =>
  client.request({
    method,
    url: `/api/v1${url}`,
    ...(body !== undefined && { payload: body }),
    headers: method === 'POST' ? { 'idempotency-key': `partner-cases-${++key}` } : {},
  });
const sql = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows;

/** Records a question needing a reply at the desk's unit, `daysAgo` days ago: its case and tracking code. */
async function openCase(desk: Client, unitId: string, daysAgo: number) {
  const [moment] = await sql<{ at: Date }>(`SELECT now() - make_interval(days => $1::int) AS at`, [daysAgo]);
  const recorded = await api(desk, 'POST', '/consultations', {
    campaignId: world.campaign.id,
    unitId,
    occurredAt: moment!.at.toISOString(),
    topic: '供热',
    question: `小区暖气不热-${++key}`,
    outcome: 'follow_up',
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const [found] = await sql<{ id: string }>('SELECT id FROM cases WHERE consultation_id = $1', [recorded.json().id]);
  return { id: found!.id, trackingCode: recorded.json().caseTrackingCode as string };
}

async function ok(response: Awaited<ReturnType<Client['request']>>) {
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

const statistics = async (): Promise<CampaignStatistics> =>
  ok(await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`));

/** The counts of the figures (rates, averages and flags apart), which the rows must add up to. */
function counts(figures: Figures): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(figures)) {
    if (typeof value === 'number' && !/Rate$|ReplyDays$/.test(name)) out[name] = value;
    else if (value && typeof value === 'object' && /[sS]atisfaction$/.test(name)) {
      for (const [level, n] of Object.entries(value as Record<string, number>)) out[`${name}.${level}`] = n;
    }
  }
  return out;
}

function sumOfRows(rows: readonly Figures[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) for (const [name, n] of Object.entries(counts(row))) out[name] = (out[name] ?? 0) + n;
  return out;
}

/** Every case of the campaign, counted straight from the table: what the totals must hold. */
async function campaignCases() {
  const [row] = await sql<{ cases: number; open: number; overdue: number; replied: number; rated: number }>(
    `SELECT count(*)::int AS cases,
       count(*) FILTER (WHERE status IN ('open', 'transferred', 'reopened'))::int AS open,
       count(*) FILTER (WHERE status IN ('open', 'transferred', 'reopened')
         AND due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS overdue,
       count(*) FILTER (WHERE status IN ('replied', 'closed'))::int AS replied,
       count(rating)::int AS rated
     FROM cases WHERE campaign_id = $1 AND NOT later`,
    [world.campaign.id],
  );
  const [visits] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM return_visits WHERE campaign_id = $1', [
    world.campaign.id,
  ]);
  return { ...row!, returnVisits: visits!.n };
}

/** The statistics' rows and totals agree with each other, with every case, and on both paths. */
async function expectCountedOnce(): Promise<CampaignStatistics> {
  const figures = await statistics();
  expect(sumOfRows(figures.rows)).toEqual(counts(figures.totals));
  const all = await campaignCases();
  expect(figures.totals).toMatchObject({
    casesOpened: all.cases,
    casesOpen: all.open,
    casesOverdue: all.overdue,
    casesReplied: all.replied,
    replyRated: all.rated,
    returnVisits: all.returnVisits,
  });
  expect(await queryUnitFigures(t.db, organizerActor, world.campaign.id, 'live')).toEqual(
    await queryUnitFigures(t.db, organizerActor, world.campaign.id, 'records'),
  );
  expect((await verifyLiveFigures(t.db, world.campaign.id)).differences).toEqual([]);
  return figures;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  [organizer, deskA, deskB, adminA, adminB] = await Promise.all([
    login(t.app, world.users.organizer),
    login(t.app, world.users.deskA),
    login(t.app, world.users.deskB),
    login(t.app, world.users.adminA),
    login(t.app, world.users.adminB),
  ]);
  organizerActor = await actorFor(t.db, world.users.organizer);
  company = await buildUnit(t.db, {
    regionId: world.cityA.id,
    name: '甲市宏达热力公司',
    nameEn: 'Hongda Heating Company',
    kind: 'company',
    parentId: world.unitA.id,
  });
  companyResponder = await login(t.app, await buildUser(t.db, 'responder', company.id));
  companyPartnerId = (
    await ok(
      await api(adminA, 'POST', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/partners`, {
        unitId: company.id,
        kind: 'enterprise',
      }),
    )
  ).id;
}, 600_000);
afterAll(() => t?.close());

describe('a case held by a partner unit that does not take part', () => {
  let repliedByCompany: string;

  beforeAll(async () => {
    const transfer = (client: Client, id: string) =>
      api(client, 'POST', `/cases/${id}/transfer`, { toPartnerId: companyPartnerId, reason: '管网由热力公司维护' });
    // Unit A: two cases to the company (one replied there, rated and called back; one overdue
    // there), one kept and replied. Unit B: one case to the company.
    const replied = await openCase(deskA, world.unitA.id, 3);
    repliedByCompany = replied.id;
    await ok(await transfer(adminA, replied.id));
    await ok(await api(companyResponder, 'POST', `/cases/${replied.id}/reply`, { reply: '已派人检修，暖气恢复。' }));
    await rateCase({ db: t.db, trackingCode: replied.trackingCode, rating: 'satisfied' });
    await ok(
      await api(companyResponder, 'POST', `/cases/${replied.id}/return-visits`, {
        visitedOn: (await sql<{ d: string }>(`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date::text AS d`))[0]!.d,
        reached: true,
        rating: 'very_satisfied',
      }),
    );
    const overdue = await openCase(deskA, world.unitA.id, 60);
    await ok(await transfer(adminA, overdue.id));
    const kept = await openCase(deskA, world.unitA.id, 2);
    await ok(await api(adminA, 'POST', `/cases/${kept.id}/reply`, { reply: '已答复。' }));
    const fromB = await openCase(deskB, world.unitB.id, 1);
    await ok(await transfer(adminB, fromB.id));
  });

  it('counts once, in the row of the unit whose consultation it is, and the rows add up to the totals', async () => {
    const held = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE unit_id = $1`, [company.id]);
    expect(held[0]!.n).toBe(3);
    const figures = await expectCountedOnce();
    expect(figures.rows.map((r) => r.unitId)).not.toContain(company.id);
    const row = (unitId: string) => figures.rows.find((r) => r.unitId === unitId)!;
    expect(row(world.unitA.id)).toMatchObject({
      casesOpened: 3,
      casesTransferred: 2,
      casesOpen: 1,
      casesOverdue: 1,
      casesReplied: 2,
      replyRated: 1,
      returnVisits: 1,
      returnVisitRated: 1,
    });
    expect(row(world.unitB.id)).toMatchObject({ casesOpened: 1, casesTransferred: 1, casesOpen: 1 });
    expect(figures.totals).toMatchObject({ casesOpened: 4, casesOverdue: 1, casesReplied: 2 });
    // The partner figures stay as they were: the cases transferred to the company and replied by it.
    expect(row(world.unitA.id).partners).toEqual([
      expect.objectContaining({ partnerId: companyPartnerId, casesTransferred: 2, casesAnswered: 1 }),
    ]);
    expect(row(world.unitB.id).partners).toEqual([
      expect.objectContaining({ partnerId: companyPartnerId, casesTransferred: 1, casesAnswered: 0 }),
    ]);
    // The case list by the unit the figures count them at lists the records behind each row's
    // figure (the summary links it), for the organizer and for the unit's admin.
    for (const [client, unitId] of [
      [organizer, world.unitA.id],
      [adminA, world.unitA.id],
      [organizer, world.unitB.id],
    ] as const) {
      const listed = await ok(
        await api(client, 'GET', `/cases?campaignId=${world.campaign.id}&countedUnitId=${unitId}&limit=500`),
      );
      expect(listed.items).toHaveLength(row(unitId).casesOpened);
    }
    const bad = await api(organizer, 'GET', `/cases?countedUnitId=heating`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.countedUnitId');
    // The dashboard's follow-up figures are the same totals.
    const dashboard = await ok(await api(organizer, 'GET', `/campaigns/${world.campaign.id}/dashboard`));
    expect(dashboard.totals).toMatchObject({ casesOpened: 4, casesOverdue: 1 });
  });

  it('counts at the company once it takes part, and back at the units when it leaves', async () => {
    await sql('INSERT INTO campaign_units (campaign_id, unit_id) VALUES ($1, $2)', [world.campaign.id, company.id]);
    const joined = await expectCountedOnce();
    expect(joined.rows.find((r) => r.unitId === company.id)).toMatchObject({
      casesOpened: 3,
      returnVisits: 1,
    });
    expect(joined.rows.find((r) => r.unitId === world.unitA.id)).toMatchObject({ casesOpened: 1, returnVisits: 0 });

    await sql('DELETE FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2', [world.campaign.id, company.id]);
    const left = await expectCountedOnce();
    expect(left.rows.find((r) => r.unitId === world.unitA.id)).toMatchObject({ casesOpened: 3, returnVisits: 1 });
  });

  it('leaves the figures when its consultation is withdrawn, and stays counted when the case moves on', async () => {
    const moved = await openCase(deskA, world.unitA.id, 1);
    await ok(
      await api(adminA, 'POST', `/cases/${moved.id}/transfer`, { toPartnerId: companyPartnerId, reason: '热力公司' }),
    );
    await ok(
      await api(companyResponder, 'POST', `/cases/${moved.id}/transfer`, {
        toUnitId: world.unitB.id,
        reason: '司法局',
      }),
    );
    expect((await expectCountedOnce()).rows.find((r) => r.unitId === world.unitB.id)).toMatchObject({
      casesOpened: 2,
    });
    await sql('DELETE FROM consultations WHERE id = (SELECT consultation_id FROM cases WHERE id = $1)', [
      repliedByCompany,
    ]);
    expect((await expectCountedOnce()).rows.find((r) => r.unitId === world.unitA.id)).toMatchObject({
      casesOpened: 2,
      returnVisits: 0,
    });
  });
});
