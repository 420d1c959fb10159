import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiToken } from '../../src/features/auth/service.ts';
import { findUserIdByUsername } from '../../src/features/users/repository.ts';
import { detailsOfRoute, type RouteDetails } from '../../src/platform/auth/authenticate.ts';
import { ACTIONS, type Action } from '../../src/platform/auth/policy.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { createTestApp, login, type TestApp } from '../app.ts';
import { buildWorld } from '../builders.ts';
import { onPostgres } from '../database.ts';
import { ROOT } from '../cli.ts';

/**
 * Hostile input, generated from the route table: every public endpoint and every write endpoint,
 * called by an actor the route's policy admits (so that validation, not authorization, answers),
 * with bodies, query strings, path parameters and headers derived from the route's own schema and
 * broken in every way a stranger might. Each answer must be a 4xx in the route family's error shape
 * (or a 2xx when the generated input happens to be valid), never a 5xx, and a refused request must
 * leave every table as it was.
 */

export type Family = 'api' | 'open311' | 'portal' | 'other';

export interface Target {
  method: string;
  url: string;
  policy: string | undefined;
  details: RouteDetails;
  family: Family;
  /** Answers without sign-in. */
  isPublic: boolean;
  isWrite: boolean;
}

export type Schema = Record<string, unknown>;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function familyOf(url: string): Family {
  if (url.startsWith('/api/v1/')) return 'api';
  if (url.startsWith('/open311')) return 'open311';
  if (url === '/' || url.startsWith('/c/') || url.startsWith('/track') || url.startsWith('/assets/')) return 'portal';
  return 'other';
}

