import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildUser, buildWorld } from '../../../test/builders.ts';
import { documentText } from '../summaries/document.ts';
import type { Unit } from '../units/schema.ts';

/** 联合设台: partner organisations entered once per campaign, named at desks, answering and receiving cases. */

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: Client;
let desk: Client;
let adminB: Client;
let responderA: Client;
let partnerResponder: Client;
/** A heating company under unit A that does not itself take part in the campaign. */
let company: Unit;
let deskId: string;
let otherDeskId: string;
let companyPartnerId: string;
let outsidePartnerId: string;
let key = 0;

const api = (client: Client, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: object) =>
  client.request({
    method,
    url: `/api/v1${url}`,
    ...(body !== undefined && { payload: body }),
    headers: method === 'POST' ? { 'idempotency-key': `partners-${++key}` } : {},
  });

const audit = async (entity: string, id: string) =>
  (
    await t.db.query<{ action: string; before: unknown; after: Record<string, unknown> | null }>(
      'SELECT action, before, after FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY occurred_at, id',
      [entity, id],
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  admin = await login(t.app, world.users.adminA);
  desk = await login(t.app, world.users.deskA);
  adminB = await login(t.app, world.users.adminB);
  responderA = await login(t.app, world.users.responderA);
  company = await buildUnit(t.db, {
    regionId: world.cityA.id,
    name: '甲市华建管道公司',
    nameEn: 'Huajian Plumbing Company',
    kind: 'company',
    parentId: world.unitA.id,
  });
  partnerResponder = await login(t.app, await buildUser(t.db, 'responder', company.id));
  const plan = await api(admin, 'PUT', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`, {
    leaderName: '王志刚',
  });
  expect(plan.statusCode, plan.body).toBeLessThan(300);
  const site = await api(admin, 'POST', `/plans/${plan.json().id}/sites`, {
    name: '景华社区便民服务点',
    address: '景华社区服务中心门前',
    heldOn: '2026-05-15',
    opensAt: '08:30',
    closesAt: '11:30',
  });
  expect(site.statusCode, site.body).toBe(201);
  deskId = (await api(admin, 'POST', `/sites/${site.json().id}/desks`, { name: '供热服务台', topics: ['供热'] })).json()
    .id;
  otherDeskId = (await api(admin, 'POST', `/sites/${site.json().id}/desks`, { name: '政策咨询台' })).json().id;
}, 600_000);
afterAll(() => t?.close());

describe('partner organisations of a campaign', () => {
  it('are entered once: a unit under a participating unit (its names by default) or an outside organisation', async () => {
    const unitPartner = await api(admin, 'POST', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/partners`, {
      unitId: company.id,
      kind: 'enterprise',
    });
    expect(unitPartner.statusCode, unitPartner.body).toBe(201);
    expect(unitPartner.json()).toMatchObject({
      name: '甲市华建管道公司',
      nameEn: 'Huajian Plumbing Company',
      unitId: company.id,
      enteredByUnitId: world.unitA.id,
      kind: 'enterprise',
    });
    companyPartnerId = unitPartner.json().id;
    const outside = await api(admin, 'POST', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/partners`, {
      name: '热力行业协会',
      kind: 'social_organisation',
      contact: '0429-2123456',
    });
    expect(outside.statusCode, outside.body).toBe(201);
    expect(outside.json()).toMatchObject({ unitId: null, nameEn: null, contact: '0429-2123456' });
    outsidePartnerId = outside.json().id;

    // Entered once: the same name again is a conflict; any unit of the campaign reads the list.
    const again = await api(adminB, 'POST', `/campaigns/${world.campaign.id}/units/${world.unitB.id}/partners`, {
      name: '热力行业协会',
      kind: 'other',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].field).toBe('name');
    const list = await api(adminB, 'GET', `/campaigns/${world.campaign.id}/partners`);
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['热力行业协会', '甲市华建管道公司']);

    expect(await audit('partner', companyPartnerId)).toEqual([
      expect.objectContaining({ action: 'create', after: expect.objectContaining({ unitId: company.id }) }),
    ]);
  });

  it('refuse what is not one: an unknown kind, no name, a unit outside the campaign, another unit’s partner', async () => {
    const url = `/campaigns/${world.campaign.id}/units/${world.unitA.id}/partners`;
    const badKind = await api(admin, 'POST', url, { name: '某公司', kind: 'company' });
    expect(badKind.statusCode).toBe(400);
    const noName = await api(admin, 'POST', url, { kind: 'enterprise' });
    expect(noName.statusCode).toBe(422);
    expect(noName.json().error.details[0]).toMatchObject({ field: 'name' });
    const outsider = await buildUnit(t.db, { regionId: world.cityB.id, name: '无关公司' });
    const notCampaign = await api(admin, 'POST', url, { unitId: outsider.id, kind: 'enterprise' });
    expect(notCampaign.statusCode).toBe(422);
    expect(notCampaign.json().error.details[0]).toMatchObject({ field: 'unitId' });
    // Desk staff may not enter partners; unit B's admin may not change unit A's (nor see that it exists).
    expect((await api(desk, 'POST', url, { name: '某协会', kind: 'other' })).statusCode).toBe(403);
    expect((await api(adminB, 'PATCH', `/partners/${outsidePartnerId}`, { contact: null })).statusCode).toBe(404);
    const changed = await api(admin, 'PATCH', `/partners/${outsidePartnerId}`, { nameEn: 'Heating Trade Association' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await audit('partner', outsidePartnerId)).at(-1)).toMatchObject({
      action: 'update',
      after: { nameEn: 'Heating Trade Association' },
    });
  });
});

describe('a desk run with partners', () => {
  it('names its partners, read back in the plan and in the intake’s desk list, audited', async () => {
    const named = await api(admin, 'PATCH', `/desks/${deskId}`, { partnerIds: [companyPartnerId, outsidePartnerId] });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json().partnerIds.sort()).toEqual([companyPartnerId, outsidePartnerId].sort());
    const plan = await api(desk, 'GET', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`);
    const desks = plan.json().sites[0].desks as { id: string; partnerIds: string[] }[];
    expect(desks.find((d) => d.id === deskId)!.partnerIds).toHaveLength(2);
    const picker = await api(desk, 'GET', `/campaigns/${world.campaign.id}/desks?unitId=${world.unitA.id}`);
    const item = picker.json().items.find((d: { id: string }) => d.id === deskId);
    expect(item.partners.map((p: { name: string }) => p.name)).toEqual(['热力行业协会', '甲市华建管道公司']);
    expect((await audit('desk', deskId)).at(-1)).toMatchObject({
      action: 'update',
      before: { partnerIds: [] },
      after: { partnerIds: expect.arrayContaining([companyPartnerId]) },
    });
  });

  it('refuses a partner that is not one of the campaign’s, naming the field; a named partner is not deleted', async () => {
    const refused = await api(admin, 'PATCH', `/desks/${otherDeskId}`, {
      partnerIds: ['0190c0de-0000-7000-8000-000000000000'],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'partnerIds' });
    expect((await api(admin, 'DELETE', `/partners/${outsidePartnerId}`)).statusCode).toBe(409);
  });
});

