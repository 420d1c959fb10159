import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';

/** Campaigns and their participating units. */
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
