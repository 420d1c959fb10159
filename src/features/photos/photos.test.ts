import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { multipartFile } from '../../../test/uploads/multipart.ts';
import { MAX_PHOTOS_PER_UNIT } from './service.ts';

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

/**
 * A minimal EXIF block (big-endian TIFF) whose only content is a GPS position: IFD0 points to a
 * GPS IFD holding GPSLatitudeRef "N" and GPSLatitude 39° 54' 27".
 */
function gpsExif(): Buffer {
  const tiff = Buffer.alloc(80);
  tiff.write('MM', 0, 'ascii');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // IFD0: one entry
  tiff.writeUInt16BE(0x8825, 10); // GPSInfo
  tiff.writeUInt16BE(4, 12); // LONG
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18); // → GPS IFD
  tiff.writeUInt32BE(0, 22);
  tiff.writeUInt16BE(2, 26); // GPS IFD: two entries
  tiff.writeUInt16BE(0x0001, 28); // GPSLatitudeRef
  tiff.writeUInt16BE(2, 30); // ASCII
  tiff.writeUInt32BE(2, 32);
  tiff.write('N\0', 34, 'ascii');
  tiff.writeUInt16BE(0x0002, 40); // GPSLatitude
  tiff.writeUInt16BE(5, 42); // RATIONAL
  tiff.writeUInt32BE(3, 44);
  tiff.writeUInt32BE(56, 48);
  tiff.writeUInt32BE(0, 52);
  [39, 1, 54, 1, 2700, 100].forEach((n, i) => tiff.writeUInt32BE(n, 56 + i * 4));
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

const GPS_TAG = Buffer.from([0x88, 0x25]);

