import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import type { StatisticsRow } from '../statistics/schema.ts';

/** Meetings with outcomes: kinds, chair, participants by category, and the opinions raised there. */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: Client;
let deskA: Client;
let adminB: Client;
let organizer: Client;
let planId: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  adminA = await login(t.app, world.users.adminA);
  deskA = await login(t.app, world.users.deskA);
  adminB = await login(t.app, world.users.adminB);
  organizer = await login(t.app, world.users.organizer);
  const plan = await adminA.request({
    method: 'PUT',
    url: `/api/v1/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`,
    payload: { leaderName: '李局长' },
  });
  planId = plan.json().id;
}, 10 * 60_000);
afterAll(() => t?.close());

const send = (client: Client, method: string, url: string, payload?: object) =>
  client.request({ method: method as 'POST', url: `/api/v1${url}`, ...(payload && { payload }) });

const fieldsOf = (response: { json: () => { error: { details: { field: string }[] } } }) =>
  response.json().error.details.map((d) => d.field);

const count = async (table: string) =>
  Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

const symposium = {
  kind: 'symposium',
  heldOn: '2026-05-15',
  title: '盒子村政务公开座谈会',
  titleEn: null,
  location: '盒子村村委会',
  locationEn: 'Box Village committee',
  chair: '张镇长',
  participantCount: 45,
  participantCategories: { deputies: 2, cppcc_members: 1, residents: 30, staff: 8 },
  participants: '镇村干部、村民代表',
  decisions: '收集村民意见建议',
};

