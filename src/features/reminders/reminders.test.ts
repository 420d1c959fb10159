import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { openPostgres } from '../../platform/db/postgres.ts';
import type { App } from '../../platform/http/app-types.ts';
import { newId } from '../../platform/ids.ts';
import { enqueue, type JobRow } from '../../platform/jobs/queue.ts';
import { startWorker } from '../../platform/jobs/worker.ts';
import { login } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { createTestDatabase, onPostgres } from '../../../test/database.ts';
import { findUserIdByUsername } from '../users/repository.ts';
import { scanRemindersJob } from './jobs.ts';
import { caseReference } from '../cases/tracking-code.ts';
import { runReminderScan } from './service.ts';

let app: App;
let db: Database;
let url: string | undefined;
let drop: () => Promise<void>;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
  app = await buildApp({ db, config: loadConfig({ DATA_DIR: '/tmp/openday-test-unused' }) });
  world = await buildWorld(db);
});
afterAll(async () => {
  await app?.close();
  await drop?.();
});

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const trackingCode = () =>
  [0, 1, 2].map(() => Array.from(crypto.randomBytes(4), (b) => CROCKFORD[b % 32]).join('')).join('-');

/**
 * A case as the cases feature stores it, for a consultation of the day: its due date counted on
 * the working-day calendar from clock_start_on.
 */
async function buildCase(options: {
  unitId: string;
  startOn: string;
  limitDays: number;
  status?: 'open' | 'transferred' | 'replied' | 'reopened';
}): Promise<{ id: string; trackingCode: string; dueOn: string }> {
  const consultationId = newId();
  await db.query(
    `INSERT INTO consultations (id, campaign_id, unit_id, visit_id, occurred_at, channel, question, outcome)
     VALUES ($1, $2, $3, $4, $5, 'on_site', '供暖费补贴怎么申请？', 'follow_up')`,
    [consultationId, world.campaign.id, options.unitId, newId(), `${options.startOn}T10:00:00+08:00`],
  );
  const id = newId();
  const code = trackingCode();
  const replied = options.status === 'replied';
  const { rows } = await db.query<{ due_on: string }>(
    `INSERT INTO cases (id, campaign_id, consultation_id, tracking_code, unit_id, status, clock_start_on, limit_days,
       due_on, reply, replied_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, openday_add_working_days($7, $8), $9, $10)
     RETURNING due_on`,
    [
      id,
      world.campaign.id,
      consultationId,
      code,
      options.unitId,
      options.status ?? 'open',
      options.startOn,
      options.limitDays,
      replied ? '已答复。' : null,
      replied ? new Date() : null,
    ],
  );
  return { id, trackingCode: code, dueOn: rows[0]!.due_on };
}

const userId = async (username: string) => (await findUserIdByUsername(db, username))!;

async function noticesOf(
  username: string,
  kind: string,
): Promise<{ case_id: string | null; params: Record<string, unknown> }[]> {
  const { rows } = await db.query<{ case_id: string | null; params: Record<string, unknown> }>(
    'SELECT case_id, params FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY id',
    [await userId(username), kind],
  );
  return rows;
}

describe('case reminders', () => {
  it('reminds the unit once per kind and due date: due soon, due today, overdue — across National Day 2026', async () => {
    // Opened on 30 September with 3 working days: 1–7 October are the holiday, 8 (Thu) and 9 (Fri)
    // are working days, and Saturday 10 October is an adjusted working day (调休).
    const late = await buildCase({ unitId: world.unitA.id, startOn: '2026-09-30', limitDays: 3 });
    expect(late.dueOn).toBe('2026-10-10');
    const answered = await buildCase({
      unitId: world.unitA.id,
      startOn: '2026-09-30',
      limitDays: 3,
      status: 'replied',
    });
    expect(answered.dueOn).toBe('2026-10-10');

    const scan = async (today: string) => (await runReminderScan({ db, today })).cases;
    // On 30 September the next 2 working days end on 9 October: not yet.
    expect(await scan('2026-09-30')).toBe(0);
    // On 8 October, 2 working days ahead is 10 October.
    expect(await scan('2026-10-08')).toBe(1);
    expect(await scan('2026-10-08')).toBe(0);
    expect(await scan('2026-10-09')).toBe(0);
    expect(await scan('2026-10-10')).toBe(1);
    expect(await scan('2026-10-12')).toBe(1);
    expect(await scan('2026-10-13')).toBe(0);

    for (const username of [world.users.adminA, world.users.responderA]) {
      for (const kind of ['case.due_soon', 'case.due_today', 'case.overdue']) {
        expect(await noticesOf(username, kind), `${username} ${kind}`).toEqual([
          { case_id: late.id, params: { reference: caseReference(late.id), dueOn: '2026-10-10' } },
        ]);
      }
    }
    // Desk staff do not answer cases; the replied case is never reminded.
    expect(await noticesOf(world.users.deskA, 'case.overdue')).toEqual([]);
    const replied = await db.query(`SELECT 1 FROM reminders_sent WHERE subject_id = $1`, [answered.id]);
    expect(replied.rows).toEqual([]);

    // The responder reads them in the inbox, newest first.
    const responder = await login(app, world.users.responderA);
    const inbox = (await responder.request({ method: 'GET', url: '/api/v1/notifications' })).json();
    expect(inbox.items.slice(0, 3).map((n: { title: string }) => n.title)).toEqual([
      `办件已超期：${caseReference(late.id)}`,
      `办件今日到期：${caseReference(late.id)}`,
      `办件即将到期：${caseReference(late.id)}`,
    ]);
  });

  it('reminds again for a new due date (an extension), and not for a closed case', async () => {
    const extended = await buildCase({ unitId: world.unitB.id, startOn: '2026-09-30', limitDays: 3 });
    expect(await runReminderScan({ db, today: '2026-10-12' })).toMatchObject({ cases: 1 });
    await db.query(
      `UPDATE cases SET extension_days = 5, extension_reason = '需实地核查',
         due_on = openday_add_working_days(clock_start_on, limit_days + 5) WHERE id = $1`,
      [extended.id],
    );
    // 3 + 5 working days after 30 September: 8, 9, 10 (Sat, worked), 12, 13, 14, 15, 16 October.
    expect(
      (await db.query<{ due_on: string }>('SELECT due_on FROM cases WHERE id = $1', [extended.id])).rows[0]!.due_on,
    ).toBe('2026-10-16');
    expect(await runReminderScan({ db, today: '2026-10-12' })).toMatchObject({ cases: 0 });
    expect(await runReminderScan({ db, today: '2026-10-14' })).toMatchObject({ cases: 1 });
    await db.query(
      `UPDATE cases SET status = 'closed', reply = '已答复', replied_at = now(), closed_at = now() WHERE id = $1`,
      [extended.id],
    );
    expect(await runReminderScan({ db, today: '2026-10-16' })).toMatchObject({ cases: 0 });
    expect((await noticesOf(world.users.adminB, 'case.due_soon')).map((n) => n.params.dueOn)).toEqual(['2026-10-16']);
  });
});

