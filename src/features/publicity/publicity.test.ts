import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUnit, buildWorld } from '../../../test/builders.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let deskA: Client;
let adminA: Client;
let deskB: Client;
let adminB: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  deskA = await login(t.app, world.users.deskA);
  adminA = await login(t.app, world.users.adminA);
  deskB = await login(t.app, world.users.deskB);
  adminB = await login(t.app, world.users.adminB);
});
afterAll(() => t?.close());

const record = (client: Client, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  client.request({ method: 'POST', url: '/api/v1/publicity', payload: body, headers });

const ofA = (body: Record<string, unknown>) => ({ campaignId: world.campaign.id, unitId: world.unitA.id, ...body });

const count = async (table: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

const fieldsOf = (response: { json: () => { error: { details: { field: string }[] } } }) =>
  response.json().error.details.map((d) => d.field);

describe('recording publicity', () => {
  it('stores banners, LED slogans and online posts, answers 201 and audits the write', async () => {
    const banner = await record(deskA, ofA({ kind: 'banner', location: '单位正门', shownFrom: '2026-05-08' }));
    expect(banner.statusCode).toBe(201);
    expect(banner.json()).toMatchObject({
      kind: 'banner',
      quantity: 1,
      text: null,
      url: null,
      location: '单位正门',
      shownFrom: '2026-05-08',
      unitId: world.unitA.id,
    });
    const slogan = await record(deskA, ofA({ kind: 'led_slogan', quantity: 3, text: '推进政务公开 建设法治政府' }));
    expect(slogan.statusCode).toBe(201);
    const post = await record(
      adminA,
      ofA({ kind: 'online_post', url: 'https://www.example.gov.cn/xxgk/2026/0515.html', text: '政务公开日活动预告' }),
    );
    expect(post.statusCode).toBe(201);
    const many = await record(adminA, ofA({ kind: 'panel', quantity: 2147483647 }));
    expect(many.statusCode).toBe(201);
    expect(many.json().quantity).toBe(2147483647);

    const audit = await t.db.query<{ action: string; unit_id: string; campaign_id: string; after: { kind: string } }>(
      "SELECT action, unit_id, campaign_id, after FROM audit_log WHERE entity = 'publicity_item' AND entity_id = $1",
      [slogan.json().id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'create',
        unit_id: world.unitA.id,
        campaign_id: world.campaign.id,
        after: expect.objectContaining({ kind: 'led_slogan', quantity: 3 }),
      }),
    ]);
    const stored = await t.db.query<{ created_by: string }>('SELECT created_by FROM publicity_items WHERE id = $1', [
      banner.json().id,
    ]);
    expect(stored.rows[0]!.created_by).toBe(banner.json().createdBy);
  });

  it('changes an item and audits before and after; the unit admin deletes', async () => {
    const item = (await record(deskA, ofA({ kind: 'poster', quantity: 10 }))).json();
    const changed = await deskA.request({
      method: 'PATCH',
      url: `/api/v1/publicity/${item.id}`,
      payload: { quantity: 12 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: item.id, kind: 'poster', quantity: 12 });
    expect((await deskA.request({ method: 'DELETE', url: `/api/v1/publicity/${item.id}` })).statusCode).toBe(403);
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/publicity/${item.id}` })).statusCode).toBe(204);
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/publicity/${item.id}` })).statusCode).toBe(404);
    const audit = await t.db.query<{ action: string; before: { quantity: number } | null; after: unknown }>(
      "SELECT action, before, after FROM audit_log WHERE entity = 'publicity_item' AND entity_id = $1 ORDER BY occurred_at, id",
      [item.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(audit.rows[1]).toMatchObject({ before: { quantity: 10 }, after: { quantity: 12 } });
    expect(audit.rows[2]).toMatchObject({ before: { quantity: 12 }, after: null });
  });

  it('stores a retry with the same Idempotency-Key once', async () => {
    const before = await count('publicity_items');
    const headers = { 'idempotency-key': 'publicity-a-0001' };
    const body = ofA({ kind: 'newspaper_window', location: '社区报栏' });
    const first = await record(deskA, body, headers);
    const second = await record(deskA, body, headers);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await count('publicity_items')).toBe(before + 1);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const before = await Promise.all(['publicity_items', 'audit_log'].map(count));
    const cases: [Record<string, unknown>, string][] = [
      [{ unitId: world.unitA.id, kind: 'banner' }, 'campaignId'],
      [ofA({ kind: 'flag' }), 'kind'],
      [ofA({ kind: 'banner', quantity: 0 }), 'quantity'],
      [ofA({ kind: 'banner', quantity: 1.5 }), 'quantity'],
      [ofA({ kind: 'banner', quantity: 2147483648 }), 'quantity'],
      [ofA({ kind: 'online_post', url: 'ftp://example.gov.cn/a' }), 'url'],
      [ofA({ kind: 'online_post', url: 'javascript:alert(1)' }), 'url'],
      [ofA({ kind: 'online_post', url: 'not a url' }), 'url'],
      [ofA({ kind: 'led_slogan', text: 'x'.repeat(501) }), 'text'],
      [ofA({ kind: 'banner', shownFrom: '2026-02-30' }), 'shownFrom'],
      [ofA({ kind: 'banner', color: 'red' }), 'color'],
    ];
    for (const [body, field] of cases) {
      const response = await record(deskA, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
      expect(fieldsOf(response), JSON.stringify(body)).toContain(field);
    }
    const item = (await record(deskA, ofA({ kind: 'banner' }))).json();
    const badPatch = await deskA.request({ method: 'PATCH', url: `/api/v1/publicity/${item.id}`, payload: {} });
    expect(badPatch.statusCode).toBe(400);
    const badQuery = await deskA.request({ method: 'GET', url: '/api/v1/publicity?kind=flag' });
    expect(badQuery.statusCode).toBe(400);
    expect(fieldsOf(badQuery)).toContain('querystring.kind');
    expect(await Promise.all(['publicity_items', 'audit_log'].map(count))).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('refuses rule breaks with 422 naming the field, and stores nothing', async () => {
    const banner = (await record(deskA, ofA({ kind: 'banner' }))).json();
    const outsider = await buildUnit(t.db, { regionId: world.cityA.id, parentId: world.unitA.id });
    const before = await Promise.all(['publicity_items', 'audit_log'].map(count));
    const cases: [Promise<Awaited<ReturnType<typeof record>>>, string][] = [
      [record(deskA, ofA({ kind: 'led_slogan' })), 'text'],
      [record(deskA, ofA({ kind: 'led_slogan', text: null })), 'text'],
      [record(deskA, ofA({ kind: 'online_post', text: '预告' })), 'url'],
      [record(deskA, ofA({ kind: 'banner', unitId: outsider.id })), 'unitId'],
      [record(deskA, ofA({ kind: 'banner', campaignId: '0190c0de-0000-7000-8000-000000000000' })), 'campaignId'],
      [record(deskA, ofA({ kind: 'banner', unitId: '0190c0de-0000-7000-8000-000000000000' })), 'unitId'],
      [
        deskA.request({ method: 'PATCH', url: `/api/v1/publicity/${banner.id}`, payload: { kind: 'led_slogan' } }),
        'text',
      ],
      [
        deskA.request({ method: 'PATCH', url: `/api/v1/publicity/${banner.id}`, payload: { kind: 'online_post' } }),
        'url',
      ],
    ];
    for (const [pending, field] of cases) {
      const response = await pending;
      expect(response.statusCode, response.body).toBe(422);
      expect(fieldsOf(response)).toEqual([field]);
    }
    expect(await Promise.all(['publicity_items', 'audit_log'].map(count))).toEqual(before);
    const unchanged = await t.db.query<{ kind: string }>('SELECT kind FROM publicity_items WHERE id = $1', [banner.id]);
    expect(unchanged.rows[0]!.kind).toBe('banner');
  });
});

describe('media coverage and online posts', () => {
  const report = {
    kind: 'media_report',
    outlet: '辽宁日报',
    outletEn: 'Liaoning Daily',
    medium: 'newspaper',
    shownFrom: '2026-05-16',
    text: '我市举办政务公开日活动',
    url: 'https://epaper.lnd.com.cn/2026/0516/a3.html',
    reach: 12000,
  };

  it('records a media report and a WeChat post, reads them back and audits them', async () => {
    const created = await record(adminA, ofA(report));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ ...report, quantity: 1, location: null });
    const post = await record(
      deskA,
      ofA({
        kind: 'online_post',
        medium: 'wechat',
        outlet: '甲市发布',
        url: 'https://mp.weixin.qq.com/s/a1',
        reach: 0,
      }),
    );
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json()).toMatchObject({ medium: 'wechat', reach: 0, outletEn: null });
    // An online post recorded as before, without a medium, stays valid.
    const plain = await record(deskA, ofA({ kind: 'online_post', url: 'https://www.example.gov.cn/a.html' }));
    expect(plain.json()).toMatchObject({ medium: null, outlet: null, reach: null });

    const listed = (
      await adminA.request({
        method: 'GET',
        url: `/api/v1/publicity?campaignId=${world.campaign.id}&kind=media_report&medium=newspaper`,
      })
    ).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(created.json().id);
    expect(listed.items.every((i: { medium: string }) => i.medium === 'newspaper')).toBe(true);

    const changed = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/publicity/${created.json().id}`,
      payload: { reach: 15000, outletEn: null },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ reach: 15000, outletEn: null, outlet: '辽宁日报' });
    const audit = await t.db.query<{ action: string; before: { reach: number } | null; after: { reach: number } }>(
      "SELECT action, before, after FROM audit_log WHERE entity = 'publicity_item' AND entity_id = $1 ORDER BY occurred_at, id",
      [created.json().id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(audit.rows[0]!.after).toMatchObject({ outlet: '辽宁日报', medium: 'newspaper', reach: 12000 });
    expect(audit.rows[1]).toMatchObject({ before: { reach: 12000 }, after: { reach: 15000 } });
  });

  it('refuses a bad link, negative reads and an unknown medium with 400 naming the field', async () => {
    const before = await Promise.all(['publicity_items', 'audit_log'].map(count));
    const cases: [Record<string, unknown>, string][] = [
      [ofA({ ...report, url: 'lnd.com.cn/a3' }), 'url'],
      [ofA({ ...report, url: 'ftp://lnd.com.cn/a3' }), 'url'],
      [ofA({ ...report, reach: -1 }), 'reach'],
      [ofA({ ...report, reach: 1.5 }), 'reach'],
      [ofA({ ...report, medium: 'magazine' }), 'medium'],
      [ofA({ ...report, outlet: '' }), 'outlet'],
      [ofA({ ...report, outlet: 'x'.repeat(101) }), 'outlet'],
      [ofA({ ...report, kind: 'press' }), 'kind'],
      [ofA({ ...report, platform: 'wechat' }), 'platform'],
    ];
    for (const [body, field] of cases) {
      const response = await record(adminA, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(response), JSON.stringify(body)).toContain(field);
    }
    const badQuery = await adminA.request({ method: 'GET', url: '/api/v1/publicity?medium=magazine' });
    expect(badQuery.statusCode).toBe(400);
    expect(fieldsOf(badQuery)).toContain('querystring.medium');
    expect(await Promise.all(['publicity_items', 'audit_log'].map(count))).toEqual(before);
  });

  it('refuses a report without its outlet, medium or title, and media fields on a banner, with 422', async () => {
    const banner = (await record(deskA, ofA({ kind: 'banner' }))).json();
    const before = await Promise.all(['publicity_items', 'audit_log'].map(count));
    const without = (field: string) => ofA(Object.fromEntries(Object.entries(report).filter(([k]) => k !== field)));
    const cases: [Promise<Awaited<ReturnType<typeof record>>>, string][] = [
      [record(adminA, without('outlet')), 'outlet'],
      [record(adminA, without('medium')), 'medium'],
      [record(adminA, without('text')), 'text'],
      [record(adminA, ofA({ kind: 'banner', reach: 10 })), 'reach'],
      [record(adminA, ofA({ kind: 'poster', outlet: '辽宁日报' })), 'outlet'],
      [record(adminA, ofA({ kind: 'online_post', url: 'https://a.cn/', medium: 'tv' })), 'medium'],
      [
        adminA.request({ method: 'PATCH', url: `/api/v1/publicity/${banner.id}`, payload: { medium: 'wechat' } }),
        'medium',
      ],
    ];
    for (const [pending, field] of cases) {
      const response = await pending;
      expect(response.statusCode, response.body).toBe(422);
      expect(fieldsOf(response)).toEqual([field]);
    }
    expect(await Promise.all(['publicity_items', 'audit_log'].map(count))).toEqual(before);
  });

  it("keeps another unit's staff and a responder from recording coverage", async () => {
    expect((await record(adminB, ofA(report))).statusCode).toBe(403);
    expect((await record(await login(t.app, world.users.responderA), ofA(report))).statusCode).toBe(403);
  });
});

describe('across units', () => {
  it("keeps unit B's staff out of unit A's publicity", async () => {
    const item = (await record(deskA, ofA({ kind: 'banner', location: '甲市' }))).json();
    const before = await Promise.all(['publicity_items', 'audit_log'].map(count));
    expect((await record(deskB, ofA({ kind: 'banner' }))).statusCode).toBe(403);
    expect((await record(adminB, ofA({ kind: 'banner' }))).statusCode).toBe(403);
    expect(
      (await deskB.request({ method: 'PATCH', url: `/api/v1/publicity/${item.id}`, payload: { quantity: 9 } }))
        .statusCode,
    ).toBe(404);
    expect((await adminB.request({ method: 'DELETE', url: `/api/v1/publicity/${item.id}` })).statusCode).toBe(404);
    const responder = await login(t.app, world.users.responderA);
    expect((await record(responder, ofA({ kind: 'banner' }))).statusCode).toBe(403);
    expect(await Promise.all(['publicity_items', 'audit_log'].map(count))).toEqual(before);

    const listB = (
      await deskB.request({ method: 'GET', url: `/api/v1/publicity?campaignId=${world.campaign.id}` })
    ).json();
    expect(listB.items.every((i: { unitId: string }) => i.unitId === world.unitB.id)).toBe(true);
    const probed = (await deskB.request({ method: 'GET', url: `/api/v1/publicity?unitId=${world.unitA.id}` })).json();
    expect(probed.items).toEqual([]);
    const organizer = await login(t.app, world.users.organizer);
    const listOrganizer = (
      await organizer.request({ method: 'GET', url: `/api/v1/publicity?unitId=${world.unitA.id}` })
    ).json();
    expect(listOrganizer.items.map((i: { id: string }) => i.id)).toContain(item.id);
  });

  it('lists with filters and keyset pages that cover every item once', async () => {
    for (let i = 0; i < 7; i++) {
      await record(adminA, {
        campaignId: world.campaign.id,
        unitId: world.subUnitA.id,
        kind: 'poster',
        quantity: i + 1,
      });
    }
    await record(adminA, { campaignId: world.campaign.id, unitId: world.subUnitA.id, kind: 'banner' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `campaignId=${world.campaign.id}&unitId=${world.subUnitA.id}&kind=poster&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await adminA.request({ method: 'GET', url: `/api/v1/publicity?${query}` })).json();
      expect(page.items.every((i: { kind: string }) => i.kind === 'poster')).toBe(true);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const badCursor = await adminA.request({ method: 'GET', url: '/api/v1/publicity?cursor=WyJ4IiwieSJd' });
    expect(badCursor.statusCode).toBe(422);
    expect(fieldsOf(badCursor)).toEqual(['cursor']);
  });
});
