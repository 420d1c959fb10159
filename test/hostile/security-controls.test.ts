import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { MAX_PHOTO_BYTES } from '../../src/features/photos/routes.ts';
import { detailsOfRoute } from '../../src/platform/auth/authenticate.ts';
import { ACTIONS, type Action } from '../../src/platform/auth/policy.ts';
import { HSTS } from '../../src/platform/http/security-headers.ts';
import type { App } from '../../src/platform/http/app-types.ts';
import { createTestApp, login, type Client, type TestApp } from '../app.ts';
import { buildWorld } from '../builders.ts';
import { ROOT } from '../cli.ts';

/** ASVS level 2 controls: security headers, CSRF on every cookie write, upload limits, the audit log. */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  clients.organizer = await login(t.app, world.users.organizer);
  clients.unit_admin = await login(t.app, world.users.adminA);
  clients.desk_staff = await login(t.app, world.users.deskA);
  clients.responder = await login(t.app, world.users.responderA);
  clients.adminB = await login(t.app, world.users.adminB);
});
afterAll(() => t?.close());

function expectSecurityHeaders(headers: Record<string, unknown>, where: string) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, where).not.toBe('');
  const scriptSrc =
    /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src ([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc, `${where}: script-src`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `${where}: script-src`).not.toContain("'unsafe-eval'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(String(headers['referrer-policy'] ?? ''), where).toMatch(
    /^(no-referrer|same-origin|strict-origin-when-cross-origin)$/,
  );
}

