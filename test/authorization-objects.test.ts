import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTrackingCode, normalizeTrackingCode } from '../src/features/cases/tracking-code.ts';
import { newId } from '../src/platform/ids.ts';
import { createTestApp, login, type Client, type TestApp } from './app.ts';
import { buildWorld } from './builders.ts';

/**
 * Object-level authorization: the staff of unit A, knowing (or guessing) the ids of unit B's
 * records, get 404 or 403 and never the record; a citizen's tracking code opens their own question
 * only; the ids and codes the public sees cannot be enumerated.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminB: Client;
const staffA: Record<string, Client> = {};

/** Unit B's records, with words that must never reach unit A's staff. */
const SECRET_QUESTION = '乙单位的机密问题-QX7';
const SECRET_NAME = '王秘密';
const SECRET_PHONE = '13912345678';
const b = {
  consultationId: '',
  caseId: '',
  photoId: '',
  importId: '',
  trackingCode: '',
};

function multipartFile(name: string, type: string, data: Buffer) {
  const boundary = `----authz${Date.now()}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminB = await login(t.app, world.users.adminB);
  staffA.adminA = await login(t.app, world.users.adminA);
  staffA.deskA = await login(t.app, world.users.deskA);
  staffA.responderA = await login(t.app, world.users.responderA);
  staffA.deskSubA = await login(t.app, world.users.deskSubA);

  const consultation = await adminB.request({
    method: 'POST',
    url: '/api/v1/consultations',
    payload: {
      campaignId: world.campaign.id,
      unitId: world.unitB.id,
      question: SECRET_QUESTION,
      outcome: 'transferred',
      visitorName: SECRET_NAME,
      visitorPhone: SECRET_PHONE,
      contactConsent: true,
    },
  });
  expect(consultation.statusCode).toBe(201);
  b.consultationId = consultation.json().id;
  const cases = await t.db.query<{ id: string; tracking_code: string }>(
    'SELECT id, tracking_code FROM cases WHERE unit_id = $1',
    [world.unitB.id],
  );
  b.caseId = cases.rows[0]!.id;
  b.trackingCode = cases.rows[0]!.tracking_code;

  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#08c' } })
    .png()
    .toBuffer();
  const photo = await adminB.request({
    method: 'POST',
    url: `/api/v1/photos?campaignId=${world.campaign.id}&unitId=${world.unitB.id}&caption=${encodeURIComponent(SECRET_QUESTION)}`,
    ...multipartFile('desk.png', 'image/png', png),
  });
  expect(photo.statusCode).toBe(201);
  b.photoId = photo.json().id;

  const csv = Buffer.from(
    `日期,时间,问题,处理方式,姓名,电话,同意保留联系方式\r\n2026-05-15,09:30,${SECRET_QUESTION},现场答复,${SECRET_NAME},${SECRET_PHONE},是\r\n`,
  );
  const imported = await adminB.request({
    method: 'POST',
    url: `/api/v1/imports?campaignId=${world.campaign.id}&unitId=${world.unitB.id}`,
    ...multipartFile('paper.csv', 'text/csv', csv),
  });
  expect(imported.statusCode).toBe(201);
  b.importId = imported.json().id;

  const generated = await adminB.request({
    method: 'POST',
    url: `/api/v1/summaries/campaigns/${world.campaign.id}/units/${world.unitB.id}/summary/generate`,
  });
  expect(generated.statusCode).toBeLessThan(300);
});
afterAll(() => t?.close());

/** No answer to unit A's staff may carry unit B's words. */
function expectNothingOf(body: string, what: string) {
  for (const secret of [SECRET_QUESTION, SECRET_NAME, SECRET_PHONE, '139****5678', b.trackingCode]) {
    expect(body.includes(secret), `${what} leaked ${secret}`).toBe(false);
  }
}

describe('staff of unit A guessing the ids of unit B’s records', () => {
  const summary = () => `/api/v1/summaries/campaigns/${world.campaign.id}/units/${world.unitB.id}/summary`;
  const reads = () => [
    `/api/v1/consultations/${b.consultationId}`,
    `/api/v1/cases/${b.caseId}`,
    `/api/v1/cases/${b.caseId}/due-date`,
    `/api/v1/photos/${b.photoId}/image`,
    `/api/v1/imports/${b.importId}`,
    summary(),
    `${summary()}.html`,
    `${summary()}/versions`,
    `${summary()}.docx`,
    `${summary()}.pdf`,
    `/api/v1/campaigns/${world.campaign.id}/units/${world.unitB.id}/plan`,
  ];
  const writes = () => [
    { method: 'PATCH', url: `/api/v1/consultations/${b.consultationId}`, payload: { question: '改掉它' } },
    { method: 'DELETE', url: `/api/v1/consultations/${b.consultationId}` },
    { method: 'POST', url: `/api/v1/cases/${b.caseId}/reply`, payload: { reply: '我来回复' } },
    {
      method: 'POST',
      url: `/api/v1/cases/${b.caseId}/transfer`,
      payload: { toUnitId: world.unitA.id, reason: '拿走' },
    },
    { method: 'POST', url: `/api/v1/cases/${b.caseId}/extend`, payload: { reason: '延期' } },
    { method: 'POST', url: `/api/v1/cases/${b.caseId}/close`, payload: {} },
    { method: 'POST', url: `/api/v1/cases/${b.caseId}/publish`, payload: {} },
    { method: 'PATCH', url: `/api/v1/photos/${b.photoId}`, payload: { caption: '改' } },
    { method: 'DELETE', url: `/api/v1/photos/${b.photoId}` },
    { method: 'POST', url: `${summary()}/generate` },
    { method: 'PUT', url: `${summary()}/own-text`, payload: { language: 'zh-CN', nextSteps: '我们替乙单位写' } },
    { method: 'POST', url: `${summary()}/submit` },
  ];

  it('answers every read of one of B’s records with 404 or 403, and none of its words', async () => {
    for (const [who, client] of Object.entries(staffA)) {
      for (const url of reads()) {
        const response = await client.request({ method: 'GET', url });
        expect([403, 404], `${who} GET ${url}: ${response.statusCode}`).toContain(response.statusCode);
        expect(response.json().error.code).toMatch(/^(not_found|forbidden)$/);
        expectNothingOf(response.body, `${who} GET ${url}`);
      }
    }
  });

  it('answers every write to one of B’s records with 404 or 403 (or 400 for a body), and changes nothing', async () => {
    const snapshot = async () =>
      JSON.stringify(
        (
          await t.db.query(
            `SELECT (SELECT row_to_json(c) FROM consultations c WHERE id = $1) AS consultation,
                    (SELECT row_to_json(k) FROM cases k WHERE id = $2) AS "case",
                    (SELECT row_to_json(p) FROM (SELECT id, caption, kind FROM photos WHERE id = $3) p) AS photo,
                    (SELECT count(*) FROM audit_log) AS audit`,
            [b.consultationId, b.caseId, b.photoId],
          )
        ).rows,
      );
    const before = await snapshot();
    for (const [who, client] of Object.entries(staffA)) {
      for (const write of writes()) {
        const response = await client.request({
          method: write.method as 'POST',
          url: write.url,
          ...(write.payload && { payload: write.payload }),
        });
        expect([400, 403, 404], `${who} ${write.method} ${write.url}: ${response.statusCode}`).toContain(
          response.statusCode,
        );
        expectNothingOf(response.body, `${who} ${write.method} ${write.url}`);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('keeps B’s records out of A’s lists and exports, also when A names unit B', async () => {
    const lists = [
      '/api/v1/consultations',
      `/api/v1/consultations?unitId=${world.unitB.id}`,
      '/api/v1/cases',
      `/api/v1/cases?unitId=${world.unitB.id}`,
      `/api/v1/photos?campaignId=${world.campaign.id}`,
      `/api/v1/photos?campaignId=${world.campaign.id}&unitId=${world.unitB.id}`,
      '/api/v1/imports',
      `/api/v1/imports?unitId=${world.unitB.id}`,
      `/api/v1/audit?unitId=${world.unitB.id}`,
      `/api/v1/exports/consultations.csv?campaignId=${world.campaign.id}`,
      `/api/v1/exports/consultations.csv?campaignId=${world.campaign.id}&unitId=${world.unitB.id}`,
      `/api/v1/exports/cases.csv?campaignId=${world.campaign.id}&unitId=${world.unitB.id}`,
      `/api/v1/exports/consultations.xlsx?campaignId=${world.campaign.id}&unitId=${world.unitB.id}`,
    ];
    for (const [who, client] of Object.entries(staffA)) {
      for (const url of lists) {
        const response = await client.request({ method: 'GET', url });
        expect(response.statusCode, `${who} GET ${url}`).toBeLessThan(500);
        expectNothingOf(response.rawPayload.toString('utf8'), `${who} GET ${url}`);
        if (response.statusCode === 200 && String(response.headers['content-type']).startsWith('application/json')) {
          const items = (response.json().items ?? []) as { unitId?: string }[];
          expect(
            items.some((item) => item.unitId === world.unitB.id),
            `${who} GET ${url}`,
          ).toBe(false);
        }
      }
    }
  });

  it('shows unit B’s own admin the record, so the refusals above are about the unit, not the record', async () => {
    const response = await adminB.request({ method: 'GET', url: `/api/v1/consultations/${b.consultationId}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(SECRET_QUESTION);
    expect(response.json().visitorPhone).toBe(SECRET_PHONE);
  });
});