/** A case of unit A in the campaign, from a consultation recorded at the desk. */
async function caseOfUnitA(): Promise<{ caseId: string; consultationId: string }> {
  const recorded = await send(deskA, 'POST', '/consultations', {
    campaignId: world.campaign.id,
    unitId: world.unitA.id,
    question: '村里的路灯什么时候修？',
    outcome: 'follow_up',
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const consultationId = recorded.json().id as string;
  const list = await send(adminA, 'GET', `/cases?consultationId=${consultationId}`);
  return { caseId: list.json().items[0].id as string, consultationId };
}

async function unitRow(): Promise<StatisticsRow> {
  const response = await send(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().rows as StatisticsRow[]).find((r) => r.unitId === world.unitA.id)!;
}

describe('a meeting with outcomes', () => {
  it('is created with its chair and participants by category, read back with its opinions, counted and audited', async () => {
    const before = await unitRow();
    const created = await send(adminA, 'POST', `/plans/${planId}/meetings`, symposium);
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();
    expect(meeting).toMatchObject({ ...symposium, planId });

    const { caseId, consultationId } = await caseOfUnitA();
    const opinions = [
      { text: '希望修缮村道路灯', raisedBy: 'residents', outcome: 'transferred', caseId, consultationId },
      { text: '医保报销流程能否简化', raisedBy: 'deputies', outcome: 'answered_on_spot', response: '现场讲解流程' },
      { text: '建议在村务公开栏公布低保名单', raisedBy: 'residents', outcome: 'adopted' },
      { text: '增设农村客运班次', outcome: 'under_study' },
    ];
    const ids: string[] = [];
    for (const body of opinions) {
      const response = await send(adminA, 'POST', `/meetings/${meeting.id}/opinions`, body);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ meetingId: meeting.id, raisedBy: null, response: '', ...body });
      ids.push(response.json().id);
    }
    const listed = await send(adminA, 'GET', `/meetings/${meeting.id}/opinions`);
    expect(listed.json().items[0]).toMatchObject({ caseId, caseReference: expect.stringMatching(/^K-[0-9A-F]{8}$/) });
    expect(listed.json().items[1]).toMatchObject({ caseId: null, caseReference: null });
    expect(listed.json().items.map((o: { outcome: string }) => o.outcome)).toEqual(opinions.map((o) => o.outcome));

    const plan = (await send(adminA, 'GET', `/campaigns/${world.campaign.id}/units/${world.unitA.id}/plan`)).json();
    const read = plan.meetings.find((m: { id: string }) => m.id === meeting.id);
    expect(read).toMatchObject({ chair: '张镇长', participantCount: 45, locationEn: 'Box Village committee' });
    expect(read.opinions).toHaveLength(4);

    const changed = await send(adminA, 'PATCH', `/opinions/${ids[3]}`, { outcome: 'noted', response: '已记录' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ outcome: 'noted', response: '已记录', text: '增设农村客运班次' });
    const { rows: audit } = await t.db.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM audit_log WHERE entity = 'meeting_opinion' AND entity_id = $1
        ORDER BY occurred_at, id`,
      [ids[3]],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ before: { outcome: 'under_study' }, after: { outcome: 'noted' } });

    const after = await unitRow();
    expect(after.meetings - before.meetings).toBe(1);
    expect(after.symposiums - before.symposiums).toBe(1);
    expect((after.meetingParticipants ?? 0) - (before.meetingParticipants ?? 0)).toBe(45);
    expect(after.opinions - before.opinions).toBe(4);
    expect(after.opinionsAnswered - before.opinionsAnswered).toBe(1);
    expect(after.opinionsTransferred - before.opinionsTransferred).toBe(1);
    expect(after.opinionsAdopted - before.opinionsAdopted).toBe(1);

    expect((await send(adminA, 'DELETE', `/opinions/${ids[2]}`)).statusCode).toBe(204);
    expect((await send(adminA, 'DELETE', `/opinions/${ids[2]}`)).statusCode).toBe(404);
    // Deleting the meeting takes its opinions along; the audit entry keeps them.
    expect((await send(adminA, 'DELETE', `/meetings/${meeting.id}`)).statusCode).toBe(204);
    expect((await send(adminA, 'GET', `/meetings/${meeting.id}/opinions`)).statusCode).toBe(404);
    const { rows: deleted } = await t.db.query<{ before: { opinions: unknown[] } }>(
      `SELECT before FROM audit_log WHERE entity = 'meeting' AND entity_id = $1 AND action = 'delete'`,
      [meeting.id],
    );
    expect(deleted[0]!.before.opinions).toHaveLength(3);
  });

  it('is described in the OpenAPI document: the opinion routes with their outcomes, the meeting with its categories', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const post = doc.paths['/api/v1/meetings/{meetingId}/opinions'].post;
    expect(post.requestBody.content['application/json'].schema.properties.outcome.enum).toEqual([
      'answered_on_spot',
      'transferred',
      'adopted',
      'under_study',
      'noted',
    ]);
    expect(Object.keys(doc.paths['/api/v1/opinions/{id}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
    const meeting = doc.paths['/api/v1/plans/{planId}/meetings'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(meeting.properties.participantCategories.properties)).toEqual([
      'deputies',
      'cppcc_members',
      'media',
      'residents',
      'enterprises',
      'staff',
    ]);
  });

  it('still takes the old body (kind, date, title, participants as text) and every new kind', async () => {
    const old = await send(adminA, 'POST', `/plans/${planId}/meetings`, {
      kind: 'preparation',
      heldOn: '2026-05-06',
      title: '筹备会',
      participants: '各科室负责人',
    });
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json()).toMatchObject({ chair: null, participantCount: null, participantCategories: {} });
    for (const kind of ['deployment', 'hearing', 'launch_ceremony']) {
      const response = await send(adminA, 'POST', `/plans/${planId}/meetings`, {
        kind,
        heldOn: '2026-05-08',
        title: kind,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });

  it('takes the sum of the categories as the count when the count is left out', async () => {
    const response = await send(adminA, 'POST', `/plans/${planId}/meetings`, {
      ...symposium,
      participantCount: undefined,
      participantCategories: { media: 3, enterprises: 5 },
    });
    expect(response.json()).toMatchObject({ participantCount: 8 });
    const patched = await send(adminA, 'PATCH', `/meetings/${response.json().id}`, { participantCount: 20 });
    expect(patched.json()).toMatchObject({ participantCount: 20, participantCategories: { media: 3, enterprises: 5 } });
  });
});

describe('the summary and the statistical summary', () => {
  it('state the symposium, its place, participants and each opinion with what became of it, in both languages', async () => {
    const meeting = (
      await send(adminA, 'POST', `/plans/${planId}/meetings`, {
        ...symposium,
        heldOn: '2026-05-20',
        title: '供热服务座谈会',
        titleEn: null,
        location: '东山社区',
        locationEn: 'Dongshan Community',
        participantCount: 12,
        participantCategories: { residents: 10, media: 1 },
        participants: '',
      })
    ).json();
    await send(adminA, 'POST', `/meetings/${meeting.id}/opinions`, { text: '建议延长供热期', outcome: 'under_study' });
    await send(adminA, 'POST', `/meetings/${meeting.id}/opinions`, {
      text: 'Publish the heating fees online.',
      outcome: 'adopted',
      raisedBy: 'enterprises',
    });
    const textOf = async (lang: string) => {
      const response = await send(
        adminA,
        'POST',
        `/summaries/campaigns/${world.campaign.id}/units/${world.unitA.id}/summary/generate?lang=${lang}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const document = response.json().document as {
        sections: { paragraphs: { runs: { text: string }[] }[] }[];
      };
      return document.sections.flatMap((x) => x.paragraphs.map((p) => p.runs.map((r) => r.text).join(''))).join('\n');
    };
    const zh = await textOf('zh-CN');
    expect(zh).toContain(
      '2026年5月20日在东山社区召开供热服务座谈会，由张镇长主持，共12人参加，其中媒体代表1名和群众代表10名',
    );
    expect(zh).toContain(
      '在供热服务座谈会上收集意见建议2条，其中1条采纳和1条研究办理：“建议延长供热期”（研究办理）和“Publish the heating fees online”（采纳）。',
    );
    const en = await textOf('en-US');
    expect(en).toContain(
      "On 20 May 2026, a symposium was held at Dongshan Community with 12 participants, among them 1 media representative and 10 residents' representatives.",
    );
    expect(en).toContain(
      'At the symposium of 20 May 2026, 2 opinions were raised: 1 was adopted and 1 was under study: "Publish the heating fees online" (adopted).',
    );
    // Free text entered in Chinese stays out of the English summary (names are listed to translate).
    for (const chinese of ['供热服务座谈会', '建议延长供热期', '东山社区']) expect(en).not.toContain(chinese);

    const table = await send(organizer, 'GET', `/campaigns/${world.campaign.id}/statistical-summary`);
    expect(table.statusCode, table.body).toBe(200);
    const row = (table.json().rows as { id: string; figures: Record<string, number | null> }[]).find(
      (r) => r.id === world.unitA.id,
    )!;
    const stats = await unitRow();
    expect(row.figures).toMatchObject({
      meetings: stats.meetings,
      symposiums: stats.symposiums,
      meetingParticipants: stats.meetingParticipants,
      opinions: stats.opinions,
      opinionsAnswered: stats.opinionsAnswered,
      opinionsTransferred: stats.opinionsTransferred,
      opinionsAdopted: stats.opinionsAdopted,
    });
    expect(row.figures.symposiums).toBeGreaterThan(0);
  });
});

