import fc from 'fast-check';
import {
  bodyArbitrary,
  fillUrl,
  fromSchema,
  HOSTILE_STRINGS,
  hintsFor,
  hostileString,
  hostileValue,
  isMultipartOnly,
  paramNames,
  realParam,
  send,
  type Hostile,
  type Schema,
  type Target,
} from './harness.ts';

/** Fixed seeds: a failure found once is found again on the next run. */
const SEED = 20260515;

/** The portal's form token pair (cookie and hidden field), as a browser holds it after showing a form. */
async function portalCsrf(h: Hostile): Promise<{ cookie: string; field: string }> {
  const page = await h.t.app.inject({ method: 'GET', url: `/c/${h.fixtures.slug}/ask` });
  const cookie = page.cookies.find((c) => c.name === 'openday_portal_csrf');
  const field = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  return { cookie: cookie ? `openday_portal_csrf=${cookie.value}` : '', field: field ?? '' };
}

const formEncode = (body: unknown) => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return String(body);
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    form.append(key, typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  }
  return form.toString();
};

/** Path parameters: real ones where a body is to be judged, else random and hostile ones. */
function paramsArbitrary(h: Hostile, target: Target, useReal: boolean): fc.Arbitrary<Record<string, string>> {
  const names = paramNames(target.url);
  const record: Record<string, fc.Arbitrary<string>> = {};
  for (const name of names) {
    const real = fc.constant(realParam(h, target, name));
    record[name] = useReal
      ? fc.oneof({ weight: 9, arbitrary: real }, { weight: 1, arbitrary: hostileString })
      : fc.oneof(
          real.map(() => crypto.randomUUID()),
          hostileString,
          fc.constant(realParam(h, target, name)),
        );
  }
  return fc.record(record);
}

function queryString(query: unknown): string {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Query objects from the route's querystring schema, broken now and then. */
function queryArbitrary(h: Hostile, schema: Schema | undefined): fc.Arbitrary<string> {
  const raw = fc.constantFrom(
    '?limit=-1',
    '?limit=1e309',
    '?limit=99999999999999999999',
    '?cursor=%3Cscript%3E',
    '?cursor=eyJhIjoxfQ',
    '?q=%00',
    '?q=%E0%A4%A',
    '?%zz=1',
    '?__proto__[polluted]=1',
    '?constructor.prototype.polluted=1',
    `?q=${'x'.repeat(5000)}`,
    '?a=1&a=2&a=3',
    '?lang=../../etc',
    '?format=xml%00',
    '?unitId=%27%20OR%201%3D1--',
  );
  if (!schema)
    return fc.oneof(raw, fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 3 }).map(queryString));
  return fc.oneof(
    { weight: 3, arbitrary: fromSchema(schema, hintsFor(h)).map(queryString) },
    { weight: 3, arbitrary: bodyArbitrary(schema, hintsFor(h)).map(queryString) },
    { weight: 2, arbitrary: raw },
  );
}

/**
 * Throws generated bodies (and query strings and path parameters) at each write or public route,
 * as the actor the route admits. `perRoute` requests per route.
 */
export async function runBodies(h: Hostile, targets: Target[], perRoute: number, seed = SEED): Promise<void> {
  const csrf = await portalCsrf(h);
  for (const [index, target] of targets.entries()) {
    const declared = (target.details.schema ?? {}) as { body?: Schema; querystring?: Schema };
    // A body declared per content type: its JSON schema is the one generated from.
    const jsonBody = (declared.body?.content as Record<string, { schema?: Schema }> | undefined)?.['application/json']
      ?.schema;
    const schema = { ...declared, body: jsonBody ?? declared.body };
    const hasBody = Boolean(schema.body) && target.method !== 'GET';
    const multipart = isMultipartOnly(target);
    const useRealParams = hasBody;
    const bodies: fc.Arbitrary<unknown> = hasBody
      ? bodyArbitrary(schema.body!, hintsFor(h))
      : target.method === 'GET'
        ? fc.constant(undefined)
        : fc.oneof(fc.constant(undefined), hostileValue);
    const cases = fc.sample(
      fc.record({
        params: paramsArbitrary(h, target, useRealParams),
        body: bodies,
        query: fc.oneof(
          { weight: target.method === 'GET' ? 4 : 1, arbitrary: queryArbitrary(h, schema.querystring) },
          { weight: target.method === 'GET' ? 1 : 4, arbitrary: fc.constant('') },
        ),
        idempotencyKey: fc.oneof(
          { weight: 6, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: fc.uuid() },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'short',
              'with space key',
              'k'.repeat(201),
              '键键键键键键键键键',
              '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000',
            ),
          },
        ),
        csrfValid: fc.boolean(),
      }),
      { numRuns: perRoute, seed: seed + index },
    );
    for (const c of cases) {
      const url = fillUrl(target.url, c.params) + c.query;
      const headers: Record<string, string> = {};
      if (c.idempotencyKey !== undefined) headers['idempotency-key'] = c.idempotencyKey;
      if (target.family === 'portal' && target.method === 'POST') {
        const form =
          c.body && typeof c.body === 'object' && !Array.isArray(c.body)
            ? {
                ...(c.body as Record<string, unknown>),
                _csrf: c.csrfValid ? csrf.field : (c.body as { _csrf?: unknown })._csrf,
              }
            : c.body;
        if (c.csrfValid && csrf.cookie) headers.cookie = csrf.cookie;
        await send(h, target, {
          label: 'form',
          url,
          headers,
          raw: { payload: formEncode(form), contentType: 'application/x-www-form-urlencoded' },
        });
      } else if (multipart) {
        // A multipart route given JSON (or nothing): refused before anything is read.
        await send(h, target, { label: 'json-to-multipart', url, headers, body: c.body ?? {} });
      } else {
        await send(h, target, { label: hasBody ? 'body' : 'params', url, headers, body: c.body });
      }
    }
  }
}

export { HOSTILE_STRINGS };