describe('a citizen’s tracking code', () => {
  it('opens their own question only', async () => {
    const ask = (unitId: string, text: string, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/campaigns/${world.campaign.slug}/questions`,
        remoteAddress: ip,
        payload: { kind: 'question', unitId, text, contactPhone: '13800001111', contactConsent: true },
      });
    const mine = (await ask(world.unitA.id, '我的问题：供暖费怎么交？', '10.60.0.1')).json().trackingCode as string;
    const theirs = (await ask(world.unitB.id, '别人的问题：社保卡补办', '10.60.0.2')).json().trackingCode as string;
    const track = (code: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/public/cases/${encodeURIComponent(code)}`,
        remoteAddress: '10.60.0.3',
      });
    const own = await track(mine);
    expect(own.statusCode).toBe(200);
    expect(own.json().trackingCode).toBe(mine);
    expect(own.body).toContain(world.unitA.name);
    expect(own.body).not.toContain(world.unitB.name);
    expect(own.body).not.toContain('13800001111');
    // Codes next to one's own, or changed in one character, open nothing.
    const plain = mine.replaceAll('-', '');
    const neighbours = [0, 5, 11].map((i) => {
      const next = plain[i] === '0' ? '1' : '0';
      return `${plain.slice(0, i)}${next}${plain.slice(i + 1)}`;
    });
    for (const code of [...neighbours, theirs.replace(/.$/, (c) => (c === 'Z' ? 'Y' : 'Z'))]) {
      if (normalizeTrackingCode(code) === normalizeTrackingCode(theirs)) continue;
      const response = await track(code);
      expect(response.statusCode, code).toBe(404);
      expect(response.body).not.toContain(world.unitB.name);
    }
    const personal = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/cases/${encodeURIComponent(neighbours[0]!)}/personal-data?proof=5678`,
      remoteAddress: '10.60.0.4',
    });
    expect(personal.statusCode).toBe(404);
  });
});

describe('ids the public sees', () => {
  it('tracking codes carry 60 random bits, uniformly spread, never repeated', () => {
    const codes = Array.from({ length: 20_000 }, newTrackingCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes.slice(0, 100))
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    // Every position uses the whole 32-symbol alphabet about equally: 20,000 / 32 = 625 each.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let position = 0; position < 12; position++) {
      const counts = new Map<string, number>();
      for (const code of codes) {
        const c = code.replaceAll('-', '')[position]!;
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      expect(counts.size, `position ${position}`).toBe(32);
      for (const symbol of alphabet) {
        const n = counts.get(symbol) ?? 0;
        expect(n, `position ${position} symbol ${symbol}`).toBeGreaterThan(450);
        expect(n, `position ${position} symbol ${symbol}`).toBeLessThan(800);
      }
    }
    // Shannon entropy of the 12 symbols: 12 × 5 bits.
    expect(Math.log2(32) * 12).toBe(60);
  });

  it('record ids (UUIDv7, as Open311 shows a case) carry at least 40 fresh random bits even when made in the same millisecond', () => {
    const ids = Array.from({ length: 5000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    // The last 40 bits of each id are random bytes of its own, never a counter.
    const tails = ids.map((id) => id.replaceAll('-', '').slice(-10));
    expect(new Set(tails).size).toBe(ids.length);
    let ones = 0;
    for (const tail of tails)
      for (const bit of BigInt(`0x${tail}`).toString(2).padStart(40, '0')) ones += bit === '1' ? 1 : 0;
    const share = ones / (tails.length * 40);
    expect(share).toBeGreaterThan(0.48);
    expect(share).toBeLessThan(0.52);
    // Two ids made back to back do not tell the next: their tails are unrelated.
    const sequential = tails.slice(1).filter((tail, i) => BigInt(`0x${tail}`) - BigInt(`0x${tails[i]}`) === 1n);
    expect(sequential).toEqual([]);
  });

  it('an Open311 client cannot walk case ids: an unknown or guessed id answers 404', async () => {
    const guessed = b.caseId.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const response = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${guessed}.json` });
    expect([400, 404]).toContain(response.statusCode);
  });
});
