import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deepJson,
  fillUrl,
  hostileTargets,
  isJsonBodyRoute,
  paramNames,
  realParam,
  recordSummary,
  send,
  setupHostile,
  type Hostile,
  type Target,
} from './harness.ts';

/**
 * What arrives before validation: content types, sizes, bytes that are not UTF-8, nesting ten
 * thousand deep, malformed JSON, idempotency keys and cookies — at every endpoint that takes a body.
 */
let h: Hostile;
let targets: Target[];
const APP_BODY_LIMIT = 1024 * 1024;

beforeAll(async () => {
  h = await setupHostile();
  targets = hostileTargets(h.t).filter((target) => isJsonBodyRoute(target) && target.details.schema?.body);
});
afterAll(() => h?.close());

const urlOf = (target: Target) =>
  fillUrl(target.url, Object.fromEntries(paramNames(target.url).map((name) => [name, realParam(h, target, name)])));

describe('hostile transport at every endpoint that takes a body', () => {
  it('refuses a content type it does not read with 415 (400/403 for forms that read it), never a 5xx', async () => {
    expect(targets.length).toBeGreaterThan(40);
    for (const target of targets) {
      for (const contentType of [
        'text/plain',
        'application/xml',
        'text/html; charset=utf-8',
        'multipart/form-data; boundary=----x',
        'application/octet-stream',
        'application/json-patch+json',
        'image/png',
        '',
      ]) {
        const response = await send(h, target, {
          label: `content-type ${contentType}`,
          url: urlOf(target),
          raw: { payload: '{"a":1}', contentType },
        });
        if (target.family === 'api' && contentType !== '' && !contentType.startsWith('multipart')) {
          expect(response.statusCode, `${target.method} ${target.url} ${contentType}`).toBe(415);
        }
      }
    }
  });

  it('refuses a body over the limit with 413, and huge strings and arrays with 413 or 400', async () => {
    for (const target of targets) {
      const limit = target.details.bodyLimit ?? APP_BODY_LIMIT;
      const over = await send(h, target, {
        label: 'over the body limit',
        url: urlOf(target),
        raw: { payload: `{"text":"${'x'.repeat(limit)}"}`, contentType: 'application/json' },
      });
      expect(over.statusCode, `${target.method} ${target.url}`).toBe(413);
      const hugeArray = await send(h, target, {
        label: 'array of 300,000',
        url: urlOf(target),
        raw: {
          payload: JSON.stringify({ items: Array.from({ length: 300_000 }, (_, i) => i) }),
          contentType: 'application/json',
        },
      });
      expect([400, 413, 403, 422]).toContain(hugeArray.statusCode);
      const longText = await send(h, target, {
        label: 'string of 100,000 emoji',
        url: urlOf(target),
        body: { text: '😀'.repeat(100_000), name: '😀'.repeat(100_000) },
      });
      expect(longText.statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('answers nesting 10,000 deep, malformed JSON, NUL and invalid UTF-8 bytes with a 4xx', async () => {
    const malformed = ['{', '{"a":}', '[1,]', 'undefined', "{'a':1}", '{"a":1}{"b":2}', '\u0000', '"\\ud800"', 'NaN'];
    const invalidUtf8 = [
      Buffer.concat([
        Buffer.from('{"text":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28]),
        Buffer.from('"}'),
      ]),
      Buffer.concat([Buffer.from('{"'), Buffer.from([0xc0, 0xaf]), Buffer.from('":1}')]),
      Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
      Buffer.from([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]),
    ];
    for (const target of targets) {
      for (const kind of ['object', 'array'] as const) {
        const response = await send(h, target, {
          label: `nested 10,000 deep (${kind})`,
          url: urlOf(target),
          raw: { payload: deepJson(10_000, kind), contentType: 'application/json' },
        });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
      }
      for (const payload of malformed) {
        const response = await send(h, target, {
          label: 'malformed JSON',
          url: urlOf(target),
          raw: { payload, contentType: 'application/json' },
        });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
      }
      for (const payload of invalidUtf8) {
        await send(h, target, {
          label: 'invalid UTF-8',
          url: urlOf(target),
          raw: { payload, contentType: 'application/json' },
        });
      }
      await send(h, target, {
        label: 'NUL in every field',
        url: urlOf(target),
        raw: { payload: '{"text":"a\\u0000b","name":"\\u0000","question":"\\u0000"}', contentType: 'application/json' },
      });
      await send(h, target, {
        label: 'charset not UTF-8',
        url: urlOf(target),
        raw: { payload: Buffer.from('{"text":"政务"}', 'utf16le'), contentType: 'application/json; charset=utf-16' },
      });
    }
  });

  it('refuses a malformed Idempotency-Key with 400 naming the header', async () => {
    const consultations = targets.find((t) => t.method === 'POST' && t.url === '/api/v1/consultations')!;
    for (const key of ['short', 'with a space in it', 'k'.repeat(201), '键键键键键键键键键键', 'tab\tinside-key']) {
      const response = await send(h, consultations, {
        label: `idempotency-key ${key.slice(0, 20)}`,
        url: consultations.url,
        headers: { 'idempotency-key': key },
        body: { campaignId: h.fixtures.campaignId, unitId: h.fixtures.unitId, question: '幂等键' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0].field).toBe('idempotency-key');
    }
    for (const target of targets) {
      for (const key of ['short', 'k'.repeat(300), '\u202e\u202e\u202e\u202e\u202e\u202e\u202e\u202e']) {
        await send(h, target, {
          label: 'bad idempotency key',
          url: urlOf(target),
          headers: { 'idempotency-key': key },
          body: {},
        });
      }
    }
  });

  it('treats forged cookies and tokens as nobody, and hostile headers as data', async () => {
    for (const target of targets) {
      const forged: Record<string, string>[] = [
        { cookie: 'openday_session=%00%ff; openday_session=x' },
        { cookie: `openday_session=${'A'.repeat(4000)}` },
        { cookie: "openday_session=' OR 1=1 --" },
        { authorization: "Bearer ' OR '1'='1' --xxxxxxxxxxxx" },
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
        { 'accept-language': "zh-CN;q=abc, ../../etc/passwd, <script>', en;q=2" },
        { 'x-forwarded-for': '127.0.0.1, ::1, <script>', 'x-forwarded-proto': 'javascript' },
      ];
      for (const headers of forged) {
        const response = await send(h, target, {
          label: 'forged credentials',
          url: urlOf(target),
          headers,
          as: 'anonymous',
          body: {},
        });
        if (!target.isPublic) expect(response.statusCode, `${target.method} ${target.url}`).toBe(401);
      }
    }
  });

  it('answers a broken multipart body at every upload route with a 4xx', async () => {
    const uploads = hostileTargets(h.t).filter((target) =>
      ((target.details.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data'),
    );
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    const query = `?campaignId=${h.fixtures.campaignId}&unitId=${h.fixtures.unitId}`;
    const part = (headers: string, body: string) => `------x\r\n${headers}\r\n\r\n${body}`;
    const broken: [string, string][] = [
      ['multipart/form-data; boundary=----x', '{"a":1}'],
      [
        'multipart/form-data; boundary=----x',
        part('Content-Disposition: form-data; name="file"; filename="a.csv"', 'a,b'),
      ],
      [
        'multipart/form-data; boundary=----x',
        part('Content-Disposition: form-data; name="file"\r\nbroken header', 'x'),
      ],
      [
        'multipart/form-data; boundary=----x',
        `${part('Content-Disposition: form-data; name="file"', 'x')}\r\n------y--`,
      ],
      ['multipart/form-data', part('Content-Disposition: form-data; name="file"', 'x')],
      ['multipart/form-data; boundary=', '--\r\n--'],
      [
        'multipart/form-data; boundary=----x',
        `${part('Content-Disposition: form-data; name="\u0000"; filename="\u202e.png"', '\u0000')}\r\n------x--\r\n`,
      ],
    ];
    for (const target of uploads) {
      for (const [contentType, payload] of broken) {
        const response = await send(h, target, {
          label: 'broken multipart',
          url: `${target.url}${query}`,
          raw: { payload, contentType },
        });
        expect(response.statusCode, `${target.url} ${payload.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('records the run', () => {
    recordSummary('transport', h.stats);
    expect(h.failures).toEqual([]);
    expect(h.stats.status5xx).toBe(0);
  });
});
