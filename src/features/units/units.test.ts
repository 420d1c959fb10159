import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';

/** Regions and units: the directory an open day runs on. */
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
