import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { documentText } from '../summaries/document.ts';

/** 现场办理 and 领导接待: a service handled at the desk and the leader on duty who received the visitor. */

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let desk: Client;
let admin: Client;
let adminB: Client;
let leaderId: string;
let clerkId: string;
let otherUnitStaffId: string;
let deskId: string;
let key = 0;

const post = (client: Client, url: string, payload?: Record<string, unknown>) =>
  client.request({ method: 'POST', url, payload, headers: { 'idempotency-key': `on-the-spot-${++key}` } });

/** A plan with one site, one desk and the given staff on duty; returns the desk and staff ids. */
async function planWithStaff(client: Client, unitId: string, staff: { name: string; leader?: boolean }[]) {
  const plan = await client.request({
    method: 'PUT',
    url: `/api/v1/campaigns/${world.campaign.id}/units/${unitId}/plan`,
    payload: { leaderName: '周敏', leaderTitle: '主任' },
  });
  expect(plan.statusCode, plan.body).toBeLessThan(300);
  const planId = plan.json().id as string;
  const site = await post(client, `/api/v1/plans/${planId}/sites`, {
    name: '市民广场',
    address: '市民广场东侧',
    heldOn: '2026-05-15',
    opensAt: '09:00',
    closesAt: '11:30',
  });
  expect(site.statusCode, site.body).toBe(201);
  const newDesk = await post(client, `/api/v1/sites/${site.json().id}/desks`, { name: '社保咨询台', topics: ['社保'] });
  expect(newDesk.statusCode, newDesk.body).toBe(201);
  const ids: string[] = [];
  for (const person of staff) {
    const added = await post(client, `/api/v1/plans/${planId}/staff`, { ...person, deskId: newDesk.json().id });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().leader).toBe(person.leader ?? false);
    ids.push(added.json().id);
  }
  return { deskId: newDesk.json().id as string, staffIds: ids };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  desk = await login(t.app, world.users.deskA);
  admin = await login(t.app, world.users.adminA);
  adminB = await login(t.app, world.users.adminB);
  const a = await planWithStaff(admin, world.unitA.id, [{ name: '王立新', leader: true }, { name: '韩雪' }]);
  deskId = a.deskId;
  [leaderId, clerkId] = a.staffIds as [string, string];
  otherUnitStaffId = (await planWithStaff(adminB, world.unitB.id, [{ name: '钟凯', leader: true }])).staffIds[0]!;
});
afterAll(() => t?.close());

const consultation = (body: Record<string, unknown>) =>
  post(desk, '/api/v1/consultations', {
    campaignId: world.campaign.id,
    unitId: world.unitA.id,
    deskId,
    occurredAt: '2026-05-15T02:00:00Z',
    topic: '社保',
    question: '想打印参保缴费证明',
    ...body,
  });

