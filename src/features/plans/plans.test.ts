import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildCampaign, buildUnit, buildWorld } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: Client;
let deskA: Client;
let adminB: Client;
let deskB: Client;
let organizer: Client;
let cityBOrganizer: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminA = await login(t.app, world.users.adminA);
  deskA = await login(t.app, world.users.deskA);
  adminB = await login(t.app, world.users.adminB);
  deskB = await login(t.app, world.users.deskB);
  organizer = await login(t.app, world.users.organizer);
  cityBOrganizer = await login(t.app, world.users.cityBOrganizer);
});
afterAll(() => t?.close());

const planUrl = (unitId: string, campaignId = world.campaign.id) =>
  `/api/v1/campaigns/${campaignId}/units/${unitId}/plan`;

const putPlan = (client: Client, unitId: string, body: Record<string, unknown>) =>
  client.request({ method: 'PUT', url: planUrl(unitId), payload: body });

const post = (client: Client, url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  client.request({ method: 'POST', url: `/api/v1${url}`, payload: body, headers });

const patch = (client: Client, url: string, body: Record<string, unknown>) =>
  client.request({ method: 'PATCH', url: `/api/v1${url}`, payload: body });

const del = (client: Client, url: string) => client.request({ method: 'DELETE', url: `/api/v1${url}` });

const count = async (table: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

const fieldsOf = (response: { json: () => { error: { details: { field: string }[] } } }) =>
  response.json().error.details.map((d) => d.field);

const auditOf = async (entity: string, entityId: string) =>
  (
    await t.db.query<{ action: string; unit_id: string; campaign_id: string; before: unknown; after: unknown }>(
      'SELECT action, unit_id, campaign_id, before, after FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY occurred_at, id',
      [entity, entityId],
    )
  ).rows;

const site = {
  name: '市民中心广场',
  address: '甲市人民路1号',
  heldOn: '2026-05-15',
  opensAt: '09:00',
  closesAt: '11:30',
};

/** A plan of unit A with a site and a desk there, made through the API. */
async function buildPlanA(client = adminA) {
  const plan = (await putPlan(client, world.unitA.id, { leaderName: '李局长' })).json();
  const createdSite = (await post(client, `/plans/${plan.id}/sites`, site)).json();
  const desk = (await post(client, `/sites/${createdSite.id}/desks`, { name: '供暖咨询台', topics: ['供暖'] })).json();
  return { plan, site: createdSite, desk };
}

describe('the plan of a unit', () => {
  it('is created by PUT (201), changed by PUT (200), read with everything nested, and audited', async () => {
    const created = await putPlan(adminA, world.unitA.id, {
      leaderName: '王主任',
      leaderTitle: '副局长',
      staffCount: 25,
      issuedOn: '2026-04-20',
      notes: '按通知要求组织',
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      leaderName: '王主任',
      staffCount: 25,
      issuedOn: '2026-04-20',
      filedAt: null,
      meetings: [],
      sites: [],
      staff: [],
    });

    const filed = await putPlan(adminA, world.unitA.id, { leaderName: '王主任', staffCount: 30, filed: true });
    expect(filed.statusCode).toBe(200);
    expect(filed.json()).toMatchObject({ id: plan.id, staffCount: 30, leaderTitle: null, notes: '' });
    const filedAt = filed.json().filedAt;
    expect(filedAt).toEqual(expect.any(String));
    const refiled = await putPlan(adminA, world.unitA.id, { leaderName: '王主任', staffCount: 30, filed: true });
    expect(refiled.json().filedAt).toBe(filedAt);

    const meeting = await post(adminA, `/plans/${plan.id}/meetings`, {
      kind: 'preparation',
      heldOn: '2026-05-06',
      title: '政务公开日部署会',
      participants: '各科室负责人',
    });
    expect(meeting.statusCode).toBe(201);
    expect(meeting.json()).toMatchObject({ kind: 'preparation', location: null, decisions: '' });
    const createdSite = await post(adminA, `/plans/${plan.id}/sites`, { ...site, regionId: world.cityA.id });
    expect(createdSite.statusCode).toBe(201);
    expect(createdSite.json()).toMatchObject({ opensAt: '09:00', closesAt: '11:30', regionId: world.cityA.id });
    const desk = await post(adminA, `/sites/${createdSite.json().id}/desks`, {
      name: '法律援助台',
      topics: ['法律援助', '劳动仲裁'],
    });
    expect(desk.statusCode).toBe(201);
    const staff = await post(adminA, `/plans/${plan.id}/staff`, {
      name: '赵六',
      title: '科员',
      deskId: desk.json().id,
    });
    expect(staff.statusCode).toBe(201);
    expect(staff.json().deskId).toBe(desk.json().id);

    const read = await deskA.request({ method: 'GET', url: planUrl(world.unitA.id) });
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body.meetings.map((m: { id: string }) => m.id)).toEqual([meeting.json().id]);
    expect(body.sites).toHaveLength(1);
    expect(body.sites[0].desks.map((d: { topics: string[] }) => d.topics)).toEqual([['法律援助', '劳动仲裁']]);
    expect(body.staff.map((s: { name: string }) => s.name)).toEqual(['赵六']);

    // The records of the day carry the campaign, copied from the plan.
    for (const table of ['meetings', 'sites', 'desks', 'duty_staff']) {
      const { rows } = await t.db.query<{ campaign_id: string }>(
        `SELECT DISTINCT campaign_id FROM ${table} WHERE plan_id = $1`,
        [plan.id],
      );
      expect(rows.map((r) => r.campaign_id)).toEqual([world.campaign.id]);
    }

    const planAudit = await auditOf('plan', plan.id);
    expect(planAudit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(planAudit[1]).toMatchObject({
      unit_id: world.unitA.id,
      campaign_id: world.campaign.id,
      before: { staffCount: 25, filedAt: null },
      after: { staffCount: 30 },
    });
    for (const [entity, id] of [
      ['meeting', meeting.json().id],
      ['site', createdSite.json().id],
      ['desk', desk.json().id],
      ['duty_staff', staff.json().id],
    ]) {
      const entries = await auditOf(entity, id);
      expect(entries, entity).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', unit_id: world.unitA.id, campaign_id: world.campaign.id });
    }
  });

  it('answers 404 when the unit has no plan yet', async () => {
    const response = await adminB.request({ method: 'GET', url: planUrl(world.unitB.id) });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('changes and deletes meetings, sites, desks and staff, auditing before and after', async () => {
    const { plan, site: createdSite, desk } = await buildPlanA();
    const meeting = (
      await post(adminA, `/plans/${plan.id}/meetings`, { kind: 'symposium', heldOn: '2026-05-15', title: '座谈会' })
    ).json();
    const changed = await patch(adminA, `/meetings/${meeting.id}`, {
      decisions: '采纳三条建议',
      location: '三楼会议室',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ kind: 'symposium', decisions: '采纳三条建议', location: '三楼会议室' });
    const meetingAudit = await auditOf('meeting', meeting.id);
    expect(meetingAudit.at(-1)).toMatchObject({
      action: 'update',
      before: { decisions: '' },
      after: { decisions: '采纳三条建议' },
    });

    const moved = await patch(adminA, `/sites/${createdSite.id}`, { opensAt: '13:00', closesAt: '17:00' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ opensAt: '13:00', closesAt: '17:00', name: site.name });
    const renamed = await patch(adminA, `/desks/${desk.id}`, { topics: ['供暖', '燃气'] });
    expect(renamed.json()).toMatchObject({ name: '供暖咨询台', topics: ['供暖', '燃气'] });

    const staff = (await post(adminA, `/plans/${plan.id}/staff`, { name: '钱七', deskId: desk.id })).json();
    const promoted = await patch(adminA, `/staff/${staff.id}`, { title: '副主任', leader: true });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ name: '钱七', title: '副主任', leader: true, deskId: desk.id });
    const wholeDay = await patch(adminA, `/staff/${staff.id}`, { deskId: null });
    expect(wholeDay.json()).toMatchObject({ deskId: null, leader: true });
    expect((await patch(adminA, `/staff/${staff.id}`, { deskId: desk.id })).json().deskId).toBe(desk.id);
    expect((await auditOf('duty_staff', staff.id))[1]).toMatchObject({
      action: 'update',
      before: { title: null, leader: false },
      after: { title: '副主任', leader: true },
    });
    expect((await del(adminA, `/meetings/${meeting.id}`)).statusCode).toBe(204);
    expect((await del(adminA, `/sites/${createdSite.id}`)).statusCode).toBe(204);
    // The site's desks went with it; its staff stay on the plan without a desk.
    const { rows: desks } = await t.db.query('SELECT 1 FROM desks WHERE id = $1', [desk.id]);
    expect(desks).toHaveLength(0);
    const read = (await adminA.request({ method: 'GET', url: planUrl(world.unitA.id) })).json();
    expect(read.staff.find((s: { id: string }) => s.id === staff.id).deskId).toBeNull();
    expect((await del(adminA, `/staff/${staff.id}`)).statusCode).toBe(204);
    expect((await del(adminA, `/staff/${staff.id}`)).statusCode).toBe(404);

    const siteAudit = await auditOf('site', createdSite.id);
    expect(siteAudit.at(-1)).toMatchObject({
      action: 'delete',
      before: { id: createdSite.id, desks: [{ id: desk.id }] },
    });
    expect((await auditOf('duty_staff', staff.id)).map((a) => a.action)).toEqual([
      'create',
      'update',
      'update',
      'update',
      'delete',
    ]);
  });

  it('keeps the English names of the leader, sites and desks, as entered, audited', async () => {
    const { plan, site: createdSite, desk } = await buildPlanA();
    const led = await putPlan(adminA, world.unitA.id, { leaderName: '李局长', leaderNameEn: 'Director Li' });
    expect(led.json()).toMatchObject({ leaderName: '李局长', leaderNameEn: 'Director Li' });
    const named = await patch(adminA, `/sites/${createdSite.id}`, { nameEn: 'Citizen Centre Square' });
    expect(named.json()).toMatchObject({ name: site.name, nameEn: 'Citizen Centre Square' });
    const desked = await patch(adminA, `/desks/${desk.id}`, { nameEn: 'heating desk' });
    expect(desked.json()).toMatchObject({ name: '供暖咨询台', nameEn: 'heating desk' });
    const added = await post(adminA, `/sites/${createdSite.id}/desks`, { name: '燃气咨询台', nameEn: 'gas desk' });
    expect(added.json()).toMatchObject({ nameEn: 'gas desk' });
    expect((await auditOf('desk', desk.id)).at(-1)).toMatchObject({
      before: { nameEn: null },
      after: { nameEn: 'heating desk' },
    });
    const read = (await adminA.request({ method: 'GET', url: planUrl(world.unitA.id) })).json();
    expect(read.id).toBe(plan.id);
    expect(read.sites.find((s: { id: string }) => s.id === createdSite.id)).toMatchObject({
      nameEn: 'Citizen Centre Square',
    });
    const tooLong = await patch(adminA, `/desks/${desk.id}`, { nameEn: 'x'.repeat(201) });
    expect(tooLong.statusCode).toBe(400);
    expect(fieldsOf(tooLong)).toEqual(['nameEn']);
  });

  it('lets the organizer over the unit write the plan', async () => {
    const response = await putPlan(organizer, world.subUnitA.id, { leaderName: '组织单位代填' });
    expect(response.statusCode).toBe(201);
    const meeting = await post(organizer, `/plans/${response.json().id}/meetings`, {
      kind: 'preparation',
      heldOn: '2026-05-08',
      title: '部署会',
    });
    expect(meeting.statusCode).toBe(201);
  });

  it('creates one plan when two first writes race', async () => {
    const campaign = await buildCampaign(t.db, { organizerUnitId: world.provinceOffice.id, unitIds: [world.unitB.id] });
    const url = `/api/v1/campaigns/${campaign.id}/units/${world.unitB.id}/plan`;
    const responses = await Promise.all(
      [10, 20].map((staffCount) => adminB.request({ method: 'PUT', url, payload: { staffCount } })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(responses[0]!.json().id).toBe(responses[1]!.json().id);
    const { rows } = await t.db.query('SELECT 1 FROM plans WHERE campaign_id = $1', [campaign.id]);
    expect(rows).toHaveLength(1);
  });

  it('stores a retried POST with the same Idempotency-Key once', async () => {
    const plan = (await putPlan(adminA, world.unitA.id, {})).json();
    const before = await count('meetings');
    const body = { kind: 'preparation', heldOn: '2026-05-07', title: '重试的会议' };
    const headers = { 'idempotency-key': 'plan-a-meeting-0001' };
    const first = await post(adminA, `/plans/${plan.id}/meetings`, body, headers);
    const second = await post(adminA, `/plans/${plan.id}/meetings`, body, headers);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await count('meetings')).toBe(before + 1);
  });
});

describe('bad input and rule breaks', () => {
  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const { plan, site: createdSite, desk } = await buildPlanA();
    const staffMember = (await post(adminA, `/plans/${plan.id}/staff`, { name: '吴十' })).json();
    const tables = ['plans', 'meetings', 'sites', 'desks', 'duty_staff', 'audit_log'];
    const before = await Promise.all(tables.map(count));
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['PUT', planUrl(world.unitA.id).slice('/api/v1'.length), { staffCount: -1 }, 'staffCount'],
      ['PUT', planUrl(world.unitA.id).slice('/api/v1'.length), { staffCount: 2147483648 }, 'staffCount'],
      ['PUT', planUrl(world.unitA.id).slice('/api/v1'.length), { issuedOn: '2026-13-01' }, 'issuedOn'],
      ['PUT', planUrl(world.unitA.id).slice('/api/v1'.length), { leader: '王' }, 'leader'],
      ['POST', `/plans/${plan.id}/meetings`, { kind: 'party', heldOn: '2026-05-06', title: 't' }, 'kind'],
      ['POST', `/plans/${plan.id}/meetings`, { kind: 'symposium', title: 't' }, 'heldOn'],
      ['POST', `/plans/${plan.id}/sites`, { ...site, opensAt: '9:00' }, 'opensAt'],
      ['POST', `/plans/${plan.id}/sites`, { ...site, closesAt: '24:00' }, 'closesAt'],
      ['POST', `/plans/${plan.id}/sites`, { ...site, regionId: 'nowhere' }, 'regionId'],
      [
        'POST',
        `/sites/${createdSite.id}/desks`,
        { name: 'd', topics: Array.from({ length: 31 }, (_, i) => `t${i}`) },
        'topics',
      ],
      ['POST', `/sites/${createdSite.id}/desks`, { name: 'd', topics: ['x'.repeat(51)] }, 'topics.0'],
      ['POST', `/sites/${createdSite.id}/desks`, { topics: [] }, 'name'],
      ['POST', `/plans/${plan.id}/staff`, { name: '' }, 'name'],
      ['PATCH', `/desks/${desk.id}`, {}, 'body'],
      ['PATCH', `/sites/${createdSite.id}`, { heldOn: 'tomorrow' }, 'heldOn'],
      ['PATCH', `/staff/${staffMember.id}`, {}, 'body'],
      ['PATCH', `/staff/${staffMember.id}`, { name: '' }, 'name'],
      ['PATCH', `/staff/${staffMember.id}`, { leader: 'yes' }, 'leader'],
      ['PATCH', `/staff/${staffMember.id}`, { deskId: 'desk-1' }, 'deskId'],
    ];
    for (const [method, url, body, field] of cases) {
      const response = await adminA.request({ method: method as 'POST', url: `/api/v1${url}`, payload: body });
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(fieldsOf(response), `${method} ${url}`).toContain(field);
    }
    const bad = await adminA.request({ method: 'GET', url: '/api/v1/campaigns/not-a-uuid/desks' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toContain('params.campaignId');
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('refuses rule breaks with 422 naming the field, and stores nothing', async () => {
    const { plan, site: createdSite } = await buildPlanA();
    const planB = (await putPlan(adminB, world.unitB.id, {})).json();
    const siteB = (await post(adminB, `/plans/${planB.id}/sites`, site)).json();
    const deskB = (await post(adminB, `/sites/${siteB.id}/desks`, { name: 'B台' })).json();
    const staffMember = (await post(adminA, `/plans/${plan.id}/staff`, { name: '郑十一' })).json();
    const outsider = await buildUnit(t.db, { regionId: world.cityA.id, parentId: world.unitA.id });

    const tables = ['plans', 'meetings', 'sites', 'desks', 'duty_staff', 'audit_log'];
    const before = await Promise.all(tables.map(count));
    const expect422 = async (response: Awaited<ReturnType<typeof post>>, field: string) => {
      expect(response.statusCode, response.body).toBe(422);
      expect(fieldsOf(response)).toEqual([field]);
    };
    await expect422(await putPlan(adminA, outsider.id, { leaderName: '某' }), 'unitId');
    await expect422(await post(adminA, `/plans/${plan.id}/sites`, { ...site, closesAt: '09:00' }), 'closesAt');
    await expect422(await post(adminA, `/plans/${plan.id}/sites`, { ...site, closesAt: '08:00' }), 'closesAt');
    await expect422(await patch(adminA, `/sites/${createdSite.id}`, { opensAt: '12:00' }), 'closesAt');
    await expect422(
      await post(adminA, `/plans/${plan.id}/sites`, { ...site, regionId: '0190c0de-0000-7000-8000-000000000000' }),
      'regionId',
    );
    await expect422(await post(adminA, `/plans/${plan.id}/staff`, { name: '孙八', deskId: deskB.id }), 'deskId');
    await expect422(await patch(adminA, `/staff/${staffMember.id}`, { deskId: deskB.id }), 'deskId');
    expect(await Promise.all(tables.map(count))).toEqual(before);
    const unchanged = (await adminA.request({ method: 'GET', url: planUrl(world.unitA.id) })).json();
    expect(unchanged.sites.find((s: { id: string }) => s.id === createdSite.id).opensAt).toBe('09:00');
  });

  it('answers 404 for an unknown campaign, unit or plan', async () => {
    const unknown = '0190c0de-0000-7000-8000-000000000000';
    expect((await adminA.request({ method: 'GET', url: planUrl(world.unitA.id, unknown) })).statusCode).toBe(404);
    expect((await putPlan(adminA, unknown, {})).statusCode).toBe(404);
    expect(
      (await post(adminA, `/plans/${unknown}/meetings`, { kind: 'symposium', heldOn: '2026-05-15', title: 't' }))
        .statusCode,
    ).toBe(404);
    expect((await adminA.request({ method: 'GET', url: `/api/v1/campaigns/${unknown}/desks` })).statusCode).toBe(404);
  });

  it('refuses to delete a desk or site that consultations were recorded at', async () => {
    const { site: createdSite, desk } = await buildPlanA();
    const recorded = await post(deskA, '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      deskId: desk.id,
      question: '供暖费怎么交？',
    });
    expect(recorded.statusCode).toBe(201);
    const before = await count('audit_log');
    const refused = await del(adminA, `/desks/${desk.id}`);
    expect(refused.statusCode).toBe(409);
    expect(fieldsOf(refused)).toEqual(['id']);
    expect((await del(adminA, `/sites/${createdSite.id}`)).statusCode).toBe(409);
    expect((await t.db.query('SELECT 1 FROM desks WHERE id = $1', [desk.id])).rows).toHaveLength(1);
    expect(await count('audit_log')).toBe(before);
  });
});

describe('across units', () => {
  it("keeps other units' staff out of unit A's plan", async () => {
    const { plan, site: createdSite, desk } = await buildPlanA();
    const meeting = (
      await post(adminA, `/plans/${plan.id}/meetings`, { kind: 'preparation', heldOn: '2026-05-06', title: '部署会' })
    ).json();
    const staff = (await post(adminA, `/plans/${plan.id}/staff`, { name: '周九' })).json();
    const tables = ['plans', 'meetings', 'sites', 'desks', 'duty_staff', 'audit_log'];
    const before = await Promise.all(tables.map(count));

    // Not even readable: 404, so ids cannot be probed; writing the unit's plan by its address: 403.
    expect((await adminB.request({ method: 'GET', url: planUrl(world.unitA.id) })).statusCode).toBe(404);
    expect((await cityBOrganizer.request({ method: 'GET', url: planUrl(world.unitA.id) })).statusCode).toBe(404);
    expect((await putPlan(adminB, world.unitA.id, { leaderName: '入侵者' })).statusCode).toBe(403);
    expect((await putPlan(cityBOrganizer, world.unitA.id, { leaderName: '入侵者' })).statusCode).toBe(403);
    const attempts = [
      await post(adminB, `/plans/${plan.id}/meetings`, { kind: 'preparation', heldOn: '2026-05-06', title: 'x' }),
      await post(adminB, `/plans/${plan.id}/sites`, site),
      await post(adminB, `/sites/${createdSite.id}/desks`, { name: 'x' }),
      await post(adminB, `/plans/${plan.id}/staff`, { name: 'x' }),
      await patch(adminB, `/meetings/${meeting.id}`, { title: 'x' }),
      await patch(adminB, `/sites/${createdSite.id}`, { name: 'x' }),
      await patch(adminB, `/desks/${desk.id}`, { name: 'x' }),
      await patch(adminB, `/staff/${staff.id}`, { name: 'x' }),
      await del(adminB, `/meetings/${meeting.id}`),
      await del(adminB, `/sites/${createdSite.id}`),
      await del(adminB, `/desks/${desk.id}`),
      await del(adminB, `/staff/${staff.id}`),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual(attempts.map(() => 404));

    // Desk staff read their unit's plan but may not write it.
    expect((await deskA.request({ method: 'GET', url: planUrl(world.unitA.id) })).statusCode).toBe(200);
    expect((await putPlan(deskA, world.unitA.id, {})).statusCode).toBe(403);
    expect((await patch(deskA, `/desks/${desk.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await del(deskB, `/desks/${desk.id}`)).statusCode).toBe(403);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('lists the desks of a campaign with their sites, for the units the actor may see', async () => {
    const { desk } = await buildPlanA();
    const planB = (await putPlan(adminB, world.unitB.id, {})).json();
    const siteB = (await post(adminB, `/plans/${planB.id}/sites`, site)).json();
    const deskOfB = (await post(adminB, `/sites/${siteB.id}/desks`, { name: '法律咨询台', topics: ['法律'] })).json();

    const url = `/api/v1/campaigns/${world.campaign.id}/desks`;
    const seenByA = (await deskA.request({ method: 'GET', url })).json().items;
    const mine = seenByA.find((d: { id: string }) => d.id === desk.id);
    expect(mine).toMatchObject({
      unitId: world.unitA.id,
      name: '供暖咨询台',
      site: { name: site.name, opensAt: '09:00' },
    });
    expect(seenByA.some((d: { id: string }) => d.id === deskOfB.id)).toBe(false);

    const seenByB = (await deskB.request({ method: 'GET', url })).json().items;
    expect(seenByB.every((d: { unitId: string }) => d.unitId === world.unitB.id)).toBe(true);
    expect(seenByB.some((d: { id: string }) => d.id === deskOfB.id)).toBe(true);

    const filtered = (await organizer.request({ method: 'GET', url: `${url}?unitId=${world.unitB.id}` })).json().items;
    expect(filtered.map((d: { id: string }) => d.id)).toContain(deskOfB.id);
    expect(filtered.every((d: { unitId: string }) => d.unitId === world.unitB.id)).toBe(true);
    const probed = (await deskB.request({ method: 'GET', url: `${url}?unitId=${world.unitA.id}` })).json().items;
    expect(probed).toEqual([]);
  });
});
