import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { createApiToken } from '../auth/service.ts';
import { findUserIdByUsername } from '../users/repository.ts';

/**
 * A GeoReport v2 client written from the spec (http://wiki.open311.org/GeoReport_v2), knowing
 * nothing of OpenDay but the discovery document's address: it finds the endpoint there, posts
 * form-encoded requests, and reads JSON or XML answers.
 */
class GeoReportClient {
  readonly #endpoint: string;
  readonly #jurisdiction: string | undefined;
  readonly #xml = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name),
  });

  constructor(endpoint: string, jurisdiction?: string) {
    this.#endpoint = endpoint;
    this.#jurisdiction = jurisdiction;
  }

  /** Reads a discovery document and returns a client for its GeoReport v2 endpoint. */
  static async discover(discoveryUrl: string, jurisdiction?: string) {
    const doc = (await (await fetch(discoveryUrl)).json()) as {
      endpoints: { specification: string; url: string; formats: string[] }[];
    };
    const endpoint = doc.endpoints.find((e) => e.specification === 'http://wiki.open311.org/GeoReport_v2');
    if (!endpoint) throw new Error('no GeoReport v2 endpoint');
    return new GeoReportClient(endpoint.url, jurisdiction);
  }

  #url(path: string, params: Record<string, string | undefined> = {}) {
    const url = new URL(`${this.#endpoint}/${path}`);
    if (this.#jurisdiction) url.searchParams.set('jurisdiction_id', this.#jurisdiction);
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
    return url;
  }

  async #read(response: Response, format: 'json' | 'xml') {
    const text = await response.text();
    if (format === 'json') {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      return { status: response.status, body: JSON.parse(text) };
    }
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    return { status: response.status, body: this.#xml.parse(text), text };
  }

  async get(path: string, params: Record<string, string | undefined> = {}, format: 'json' | 'xml' = 'json') {
    return this.#read(
      await fetch(this.#url(`${path}.${format}`, params), { headers: { 'accept-language': 'zh-CN' } }),
      format,
    );
  }

  async post(path: string, fields: Record<string, string>, format: 'json' | 'xml' = 'json') {
    const response = await fetch(this.#url(`${path}.${format}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return this.#read(response, format);
  }
}

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let origin: string;
let client: GeoReportClient;
let responderA: Client;
const tokens: Record<string, string> = {};

const tokenFor = async (username: string, scope: 'read' | 'write') => {
  const userId = (await findUserIdByUsername(t.db, username))!;
  return (await createApiToken({ db: t.db, actor: null, userId, name: `open311-${scope}`, scope })).token;
};
const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // The discovery document names the public address; here that is the test server's.
  t.app.config.baseUrl = origin;
  const organizer = await login(t.app, world.users.organizer);
  responderA = await login(t.app, world.users.responderA);
  for (const topic of [
    {
      code: 'heating',
      name: '供暖',
      nameEn: 'Heating',
      description: '供暖时间、室温不达标',
      keywords: ['暖气', '供暖'],
      group: '民生服务',
      unitId: world.unitA.id,
    },
    { code: 'legal-aid', name: '法律援助', nameEn: 'Legal aid', unitId: world.unitB.id },
  ]) {
    const created = await organizer.request({
      method: 'POST',
      url: `/api/v1/campaigns/${world.campaign.id}/topics`,
      payload: topic,
    });
    expect(created.statusCode).toBe(201);
  }
  tokens.deskWrite = await tokenFor(world.users.deskA, 'write');
  tokens.deskRead = await tokenFor(world.users.deskA, 'read');
  tokens.responderWrite = await tokenFor(world.users.responderA, 'write');
  tokens.adminRead = await tokenFor(world.users.adminA, 'read');
  tokens.adminBRead = await tokenFor(world.users.adminB, 'read');
  client = await GeoReportClient.discover(`${origin}/open311/discovery.json`, world.campaign.slug);
});
afterAll(() => t?.close());

