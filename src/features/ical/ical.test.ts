import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { escapeText, foldLine } from './ics.ts';

describe('iCalendar text', () => {
  it('folds lines at 75 octets without splitting a Chinese character', () => {
    const line = `DESCRIPTION:${'政务公开日咨询台'.repeat(20)}abc`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(5);
    for (const part of physical) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });
});

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function addSite(
  admin: Client,
  campaignId: string,
  unitId: string,
  site: Record<string, string>,
  desks: object[],
) {
  const plan = await admin.request({
    method: 'PUT',
    url: `/api/v1/campaigns/${campaignId}/units/${unitId}/plan`,
    payload: {},
  });
  expect(plan.statusCode, plan.body).toBeLessThan(300);
  const created = await admin.request({ method: 'POST', url: `/api/v1/plans/${plan.json().id}/sites`, payload: site });
  expect(created.statusCode, created.body).toBe(201);
  for (const desk of desks) {
    const response = await admin.request({
      method: 'POST',
      url: `/api/v1/sites/${created.json().id}/desks`,
      payload: desk,
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  return created.json().id as string;
}

const LONG_ADDRESS = '甲市人民路1号，市民中心一楼大厅；东门进入（地铁2号线人民广场站A口出）\\附近有停车场';

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  const adminA = await login(t.app, world.users.adminA);
  await addSite(
    adminA,
    world.campaign.id,
    world.unitA.id,
    { name: '市民中心', address: LONG_ADDRESS, heldOn: '2026-05-15', opensAt: '09:00', closesAt: '16:30' },
    [
      { name: '供热咨询台', topics: ['供暖', '管网维修'] },
      { name: '法律咨询台', topics: ['法律援助'] },
    ],
  );
  await addSite(
    adminA,
    world.campaign.id,
    world.unitA.id,
    { name: '社区服务站', address: '甲市幸福街8号', heldOn: '2026-05-16', opensAt: '08:30', closesAt: '11:30' },
    [{ name: '综合服务台', topics: [] }],
  );
  const adminB = await login(t.app, world.users.adminB);
  await addSite(
    adminB,
    world.campaign.id,
    world.unitB.id,
    { name: '司法局大厅', address: '乙市法治路2号', heldOn: '2026-05-15', opensAt: '14:00', closesAt: '17:00' },
    [{ name: '法律援助台', topics: ['法律援助', '人民调解'] }],
  );
});
afterAll(() => t?.close());

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  expect(zone).not.toBeNull();
  ICAL.TimezoneService.register(zone!);
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((v) => ({ component: v, event: new ICAL.Event(v) })),
  };
}

describe('calendar feeds', () => {
  it("publishes the campaign's sites as events that an independent parser reads back", async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/open-data/campaigns/${world.campaign.slug}/calendar.ics`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    const text = response.body;
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);

    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(world.campaign.title);
    expect(events).toHaveLength(3);
    const [first, second, third] = events.map((e) => e.event);
    // In time order: A's site on the 15th at 09:00, B's on the 15th at 14:00, A's on the 16th.
    expect(first!.summary).toContain('市民中心');
    expect(first!.location).toBe(LONG_ADDRESS);
    expect(events[0]!.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
    expect(first!.startDate.zone?.tzid).toBe('Asia/Shanghai');
    expect(first!.startDate.toJSDate().toISOString()).toBe('2026-05-15T01:00:00.000Z');
    expect(first!.endDate.toJSDate().toISOString()).toBe('2026-05-15T08:30:00.000Z');
    expect(first!.description).toContain('供热咨询台：供暖、管网维修');
    expect(first!.description).toContain('法律咨询台：法律援助');
    expect(first!.description.split('\n')[0]).toBe(`单位 Unit：${world.unitA.name}`);
    expect(second!.summary).toContain(world.unitB.name);
    expect(second!.startDate.toJSDate().toISOString()).toBe('2026-05-15T06:00:00.000Z');
    expect(third!.startDate.toJSDate().toISOString()).toBe('2026-05-16T00:30:00.000Z');
    for (const { component, event } of events) {
      expect(event.uid).toMatch(/^site-[0-9a-f-]{36}@openday$/);
      expect(component.getFirstPropertyValue('dtstamp')).not.toBeNull();
    }

    // The same events keep their UIDs from one fetch to the next.
    const again = parse(
      (await t.app.inject({ method: 'GET', url: `/open-data/campaigns/${world.campaign.slug}/calendar.ics` })).body,
    );
    expect(again.events.map((e) => e.event.uid)).toEqual(events.map((e) => e.event.uid));
  });

  it("publishes one unit's sites on its own feed", async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/open-data/campaigns/${world.campaign.slug}/units/${world.unitA.id}/calendar.ics`,
    });
    expect(response.statusCode).toBe(200);
    const { calendar, events } = parse(response.body);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`${world.campaign.title}｜${world.unitA.name}`);
    expect(events.map((e) => e.event.location)).toEqual([LONG_ADDRESS, '甲市幸福街8号']);

    const empty = await t.app.inject({
      method: 'GET',
      url: `/open-data/campaigns/${world.campaign.slug}/units/${world.subUnitA.id}/calendar.ics`,
    });
    expect(empty.statusCode).toBe(200);
    expect(parse(empty.body).events).toHaveLength(0);
  });

  it('answers unknown campaigns and units with 404 and malformed ones with 400', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/open-data/campaigns/nope-nope/calendar.ics' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    const notTakingPart = await t.app.inject({
      method: 'GET',
      url: `/open-data/campaigns/${world.campaign.slug}/units/${world.provinceOffice.id}/calendar.ics`,
    });
    expect(notTakingPart.statusCode).toBe(404);
    const malformed = await t.app.inject({
      method: 'GET',
      url: `/open-data/campaigns/${world.campaign.slug}/units/not-a-uuid/calendar.ics`,
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].field).toBe('params.unitId');
  });
});
