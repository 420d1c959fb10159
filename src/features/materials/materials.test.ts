import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildWorld } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: Client;
let deskA: Client;
let adminB: Client;
let deskB: Client;
let deskOfA: string;
let deskOfB: string;

const site = { name: '政务服务中心', address: '人民路1号', heldOn: '2026-05-15', opensAt: '09:00', closesAt: '12:00' };

/** A plan with one site and one desk for the unit, through the API; answers the desk id. */
async function buildDesk(admin: Client, unitId: string): Promise<string> {
  const plan = (
    await admin.request({
      method: 'PUT',
      url: `/api/v1/campaigns/${world.campaign.id}/units/${unitId}/plan`,
      payload: {},
    })
  ).json();
  const created = (
    await admin.request({ method: 'POST', url: `/api/v1/plans/${plan.id}/sites`, payload: site })
  ).json();
  const desk = (
    await admin.request({ method: 'POST', url: `/api/v1/sites/${created.id}/desks`, payload: { name: '资料发放台' } })
  ).json();
  return desk.id;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminA = await login(t.app, world.users.adminA);
  deskA = await login(t.app, world.users.deskA);
  adminB = await login(t.app, world.users.adminB);
  deskB = await login(t.app, world.users.deskB);
  deskOfA = await buildDesk(adminA, world.unitA.id);
  deskOfB = await buildDesk(adminB, world.unitB.id);
});
afterAll(() => t?.close());

const create = (client: Client, body: Record<string, unknown>) =>
  client.request({ method: 'POST', url: '/api/v1/materials', payload: body });

const ofA = (body: Record<string, unknown>) => ({ campaignId: world.campaign.id, unitId: world.unitA.id, ...body });

