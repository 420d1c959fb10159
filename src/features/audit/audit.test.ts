import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';

/** The audit log as its readers see it. */
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
});
afterAll(() => t?.close());

describe('the audit log', () => {
  it('is readable by a unit admin for their own unit only', async () => {
    const admin = await login(t.app, world.users.adminA);
    const desk = await login(t.app, world.users.deskA);
    await desk.request({
      method: 'POST',
      url: '/api/v1/consultations',
      payload: { campaignId: world.campaign.id, unitId: world.unitA.id, question: '审计' },
    });
    const entries = (await admin.request({ method: 'GET', url: '/api/v1/audit?entity=consultation' })).json();
    expect(entries.items.length).toBeGreaterThan(0);
    expect(entries.items.every((e: { unitId: string }) => e.unitId === world.unitA.id)).toBe(true);
    const adminB = await login(t.app, world.users.adminB);
    const theirs = (await adminB.request({ method: 'GET', url: '/api/v1/audit?entity=consultation' })).json();
    expect(theirs.items.every((e: { unitId: string }) => e.unitId === world.unitB.id)).toBe(true);
    expect((await desk.request({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });
});