/** Every public and every write endpoint of the app, with its schema. */
export function hostileTargets(t: TestApp): Target[] {
  const targets: Target[] = [];
  for (const entry of t.app.routeTable) {
    const details = detailsOfRoute(entry);
    if (!details) continue;
    // Documentation and the built console are static files; the console has its own tests.
    if (entry.url.startsWith('/api/docs') || entry.url.startsWith('/console') || entry.url === '/api/openapi.json')
      continue;
    const family = familyOf(entry.url);
    const isPublic = entry.policy === undefined || ACTIONS[entry.policy as Action]?.roles === 'anyone';
    const isWrite = WRITE_METHODS.has(entry.method);
    if (!isPublic && !isWrite) continue;
    targets.push({ method: entry.method, url: entry.url, policy: entry.policy, details, family, isPublic, isWrite });
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// The world the requests land in.

export interface Fixtures {
  campaignId: string;
  slug: string;
  unitId: string;
  planId: string | undefined;
  siteId: string | undefined;
  deskId: string | undefined;
  consultationId: string | undefined;
  caseId: string | undefined;
  trackingCode: string | undefined;
  topicId: string | undefined;
}

export interface Hostile {
  t: TestApp;
  world: Awaited<ReturnType<typeof buildWorld>>;
  fixtures: Fixtures;
  /** Bearer write tokens by role (users of unit A and the provincial organizer). */
  tokens: Record<'organizer' | 'unit_admin' | 'desk_staff' | 'responder', string>;
  stats: Stats;
  failures: string[];
  /** Milliseconds spent per endpoint, to keep the run within its time. */
  timing: Map<string, number>;
  close: () => Promise<void>;
}

export interface Stats {
  requests: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  byStatus: Record<string, number>;
  endpoints: Set<string>;
  rejectedThatWrote: number;
}

/** Counts every committed row change in every table: a trigger on each, into one small table. */
async function installWriteCounter(db: Database): Promise<void> {
  await db.exec(`
    CREATE TABLE hostile_writes (tbl text PRIMARY KEY, n bigint NOT NULL);
    CREATE FUNCTION hostile_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO hostile_writes VALUES (TG_TABLE_NAME, 1)
        ON CONFLICT (tbl) DO UPDATE SET n = hostile_writes.n + 1;
      RETURN NULL;
    END $$;`);
  const { rows } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
       AND tablename NOT IN ('hostile_writes', 'schema_migrations')`,
  );
  for (const { tablename } of rows) {
    await db.exec(
      `CREATE TRIGGER hostile_count AFTER INSERT OR UPDATE OR DELETE ON "${tablename}"
         FOR EACH ROW EXECUTE FUNCTION hostile_count_write()`,
    );
  }
}

/**
 * Tables a refused request may legitimately write: a failed sign-in is counted against the
 * account and the address (that is the throttle working), and a refused import's outcome is kept
 * an hour so that a poll of it on any instance says why (features/imports/service.ts), and a wrong
 proof of a tracking code is counted against the code (features/privacy/proof.ts).
 */
const BOOKKEEPING = new Set(['login_failures', 'import_progress', 'proof_failures']);

async function writeCounts(db: Database): Promise<Map<string, number>> {
  const { rows } = await db.query<{ tbl: string; n: string | number }>('SELECT tbl, n FROM hostile_writes');
  return new Map(rows.map((r) => [r.tbl, Number(r.n)]));
}

export async function setupHostile(): Promise<Hostile> {
  const t = await createTestApp();
  const world = await buildWorld(t.db);
  const tokens = {} as Hostile['tokens'];
  for (const [role, username] of [
    ['organizer', world.users.organizer],
    ['unit_admin', world.users.adminA],
    ['desk_staff', world.users.deskA],
    ['responder', world.users.responderA],
  ] as const) {
    const userId = (await findUserIdByUsername(t.db, username))!;
    tokens[role] = (
      await createApiToken({ db: t.db, actor: null, userId, name: `hostile-${role}`, scope: 'write' })
    ).token;
  }
  const admin = await login(t.app, world.users.adminA);
  const fixtures: Fixtures = {
    campaignId: world.campaign.id,
    slug: world.campaign.slug,
    unitId: world.unitA.id,
    planId: undefined,
    siteId: undefined,
    deskId: undefined,
    consultationId: undefined,
    caseId: undefined,
    trackingCode: undefined,
    topicId: undefined,
  };
  const plan = await admin.request({
    method: 'PUT',
    url: `/api/v1/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`,
    payload: { leaderName: '张主任', staffCount: 3 },
  });
  fixtures.planId = plan.json<{ id?: string }>().id;
  if (fixtures.planId) {
    const site = await admin.request({
      method: 'POST',
      url: `/api/v1/plans/${fixtures.planId}/sites`,
      payload: { name: '政务服务中心', address: '人民路1号' },
    });
    fixtures.siteId = site.json<{ id?: string }>().id;
    if (fixtures.siteId) {
      const desk = await admin.request({
        method: 'POST',
        url: `/api/v1/sites/${fixtures.siteId}/desks`,
        payload: { name: '咨询台一' },
      });
      fixtures.deskId = desk.json<{ id?: string }>().id;
    }
  }
  const consultation = await admin.request({
    method: 'POST',
    url: '/api/v1/consultations',
    payload: {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      question: '供暖什么时候开始？',
      outcome: 'transferred',
    },
  });
  const recorded = consultation.json<{ id?: string; caseId?: string | null; trackingCode?: string | null }>();
  fixtures.consultationId = recorded.id;
  const asked = await t.app.inject({
    method: 'POST',
    url: `/api/v1/public/campaigns/${world.campaign.slug}/questions`,
    remoteAddress: '10.250.0.1',
    payload: { kind: 'question', unitId: world.unitA.id, text: '暖气不热怎么办？' },
  });
  fixtures.trackingCode = asked.json<{ trackingCode?: string }>().trackingCode;
  if (fixtures.trackingCode) {
    const found = await t.db.query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [
      fixtures.trackingCode,
    ]);
    fixtures.caseId = found.rows[0]?.id;
  }
  const topics = await t.db.query<{ id: string }>('SELECT id FROM topics LIMIT 1').catch(() => ({ rows: [] }));
  fixtures.topicId = topics.rows[0]?.id;

  await installWriteCounter(t.db);
  return {
    t,
    world,
    fixtures,
    tokens,
    stats: {
      requests: 0,
      status2xx: 0,
      status3xx: 0,
      status4xx: 0,
      status5xx: 0,
      byStatus: {},
      endpoints: new Set(),
      rejectedThatWrote: 0,
    },
    failures: [],
    timing: new Map(),
    close: () => t.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Who sends, and where.

/** The role that may call the route: the route's own gate passes, so what answers is validation. */
export function roleFor(target: Target): keyof Hostile['tokens'] | null {
  if (target.isPublic) return null;
  const roles = ACTIONS[target.policy as Action].roles;
  if (roles === 'anyone') return null;
  if (roles === 'user') return 'unit_admin';
  for (const role of ['unit_admin', 'organizer', 'desk_staff', 'responder'] as const) {
    if ((roles as readonly string[]).includes(role)) return role;
  }
  return 'unit_admin';
}

/** A real id for a path parameter where the world has one, so requests reach past the look-up. */
export function realParam(h: Hostile, target: Target, name: string): string {
  const f = h.fixtures;
  const random = crypto.randomUUID();
  switch (name) {
    case 'campaignId':
      return f.campaignId;
    case 'unitId':
      return f.unitId;
    case 'slug':
      return f.slug;
    case 'planId':
      return f.planId ?? random;
    case 'siteId':
      return f.siteId ?? random;
    case 'trackingCode':
      return f.trackingCode ?? 'ABCD-EFGH';
    case 'topicId':
      return f.topicId ?? random;
    case 'date':
      return '2026-05-15';
    case 'format':
      return 'json';
    case 'id': {
      const prefix = target.url.split('/').slice(0, -1).join('/');
      if (prefix.endsWith('/campaigns')) return f.campaignId;
      if (prefix.endsWith('/consultations')) return f.consultationId ?? random;
      if (prefix.endsWith('/cases')) return f.caseId ?? random;
      if (prefix.endsWith('/sites')) return f.siteId ?? random;
      if (prefix.endsWith('/desks')) return f.deskId ?? random;
      if (target.url.startsWith('/api/v1/campaigns/:id/')) return f.campaignId;
      if (target.url.startsWith('/api/v1/cases/:id/')) return f.caseId ?? random;
      return random;
    }
    default:
      return random;
  }
}

export function paramNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
}

/** Percent-encodes any text, lone surrogates included (they go as the bytes of U+FFFD). */
export function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

export function fillUrl(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z_]+)/g, (_, name: string) => encodeSegment(values[name] ?? ''));
}

let addressCounter = 0;
/** A fresh client address per request: per-address rate limits must not answer in validation's place. */
export function nextAddress(): string {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

// ---------------------------------------------------------------------------------------------
// Values: from the schema, and hostile.

/** Strings strangers send: injections, control and invisible characters, scripts, other scripts' text. */
export const HOSTILE_STRINGS: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000\u0000\u0000',
  '%00',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  '\uD800',
  '\uDFFFabc\uD83D',
  '\u202Eevil\u202C',
  '\u200F\u05E9\u05DC\u05D5\u05DD\u200E',
  'مرحبا بالعالم',
  '\u200B\u200C\u200D\u2060\uFEFF',
  'a\u0301\u0301\u0301\u0301\u0301',
  "' OR '1'='1",
  "'; DROP TABLE consultations; --",
  '1; SELECT pg_sleep(10)',
  "admin'--",
  '" OR ""="',
  '\\',
  '\\u0000',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '\r\nSet-Cookie: pwned=1',
  '%E0%A4%A',
  '政务公开日'.repeat(50),
  'x'.repeat(10_001),
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '0190c0de-0000-7000-8000-00000000000g',
];

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** Any JSON value of the wrong kind, including the awkward ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      -0,
      2 ** 53,
      -(2 ** 63),
      1e308,
      [],
      {},
      [null],
      { $ne: null },
      { $gt: '' },
      ['a', 'b'],
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

function schemaString(schema: Schema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 60, minLength + 60);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= maxLength);
    case 'time':
      return fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern))
        .filter((s) => s.length <= maxLength && s.length >= minLength);
    } catch {
      // A pattern fast-check cannot read: fall back to text.
    }
  }
  return fc.string({ unit: 'grapheme', minLength, maxLength });
}

/**
 * An arbitrary of values the JSON schema describes (mostly valid; a value the service still
 * refuses, e.g. a random id, is fine: that is a 4xx too). `hints` give real ids by field name.
 */
export function fromSchema(
  schema: Schema,
  hints: Record<string, fc.Arbitrary<unknown>> = {},
  depth = 0,
): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length) {
    return fc.oneof(...alternatives.map((s) => fromSchema(s, hints, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? (schema.type[0] as string) : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      return schemaString(schema);
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
      const max = typeof schema.maximum === 'number' ? schema.maximum : Math.max(min, 0) + 100_000;
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
    }
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as Schema | undefined) ?? {};
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 4, minLength + 4);
      return fc.array(fromSchema(items, hints, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, child] of Object.entries(properties)) {
        const hint = hints[name];
        record[name] = hint
          ? fc.oneof({ weight: 3, arbitrary: hint }, fromSchema(child, hints, depth + 1))
          : fromSchema(child, hints, depth + 1);
      }
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Nested `depth` levels deep: objects or arrays, the way a parser's recursion is attacked. */
export function deepJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object'
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

export type Mutation = 'drop' | 'extra' | 'retype' | 'hostile-string' | 'nested' | 'array' | 'proto';

const asText = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? '';
  }
};

/** Breaks one field of a (usually valid) body in one way. */
export function mutate(body: unknown, pick: number, how: Mutation, value: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return value;
  const copy = { ...(body as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys.length ? keys[pick % keys.length]! : 'field';
  switch (how) {
    case 'drop':
      delete copy[key];
      return copy;
    case 'extra':
      copy[`extra${pick % 7}`] = value;
      return copy;
    case 'retype':
      copy[key] = value;
      return copy;
    case 'hostile-string':
      // An object without a prototype (fast-check makes them) has no toString: its JSON instead.
      copy[key] = typeof value === 'string' ? value : asText(value);
      return copy;
    case 'nested':
      copy[key] = JSON.parse(deepJson(200, pick % 2 ? 'object' : 'array'));
      return copy;
    case 'array':
      copy[key] = Array.from({ length: 1000 + (pick % 1000) }, (_, i) => (i % 2 ? 'x' : i));
      return copy;
    case 'proto':
      return JSON.parse(
        `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(copy).slice(1)}`.replace(
          ',}',
          '}',
        ),
      );
  }
}

/** Bodies for a route: from its schema, broken, or wholly hostile. */
export function bodyArbitrary(schema: Schema, hints: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema, hints);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          valid,
          fc.nat(),
          fc.constantFrom<Mutation>(
            'drop',
            'extra',
            'retype',
            'hostile-string',
            'hostile-string',
            'nested',
            'array',
            'proto',
          ),
          hostileValue,
        )
        .map(([body, pick, how, value]) => mutate(body, pick, how, value)),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

// ---------------------------------------------------------------------------------------------
// Sending and judging.

export interface HostileRequest {
  /** A JSON value to send as the body (serialised here), or a raw payload with its content type. */
  body?: unknown;
  raw?: { payload: string | Buffer; contentType: string };
  url: string;
  headers?: Record<string, string>;
  /** Send as the route's actor (default) or as nobody. */
  as?: 'actor' | 'anonymous';
  /** What the request is, for the failure message. */
  label: string;
}

function looksLikeApiError(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const error = (body as { error: unknown }).error as Record<string, unknown>;
  if (!error || typeof error !== 'object') return false;
  if (Object.keys(error).sort().join(',') !== 'code,details,message') return false;
  if (typeof error.code !== 'string' || typeof error.message !== 'string' || !Array.isArray(error.details))
    return false;
  return (error.details as unknown[]).every(
    (d) =>
      d !== null &&
      typeof d === 'object' &&
      typeof (d as { field?: unknown }).field === 'string' &&
      typeof (d as { reason?: unknown }).reason === 'string',
  );
}

/** Is the refusal in the error shape of the route's family? Answers what is wrong, or undefined. */
export function shapeProblem(target: Target, response: LightMyRequestResponse): string | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (target.family === 'portal') {
    if (!type.startsWith('text/html')) return `portal answered ${type || 'no content type'}`;
    return response.body.includes('<html') ? undefined : 'portal answer is not a page';
  }
  if (target.family === 'open311') {
    if (type.includes('xml')) return response.body.includes('<errors>') ? undefined : 'open311 XML without <errors>';
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      return `open311 answer is not JSON: ${type}`;
    }
    const ok =
      Array.isArray(parsed) &&
      parsed.length > 0 &&
      parsed.every(
        (e) => e && typeof e === 'object' && typeof e.code === 'number' && typeof e.description === 'string',
      );
    return ok ? undefined : `open311 errors not in the spec's shape: ${response.body.slice(0, 200)}`;
  }
  if (!type.startsWith('application/json')) return `answered ${type || 'no content type'}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return 'answer is not JSON';
  }
  return looksLikeApiError(parsed) ? undefined : `not the error shape: ${response.body.slice(0, 200)}`;
}

function describe(target: Target, request: HostileRequest): string {
  const body =
    request.raw !== undefined
      ? `${request.raw.contentType} ${String(request.raw.payload).slice(0, 120)}`
      : JSON.stringify(request.body)?.slice(0, 160);
  return `${target.method} ${target.url} [${request.label}] url=${request.url.slice(0, 160)} body=${body}`;
}

/** Sends one request and checks every invariant; problems go to h.failures. */
export async function send(h: Hostile, target: Target, request: HostileRequest): Promise<LightMyRequestResponse> {
  const role = request.as === 'anonymous' ? null : roleFor(target);
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  if (role && !('authorization' in headers)) headers.authorization = `Bearer ${h.tokens[role]}`;
  const options: InjectOptions = {
    method: target.method as InjectOptions['method'],
    url: request.url,
    remoteAddress: nextAddress(),
    headers,
  };
  if (request.raw) {
    options.payload = request.raw.payload;
    options.headers = { 'content-type': request.raw.contentType, ...headers };
  } else if (request.body !== undefined) {
    options.payload = JSON.stringify(request.body) ?? 'null';
    options.headers = { 'content-type': 'application/json', ...headers };
  }
  const before = await writeCounts(h.t.db);
  const started = performance.now();
  const response = await h.t.app.inject(options);
  const key = `${target.method} ${target.url}`;
  h.timing.set(key, (h.timing.get(key) ?? 0) + performance.now() - started);
  const after = await writeCounts(h.t.db);

  const status = response.statusCode;
  const s = h.stats;
  s.requests++;
  s.endpoints.add(`${target.method} ${target.url}`);
  s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
  if (status >= 500) s.status5xx++;
  else if (status >= 400) s.status4xx++;
  else if (status >= 300) s.status3xx++;
  else s.status2xx++;

  const problems: string[] = [];
  if (status >= 500) problems.push(`answered ${status}: ${response.body.slice(0, 300)}`);
  if (status >= 400 && status < 500) {
    // An address no route matches (an empty parameter), or one the router cannot read (a part
    // over the length limit, bad percent-encoding), is answered before any route is chosen, in
    // the API's shape; a matched route answers in its family's.
    const problem = shapeProblem(target, response);
    const beforeRouting = status === 404 || status === 414 || (status === 400 && response.body.includes('"bad_url"'));
    if (problem && !(beforeRouting && !shapeProblem({ ...target, family: 'api' }, response))) problems.push(problem);
  }
  if (status >= 400) {
    const wrote = [...after].filter(([tbl, n]) => n !== (before.get(tbl) ?? 0) && !BOOKKEEPING.has(tbl));
    if (wrote.length) {
      s.rejectedThatWrote++;
      problems.push(`refused with ${status} but wrote ${wrote.map(([tbl]) => tbl).join(', ')}`);
    }
  }
  if (problems.length && h.failures.length < 200) {
    h.failures.push(`${describe(target, request)} → ${problems.join('; ')}`);
  }
  return response;
}

/** Adds this file's counts to test-results/reliability/hostile-<database>.json (files run in parallel). */
export function recordSummary(part: string, stats: Stats): void {
  const dir = path.join(ROOT, 'test-results', 'reliability');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `hostile-${onPostgres ? 'postgres' : 'embedded'}.json`);
  const lock = `${file}.lock`;
  const deadline = Date.now() + 30_000;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = fs.openSync(lock, 'wx');
    } catch {
      if (Date.now() > deadline) fs.rmSync(lock, { force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    type Part = {
      requests: number;
      endpoints: string[];
      status2xx: number;
      status3xx: number;
      status4xx: number;
      status5xx: number;
      rejectedThatWrote: number;
      byStatus: Record<string, number>;
      finishedAt: string;
    };
    let summary: { database: string; parts: Record<string, Part> } = {
      database: onPostgres ? 'postgres' : 'embedded',
      parts: {},
    };
    try {
      summary = { ...summary, ...JSON.parse(fs.readFileSync(file, 'utf8')) };
    } catch {
      // First file to finish.
    }
    summary.parts[part] = {
      requests: stats.requests,
      endpoints: [...stats.endpoints].sort(),
      status2xx: stats.status2xx,
      status3xx: stats.status3xx,
      status4xx: stats.status4xx,
      status5xx: stats.status5xx,
      rejectedThatWrote: stats.rejectedThatWrote,
      byStatus: stats.byStatus,
      finishedAt: new Date().toISOString(),
    };
    const parts = Object.values(summary.parts);
    const sum = (pick: (p: Part) => number) => parts.reduce((total, p) => total + pick(p), 0);
    const totals = {
      requestsTried: sum((p) => p.requests),
      endpointsCovered: new Set(parts.flatMap((p) => p.endpoints)).size,
      status2xx: sum((p) => p.status2xx),
      status3xx: sum((p) => p.status3xx),
      status4xx: sum((p) => p.status4xx),
      status5xx: sum((p) => p.status5xx),
      refusedButStored: sum((p) => p.rejectedThatWrote),
    };
    const out = { database: summary.database, updatedAt: new Date().toISOString(), totals, parts: summary.parts };
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
    fs.renameSync(`${file}.tmp`, file);
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

/** Real ids by field name, mixed into generated bodies so that valid ones reach the service. */
export function hintsFor(h: Hostile): Record<string, fc.Arbitrary<unknown>> {
  const f = h.fixtures;
  const ids = (id: string | undefined) => fc.constant(id ?? crypto.randomUUID());
  return {
    campaignId: ids(f.campaignId),
    unitId: ids(f.unitId),
    toUnitId: ids(h.world.unitB.id),
    deskId: ids(f.deskId),
    siteId: ids(f.siteId),
    planId: ids(f.planId),
    regionId: ids(h.world.cityA.id),
    parentId: ids(h.world.cityA.id),
    organizerUnitId: ids(h.world.provinceOffice.id),
    unitIds: fc.constant([f.unitId]),
  };
}

/** The route reads only multipart/form-data (an upload). */
export const isMultipartOnly = (target: Target) => {
  const consumes = (target.details.schema as { consumes?: string[] } | undefined)?.consumes;
  return Boolean(consumes?.length) && !consumes!.includes('application/json');
};

export const isJsonBodyRoute = (target: Target) =>
  target.method !== 'GET' && target.method !== 'DELETE' && !isMultipartOnly(target);
