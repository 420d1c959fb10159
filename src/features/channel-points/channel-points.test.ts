import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildRegion, buildWorld } from '../../../test/builders.ts';
import { documentText } from '../summaries/document.ts';
import type { Region } from '../regions/schema.ts';

/** A unit's hotlines and mailboxes with their villages; consultations through them; publicity in a village. */

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: Client;
let desk: Client;
let adminB: Client;
let organizer: Client;
/** Villages under unit A's city, and one under city B. */
let village: Region;
let otherVillage: Region;
let villageOfB: Region;
let key = 0;

const api = (client: Client, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) =>
  client.request({
    method,
    url: `/api/v1${url}`,
    ...(body !== undefined && { payload: body }),
    headers: method === 'POST' ? { 'idempotency-key': `channel-points-${++key}` } : {},
  });

const pointsUrl = () => `/campaigns/${world.campaign.id}/units/${world.unitA.id}/channel-points`;

const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.db.query<{ n: string }>(sql, params)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  admin = await login(t.app, world.users.adminA);
  desk = await login(t.app, world.users.deskA);
  adminB = await login(t.app, world.users.adminB);
  organizer = await login(t.app, world.users.organizer);
  village = await buildRegion(t.db, {
    level: 'community',
    name: '箱子村',
    nameEn: 'Box Village',
    parentId: world.cityA.id,
  });
  otherVillage = await buildRegion(t.db, { level: 'community', name: '石门村', parentId: world.cityA.id });
  villageOfB = await buildRegion(t.db, { level: 'community', name: '乙村', parentId: world.cityB.id });
}, 600_000);
afterAll(() => t?.close());