describe('summary reminders', () => {
  it('asks the admins of units whose summary is not submitted, 3 and 7 days after the open day, once each', async () => {
    // Open day 15 May 2026. Unit A submitted; its sub-unit has a draft; unit B has nothing.
    await db.query(
      `INSERT INTO unit_summaries (campaign_id, unit_id, status, submitted_at) VALUES
         ($1, $2, 'submitted', now()), ($1, $3, 'draft', NULL)`,
      [world.campaign.id, world.unitA.id, world.subUnitA.id],
    );
    const scan = async (today: string) => (await runReminderScan({ db, today })).summaries;
    expect(await scan('2026-05-17')).toBe(0);
    expect(await scan('2026-05-18')).toBe(2);
    expect(await scan('2026-05-18')).toBe(0);
    expect(await scan('2026-05-21')).toBe(0);
    expect(await scan('2026-05-22')).toBe(2);
    expect(await scan('2026-05-30')).toBe(0);

    expect((await noticesOf(world.users.adminB, 'summary.owed')).map((n) => n.params)).toEqual([
      { campaignTitle: world.campaign.title, openDay: '2026-05-15', days: 3 },
      { campaignTitle: world.campaign.title, openDay: '2026-05-15', days: 7 },
    ]);
    expect(await noticesOf(world.users.adminA, 'summary.owed')).toEqual([]);
    expect(await noticesOf(world.users.deskB, 'summary.owed')).toEqual([]);
  });

  it('does not send a summary reminder late, long after its week (e.g. on a first start)', async () => {
    expect((await runReminderScan({ db, today: '2026-08-01' })).summaries).toBe(0);
  });
});

describe(`two app instances scanning at once${onPostgres ? '' : ' (one instance on the embedded database)'}`, () => {
  const pools: Database[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('sends each reminder exactly once', async () => {
    const instances = [db];
    if (onPostgres) {
      const second = await openPostgres(url!, 4);
      pools.push(second);
      instances.push(second);
    }
    const cases = [];
    // Ten cases of unit B due on Tuesday 1 December 2026.
    for (let i = 0; i < 10; i++)
      cases.push(await buildCase({ unitId: world.unitB.id, startOn: '2026-11-26', limitDays: 3 }));
    expect(new Set(cases.map((c) => c.dueOn))).toEqual(new Set(['2026-12-01']));

    // Workers of both instances run six scans as of 27 November at the same time.
    for (let i = 0; i < 6; i++) await enqueue(db, scanRemindersJob, { today: '2026-11-27' });
    const workers = instances.map((instance) =>
      startWorker({ db: instance, log: app.log, jobs: [scanRemindersJob], concurrency: 3, pollIntervalMs: 20 }),
    );
    const until = Date.now() + 20_000;
    let states: string[] = [];
    while (Date.now() < until) {
      states = (await db.query<JobRow>(`SELECT * FROM jobs WHERE name = 'reminders.scan'`)).rows.map((r) => r.state);
      if (states.every((s) => s === 'completed')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await Promise.all(workers.map((w) => w.stop()));
    expect(states).toEqual(Array(6).fill('completed'));

    // And the scan itself, called on both instances at once, as of the due day.
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => runReminderScan({ db: instances[i % instances.length]!, today: '2026-12-01' })),
    );
    expect(results.reduce((sum, r) => sum + r.cases, 0)).toBe(10);

    const ids = cases.map((c) => c.id);
    const notices = await db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM notifications WHERE case_id = ANY($1::uuid[]) AND user_id = $2
       GROUP BY kind ORDER BY kind`,
      [ids, await userId(world.users.adminB)],
    );
    expect(notices.rows).toEqual([
      { kind: 'case.due_soon', n: 10 },
      { kind: 'case.due_today', n: 10 },
    ]);
    const sent = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM reminders_sent WHERE subject_id = ANY($1::uuid[])',
      [ids],
    );
    expect(sent.rows[0]!.n).toBe(20);
  });
});