describe('a service handled on the spot, received by a leader on duty', () => {
  let id: string;

  it('is recorded with what was handled and who received the visitor, read back and audited', async () => {
    const response = await consultation({
      outcome: 'handled_on_spot',
      handledMatter: '打印养老保险参保缴费证明',
      receivedBy: leaderId,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      outcome: 'handled_on_spot',
      handledMatter: '打印养老保险参保缴费证明',
      receivedBy: leaderId,
      caseTrackingCode: null,
    });
    id = response.json().id;
    const read = await desk.request({ method: 'GET', url: `/api/v1/consultations/${id}` });
    expect(read.json()).toMatchObject({ handledMatter: '打印养老保险参保缴费证明', receivedBy: leaderId });
    const audit = await t.db.query<{ after: Record<string, unknown> }>(
      "SELECT after FROM audit_log WHERE entity = 'consultation' AND entity_id = $1",
      [id],
    );
    expect(audit.rows[0]!.after).toMatchObject({ handledMatter: '打印养老保险参保缴费证明', receivedBy: leaderId });
    // No case: the service is done.
    const cases = await t.db.query('SELECT 1 FROM cases WHERE consultation_id = $1', [id]);
    expect(cases.rows).toHaveLength(0);
  });

  it('refuses what a schema cannot say with 422 naming the field, and bad input with 400', async () => {
    const refused = async (body: Record<string, unknown>, status: number, field: string) => {
      const response = await consultation(body);
      expect(response.statusCode, response.body).toBe(status);
      expect(JSON.stringify(response.json())).toContain(field);
    };
    await refused({ outcome: 'handled_on_spot' }, 422, 'handledMatter');
    await refused({ outcome: 'handled_on_spot', handledMatter: '  ' }, 422, 'handledMatter');
    await refused({ outcome: 'answered_on_spot', handledMatter: '打印证明' }, 422, 'handledMatter');
    await refused({ outcome: 'answered_on_spot', receivedBy: otherUnitStaffId }, 422, 'receivedBy');
    await refused({ outcome: 'answered_on_spot', receivedBy: 'nobody' }, 400, 'receivedBy');
    await refused({ outcome: 'handled_on_spot', handledMatter: 'x'.repeat(201) }, 400, 'handledMatter');
    const changed = await desk.request({
      method: 'PATCH',
      url: `/api/v1/consultations/${id}`,
      payload: { receivedBy: otherUnitStaffId },
    });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().details?.[0]?.field ?? changed.body).toContain('receivedBy');
  });

  it('is counted: 现场办理 per service, 领导接待 per visit received by a leader (not by other staff)', async () => {
    const visitId = crypto.randomUUID();
    // One visit of the leader's with two questions is one reception; the clerk's visit is none.
    for (const question of ['社保卡密码忘了', '医保转移怎么办'])
      expect(
        (await consultation({ visitId, question, outcome: 'answered_on_spot', receivedBy: leaderId })).statusCode,
      ).toBe(201);
    expect((await consultation({ outcome: 'answered_on_spot', receivedBy: clerkId })).statusCode).toBe(201);
    const statistics = await admin.request({ method: 'GET', url: `/api/v1/campaigns/${world.campaign.id}/statistics` });
    const row = statistics.json().rows.find((r: { unitId: string }) => r.unitId === world.unitA.id);
    expect(row).toMatchObject({ handledOnSpot: 1, leaderReceptions: 2, answeredOnSpot: 3 });
    expect(statistics.json().totals).toMatchObject({ handledOnSpot: 1, leaderReceptions: 2 });
    const dashboard = await admin.request({ method: 'GET', url: `/api/v1/campaigns/${world.campaign.id}/dashboard` });
    expect(dashboard.json().totals.handledOnSpot).toBe(1);
    expect(dashboard.json().byOutcome).toContainEqual(expect.objectContaining({ key: 'handled_on_spot' }));
  });

  it('is stated in the unit summary in both languages, and the checker finds no contradiction', async () => {
    const base = `/api/v1/summaries/campaigns/${world.campaign.id}/units/${world.unitA.id}/summary`;
    const generated = await post(admin, `${base}/generate`, undefined);
    expect(generated.statusCode, generated.body).toBe(200);
    const zh = documentText(generated.json().document);
    expect(zh).toContain('现场办理1件（“打印养老保险参保缴费证明”）');
    expect(zh).toContain('王立新等领导现场接待群众2人次');
    const en = documentText((await admin.request({ method: 'GET', url: `${base}?lang=en-US` })).json().document);
    // What was handled was entered in Chinese: the English summary states the count, not the text.
    expect(en).toContain('1 service was handled on the spot.');
    // The leader is named as English writes a Chinese name (pinyin, surname first); the Chinese title is left out.
    expect(en).toContain('Leaders on duty (Wang Lixin) met visitors in person 2 times.');
    for (const text of [zh, en]) {
      const check = await admin.request({
        method: 'POST',
        url: '/api/v1/summary-checks',
        payload: { campaignId: world.campaign.id, unitId: world.unitA.id, text },
      });
      expect(check.statusCode, check.body).toBe(200);
      expect(check.json().findings.filter((f: { kind: string }) => f.kind === 'contradiction')).toEqual([]);
    }
  });
});