describe('Open311 discovery', () => {
  it('tells clients where the GeoReport v2 endpoint is, in JSON and XML', async () => {
    const json = await (await fetch(`${origin}/open311/discovery.json`)).json();
    expect(json).toMatchObject({
      changeset: expect.any(String),
      contact: expect.any(String),
      key_service: expect.stringContaining('API token'),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${origin}/open311/v2`,
          type: 'production',
          formats: expect.arrayContaining(['application/json', 'text/xml']),
        },
      ],
    });
    const xml = new XMLParser({ isArray: (name) => ['endpoint', 'format'].includes(name) }).parse(
      await (await fetch(`${origin}/open311/discovery.xml`)).text(),
    );
    expect(xml.discovery.endpoints.endpoint[0].url).toBe(`${origin}/open311/v2`);
    expect(xml.discovery.endpoints.endpoint[0].formats.format).toEqual(['application/json', 'text/xml']);
  });
});

describe('Open311 GeoReport v2', () => {
  it("lists the campaign's topics as services, in JSON and XML", async () => {
    const json = await client.get('services');
    expect(json.status).toBe(200);
    expect(json.body).toContainEqual({
      service_code: 'heating',
      service_name: '供暖',
      description: '供暖时间、室温不达标',
      metadata: false,
      type: 'realtime',
      keywords: '暖气, 供暖',
      group: '民生服务',
    });
    const xml = await client.get('services', {}, 'xml');
    const heating = xml.body.services.service.find((s: { service_code: string }) => s.service_code === 'heating');
    expect(heating).toMatchObject({ service_name: '供暖', metadata: 'false', type: 'realtime', group: '民生服务' });
    // Without jurisdiction_id: the newest campaign, the only one here.
    type Services = { service_code: string; service_name: string }[];
    const byDefault = (await (await fetch(`${origin}/open311/v2/services.json`)).json()) as Services;
    expect(byDefault.map((s) => s.service_code).sort()).toEqual(['heating', 'legal-aid']);
    const english = (await (
      await fetch(`${origin}/open311/v2/services.json`, { headers: { 'accept-language': 'en-US,en;q=0.9' } })
    ).json()) as Services;
    expect(english.find((s) => s.service_code === 'heating')!.service_name).toBe('Heating');
  });

  it('gives a service definition, and errors in the spec shape', async () => {
    expect((await client.get('services/heating')).body).toEqual({ service_code: 'heating', attributes: [] });
    const xml = await client.get('services/heating', {}, 'xml');
    expect(xml.body.service_definition.service_code).toBe('heating');
    const unknown = await client.get('services/no-such');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: 404, description: expect.stringContaining('no-such') }]);
    const unknownXml = await client.get('services/no-such', {}, 'xml');
    expect(unknownXml.status).toBe(404);
    expect(unknownXml.body.errors.error[0].code).toBe('404');
    const jurisdiction = await (await fetch(`${origin}/open311/v2/services.json?jurisdiction_id=nowhere`)).json();
    expect(jurisdiction).toEqual([{ code: 404, description: expect.stringContaining('nowhere') }]);
    const noRoute = await fetch(`${origin}/open311/v2/nothing.json`);
    expect(noRoute.status).toBe(404);
    expect(((await noRoute.json()) as { code: number }[])[0]!.code).toBe(404);
  });

  it('refuses a request without a valid api_key, location or description, storing nothing', async () => {
    const before = await count('cases');
    const valid = {
      api_key: tokens.deskWrite!,
      service_code: 'heating',
      description: '暖气不热',
      address_string: '和平区新兴街1号',
    };
    const refusals: [Record<string, string>, number, RegExp][] = [
      [{ ...valid, api_key: '' }, 403, /api_key/],
      [{ ...valid, api_key: 'od_not-a-real-token-0000000000' }, 403, /api_key/],
      [{ ...valid, api_key: tokens.deskRead! }, 403, /write scope/],
      [{ ...valid, api_key: tokens.responderWrite! }, 403, /desk role/],
      [{ ...valid, service_code: '' }, 400, /service_code/],
      [{ ...valid, service_code: 'potholes' }, 400, /potholes/],
      [{ ...valid, address_string: '' }, 400, /location/],
      [{ ...valid, address_string: '', lat: '41.8' }, 400, /lat and long/],
      [{ ...valid, address_string: '', lat: 'north', long: '123.4' }, 400, /lat/],
      [{ ...valid, description: '' }, 400, /description/],
      [{ ...valid, email: 'not-mail' }, 400, /email/],
      [{ ...valid, description: 'x'.repeat(4001) }, 400, /description/],
    ];
    for (const [fields, status, description] of refusals) {
      const response = await client.post('requests', fields);
      expect(response.status, JSON.stringify(fields).slice(0, 200)).toBe(status);
      expect(response.body).toEqual([{ code: status, description: expect.stringMatching(description) }]);
    }
    const xml = await client.post('requests', { ...valid, api_key: '' }, 'xml');
    expect(xml.status).toBe(403);
    expect(xml.body.errors.error[0]).toMatchObject({ code: '403', description: expect.stringContaining('api_key') });
    expect(await count('cases')).toBe(before);
  });

  it('makes the round trip: post, get by id, reply, list with filters, in JSON and XML', async () => {
    const posted = await client.post('requests', {
      api_key: tokens.deskWrite!,
      service_code: 'heating',
      description: '家里暖气不热，室温只有15度',
      lat: '41.796',
      long: '123.421',
      address_string: '和平区新兴街1号',
      first_name: '秀英',
      last_name: '王',
      email: 'wang@example.com',
      phone: '13812345678',
      account_id: 'citizen-42',
      device_id: 'phone-7',
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toHaveLength(1);
    const [created] = posted.body as { service_request_id: string; service_notice: string; account_id: string }[];
    expect(created!.account_id).toBe('citizen-42');
    const code = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(created!.service_notice)?.[0];
    expect(code, created!.service_notice).toBeDefined();
    const id = created!.service_request_id;

    const stored = await t.db.query<{ channel: string; source: string; contact_consent: boolean; lat: number }>(
      `SELECT c.channel, r.source, c.contact_consent, r.lat FROM case_requests r JOIN cases k ON k.id = r.case_id
       JOIN consultations c ON c.id = k.consultation_id WHERE k.id = $1`,
      [id],
    );
    expect(stored.rows[0]).toEqual({ channel: 'online', source: 'open311', contact_consent: true, lat: 41.796 });
    const dueOn = (await t.db.query<{ due_on: string }>('SELECT due_on FROM cases WHERE id = $1', [id])).rows[0]!
      .due_on;

    // Anyone sees the status, the unit and the dates; only a key of the unit sees question and place.
    const anonymous = (await client.get(`requests/${id}`)).body[0];
    expect(anonymous).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '办理中',
      service_code: 'heating',
      service_name: '供暖',
      agency_responsible: world.unitA.name,
      expected_datetime: `${dueOn}T23:59:59+08:00`,
      description: null,
      address: null,
      lat: null,
    });
    expect(anonymous.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(JSON.stringify(anonymous)).not.toMatch(/13812345678|wang@example.com|王/);
    const ofTheUnit = (await client.get(`requests/${id}`, { api_key: tokens.adminRead })).body[0];
    expect(ofTheUnit).toMatchObject({
      description: '家里暖气不热，室温只有15度',
      address: '和平区新兴街1号',
      lat: 41.796,
      long: 123.421,
    });
    const ofAnotherUnit = (await client.get(`requests/${id}`, { api_key: tokens.adminBRead })).body[0];
    expect(ofAnotherUnit.description).toBeNull();
    const xml = await client.get(`requests/${id}`, {}, 'xml');
    expect(xml.body.service_requests.request[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      agency_responsible: world.unitA.name,
      expected_datetime: `${dueOn}T23:59:59+08:00`,
      description: '',
    });
    const unknown = await client.get('requests/0190c0de-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body[0].code).toBe(404);

    // The citizen follows it with the tracking code of the notice, like any other question.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/cases/${code}` })).json().status).toBe('open');

    const other = (
      await client.post('requests', {
        api_key: tokens.deskWrite!,
        service_code: 'legal-aid',
        description: 'How do I apply for legal aid?',
        address_id: 'building-7',
      })
    ).body[0].service_request_id as string;

    const reply = await responderA.request({
      method: 'POST',
      url: `/api/v1/cases/${id}/reply`,
      payload: { reply: '已派人检修，室温已恢复。' },
    });
    expect(reply.statusCode).toBe(200);
    const closed = (await client.get(`requests/${id}`)).body[0];
    expect(closed).toMatchObject({ status: 'closed', status_notes: '已答复' });
    expect((await client.get(`requests/${id}`, { api_key: tokens.adminRead })).body[0].status_notes).toBe(
      '已派人检修，室温已恢复。',
    );

    const ids = async (params: Record<string, string | undefined>) => {
      const response = await client.get('requests', params);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body as { service_request_id: string }[]).map((r) => r.service_request_id);
    };
    expect(await ids({})).toEqual(expect.arrayContaining([id, other]));
    expect(await ids({ service_request_id: `${id},${other}` })).toEqual(expect.arrayContaining([id, other]));
    expect(await ids({ service_request_id: other, status: 'closed' })).toEqual([other]);
    expect(await ids({ status: 'closed' })).toEqual([id]);
    expect(await ids({ status: 'open' })).toEqual([other]);
    expect(await ids({ status: 'open,closed' })).toEqual(expect.arrayContaining([id, other]));
    expect(await ids({ service_code: 'legal-aid' })).toEqual([other]);
    expect(await ids({ service_code: 'heating,legal-aid' })).toEqual(expect.arrayContaining([id, other]));
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(await ids({ start_date: iso(now - 3_600_000), end_date: iso(now + 3_600_000) })).toEqual(
      expect.arrayContaining([id, other]),
    );
    expect(await ids({ end_date: iso(now - 86_400_000) })).toEqual([]);
    expect(await ids({ start_date: iso(now + 86_400_000) })).toEqual([]);
    const tooWide = await client.get('requests', { start_date: '2026-01-01', end_date: '2026-06-01' });
    expect(tooWide.status).toBe(400);
    expect(tooWide.body[0].description).toMatch(/90 days/);
    const badStatus = await client.get('requests', { status: 'pending' });
    expect(badStatus.status).toBe(400);
    const badDate = await client.get('requests', { start_date: 'yesterday' });
    expect(badDate.status).toBe(400);

    const list = await client.get('requests', { status: 'closed' }, 'xml');
    expect(list.body.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(
      [id],
    );
    expect(list.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
  });

  it('does not take a session cookie in place of an api_key', async () => {
    const desk = await login(t.app, world.users.deskA);
    const response = await t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?jurisdiction_id=${world.campaign.slug}`,
      headers: { cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        service_code: 'heating',
        description: '没有 api_key',
        address_string: 'x',
      }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
  });
});
