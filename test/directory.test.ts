import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from './app.ts';
import { buildWorld } from './builders.ts';

/** Regions, units, campaigns and their participating units: the directory an open day runs on. */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let cityBOrganizer: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  organizer = await login(t.app, world.users.organizer);
  cityBOrganizer = await login(t.app, world.users.cityBOrganizer);
});
afterAll(() => t?.close());

const count = async (table: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

describe('regions and units', () => {
  it('lets an organizer add a district and a unit inside their region, and lists them', async () => {
    const district = await organizer.request({
      method: 'POST',
      url: '/api/v1/regions',
      payload: { parentId: world.cityA.id, code: '211402', name: '连山区', level: 'district' },
    });
    expect(district.statusCode).toBe(201);
    expect(district.json().path).toBe(`${world.cityA.path}211402/`);
    const unit = await organizer.request({
      method: 'POST',
      url: '/api/v1/units',
      payload: {
        name: '连山区民政局',
        nameEn: 'Lianshan Civil Affairs Bureau',
        kind: 'bureau',
        regionId: district.json().id,
      },
    });
    expect(unit.statusCode).toBe(201);
    const found = (
      await organizer.request({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent('民政')}` })
    ).json();
    expect(found.items.map((u: { name: string }) => u.name)).toContain('连山区民政局');
    const english = (await organizer.request({ method: 'GET', url: '/api/v1/units?q=civil' })).json();
    expect(english.items).toHaveLength(1);
  });

  it('refuses a district organizer outside their region, and a unit admin altogether', async () => {
    const outside = await cityBOrganizer.request({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '越权单位', kind: 'bureau', regionId: world.cityA.id },
    });
    expect(outside.statusCode).toBe(403);
    const admin = await login(t.app, world.users.adminA);
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/v1/units',
          payload: { name: 'x', kind: 'bureau', regionId: world.cityA.id },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('names the field of a unit that refers to nothing', async () => {
    const response = await organizer.request({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: '无区划', kind: 'bureau', regionId: '0190c0de-0000-7000-8000-000000000000' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].field).toBe('regionId');
  });
});

describe('campaigns', () => {
  const body = () => ({
    slug: 'open-day-2027',
    title: '2027年"5·15"政务公开日',
    theme: '推进政务公开 优化营商环境',
    organizerUnitId: world.provinceOffice.id,
    openDay: '2027-05-15',
    startsOn: '2027-05-10',
    endsOn: '2027-05-20',
    replyLimitDays: 10,
    unitIds: [world.unitA.id],
  });

  it('creates a campaign once under an Idempotency-Key, and refuses a taken slug', async () => {
    const before = await count('campaigns');
    const headers = { 'idempotency-key': 'campaign-2027-create' };
    const first = await organizer.request({ method: 'POST', url: '/api/v1/campaigns', payload: body(), headers });
    const retry = await organizer.request({ method: 'POST', url: '/api/v1/campaigns', payload: body(), headers });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await count('campaigns')).toBe(before + 1);
    const taken = await organizer.request({ method: 'POST', url: '/api/v1/campaigns', payload: body() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0].field).toBe('slug');
    const bySlug = await organizer.request({ method: 'GET', url: '/api/v1/campaigns/by-slug/open-day-2027' });
    expect(bySlug.json().replyLimitDays).toBe(10);
  });

  it('refuses dates out of order, naming the field, and stores nothing', async () => {
    const before = await count('campaigns');
    const response = await organizer.request({
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: { ...body(), slug: 'bad-dates', endsOn: '2027-05-01' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].field).toBe('endsOn');
    const badDate = await organizer.request({
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: { ...body(), slug: 'bad-date', openDay: '2027-02-30' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details[0].field).toBe('openDay');
    expect(await count('campaigns')).toBe(before);
  });

  it('lets only the organizing office change a campaign and invite units', async () => {
    const patch = await organizer.request({
      method: 'PATCH',
      url: `/api/v1/campaigns/${world.campaign.id}`,
      payload: { theme: '新主题' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().theme).toBe('新主题');
    const other = await cityBOrganizer.request({
      method: 'PATCH',
      url: `/api/v1/campaigns/${world.campaign.id}`,
      payload: { theme: '越权' },
    });
    expect(other.statusCode).toBe(403);
    const campaign = (
      await organizer.request({
        method: 'POST',
        url: '/api/v1/campaigns',
        payload: { ...body(), slug: 'invite-test', unitIds: [] },
      })
    ).json();
    expect(
      (await organizer.request({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/units/${world.unitB.id}` }))
        .statusCode,
    ).toBe(204);
    const units = (await organizer.request({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}/units` })).json();
    expect(units.items.map((u: { id: string }) => u.id)).toEqual([world.unitB.id]);
    expect(
      (await organizer.request({ method: 'DELETE', url: `/api/v1/campaigns/${campaign.id}/units/${world.unitB.id}` }))
        .statusCode,
    ).toBe(204);
    expect(
      (await organizer.request({ method: 'DELETE', url: `/api/v1/campaigns/${campaign.id}/units/${world.unitB.id}` }))
        .statusCode,
    ).toBe(404);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity IN ('campaign', 'campaign_unit') AND campaign_id = $1 ORDER BY id",
      [campaign.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'invite', 'uninvite']);
  });
});

describe('the audit log', () => {
  it('is readable by a unit admin for their own unit only', async () => {
    const admin = await login(t.app, world.users.adminA);
    const desk = await login(t.app, world.users.deskA);
    await desk.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: { campaignId: world.campaign.id, unitId: world.unitA.id, question: '审计' },
    });
    const entries = (await admin.request({ method: 'GET', url: '/api/v1/audit?entity=consultation' })).json();
    expect(entries.items.length).toBeGreaterThan(0);
    expect(entries.items.every((e: { unitId: string }) => e.unitId === world.unitA.id)).toBe(true);
    const adminB = await login(t.app, world.users.adminB);
    const theirs = (await adminB.request({ method: 'GET', url: '/api/v1/audit?entity=consultation' })).json();
    expect(theirs.items.every((e: { unitId: string }) => e.unitId === world.unitB.id)).toBe(true);
    expect((await desk.request({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });
});
