import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildCampaign, buildWorld } from '../../../test/builders.ts';
import type { CampaignProgress } from './schema.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let cityBOrganizer: Client;
let adminA: Client;
let deskA: Client;
let adminB: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  [organizer, cityBOrganizer, adminA, deskA, adminB] = await Promise.all([
    login(t.app, world.users.organizer),
    login(t.app, world.users.cityBOrganizer),
    login(t.app, world.users.adminA),
    login(t.app, world.users.deskA),
    login(t.app, world.users.adminB),
  ]);
});
afterAll(() => t?.close());

const api = (client: Client, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: object) =>
  client.request({ method, url: `/api/v1${url}`, ...(body !== undefined && { payload: body }) });

async function progressOf(client: Client, campaignId = world.campaign.id): Promise<CampaignProgress> {
  const response = await api(client, 'GET', `/campaigns/${campaignId}/progress`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('the progress of every unit', () => {
  let lastAt: string;

  beforeAll(async () => {
    // The open day (2026-05-15) and the summary due date have passed. Unit A filed its plan with
    // one desk, recorded a consultation today and one long ago whose case is now overdue; unit B
    // submitted its summary; the sub-unit did nothing.
    expect(
      (await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, { summaryDueOn: '2026-06-05' })).statusCode,
    ).toBe(200);
    const plan = await api(adminA, 'PUT', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`, {
      leaderName: '张三',
      filed: true,
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const site = await api(adminA, 'POST', `/plans/${plan.json().id}/sites`, {
      name: '市民中心广场',
      address: '甲市人民路1号',
      heldOn: '2026-05-15',
      opensAt: '09:00',
      closesAt: '11:30',
    });
    expect(site.statusCode, site.body).toBe(201);
    expect((await api(adminA, 'POST', `/sites/${site.json().id}/desks`, { name: '供热咨询台' })).statusCode).toBe(201);
    const old = new Date(Date.now() - 60 * 86_400_000).toISOString();
    lastAt = new Date(Date.now() - 60_000).toISOString();
    for (const occurredAt of [old, lastAt]) {
      const recorded = await api(deskA, 'POST', '/consultations', {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        occurredAt,
        question: `供暖何时开始？${occurredAt}`,
        outcome: occurredAt === old ? 'follow_up' : 'answered_on_spot',
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
    }
    await t.db.query(
      `INSERT INTO unit_summaries (campaign_id, unit_id, status, submitted_at) VALUES ($1, $2, 'submitted', now())`,
      [world.campaign.id, world.unitB.id],
    );
  });

  it('gives the organizer every unit with its plan, desks, records, cases and summary', async () => {
    const progress = await progressOf(organizer);
    expect(progress).toMatchObject({
      campaignId: world.campaign.id,
      openDay: '2026-05-15',
      summaryDueOn: '2026-06-05',
    });
    expect(progress.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const row = (unitId: string) => progress.rows.find((r) => r.unitId === unitId)!;
    expect(progress.rows).toHaveLength(3);
    expect(row(world.unitA.id)).toMatchObject({
      unitName: world.unitA.name,
      desks: 1,
      consultations: 2,
      lastConsultationAt: lastAt,
      casesOpen: 1,
      casesOverdue: 1,
      summaryStatus: null,
      summaryOwed: true,
      summaryOverdue: true,
      problems: ['cases_overdue', 'summary_overdue'],
    });
    expect(row(world.unitA.id).planFiledAt).not.toBeNull();
    expect(row(world.subUnitA.id)).toMatchObject({
      planFiledAt: null,
      desks: 0,
      consultations: 0,
      lastConsultationAt: null,
      casesOpen: 0,
      casesOverdue: 0,
      problems: ['plan_not_filed', 'no_desks', 'no_consultations', 'summary_overdue'],
    });
    expect(row(world.unitB.id)).toMatchObject({
      summaryStatus: 'submitted',
      summaryOwed: false,
      summaryOverdue: false,
      problems: ['plan_not_filed', 'no_desks', 'no_consultations'],
    });
  });

  it('shows each reader only the units they may see', async () => {
    const ids = async (client: Client) => (await progressOf(client)).rows.map((r) => r.unitId).sort();
    expect(await ids(cityBOrganizer)).toEqual([world.unitB.id]);
    expect(await ids(adminB)).toEqual([world.unitB.id]);
    expect(await ids(deskA)).toEqual([world.unitA.id, world.subUnitA.id].sort());
  });

  it('owes nothing before the days have come', async () => {
    const future = await buildCampaign(t.db, {
      organizerUnitId: world.provinceOffice.id,
      unitIds: [world.unitA.id],
      openDay: '2099-05-15',
      summaryDueOn: '2099-06-01',
    });
    const progress = await progressOf(organizer, future.id);
    expect(progress.rows).toEqual([
      expect.objectContaining({ unitId: world.unitA.id, summaryOwed: true, summaryOverdue: false }),
    ]);
    expect(progress.rows[0]!.problems).toEqual(['plan_not_filed', 'no_desks']);
  });

  it('answers a campaign without units with no rows', async () => {
    const lonely = await buildCampaign(t.db, { organizerUnitId: world.provinceOffice.id });
    expect((await progressOf(organizer, lonely.id)).rows).toEqual([]);
  });

  it('reminds, in one click, the admins of every unit that owes its summary, audited', async () => {
    const inbox = async (client: Client) =>
      ((await api(client, 'GET', '/notifications')).json() as { items: { kind: string; body: string }[] }).items.filter(
        (n) => n.kind === 'summary.reminded',
      );
    expect(await inbox(adminA)).toEqual([]);
    expect((await api(deskA, 'POST', `/campaigns/${world.campaign.id}/summary-reminders`)).statusCode).toBe(403);
    const response = await api(organizer, 'POST', `/campaigns/${world.campaign.id}/summary-reminders`);
    expect(response.statusCode, response.body).toBe(200);
    // Unit A and its sub-unit owe one; unit B has submitted its summary.
    expect(response.json().unitIds.sort()).toEqual([world.unitA.id, world.subUnitA.id].sort());
    expect(response.json().reminded).toBe(2);
    const notices = await inbox(adminA);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(world.campaign.title);
    expect(await inbox(adminB)).toEqual([]);
    const audit = await t.db.query<{ after: { unitIds: string[] } }>(
      `SELECT after FROM audit_log WHERE action = 'remind' AND entity = 'summary_reminders' AND entity_id = $1`,
      [world.campaign.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after.unitIds).toHaveLength(2);
    // A city organizer reminds only the units of the city it sees: unit B owes nothing.
    const city = await api(cityBOrganizer, 'POST', `/campaigns/${world.campaign.id}/summary-reminders`);
    expect(city.json()).toEqual({ reminded: 0, unitIds: [] });
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const missing = await api(organizer, 'GET', '/campaigns/00000000-0000-4000-8000-000000000000/progress');
    expect(missing.statusCode).toBe(404);
    const bad = await api(organizer, 'GET', '/campaigns/not-a-uuid/progress');
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(JSON.stringify(bad.json().error.details)).toContain('id');
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${world.campaign.id}/progress` });
    expect(anonymous.statusCode).toBe(401);
  });
});