describe('the export of opinions', () => {
  it('lists each opinion with its meeting and what became of it, in the units the reader may see', async () => {
    const meeting = (await send(adminA, 'POST', `/plans/${planId}/meetings`, symposium)).json();
    const { caseId } = await caseOfUnitA();
    await send(adminA, 'POST', `/meetings/${meeting.id}/opinions`, {
      text: '建议公开村级财务',
      raisedBy: 'cppcc_members',
      outcome: 'transferred',
      caseId,
    });
    const url = `/exports/opinions.csv?campaignId=${world.campaign.id}&lang=zh-CN`;
    const csv = await send(adminA, 'GET', url);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain(
      '单位,会议日期,会议类型,会议名称,地点,意见建议,提出人类别,办理情况,答复或办理说明,转办办件编号',
    );
    const line = csv.body.split(/\r?\n/).find((l) => l.includes('建议公开村级财务'))!;
    expect(line).toContain('座谈会');
    expect(line).toContain('政协委员,转办');
    expect(line).toMatch(/,[0-9A-Z-]{6,}$/);
    const english = await send(adminA, 'GET', `/exports/opinions.csv?campaignId=${world.campaign.id}&lang=en-US`);
    expect(english.body).toContain('CPPCC member,Transferred');
    const other = await send(adminB, 'GET', url);
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('建议公开村级财务');
    expect((await send(deskA, 'GET', url)).statusCode).toBe(403);
  });
});