const distribute = (client: Client, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  client.request({ method: 'POST', url: `/api/v1/materials/${id}/distributions`, payload: body, headers });

const count = async (table: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

const counts = () => Promise.all(['materials', 'material_distributions', 'audit_log'].map(count));

const fieldsOf = (response: { json: () => { error: { details: { field: string }[] } } }) =>
  response.json().error.details.map((d) => d.field);

describe('printed materials', () => {
  it('are added by the unit admin, counted out at the desks, and listed with the total handed out', async () => {
    const created = await create(adminA, ofA({ title: '供暖政策明白纸', kind: 'leaflet', printRun: 1000 }));
    expect(created.statusCode).toBe(201);
    const material = created.json();
    expect(material).toMatchObject({ title: '供暖政策明白纸', kind: 'leaflet', printRun: 1000, distributed: 0 });

    const atDesk = await distribute(deskA, material.id, { copies: 50, deskId: deskOfA });
    expect(atDesk.statusCode).toBe(201);
    expect(atDesk.json()).toMatchObject({ materialId: material.id, deskId: deskOfA, copies: 50 });
    const noDesk = await distribute(adminA, material.id, { copies: 30 });
    expect(noDesk.statusCode).toBe(201);
    expect(noDesk.json().deskId).toBeNull();

    const list = (
      await deskA.request({
        method: 'GET',
        url: `/api/v1/materials?campaignId=${world.campaign.id}&unitId=${world.unitA.id}`,
      })
    ).json();
    expect(list.items.find((m: { id: string }) => m.id === material.id)).toMatchObject({ distributed: 80 });
    const distributions = (
      await deskA.request({ method: 'GET', url: `/api/v1/materials/${material.id}/distributions` })
    ).json();
    expect(distributions.items.map((d: { copies: number }) => d.copies)).toEqual([30, 50]);
    expect(distributions.nextCursor).toBeNull();

    const stored = await t.db.query<{ campaign_id: string; recorded_by: string }>(
      'SELECT campaign_id, recorded_by FROM material_distributions WHERE id = $1',
      [atDesk.json().id],
    );
    expect(stored.rows[0]!.campaign_id).toBe(world.campaign.id);
    expect(stored.rows[0]!.recorded_by).toBe(atDesk.json().recordedBy);
    const audit = await t.db.query<{ entity: string; action: string; unit_id: string; campaign_id: string }>(
      `SELECT entity, action, unit_id, campaign_id FROM audit_log WHERE entity_id = ANY($1::text[]) ORDER BY occurred_at, id`,
      [[material.id, atDesk.json().id, noDesk.json().id]],
    );
    expect(audit.rows).toEqual([
      { entity: 'material', action: 'create', unit_id: world.unitA.id, campaign_id: world.campaign.id },
      { entity: 'material_distribution', action: 'create', unit_id: world.unitA.id, campaign_id: world.campaign.id },
      { entity: 'material_distribution', action: 'create', unit_id: world.unitA.id, campaign_id: world.campaign.id },
    ]);
  });

  it('are changed and deleted by the unit admin, with before and after audited', async () => {
    const material = (await create(adminA, ofA({ title: '办事指南', kind: 'service_guide' }))).json();
    expect(material.printRun).toBeNull();
    await distribute(deskA, material.id, { copies: 5 });
    const changed = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/materials/${material.id}`,
      payload: { printRun: 200, title: '不动产登记办事指南' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      printRun: 200,
      title: '不动产登记办事指南',
      kind: 'service_guide',
      distributed: 5,
    });
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/materials/${material.id}` })).statusCode).toBe(204);
    expect(
      (await t.db.query('SELECT 1 FROM material_distributions WHERE material_id = $1', [material.id])).rows,
    ).toHaveLength(0);
    const audit = await t.db.query<{ action: string; before: unknown; after: unknown }>(
      "SELECT action, before, after FROM audit_log WHERE entity = 'material' AND entity_id = $1 ORDER BY occurred_at, id",
      [material.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(audit.rows[1]).toMatchObject({ before: { printRun: null }, after: { printRun: 200 } });
    expect(audit.rows[2]).toMatchObject({ before: { title: '不动产登记办事指南', distributed: 5 }, after: null });
  });

  it('stores a retried distribution with the same Idempotency-Key once', async () => {
    const material = (await create(adminA, ofA({ title: '宣传册', kind: 'brochure' }))).json();
    const headers = { 'idempotency-key': 'desk-a-material-0001' };
    const [first, second] = await Promise.all([
      distribute(deskA, material.id, { copies: 20, deskId: deskOfA }, headers),
      distribute(deskA, material.id, { copies: 20, deskId: deskOfA }, headers),
    ]);
    const third = await distribute(deskA, material.id, { copies: 20, deskId: deskOfA }, headers);
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([201, 201, 201]);
    expect(second.json().id).toBe(first.json().id);
    expect(third.json().id).toBe(first.json().id);
    expect(third.headers['idempotent-replayed']).toBe('true');
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM material_distributions WHERE material_id = $1',
      [material.id],
    );
    expect(rows[0]!.n).toBe(1);
    const reused = await distribute(deskA, material.id, { copies: 21, deskId: deskOfA }, headers);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const material = (await create(adminA, ofA({ title: '手册', kind: 'handbook' }))).json();
    const before = await counts();
    const cases: [Promise<Awaited<ReturnType<typeof create>>>, string][] = [
      [create(adminA, ofA({ kind: 'leaflet' })), 'title'],
      [create(adminA, ofA({ title: '', kind: 'leaflet' })), 'title'],
      [create(adminA, ofA({ title: 'x', kind: 'flyer' })), 'kind'],
      [create(adminA, ofA({ title: 'x', kind: 'leaflet', printRun: -1 })), 'printRun'],
      [create(adminA, ofA({ title: 'x', kind: 'leaflet', unitId: 'a' })), 'unitId'],
      [distribute(deskA, material.id, { copies: 0 }), 'copies'],
      [distribute(deskA, material.id, {}), 'copies'],
      [distribute(deskA, material.id, { copies: 2.5 }), 'copies'],
      [distribute(deskA, material.id, { copies: 1, deskId: 'desk-1' }), 'deskId'],
      [distribute(deskA, material.id, { copies: 1, note: 'x' }), 'note'],
      [adminA.request({ method: 'PATCH', url: `/api/v1/materials/${material.id}`, payload: {} }), 'body'],
      [adminA.request({ method: 'GET', url: '/api/v1/materials?limit=0' }), 'querystring.limit'],
    ];
    for (const [pending, field] of cases) {
      const response = await pending;
      expect(response.statusCode, response.body).toBe(400);
      expect(fieldsOf(response), response.body).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses rule breaks with 422 naming the field, and stores nothing', async () => {
    const material = (await create(adminA, ofA({ title: '明白纸', kind: 'leaflet' }))).json();
    const outsider = await buildUnit(t.db, { regionId: world.cityA.id, parentId: world.unitA.id });
    const before = await counts();
    const cases: [Promise<Awaited<ReturnType<typeof create>>>, string][] = [
      [distribute(deskA, material.id, { copies: 1, deskId: deskOfB }), 'deskId'],
      [distribute(deskA, material.id, { copies: 1, deskId: '0190c0de-0000-7000-8000-000000000000' }), 'deskId'],
      [create(adminA, ofA({ title: 'x', kind: 'leaflet', unitId: outsider.id })), 'unitId'],
      [
        create(adminA, ofA({ title: 'x', kind: 'leaflet', campaignId: '0190c0de-0000-7000-8000-000000000000' })),
        'campaignId',
      ],
    ];
    for (const [pending, field] of cases) {
      const response = await pending;
      expect(response.statusCode, response.body).toBe(422);
      expect(fieldsOf(response)).toEqual([field]);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('across units and roles', () => {
  it("keeps unit B's staff out of unit A's materials; desk staff count but do not edit", async () => {
    const material = (await create(adminA, ofA({ title: '甲市宣传单', kind: 'leaflet', printRun: 10 }))).json();
    const before = await counts();
    const responder = await login(t.app, world.users.responderA);
    const refused = [
      // Another unit's material is not found; the roles without the action are forbidden.
      [await distribute(deskB, material.id, { copies: 1 }), 404],
      [await distribute(adminB, material.id, { copies: 1 }), 404],
      [
        await adminB.request({ method: 'PATCH', url: `/api/v1/materials/${material.id}`, payload: { printRun: 1 } }),
        404,
      ],
      [await adminB.request({ method: 'DELETE', url: `/api/v1/materials/${material.id}` }), 404],
      [await deskB.request({ method: 'GET', url: `/api/v1/materials/${material.id}/distributions` }), 404],
      [await create(adminB, ofA({ title: 'x', kind: 'leaflet' })), 403],
      [await create(deskA, ofA({ title: 'x', kind: 'leaflet' })), 403],
      [
        await deskA.request({ method: 'PATCH', url: `/api/v1/materials/${material.id}`, payload: { printRun: 1 } }),
        403,
      ],
      [await deskA.request({ method: 'DELETE', url: `/api/v1/materials/${material.id}` }), 403],
      [await distribute(responder, material.id, { copies: 1 }), 403],
    ] as const;
    expect(refused.map(([r]) => r.statusCode)).toEqual(refused.map(([, status]) => status));
    expect(await counts()).toEqual(before);

    const listB = (
      await deskB.request({ method: 'GET', url: `/api/v1/materials?campaignId=${world.campaign.id}` })
    ).json();
    expect(listB.items.every((m: { unitId: string }) => m.unitId === world.unitB.id)).toBe(true);
    const probed = (await deskB.request({ method: 'GET', url: `/api/v1/materials?unitId=${world.unitA.id}` })).json();
    expect(probed.items).toEqual([]);
  });

  it('lists materials and distributions by keyset pages that cover every row once', async () => {
    const material = (
      await create(adminA, { campaignId: world.campaign.id, unitId: world.subUnitA.id, title: '分页', kind: 'other' })
    ).json();
    for (let i = 1; i <= 5; i++) await distribute(deskA, material.id, { copies: i });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/materials/${material.id}/distributions?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await deskA.request({ method: 'GET', url })).json();
      seen.push(...page.items.map((d: { copies: number }) => d.copies));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    const firstPage = (await adminA.request({ method: 'GET', url: '/api/v1/materials?limit=1' })).json();
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const next = (
      await adminA.request({ method: 'GET', url: `/api/v1/materials?limit=1&cursor=${firstPage.nextCursor}` })
    ).json();
    expect(next.items[0].id).not.toBe(firstPage.items[0].id);
    const bad = await adminA.request({ method: 'GET', url: '/api/v1/materials?cursor=bm90LWEtY3Vyc29y' });
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad)).toEqual(['cursor']);
  });
});
