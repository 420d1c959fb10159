import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: Client;
let adminB: Client;
let deskA: Client;
let organizer: Client;

const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminA = await login(t.app, world.users.adminA);
  adminB = await login(t.app, world.users.adminB);
  deskA = await login(t.app, world.users.deskA);
  organizer = await login(t.app, world.users.organizer);
});
afterAll(() => t?.close());

describe('disclosures', () => {
  it('lets a unit admin add, change, list and remove its disclosures, audited', async () => {
    const audits = await count('audit_log');
    const created = await adminA.request({
      method: 'POST',
      url: '/api/v1/disclosures',
      headers: { 'idempotency-key': 'disclosure-create-1' },
      payload: {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        kind: 'service_matter',
        title: '供热费减免',
        body: '程序：申请—审核—办理',
        sort: 2,
      },
    });
    expect(created.statusCode).toBe(201);
    const item = created.json<{ id: string; kind: string; sort: number }>();
    expect(item).toMatchObject({ kind: 'service_matter', sort: 2 });
    const replay = await adminA.request({
      method: 'POST',
      url: '/api/v1/disclosures',
      headers: { 'idempotency-key': 'disclosure-create-1' },
      payload: {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        kind: 'service_matter',
        title: '供热费减免',
        body: '程序：申请—审核—办理',
        sort: 2,
      },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await count('disclosures')).toBe(1);

    const changed = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/disclosures/${item.id}`,
      payload: { sort: 1 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ sort: 1, title: '供热费减免' });

    const list = await deskA.request({
      method: 'GET',
      url: `/api/v1/disclosures?campaignId=${world.campaign.id}&unitId=${world.unitA.id}`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);

    expect(
      (await adminB.request({ method: 'PATCH', url: `/api/v1/disclosures/${item.id}`, payload: { sort: 5 } }))
        .statusCode,
    ).toBe(403);
    expect((await adminB.request({ method: 'DELETE', url: `/api/v1/disclosures/${item.id}` })).statusCode).toBe(403);
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/disclosures/${item.id}` })).statusCode).toBe(204);
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/disclosures/${item.id}` })).statusCode).toBe(404);
    expect(await count('disclosures')).toBe(0);
    const entries = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'disclosure' AND entity_id = $1 ORDER BY occurred_at, id",
      [item.id],
    );
    expect(entries.rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(await count('audit_log')).toBe(audits + 3);
  });

  it('refuses bad input naming the field, and other units or roles, storing nothing', async () => {
    const base = { campaignId: world.campaign.id, unitId: world.unitA.id, kind: 'phone', title: '热线' };
    const cases: [Client, Record<string, unknown>, number, string][] = [
      [adminA, { ...base, kind: 'gossip' }, 400, 'kind'],
      [adminA, { ...base, title: '' }, 400, 'title'],
      [adminA, { ...base, title: '   ' }, 422, 'title'],
      [adminA, { ...base, extra: 1 }, 400, 'extra'],
      [adminA, { ...base, unitId: world.provinceOffice.id }, 403, 'role'],
      [adminA, { ...base, campaignId: '0190c0de-0000-7000-8000-000000000000' }, 422, 'campaignId'],
      [adminB, base, 403, 'role'],
    ];
    for (const [client, payload, status, field] of cases) {
      const response = await client.request({ method: 'POST', url: '/api/v1/disclosures', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      if (field !== 'role') {
        expect(
          response.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field),
        ).toContain(field);
      }
    }
    expect((await organizer.request({ method: 'POST', url: '/api/v1/disclosures', payload: base })).statusCode).toBe(
      403,
    );
    expect((await deskA.request({ method: 'POST', url: '/api/v1/disclosures', payload: base })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/disclosures?campaignId=${world.campaign.id}` })).statusCode,
    ).toBe(401);
    expect(await count('disclosures')).toBe(0);
  });
});