describe('bad input and other units', () => {
  it('refuses bad input with 400 naming the field, rule breaks with 422, and stores nothing', async () => {
    const meeting = (await send(adminA, 'POST', `/plans/${planId}/meetings`, symposium)).json();
    const tables = ['meetings', 'meeting_opinions', 'audit_log'];
    const before = await Promise.all(tables.map(count));
    const bad: [string, string, object, number, string][] = [
      ['POST', `/plans/${planId}/meetings`, { ...symposium, participantCount: -1 }, 400, 'participantCount'],
      [
        'POST',
        `/plans/${planId}/meetings`,
        { ...symposium, participantCategories: { cadres: 3 } },
        400,
        'participantCategories.cadres',
      ],
      [
        'POST',
        `/plans/${planId}/meetings`,
        { ...symposium, participantCategories: { residents: -2 } },
        400,
        'participantCategories.residents',
      ],
      ['POST', `/plans/${planId}/meetings`, { ...symposium, kind: 'banquet' }, 400, 'kind'],
      ['POST', `/plans/${planId}/meetings`, { ...symposium, participantCount: 10 }, 422, 'participantCount'],
      ['PATCH', `/meetings/${meeting.id}`, { participantCategories: { residents: 50 } }, 422, 'participantCount'],
      ['POST', `/meetings/${meeting.id}/opinions`, { text: '', outcome: 'noted' }, 400, 'text'],
      ['POST', `/meetings/${meeting.id}/opinions`, { text: '意见', outcome: 'ignored' }, 400, 'outcome'],
      ['POST', `/meetings/${meeting.id}/opinions`, { text: '意见', outcome: 'noted', raisedBy: 'x' }, 400, 'raisedBy'],
      ['POST', `/meetings/${meeting.id}/opinions`, { text: '意见', outcome: 'noted', caseId: 'x' }, 400, 'caseId'],
      [
        'POST',
        `/meetings/${meeting.id}/opinions`,
        { text: '意见', outcome: 'transferred', caseId: '0190c0de-0000-7000-8000-000000000000' },
        422,
        'caseId',
      ],
      [
        'POST',
        `/meetings/${meeting.id}/opinions`,
        { text: '意见', outcome: 'noted', consultationId: '0190c0de-0000-7000-8000-000000000000' },
        422,
        'consultationId',
      ],
    ];
    for (const [method, url, body, status, field] of bad) {
      const response = await send(adminA, method, url, body);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${response.body}`).toBe(status);
      expect(fieldsOf(response), `${method} ${url}`).toContain(field);
    }
    const { caseId } = await caseOfUnitA();
    const notTransferred = await send(adminA, 'POST', `/meetings/${meeting.id}/opinions`, {
      text: '意见',
      outcome: 'adopted',
      caseId,
    });
    expect(notTransferred.statusCode).toBe(422);
    expect(fieldsOf(notTransferred)).toEqual(['caseId']);
    expect((await Promise.all(tables.map(count))).slice(0, 2)).toEqual(before.slice(0, 2));
  });

  it('lets desk staff read but not write, and keeps other units out', async () => {
    const meeting = (await send(adminA, 'POST', `/plans/${planId}/meetings`, symposium)).json();
    const opinion = (
      await send(adminA, 'POST', `/meetings/${meeting.id}/opinions`, { text: '意见', outcome: 'noted' })
    ).json();
    expect((await send(deskA, 'GET', `/meetings/${meeting.id}/opinions`)).statusCode).toBe(200);
    const refused = await send(deskA, 'POST', `/meetings/${meeting.id}/opinions`, { text: '意见', outcome: 'noted' });
    expect(refused.statusCode).toBe(403);
    expect((await send(deskA, 'PATCH', `/opinions/${opinion.id}`, { outcome: 'adopted' })).statusCode).toBe(403);
    expect((await send(adminB, 'GET', `/meetings/${meeting.id}/opinions`)).statusCode).toBe(404);
    expect((await send(adminB, 'PATCH', `/opinions/${opinion.id}`, { outcome: 'adopted' })).statusCode).toBe(404);
    expect((await send(adminB, 'DELETE', `/opinions/${opinion.id}`)).statusCode).toBe(404);
    expect((await send(organizer, 'PATCH', `/opinions/${opinion.id}`, { outcome: 'adopted' })).statusCode).toBe(200);
  });
});
