import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildUser, buildWorld } from '../../../test/builders.ts';
import type { Case, CaseAction } from './schema.ts';

/**
 * Every case record lists the actions its reader may take. Walks every role over every state a
 * case can be in and takes each offered action on a case in that state: none may be refused.
 */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let deskA: Client;
let adminA: Client;
const actors: Record<string, Client> = {};

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  const responderB = await buildUser(t.db, 'responder', world.unitB.id);
  const users = {
    organizer: world.users.organizer,
    cityBOrganizer: world.users.cityBOrganizer,
    adminA: world.users.adminA,
    deskA: world.users.deskA,
    responderA: world.users.responderA,
    adminB: world.users.adminB,
    responderB,
  };
  for (const [name, username] of Object.entries(users)) actors[name] = await login(t.app, username);
  deskA = actors.deskA!;
  adminA = actors.adminA!;
});
afterAll(() => t?.close());

const send = (client: Client, method: 'GET' | 'POST', url: string, payload?: object) =>
  client.request({ method, url: `/api/v1${url}`, ...(payload !== undefined && { payload }) });

async function ok(response: Promise<{ statusCode: number; body: string }>, what: string) {
  const r = await response;
  expect(r.statusCode, `${what}: ${r.body}`).toBeLessThan(300);
}

const STATES = ['open', 'transferred', 'extended', 'replied', 'closed', 'reopened', 'published'] as const;
type State = (typeof STATES)[number];

/** A case at unit A with the visitor's details, brought into the state. */
async function caseIn(state: State): Promise<string> {
  const recorded = await send(deskA, 'POST', '/consultations', {
    campaignId: world.campaign.id,
    unitId: world.unitA.id,
    channel: 'on_site',
    topic: '供热',
    question: '暖气不热怎么办？',
    outcome: 'follow_up',
    visitorName: '王秀英',
    visitorPhone: '13800001234',
    contactConsent: true,
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const code: string = recorded.json().caseTrackingCode;
  const id: string = (await send(adminA, 'GET', `/cases?consultationId=${recorded.json().id}`)).json().items[0].id;
  if (state === 'transferred')
    await ok(send(adminA, 'POST', `/cases/${id}/transfer`, { toUnitId: world.unitB.id, reason: '职责' }), state);
  if (state === 'extended') await ok(send(adminA, 'POST', `/cases/${id}/extend`, { days: 3, reason: '核实' }), state);
  if (['replied', 'closed', 'reopened', 'published'].includes(state))
    await ok(send(adminA, 'POST', `/cases/${id}/reply`, { reply: '已派人检修。' }), state);
  if (state === 'closed') await ok(send(adminA, 'POST', `/cases/${id}/close`, {}), state);
  if (state === 'reopened')
    await ok(
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/cases/${code}/rating`,
        payload: { rating: 'dissatisfied' },
      }),
      state,
    );
  if (state === 'published')
    await ok(
      send(adminA, 'POST', `/cases/${id}/publish`, {
        publicQuestion: '暖气不热怎么办？',
        publicAnswer: '已派人检修。',
      }),
      state,
    );
  return id;
}

function take(client: Client, id: string, action: CaseAction, current: Case) {
  const other = current.unitId === world.unitA.id ? world.unitB.id : world.unitA.id;
  const bodies: Record<CaseAction, [string, object | undefined]> = {
    reply: ['reply', { reply: '已答复。' }],
    transfer: ['transfer', { toUnitId: other, reason: '职责所在' }],
    extend: ['extend', { days: 2, reason: '需要核实' }],
    close: ['close', {}],
    return_visit: ['return-visits', { visitedOn: '2026-11-30', reached: true }],
    erase: ['personal-data/erasure', { confirm: true, requester: '本人来电' }],
    publish: ['publish', { publicQuestion: '暖气不热怎么办？', publicAnswer: '已派人检修。' }],
    unpublish: ['unpublish', undefined],
  };
  const [path, body] = bodies[action];
  return send(client, 'POST', `/cases/${id}/${path}`, body ?? (action === 'unpublish' ? undefined : {}));
}

describe('the actions each case record offers', () => {
  it('are never refused, for every role and every state', { timeout: 600_000 }, async () => {
    const offered: string[] = [];
    const refused: string[] = [];
    for (const state of STATES) {
      const sample = await caseIn(state);
      for (const [name, client] of Object.entries(actors)) {
        const read = await send(client, 'GET', `/cases/${sample}`);
        if (read.statusCode === 404) {
          offered.push(`${state} ${name}: (not visible)`);
          continue;
        }
        expect(read.statusCode, read.body).toBe(200);
        const actions = (read.json() as Case).actions;
        offered.push(`${state} ${name}: ${actions.join(' ')}`);
        for (const action of actions) {
          const fresh = await caseIn(state);
          const current = (await send(client, 'GET', `/cases/${fresh}`)).json() as Case;
          const response = await take(client, fresh, action, current);
          if (response.statusCode >= 300)
            refused.push(`${state} ${name} ${action}: ${response.statusCode} ${response.body}`);
        }
      }
    }
    expect(refused).toEqual([]);
    // The table itself, so that a change in what is offered is seen in review.
    expect(offered).toMatchSnapshot();
  });

  it('offers the sender of a transferred case only erasing on request, and no second extension', async () => {
    const id = await caseIn('transferred');
    const sent = (await send(adminA, 'GET', `/cases/${id}`)).json() as Case;
    // Erasing on request stays: the unit that took the question holds the citizen's details too.
    expect(sent.actions).toEqual(['erase']);
    const received = (await send(actors.adminB!, 'GET', `/cases/${id}`)).json() as Case;
    expect(received.actions).toEqual(expect.arrayContaining(['reply', 'transfer', 'extend']));
    const refused = await send(adminA, 'POST', `/cases/${id}/reply`, { reply: '越权答复' });
    expect(refused.statusCode).toBe(403);
    const extended = (await send(adminA, 'GET', `/cases/${await caseIn('extended')}`)).json() as Case;
    expect(extended.actions).not.toContain('extend');
    expect(extended.workingDaysLeft).toBeGreaterThan(0);
  });
});

describe('finding cases', () => {
  it('by reference (or its start) and by words in the question or reply', async () => {
    const id = await caseIn('replied');
    const reference = ((await send(adminA, 'GET', `/cases/${id}`)).json() as Case).reference;
    const found = async (q: string) =>
      ((await send(adminA, 'GET', `/cases?q=${encodeURIComponent(q)}&limit=200`)).json().items as Case[]).map(
        (c) => c.id,
      );
    expect(await found(reference)).toEqual([id]);
    expect(await found(reference.slice(0, 6).toLowerCase())).toContain(id);
    expect(await found('暖气 检修')).toContain(id);
    expect(await found('暖气 冷气')).toEqual([]);
    const tooLong = await send(adminA, 'GET', `/cases?q=${'字'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
  });
});