/** A camera-sized JPEG that tells where it was taken. */
async function jpegWithGps(width = 3200, height = 2400): Promise<Buffer> {
  const plain = await sharp({ create: { width, height, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer();
  // The APP1 segment goes right after the start-of-image marker, where cameras put it.
  return Buffer.concat([plain.subarray(0, 2), gpsExif(), plain.subarray(2)]);
}

/** A multipart/form-data body carrying one file, as a browser's upload sends it. */
const multipart = (content: Buffer, contentType = 'image/jpeg', fileName = 'photo.jpg') =>
  multipartFile(content, { fileName, contentType });

const target = (extra = '', unitId = world.unitA.id) =>
  `/api/v1/photos?campaignId=${world.campaign.id}&unitId=${unitId}${extra}`;

function upload(client: Client, content: Buffer, options: { url?: string; type?: string; headers?: object } = {}) {
  const body = multipart(content, options.type);
  return client.request({
    method: 'POST',
    url: options.url ?? target('&kind=banner'),
    payload: body.payload,
    headers: { ...body.headers, ...options.headers },
  });
}

const count = async (table: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

const fieldsOf = (response: { json: () => { error: { details: { field: string }[] } } }) =>
  response.json().error.details.map((d) => d.field);

describe('uploading a photo of the day', () => {
  it('resizes to 1600 px and strips the GPS position and all other metadata', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.width).toBe(3200);
    expect(before.exif?.includes(GPS_TAG)).toBe(true);

    const response = await upload(deskA, original, {
      url: target(`&kind=banner&caption=${encodeURIComponent('单位正门横幅')}`),
    });
    expect(response.statusCode, response.body).toBe(201);
    const photo = response.json();
    expect(photo).toMatchObject({
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      kind: 'banner',
      caption: '单位正门横幅',
      width: 1600,
      height: 1200,
      contentType: 'image/jpeg',
      imageUrl: `/api/v1/photos/${photo.id}/image`,
    });

    const image = await adminA.request({ method: 'GET', url: photo.imageUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const stored = image.rawPayload;
    expect(stored.length).toBe(photo.bytes);
    const after = await sharp(stored).metadata();
    expect([after.width, after.height, after.format]).toEqual([1600, 1200, 'jpeg']);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(stored.includes(Buffer.from('Exif\0\0', 'binary'))).toBe(false);
    expect(stored.includes(GPS_TAG)).toBe(false);

    const audit = await t.db.query<{ action: string; after: { width: number } }>(
      "SELECT action, after FROM audit_log WHERE entity = 'photo' AND entity_id = $1",
      [photo.id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({ action: 'create', after: expect.objectContaining({ width: 1600 }) }),
    ]);
  });

  it('keeps PNG and WebP in their format, and never enlarges a small picture', async () => {
    const png = await sharp({ create: { width: 400, height: 900, channels: 4, background: '#2266aa' } })
      .png()
      .toBuffer();
    const pngPhoto = await upload(adminA, png, { type: 'image/png', url: target('&kind=desk') });
    expect(pngPhoto.statusCode, pngPhoto.body).toBe(201);
    expect(pngPhoto.json()).toMatchObject({ width: 400, height: 900, contentType: 'image/png', kind: 'desk' });
    const webp = await sharp({ create: { width: 1000, height: 2000, channels: 3, background: '#22aa66' } })
      .webp()
      .toBuffer();
    const webpPhoto = await upload(adminA, webp, { type: 'image/webp', url: target('&kind=crowd') });
    expect(webpPhoto.statusCode, webpPhoto.body).toBe(201);
    expect(webpPhoto.json()).toMatchObject({ width: 800, height: 1600, contentType: 'image/webp' });
  });

  it('stores a retry with the same Idempotency-Key once; another file under that key is refused', async () => {
    const before = await count('photos');
    const file = await jpegWithGps(800, 600);
    const headers = { 'idempotency-key': 'photo-a-000001' };
    const first = await upload(deskA, file, { headers });
    const second = await upload(deskA, file, { headers });
    expect(first.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const other = await upload(deskA, await jpegWithGps(640, 480), { headers });
    expect(other.statusCode).toBe(422);
    expect(await count('photos')).toBe(before + 1);
  });

  it('refuses bad input with 4xx naming the field, and stores nothing', async () => {
    const before = await Promise.all(['photos', 'audit_log'].map(count));
    const jpeg = await jpegWithGps(64, 64);
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const cases: [Promise<Awaited<ReturnType<typeof upload>>>, number, string][] = [
      [upload(deskA, jpeg, { url: `/api/v1/photos?unitId=${world.unitA.id}` }), 400, 'querystring.campaignId'],
      [upload(deskA, jpeg, { url: target('&kind=selfie') }), 400, 'querystring.kind'],
      [upload(deskA, jpeg, { url: target('&caption=') }), 400, 'querystring.caption'],
      [upload(deskA, Buffer.from('hello'), { type: 'text/plain' }), 415, 'file'],
      [upload(deskA, gif, { type: 'image/png' }), 415, 'file'],
      [upload(deskA, Buffer.from('not really a jpeg at all')), 422, 'file'],
      [upload(deskA, Buffer.alloc(15 * 1024 * 1024 + 10, 1)), 413, 'file'],
      [deskA.request({ method: 'POST', url: target(), payload: { file: 'x' } }), 415, 'content-type'],
      [upload(deskA, jpeg, { url: target('', '0190c0de-0000-7000-8000-000000000000') }), 422, 'unitId'],
    ];
    for (const [pending, status, field] of cases) {
      const response = await pending;
      expect(response.statusCode, response.body).toBe(status);
      if (status !== 413) expect(fieldsOf(response), response.body).toContain(field);
    }
    const photo = (await upload(deskA, jpeg)).json();
    const badPatch = await deskA.request({ method: 'PATCH', url: `/api/v1/photos/${photo.id}`, payload: {} });
    expect(badPatch.statusCode).toBe(400);
    const badKind = await deskA.request({ method: 'PATCH', url: `/api/v1/photos/${photo.id}`, payload: { kind: 'x' } });
    expect(fieldsOf(badKind)).toContain('kind');
    const badQuery = await deskA.request({ method: 'GET', url: '/api/v1/photos?kind=selfie' });
    expect(badQuery.statusCode).toBe(400);
    expect(await Promise.all(['photos', 'audit_log'].map(count))).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('keeps at most the per-unit number of photos for a campaign', async () => {
    const have = Number(
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM photos WHERE unit_id = $1', [world.subUnitA.id]))
        .rows[0]!.n,
    );
    await t.db.query(
      `INSERT INTO photos (id, campaign_id, unit_id, kind, width, height, bytes, content_type, image)
       SELECT gen_random_uuid(), $1, $2, 'other', 1, 1, 1, 'image/png', '\\x00'::bytea
       FROM generate_series(1, $3::int)`,
      [world.campaign.id, world.subUnitA.id, MAX_PHOTOS_PER_UNIT - have],
    );
    const response = await upload(adminA, await jpegWithGps(64, 64), { url: target('', world.subUnitA.id) });
    expect(response.statusCode).toBe(422);
    expect(fieldsOf(response)).toEqual(['unitId']);
  });
});

describe('changing, listing and deleting', () => {
  it('changes caption and kind, audits, and deletes', async () => {
    const photo = (await upload(deskA, await jpegWithGps(64, 64))).json();
    const changed = await deskA.request({
      method: 'PATCH',
      url: `/api/v1/photos/${photo.id}`,
      payload: { caption: '咨询台', kind: 'desk' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: photo.id, caption: '咨询台', kind: 'desk' });
    const cleared = await deskA.request({
      method: 'PATCH',
      url: `/api/v1/photos/${photo.id}`,
      payload: { caption: null },
    });
    expect(cleared.json().caption).toBeNull();
    expect((await adminA.request({ method: 'DELETE', url: `/api/v1/photos/${photo.id}` })).statusCode).toBe(204);
    expect((await adminA.request({ method: 'GET', url: `/api/v1/photos/${photo.id}/image` })).statusCode).toBe(404);
    const audit = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'photo' AND entity_id = $1 ORDER BY occurred_at, id",
      [photo.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update', 'update', 'delete']);
  });

  it("keeps unit B's staff out of unit A's photos", async () => {
    const photo = (await upload(deskA, await jpegWithGps(64, 64))).json();
    const before = await Promise.all(['photos', 'audit_log'].map(count));
    expect((await upload(deskB, await jpegWithGps(64, 64))).statusCode).toBe(403);
    const responder = await login(t.app, world.users.responderA);
    expect((await upload(responder, await jpegWithGps(64, 64))).statusCode).toBe(403);
    expect((await adminB.request({ method: 'GET', url: photo.imageUrl })).statusCode).toBe(404);
    expect(
      (await adminB.request({ method: 'PATCH', url: `/api/v1/photos/${photo.id}`, payload: { caption: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await adminB.request({ method: 'DELETE', url: `/api/v1/photos/${photo.id}` })).statusCode).toBe(404);
    expect(await Promise.all(['photos', 'audit_log'].map(count))).toEqual(before);
    expect((await responder.request({ method: 'GET', url: photo.imageUrl })).statusCode).toBe(200);

    const probed = (await deskB.request({ method: 'GET', url: `/api/v1/photos?unitId=${world.unitA.id}` })).json();
    expect(probed.items).toEqual([]);
    const organizer = await login(t.app, world.users.organizer);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `campaignId=${world.campaign.id}&unitId=${world.unitA.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await organizer.request({ method: 'GET', url: `/api/v1/photos?${query}` })).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toContain(photo.id);
    expect(new Set(seen).size).toBe(seen.length);
    const banners = (
      await organizer.request({ method: 'GET', url: `/api/v1/photos?unitId=${world.unitA.id}&kind=banner` })
    ).json();
    expect(banners.items.every((p: { kind: string }) => p.kind === 'banner')).toBe(true);
  });

  it('is not chosen for the summary until the unit chooses it, by PATCH or at upload', async () => {
    const photo = (await upload(deskA, await jpegWithGps(64, 48))).json();
    expect(photo.inSummary).toBe(false);
    const chosen = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/photos/${photo.id}`,
      payload: { inSummary: true, caption: '咨询台前的群众' },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ id: photo.id, inSummary: true, caption: '咨询台前的群众' });
    const atUpload = (
      await upload(deskA, await jpegWithGps(64, 48), { url: target('&kind=desk&inSummary=true') })
    ).json();
    expect(atUpload.inSummary).toBe(true);
    const listed = (await adminA.request({ method: 'GET', url: target('&inSummary=true&limit=100') })).json();
    const ids = listed.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([photo.id, atUpload.id]));
    expect(listed.items.every((p: { inSummary: boolean }) => p.inSummary)).toBe(true);
    const bad = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/photos/${photo.id}`,
      payload: { inSummary: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)[0]).toContain('inSummary');
    const unchosen = await adminA.request({
      method: 'PATCH',
      url: `/api/v1/photos/${photo.id}`,
      payload: { inSummary: false },
    });
    expect(unchosen.json().inSummary).toBe(false);
    const audit = await t.db.query<{ after: { inSummary: boolean } }>(
      "SELECT after FROM audit_log WHERE entity = 'photo' AND entity_id = $1 AND action = 'update' ORDER BY occurred_at, id",
      [photo.id],
    );
    expect(audit.rows.map((r) => r.after.inSummary)).toEqual([true, false]);
  });
});