describe('a consultation answered by a partner', () => {
  const record = (body: Record<string, unknown>) =>
    api(desk, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      occurredAt: '2026-05-15T02:00:00Z',
      topic: '供热',
      question: '暖气不热找谁？',
      outcome: 'answered_on_spot',
      ...body,
    });

  it('names the partner at its desk, read back and audited', async () => {
    const recorded = await record({ deskId, partnerId: companyPartnerId });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().partnerId).toBe(companyPartnerId);
    expect((await api(desk, 'GET', `/consultations/${recorded.json().id}`)).json().partnerId).toBe(companyPartnerId);
    expect((await audit('consultation', recorded.json().id))[0]!.after).toMatchObject({ partnerId: companyPartnerId });
    const edited = await api(desk, 'PATCH', `/consultations/${recorded.json().id}`, { partnerId: null });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().partnerId).toBeNull();
  });

  it('refuses a partner not at that desk, 422 naming partnerId, on recording and on editing', async () => {
    const elsewhere = await record({ deskId: otherDeskId, partnerId: companyPartnerId });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.details[0]).toMatchObject({ field: 'partnerId' });
    const plain = await record({ deskId: otherDeskId });
    const edited = await api(desk, 'PATCH', `/consultations/${plain.json().id}`, { partnerId: outsidePartnerId });
    expect(edited.statusCode).toBe(422);
    expect(edited.json().error.details[0]).toMatchObject({ field: 'partnerId' });
    // Unit B's consultations cannot name unit A's partners.
    const deskB = await login(t.app, world.users.deskB);
    const other = await api(deskB, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitB.id,
      question: '问',
      partnerId: companyPartnerId,
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.details[0]).toMatchObject({ field: 'partnerId' });
  });
});