describe('security headers', () => {
  it('are on every kind of answer: API, errors, portal, console, docs, health, open data', async () => {
    const admin = clients.unit_admin!;
    const answers = {
      'API read': await admin.request({ method: 'GET', url: '/api/v1/units' }),
      'API 401': await t.app.inject({ method: 'GET', url: '/api/v1/units' }),
      'API 400': await admin.request({ method: 'POST', url: '/api/v1/consultations', payload: {} }),
      'API 404 (no route)': await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
      'API 414 (before routing)': await t.app.inject({ method: 'GET', url: `/api/v1/public/cases/${'x'.repeat(300)}` }),
      'portal home': await t.app.inject({ method: 'GET', url: '/' }),
      'portal campaign': await t.app.inject({ method: 'GET', url: `/c/${world.campaign.slug}` }),
      'portal 404': await t.app.inject({ method: 'GET', url: '/c/no-such-campaign' }),
      console: await t.app.inject({ method: 'GET', url: '/console/' }),
      'API docs': await t.app.inject({ method: 'GET', url: '/api/docs/' }),
      'OpenAPI document': await t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
      health: await t.app.inject({ method: 'GET', url: '/healthz' }),
      'open data': await t.app.inject({
        method: 'GET',
        url: `/open-data/campaigns/${world.campaign.slug}/dictionary.json`,
      }),
      open311: await t.app.inject({ method: 'GET', url: '/open311/discovery.json' }),
    };
    for (const [where, response] of Object.entries(answers)) {
      expectSecurityHeaders(response.headers, `${where} (${response.statusCode})`);
      expect(response.headers['strict-transport-security'], where).toBeUndefined();
    }
    // The portal and the console keep their own, stricter policies.
    expect(answers['portal home'].headers['content-security-policy']).toContain("form-action 'self'");
    expect(answers['API read'].headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sends HSTS only for a request that came over TLS through a trusted proxy', async () => {
    let behindProxy: App | undefined;
    try {
      behindProxy = await buildApp({
        db: t.db,
        config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused', TRUST_PROXY: '1' }),
      });
      const overTls = await behindProxy.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(overTls.headers['strict-transport-security']).toBe(HSTS);
      const plain = await behindProxy.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behindProxy?.close();
    }
    // Without a trusted proxy the header is a client's word and earns nothing.
    const untrusted = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('CSRF', () => {
  it('refuses every cookie-authenticated write without the session CSRF token, or with a wrong one, with 403', async () => {
    const writes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/api/v1/') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method),
    );
    let checked = 0;
    for (const route of writes) {
      const details = detailsOfRoute(route)!;
      const rule = ACTIONS[route.policy as Action];
      if (details.csrfExempt || rule.roles === 'anyone') continue;
      const role =
        rule.roles === 'user'
          ? 'unit_admin'
          : (['unit_admin', 'organizer', 'desk_staff', 'responder'] as const).find((r) =>
              (rule.roles as readonly string[]).includes(r),
            )!;
      const client = clients[role]!;
      const url = route.url
        .replace(':campaignId', world.campaign.id)
        .replace(':unitId', world.unitA.id)
        .replace(/:[A-Za-z]+/g, '0190c0de-0000-7000-8000-000000000000');
      for (const token of [undefined, 'wrong-token', '', client.csrfToken.slice(0, -1)]) {
        const headers: Record<string, string> = { cookie: client.cookie };
        if (token !== undefined) headers['x-csrf-token'] = token;
        const response = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers,
          ...(route.method !== 'DELETE' && { payload: {} }),
        });
        expect(response.statusCode, `${route.method} ${route.url} csrf=${token}`).toBe(403);
        expect(response.json().error.code, `${route.method} ${route.url}`).toBe('csrf_failed');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    // The same write with the token passes the gate (and answers for its body instead).
    const withToken = await clients.unit_admin!.request({ method: 'POST', url: '/api/v1/consultations', payload: {} });
    expect(withToken.statusCode).toBe(400);
  });
});

/** A multipart body with the given parts. */
function multipart(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[]) {
  const boundary = `----openday${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('upload limits', () => {
  const photoUrl = () => `/api/v1/photos?campaignId=${world.campaign.id}&unitId=${world.unitA.id}`;
  const importUrl = () => `/api/v1/imports?campaignId=${world.campaign.id}&unitId=${world.unitA.id}`;
  const upload = (url: string, body: { payload: Buffer; contentType: string }) =>
    clients.unit_admin!.request({
      method: 'POST',
      url,
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
  const count = async (table: string) =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

  it('photos: 415 for a body or a file of another type, 413 over the size, 400 without a file, one file at a time', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const before = await count('photos');
    const json = await clients.unit_admin!.request({ method: 'POST', url: photoUrl(), payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const text = await upload(
      photoUrl(),
      multipart([{ name: 'file', filename: 'a.txt', type: 'text/plain', data: 'hello' }]),
    );
    expect(text.statusCode).toBe(415);
    expect(text.json().error.details[0].field).toBe('file');
    const svg = await upload(
      photoUrl(),
      multipart([{ name: 'file', filename: 'x.svg', type: 'image/svg+xml', data: '<svg onload="alert(1)"/>' }]),
    );
    expect(svg.statusCode).toBe(415);
    const disguised = await upload(
      photoUrl(),
      multipart([{ name: 'file', filename: 'x.png', type: 'image/png', data: '<script>alert(1)</script>' }]),
    );
    expect(disguised.statusCode).toBeGreaterThanOrEqual(400);
    expect(disguised.statusCode).toBeLessThan(500);
    const huge = await upload(
      photoUrl(),
      multipart([
        { name: 'file', filename: 'big.png', type: 'image/png', data: Buffer.alloc(MAX_PHOTO_BYTES + 1024, 1) },
      ]),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBeDefined();
    const none = await upload(photoUrl(), multipart([{ name: 'caption', data: '没有文件' }]));
    expect(none.statusCode).toBe(400);
    expect(await count('photos')).toBe(before);
    const two = await upload(
      photoUrl(),
      multipart([
        { name: 'file', filename: 'a.png', type: 'image/png', data: png },
        { name: 'file', filename: 'b.png', type: 'image/png', data: png },
      ]),
    );
    // The first file is the photo; a second is never stored.
    expect([201, 400, 413]).toContain(two.statusCode);
    expect(await count('photos')).toBeLessThanOrEqual(before + 1);
  });

  it('imports: 415 for a body that is not multipart, 4xx for a file that is not CSV or XLSX, one file at a time', async () => {
    const before = await count('consultations');
    const json = await clients.unit_admin!.request({ method: 'POST', url: importUrl(), payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0c0' } })
      .png()
      .toBuffer();
    const image = await upload(
      importUrl(),
      multipart([{ name: 'file', filename: 'rows.csv', type: 'text/csv', data: png }]),
    );
    expect(image.statusCode).toBeGreaterThanOrEqual(400);
    expect(image.statusCode).toBeLessThan(500);
    const zipBomb = await upload(
      importUrl(),
      multipart([
        {
          name: 'file',
          filename: 'rows.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          data: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2048, 0)]),
        },
      ]),
    );
    expect(zipBomb.statusCode).toBeGreaterThanOrEqual(400);
    expect(zipBomb.statusCode).toBeLessThan(500);
    const none = await upload(importUrl(), multipart([{ name: 'note', data: 'no file' }]));
    expect(none.statusCode).toBe(400);
    expect(await count('consultations')).toBe(before);
  });
});

describe('upload limits of the summary checker', () => {
  const send = (body: { payload: Buffer; contentType: string }) =>
    clients.unit_admin!.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      payload: body.payload,
      headers: { 'content-type': body.contentType },
    });
  const fields = () => [
    { name: 'campaignId', data: world.campaign.id },
    { name: 'unitId', data: world.unitA.id },
  ];

  it('takes text or DOCX only (415), at most 20 MiB (413), one file (400 without)', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#00c' } })
      .png()
      .toBuffer();
    const image = await send(
      multipart([...fields(), { name: 'file', filename: 'summary.png', type: 'image/png', data: png }]),
    );
    expect(image.statusCode).toBe(415);
    const plain = await clients.unit_admin!.request({
      method: 'POST',
      url: '/api/v1/summary-checks',
      payload: '一、活动开展情况',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.statusCode).toBe(415);
    const huge = await send(
      multipart([
        ...fields(),
        {
          name: 'file',
          filename: 'summary.txt',
          type: 'text/plain',
          data: Buffer.alloc(20 * 1024 * 1024 + 1024, 0x41),
        },
      ]),
    );
    expect(huge.statusCode).toBe(413);
    const none = await send(multipart(fields()));
    expect(none.statusCode).toBe(400);
    const fine = await send(
      multipart([
        ...fields(),
        { name: 'file', filename: 'summary.txt', type: 'text/plain', data: '一、活动开展情况\n接待群众100人。' },
      ]),
    );
    expect(fine.statusCode).toBe(200);
  });
});

describe('audit log', () => {
  it('lets a unit admin read their unit’s entries and not another unit’s', async () => {
    // A write in each unit.
    const a = await clients.unit_admin!.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: { campaignId: world.campaign.id, unitId: world.unitA.id, question: '甲单位的咨询' },
    });
    expect(a.statusCode).toBe(201);
    const b = await clients.adminB!.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: { campaignId: world.campaign.id, unitId: world.unitB.id, question: '乙单位的咨询' },
    });
    expect(b.statusCode).toBe(201);
    const mine = await clients.unit_admin!.request({ method: 'GET', url: '/api/v1/audit?limit=500' });
    expect(mine.statusCode).toBe(200);
    const entries = mine.json().items as { entityId: string; unitId: string | null; actorUserId: string | null }[];
    expect(entries.some((e) => e.entityId === a.json().id)).toBe(true);
    expect(entries.some((e) => e.entityId === b.json().id)).toBe(false);
    const reachable = new Set([world.unitA.id, world.subUnitA.id]);
    for (const entry of entries) expect(reachable.has(entry.unitId ?? '')).toBe(true);
    const asked = await clients.unit_admin!.request({ method: 'GET', url: `/api/v1/audit?unitId=${world.unitB.id}` });
    expect(asked.statusCode === 403 || asked.json().items.length === 0).toBe(true);
    expect((await clients.desk_staff!.request({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });

  it('has no API route that writes to it other than by adding entries: the only audit route is a GET', () => {
    const auditRoutes = t.app.routeTable.filter((r) => r.url.includes('/audit'));
    expect(auditRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/audit']);
    // Every statement in the product that names audit_log inserts into it or reads it.
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) sources.push(file);
      }
    };
    walk(path.join(ROOT, 'src'));
    const offending: string[] = [];
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(UPDATE|DELETE\s+FROM|TRUNCATE)\s+(?:TABLE\s+)?"?audit_log\b/gi)) {
        offending.push(`${path.relative(ROOT, file)}: ${match[0]}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('refuses UPDATE and DELETE of entries in the database, except the retention job’s deletion', async () => {
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM audit_log LIMIT 1');
    const id = rows[0]!.id;
    await expect(t.db.query(`UPDATE audit_log SET action = 'forged' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(/append-only/);
    expect((await t.db.query('SELECT action FROM audit_log WHERE id = $1', [id])).rows).toHaveLength(1);
    await t.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('openday.audit_retention', 'on', true)`);
      await tx.query('DELETE FROM audit_log WHERE id = $1', [id]);
    });
    expect((await t.db.query('SELECT 1 FROM audit_log WHERE id = $1', [id])).rows).toHaveLength(0);
    // The setting was the transaction's own: the next statement is refused again.
    const other = (await t.db.query<{ id: string }>('SELECT id FROM audit_log LIMIT 1')).rows[0]!.id;
    await expect(t.db.query('DELETE FROM audit_log WHERE id = $1', [other])).rejects.toThrow(/append-only/);
  });
});