describe('channel points', () => {
  let mailboxId: string;
  let hotlineId: string;

  it('are added by the unit admin, each with its village, address or number, and audited', async () => {
    const mailbox = await api(admin, 'POST', pointsUrl(), {
      kind: 'mailbox',
      name: '箱子村意见箱',
      nameEn: 'Box Village mailbox',
      regionId: village.id,
      address: '箱子村村委会门口',
    });
    expect(mailbox.statusCode, mailbox.body).toBe(201);
    expect(mailbox.json()).toMatchObject({ kind: 'mailbox', regionId: village.id, number: null });
    mailboxId = mailbox.json().id;
    const hotline = await api(admin, 'POST', pointsUrl(), {
      kind: 'hotline',
      name: '政务服务热线',
      number: '024-4581234',
    });
    expect(hotline.statusCode, hotline.body).toBe(201);
    hotlineId = hotline.json().id;
    const list = await api(organizer, 'GET', pointsUrl());
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['政务服务热线', '箱子村意见箱']);
    const entries = await t.db.query<{ action: string; unit_id: string }>(
      "SELECT action, unit_id FROM audit_log WHERE entity = 'channel_point' AND entity_id = $1",
      [mailboxId],
    );
    expect(entries.rows).toEqual([{ action: 'create', unit_id: world.unitA.id }]);
  });

  it('refuses bad input with 4xx naming the field, storing nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM channel_points');
    const cases: [object, number, string][] = [
      [{ kind: 'hotline', name: '无号码热线' }, 422, 'number'],
      [{ kind: 'mailbox', name: '无处意见箱' }, 422, 'address'],
      [{ kind: 'mailbox', name: '外村意见箱', regionId: villageOfB.id }, 422, 'regionId'],
      [{ kind: 'mailbox', name: '市级意见箱', regionId: world.cityA.id }, 422, 'regionId'],
      [{ kind: 'fax', name: '传真' }, 400, 'kind'],
      [{ kind: 'hotline', name: '坏号码', number: 'call me' }, 400, 'number'],
      [{ kind: 'hotline', name: '政务服务热线', number: '12345' }, 409, 'name'],
    ];
    for (const [body, status, field] of cases) {
      const response = await api(admin, 'POST', pointsUrl(), body);
      expect(response.statusCode, `${JSON.stringify(body)}: ${response.body}`).toBe(status);
      expect(JSON.stringify(response.json().error.details)).toContain(field);
    }
    expect(await count('SELECT count(*) AS n FROM channel_points')).toBe(before);
  });

  it('are kept by the unit admin only: desk staff and another unit are refused, organizers read', async () => {
    expect((await api(desk, 'POST', pointsUrl(), { kind: 'hotline', name: '台', number: '12345' })).statusCode).toBe(
      403,
    );
    expect((await api(organizer, 'PATCH', `/channel-points/${mailboxId}`, { name: '改名' })).statusCode).toBe(403);
    expect((await api(adminB, 'PATCH', `/channel-points/${mailboxId}`, { name: '改名' })).statusCode).toBe(404);
    expect((await api(adminB, 'GET', pointsUrl())).statusCode).toBe(403);
    expect((await api(desk, 'GET', pointsUrl())).statusCode).toBe(200);
  });

  it('are changed through the audited patch, the village checked again', async () => {
    const moved = await api(admin, 'PATCH', `/channel-points/${mailboxId}`, { regionId: otherVillage.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().regionId).toBe(otherVillage.id);
    const wrong = await api(admin, 'PATCH', `/channel-points/${mailboxId}`, { regionId: villageOfB.id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details[0].field).toBe('regionId');
    const noNumber = await api(admin, 'PATCH', `/channel-points/${hotlineId}`, { number: null });
    expect(noNumber.json().error.details[0].field).toBe('number');
    const entry = await t.db.query<{ before: { regionId: string }; after: { regionId: string } }>(
      "SELECT before, after FROM audit_log WHERE entity = 'channel_point' AND entity_id = $1 AND action = 'update'",
      [mailboxId],
    );
    expect(entry.rows).toEqual([
      {
        before: expect.objectContaining({ regionId: village.id }),
        after: expect.objectContaining({ regionId: otherVillage.id }),
      },
    ]);
    await api(admin, 'PATCH', `/channel-points/${mailboxId}`, { regionId: village.id });
  });

  it('are named by consultations, whose channel they say; another unit’s is refused', async () => {
    const base = {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: '村里路灯坏了',
      outcome: 'suggestion',
    };
    const letter = await api(desk, 'POST', '/consultations', { ...base, channelPointId: mailboxId });
    expect(letter.statusCode, letter.body).toBe(201);
    expect(letter.json()).toMatchObject({ channel: 'mailbox', channelPointId: mailboxId });
    const call = await api(desk, 'POST', '/consultations', { ...base, channel: 'hotline', channelPointId: hotlineId });
    expect(call.statusCode, call.body).toBe(201);

    const before = await count('SELECT count(*) AS n FROM consultations');
    const mismatch = await api(desk, 'POST', '/consultations', {
      ...base,
      channel: 'hotline',
      channelPointId: mailboxId,
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.details[0]).toMatchObject({ field: 'channelPointId' });
    const pointOfB = await api(
      adminB,
      'POST',
      `/campaigns/${world.campaign.id}/units/${world.unitB.id}/channel-points`,
      { kind: 'mailbox', name: '乙村意见箱', regionId: villageOfB.id },
    );
    expect(pointOfB.statusCode, pointOfB.body).toBe(201);
    const foreign = await api(desk, 'POST', '/consultations', { ...base, channelPointId: pointOfB.json().id });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().error.details[0]).toMatchObject({ field: 'channelPointId' });
    expect(await count('SELECT count(*) AS n FROM consultations')).toBe(before);

    const patched = await api(admin, 'PATCH', `/consultations/${call.json().id}`, { channelPointId: mailboxId });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ channel: 'mailbox', channelPointId: mailboxId });
    const refused = await api(admin, 'PATCH', `/consultations/${call.json().id}`, {
      channelPointId: pointOfB.json().id,
    });
    expect(refused.json().error.details[0]).toMatchObject({ field: 'channelPointId' });

    const inUse = await api(admin, 'DELETE', `/channel-points/${mailboxId}`);
    expect(inUse.statusCode).toBe(409);
  });

  it('are named by letters and calls entered for a citizen, which take a case', async () => {
    const base = {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      kind: 'question',
      text: '村里的低保名单在哪里公示？',
    };
    const letter = await api(desk, 'POST', '/cases/intake', { ...base, channel: 'mailbox', channelPointId: mailboxId });
    expect(letter.statusCode, letter.body).toBe(201);
    const stored = await t.db.query<{ channel_point_id: string }>(
      'SELECT channel_point_id FROM consultations WHERE id = $1',
      [letter.json().consultationId],
    );
    expect(stored.rows[0]!.channel_point_id).toBe(mailboxId);
    const before = await count('SELECT count(*) AS n FROM consultations');
    const wrongKind = await api(desk, 'POST', '/cases/intake', {
      ...base,
      channel: 'hotline',
      channelPointId: mailboxId,
    });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.json().error.details[0].field).toBe('channelPointId');
    const unknown = await api(desk, 'POST', '/cases/intake', {
      ...base,
      channel: 'mailbox',
      channelPointId: '0190c0de-0000-7000-8000-000000000000',
    });
    expect(unknown.json().error.details[0].field).toBe('channelPointId');
    expect(await count('SELECT count(*) AS n FROM consultations')).toBe(before);
  });

  it('a publicity item names a village under its unit’s region', async () => {
    const base = { campaignId: world.campaign.id, unitId: world.unitA.id, kind: 'poster', quantity: 20 };
    const ok = await api(admin, 'POST', '/publicity', { ...base, regionId: village.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().regionId).toBe(village.id);
    const wrong = await api(admin, 'POST', '/publicity', { ...base, regionId: villageOfB.id });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details[0].field).toBe('regionId');
    const patch = await api(admin, 'PATCH', `/publicity/${ok.json().id}`, { regionId: villageOfB.id });
    expect(patch.statusCode).toBe(422);
  });

  it('is deleted when no consultation came through it, audited', async () => {
    const spare = await api(admin, 'POST', pointsUrl(), { kind: 'mailbox', name: '备用意见箱', address: '乡政府门口' });
    const removed = await api(admin, 'DELETE', `/channel-points/${spare.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE entity = 'channel_point' AND entity_id = $1 AND action = 'delete'",
        [spare.json().id],
      ),
    ).toBe(1);
  });

  it('counts per village: the points there, what came through them, the publicity put up there', async () => {
    const second = await api(admin, 'POST', pointsUrl(), {
      kind: 'mailbox',
      name: '石门村意见箱',
      regionId: otherVillage.id,
    });
    expect(second.statusCode, second.body).toBe(201);
    const base = { campaignId: world.campaign.id, unitId: world.unitA.id, outcome: 'answered_on_spot' };
    for (const [channelPointId, question] of [
      [second.json().id, '低保怎么申请？'],
      [hotlineId, '乡里几点上班？'],
    ])
      expect((await api(desk, 'POST', '/consultations', { ...base, channelPointId, question })).statusCode).toBe(201);
    const statistics = await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`);
    expect(statistics.statusCode, statistics.body).toBe(200);
    const row = statistics.json().rows.find((r: { unitId: string }) => r.unitId === world.unitA.id);
    expect(row.channelPoints).toEqual({ hotlines: 1, mailboxes: 2, villages: 2, consultations: 5, peopleReceived: 5 });
    expect(row.villages).toEqual([
      {
        regionId: village.id,
        name: '箱子村',
        nameEn: 'Box Village',
        hotlines: 0,
        mailboxes: 1,
        consultations: 3,
        peopleReceived: 3,
        publicityItems: 1,
        publicityQuantity: 20,
      },
      expect.objectContaining({ regionId: otherVillage.id, mailboxes: 1, consultations: 1, publicityItems: 0 }),
    ]);
    const rowB = statistics.json().rows.find((r: { unitId: string }) => r.unitId === world.unitB.id);
    expect(rowB.channelPoints).toMatchObject({ mailboxes: 1, villages: 1, consultations: 0 });
    expect(statistics.json().totals).not.toHaveProperty('villages');
  });

  it('are listed per village for the console: each reader sees the units they may see, with the totals', async () => {
    const all = await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics/villages`);
    expect(all.statusCode, all.body).toBe(200);
    const statistics = (await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`)).json();
    // The same figures as the statistics' rows, unit by unit.
    const expected = statistics.rows.flatMap(
      (row: { unitId: string; unitName: string; unitNameEn: string | null; villages: object[] }) =>
        row.villages.map((v) => ({ unitId: row.unitId, unitName: row.unitName, unitNameEn: row.unitNameEn, ...v })),
    );
    expect(all.json().rows).toEqual(expected);
    expect(all.json().rows.map((r: { name: string }) => r.name)).toEqual(['箱子村', '石门村', '乙村']);
    expect(all.json().totals).toEqual({
      villages: 3,
      hotlines: 0,
      mailboxes: 3,
      consultations: 4,
      publicityItems: 1,
      publicityQuantity: 20,
    });
    // Unit B's admin sees unit B's village only; unit A's admin, unit A's (its sub-unit has none).
    const ofB = await api(adminB, 'GET', `/campaigns/${world.campaign.id}/statistics/villages`);
    expect(ofB.statusCode, ofB.body).toBe(200);
    expect(ofB.json().rows.map((r: { unitId: string; name: string }) => [r.unitId, r.name])).toEqual([
      [world.unitB.id, '乙村'],
    ]);
    const ofA = await api(admin, 'GET', `/campaigns/${world.campaign.id}/statistics/villages`);
    expect(ofA.json().rows.map((r: { name: string }) => r.name)).toEqual(['箱子村', '石门村']);
    expect(ofA.json().totals).toMatchObject({ villages: 2, mailboxes: 2, consultations: 4 });
    const missing = await api(organizer, 'GET', `/campaigns/00000000-0000-7000-8000-000000000000/statistics/villages`);
    expect(missing.statusCode).toBe(404);
  });

  it('are named in the consultations export', async () => {
    const exported = await admin.request({
      method: 'GET',
      url: `/api/v1/exports/consultations.csv?campaignId=${world.campaign.id}&unitId=${world.unitA.id}&columns=channel,channelPoint,question`,
    });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.body).toContain('热线或意见箱');
    expect(exported.body).toContain('石门村意见箱');
  });

  it('are published per village in the open data, small counts withheld', async () => {
    const open = await t.app.inject({
      method: 'GET',
      url: `/open-data/campaigns/${world.campaign.slug}/figures-by-village.json`,
    });
    expect(open.statusCode, open.body).toBe(200);
    const rows = open.json().rows as { row_type: string; region_name: string | null; consultations: number | null }[];
    expect(rows.map((r) => r.region_name)).toEqual(['箱子村', '石门村', '乙村', null]);
    // Three, one and no questions: about fewer people than the threshold, so withheld but for the zero.
    expect(rows.map((r) => r.consultations)).toEqual([null, null, 0, null]);
  });

  it('are stated by the summary in both languages, zero counts left out', async () => {
    const url = (unitId: string) => `/summaries/campaigns/${world.campaign.id}/units/${unitId}/summary`;
    const generated = await api(admin, 'POST', `${url(world.unitA.id)}/generate`);
    expect(generated.statusCode, generated.body).toBe(200);
    const zh = documentText(generated.json().document);
    const en = documentText((await api(admin, 'GET', `${url(world.unitA.id)}?lang=en-US`)).json().document);
    expect(zh).toContain(
      '开通热线1条，设置意见箱2个，其中2个设在箱子村和石门村等2个村（社区），共收到群众咨询5件（5人次）。',
    );
    expect(en).toContain(
      '1 hotline and 2 mailboxes were set up, 2 of them in 2 villages and communities (Box Village and Shimen',
    );
    expect(en).toContain('receiving 5 questions from 5 people.');
    const generatedB = await api(adminB, 'POST', `${url(world.unitB.id)}/generate`);
    const zhB = documentText(generatedB.json().document);
    expect(zhB).toContain('设置意见箱1个，设在乙村。');
    expect(zhB).not.toContain('热线');
    const enB = documentText((await api(adminB, 'GET', `${url(world.unitB.id)}?lang=en-US`)).json().document);
    expect(enB).toMatch(/1 mailbox was set up in [^,.]+\./);
  });
});