describe('a case transferred to a partner', () => {
  async function openCase(): Promise<string> {
    const recorded = await api(desk, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      deskId,
      occurredAt: '2026-05-15T02:30:00Z',
      topic: '供热',
      question: '小区管网漏水，什么时候修？',
      outcome: 'follow_up',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const found = await t.db.query<{ id: string }>('SELECT id FROM cases WHERE consultation_id = $1', [
      recorded.json().id,
    ]);
    return found.rows[0]!.id;
  }

  it('goes to a partner unit at a desk, by unit or by partner; its responder replies; counted for the partner', async () => {
    const first = await openCase();
    const byUnit = await api(responderA, 'POST', `/cases/${first}/transfer`, {
      toUnitId: company.id,
      reason: '管网由华建管道公司维护',
    });
    expect(byUnit.statusCode, byUnit.body).toBe(200);
    expect(byUnit.json().unitId).toBe(company.id);
    const replied = await api(partnerResponder, 'POST', `/cases/${first}/reply`, { reply: '已安排维修，三日内完成。' });
    expect(replied.statusCode, replied.body).toBe(200);

    const second = await openCase();
    const byPartner = await api(responderA, 'POST', `/cases/${second}/transfer`, {
      toPartnerId: companyPartnerId,
      reason: '管网维护',
    });
    expect(byPartner.statusCode, byPartner.body).toBe(200);
    expect(byPartner.json().unitId).toBe(company.id);

    const statistics = await api(admin, 'GET', `/campaigns/${world.campaign.id}/statistics`);
    expect(statistics.statusCode, statistics.body).toBe(200);
    const row = statistics.json().rows.find((r: { unitId: string }) => r.unitId === world.unitA.id);
    expect(row.partners).toEqual([
      {
        partnerId: companyPartnerId,
        name: '甲市华建管道公司',
        nameEn: 'Huajian Plumbing Company',
        unitId: company.id,
        consultations: 0,
        peopleReceived: 0,
        casesTransferred: 2,
        casesAnswered: 1,
      },
      expect.objectContaining({ partnerId: outsidePartnerId, consultations: 0, casesTransferred: 0 }),
    ]);
  });

  it('refuses an outside partner, saying it has no unit to receive cases, and a unit that is neither', async () => {
    const id = await openCase();
    const outside = await api(responderA, 'POST', `/cases/${id}/transfer`, {
      toPartnerId: outsidePartnerId,
      reason: '协会答复',
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.details[0].field).toBe('toPartnerId');
    expect(outside.json().error.details[0].reason).toContain('cannot receive cases');
    const stranger = await buildUnit(t.db, { regionId: world.cityA.id, name: '未设台公司', parentId: world.unitA.id });
    const notPartner = await api(responderA, 'POST', `/cases/${id}/transfer`, { toUnitId: stranger.id, reason: '转' });
    expect(notPartner.statusCode).toBe(422);
    expect(notPartner.json().error.details[0].field).toBe('toUnitId');
    const both = await api(responderA, 'POST', `/cases/${id}/transfer`, {
      toUnitId: company.id,
      toPartnerId: companyPartnerId,
      reason: '转',
    });
    expect(both.statusCode).toBe(422);
  });
});

describe('the unit summary', () => {
  it('states the joint desks and each partner’s figures in both languages', async () => {
    const recorded = await api(desk, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      deskId,
      occurredAt: '2026-05-15T03:00:00Z',
      topic: '供热',
      question: '供热费怎么交？',
      outcome: 'answered_on_spot',
      partnerId: companyPartnerId,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const base = `/summaries/campaigns/${world.campaign.id}/units/${world.unitA.id}/summary`;
    const generated = await api(admin, 'POST', `${base}/generate`);
    expect(generated.statusCode, generated.body).toBe(200);
    const zh = documentText(generated.json().document);
    const en = documentText((await api(admin, 'GET', `${base}?lang=en-US`)).json().document);
    expect(zh).toContain(
      '与甲市华建管道公司和热力行业协会等2家单位联合设台，其中甲市华建管道公司解答1人次，承办转办件2件、已答复1件。',
    );
    expect(en).toContain(
      'The desks were run jointly with 2 partner organisations (Huajian Plumbing Company and Heating Trade Association).',
    );
    expect(en).toContain(
      'Huajian Plumbing Company answered 1 visitor and received 2 transferred cases, replying to 1.',
    );
  });
});

// After the figures above: one more case transferred to the partner.
describe('the desk’s 转办 to a partner', () => {
  it('takes the desk’s 转办 to a partner unit at intake, and refuses an outside partner there too', async () => {
    const intake = (body: object) =>
      api(desk, 'POST', '/consultations', {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        deskId,
        question: '楼道管网漏水',
        outcome: 'transferred',
        ...body,
      });
    const recorded = await intake({ transferToPartnerId: companyPartnerId });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const inbox = await api(partnerResponder, 'GET', `/cases?campaignId=${world.campaign.id}`);
    expect(inbox.json().items).toContainEqual(
      expect.objectContaining({ reference: recorded.json().caseReference, unitId: company.id, status: 'transferred' }),
    );
    const outside = await intake({ transferToPartnerId: outsidePartnerId });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.details[0].field).toBe('transferToPartnerId');
    expect(outside.json().error.details[0].reason).toContain('cannot receive cases');
  });
});
