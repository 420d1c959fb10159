import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import { runOpenday } from '../../../test/cli.ts';
import { createTestDatabase, onPostgres } from '../../../test/database.ts';
import type { Case, CaseDetail } from '../cases/schema.ts';
import { addWorkingDays, explainWorkingDays } from './days.ts';
import type { CalendarDay } from './schema.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let adminA: Client;
let deskA: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  [organizer, adminA, deskA] = await Promise.all([
    login(t.app, world.users.organizer),
    login(t.app, world.users.adminA),
    login(t.app, world.users.deskA),
  ]);
});
afterAll(() => t?.close());

const api = (client: Client, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: object) =>
  client.request({ method, url: `/api/v1${url}`, ...(body !== undefined && { payload: body }) });

describe('the working-day calendar', () => {
  it('ships the official 2026 schedule with its adjusted working days', async () => {
    const response = await api(deskA, 'GET', '/calendar?year=2026');
    expect(response.statusCode, response.body).toBe(200);
    const days: CalendarDay[] = response.json().items;
    const of = (kind: string) =>
      days
        .filter((d) => d.kind === kind)
        .map((d) => d.day)
        .join(' ');
    expect(of('workday')).toBe('2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10');
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(days.every((d) => d.source === 'official' && d.day.startsWith('2026-'))).toBe(true);
    expect(days.find((d) => d.day === '2026-02-14')).toEqual({
      day: '2026-02-14',
      kind: 'workday',
      name: '春节调休上班',
      source: 'official',
      weekday: 6,
    });
    const y2025: CalendarDay[] = (await api(deskA, 'GET', '/calendar?year=2025')).json().items;
    expect(y2025.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
    expect(y2025.filter((d) => d.kind === 'holiday')).toHaveLength(1 + 8 + 3 + 5 + 3 + 8);
    expect((await api(deskA, 'GET', '/calendar?year=1800')).statusCode).toBe(400);
  });

  it('adds working days across the Spring Festival and National Day of 2026', async () => {
    const cases: [string, number, string][] = [
      ['2026-02-13', 15, '2026-03-12'], // Sat 14 Feb and Sat 28 Feb worked, 15–23 Feb off
      ['2026-02-13', 1, '2026-02-14'],
      ['2026-02-14', 1, '2026-02-24'],
      ['2026-02-27', 1, '2026-02-28'],
      ['2026-09-18', 1, '2026-09-20'], // Sun 20 Sep worked
      ['2026-09-24', 1, '2026-09-28'], // Mid-Autumn 25–27 Sep off
      ['2026-09-30', 1, '2026-10-08'], // National Day 1–7 Oct off
      ['2026-10-09', 1, '2026-10-10'], // Sat 10 Oct worked
      ['2026-09-18', 15, '2026-10-15'],
      ['2025-12-31', 1, '2026-01-04'], // New Year 1–3 Jan off, Sun 4 Jan worked
      ['2026-05-15', 0, '2026-05-15'],
      ['2026-05-15', 15, '2026-06-05'],
      ['2027-03-05', 5, '2027-03-12'], // no schedule yet: weekends only
    ];
    for (const [start, n, due] of cases)
      expect(`${start}+${n}=${await addWorkingDays(t.db, start, n)}`).toBe(`${start}+${n}=${due}`);
    const walk = await explainWorkingDays(t.db, '2026-09-30', 1);
    expect(walk.map((d) => [d.day, d.reason, d.name])).toEqual([
      ['2026-10-01', 'holiday', '国庆节'],
      ['2026-10-02', 'holiday', '国庆节'],
      ['2026-10-03', 'holiday', '国庆节'],
      ['2026-10-04', 'holiday', '国庆节'],
      ['2026-10-05', 'holiday', '国庆节'],
      ['2026-10-06', 'holiday', '国庆节'],
      ['2026-10-07', 'holiday', '国庆节'],
      ['2026-10-08', 'working_day', null],
    ]);
    await expect(addWorkingDays(t.db, '2026-02-30', 1)).rejects.toMatchObject({ statusCode: 422 });
    await expect(addWorkingDays(t.db, '2026-02-13', -1)).rejects.toMatchObject({ statusCode: 422 });
  });

  it('lets only organizers edit it, with validation naming the field', async () => {
    expect((await api(adminA, 'PUT', '/calendar/days/2026-11-30', { kind: 'holiday', name: '停工' })).statusCode).toBe(
      403,
    );
    const bad = await api(organizer, 'PUT', '/calendar/days/2026-02-30', { kind: 'holiday', name: '无此日' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('params.date');
    const badKind = await api(organizer, 'PUT', '/calendar/days/2026-12-01', { kind: 'party', name: '无' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.details[0].field).toBe('kind');
    const noName = await api(organizer, 'PUT', '/calendar/days/2026-12-01', { kind: 'holiday', name: '' });
    expect(noName.statusCode).toBe(400);
    expect((await api(organizer, 'DELETE', '/calendar/days/2026-12-02')).statusCode).toBe(404);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM holidays WHERE day IN ('2026-11-30', '2026-12-01', '2026-12-02')`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("recomputes the due dates of open cases when it is edited, and says why in the case's chain", async () => {
    const record = async (occurredAt: string) => {
      const recorded = await api(deskA, 'POST', '/consultations', {
        campaignId: world.campaign.id,
        unitId: world.unitA.id,
        occurredAt,
        question: '节前反映的问题何时答复？',
        outcome: 'follow_up',
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      return ((await api(adminA, 'GET', `/cases?consultationId=${recorded.json().id}`)).json().items as Case[])[0]!;
    };
    const open = await record('2026-02-13T10:00:00+08:00');
    const closed = await record('2026-02-13T11:00:00+08:00');
    const untouched = await record('2026-03-20T11:00:00+08:00');
    expect([open.dueOn, closed.dueOn]).toEqual(['2026-03-12', '2026-03-12']);
    await api(adminA, 'POST', `/cases/${closed.id}/reply`, { reply: '已答复' });
    await api(adminA, 'POST', `/cases/${closed.id}/close`, {});

    // Mon 2 Mar becomes a holiday: the open case is due a working day later; the closed one stays.
    const edit = await api(organizer, 'PUT', '/calendar/days/2026-03-02', { kind: 'holiday', name: '地方防汛停工' });
    expect(edit.statusCode, edit.body).toBe(201);
    expect(edit.json()).toEqual({
      day: { day: '2026-03-02', kind: 'holiday', name: '地方防汛停工', source: 'organizer', weekday: 1 },
      recomputedCases: 1,
    });
    const dueOf = async (id: string) => ((await api(adminA, 'GET', `/cases/${id}`)).json() as CaseDetail).dueOn;
    expect(await dueOf(open.id)).toBe('2026-03-13');
    expect(await dueOf(closed.id)).toBe('2026-03-12');
    expect(await dueOf(untouched.id)).toBe(untouched.dueOn);
    const events = ((await api(adminA, 'GET', `/cases/${open.id}`)).json() as CaseDetail).events;
    expect(events.at(-1)).toMatchObject({
      kind: 'due_recomputed',
      details: { from: '2026-03-12', to: '2026-03-13', day: '2026-03-02' },
    });
    expect(events.at(-1)!.reason).toContain('地方防汛停工');
    const explained = (await api(adminA, 'GET', `/cases/${open.id}/due-date`)).json();
    expect(explained.days.find((d: { day: string }) => d.day === '2026-03-02')).toMatchObject({
      counted: false,
      reason: 'holiday',
      name: '地方防汛停工',
    });

    // Sun 8 Mar becomes a working day: due a day earlier again.
    const workday = await api(organizer, 'PUT', '/calendar/days/2026-03-08', { kind: 'workday', name: '补班' });
    expect(workday.json().recomputedCases).toBe(1);
    expect(await dueOf(open.id)).toBe('2026-03-12');

    // Removing both edits restores the ordinary week.
    expect((await api(organizer, 'DELETE', '/calendar/days/2026-03-08')).json().recomputedCases).toBe(1);
    const removed = await api(organizer, 'DELETE', '/calendar/days/2026-03-02');
    expect(removed.statusCode).toBe(200);
    expect(removed.json().recomputedCases).toBe(1);
    expect(await dueOf(open.id)).toBe('2026-03-12');

    // Changing an official day: 23 Feb worked after all.
    const official = await api(organizer, 'PUT', '/calendar/days/2026-02-23', { kind: 'workday', name: '更正' });
    expect(official.statusCode).toBe(200);
    expect(official.json().day.source).toBe('organizer');
    expect(await dueOf(open.id)).toBe('2026-03-11');
    await api(organizer, 'PUT', '/calendar/days/2026-02-23', { kind: 'holiday', name: '春节' });
    expect(await dueOf(open.id)).toBe('2026-03-12');

    const audit = await t.db.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE entity = 'holiday' ORDER BY occurred_at, id`,
    );
    expect(audit.rows.map((r) => `${r.action} ${r.entity_id}`)).toEqual([
      'create 2026-03-02',
      'create 2026-03-08',
      'delete 2026-03-08',
      'delete 2026-03-02',
      'update 2026-02-23',
      'update 2026-02-23',
    ]);
  });
});

describe('a year without a holiday schedule', () => {
  it('counts 2027 Monday to Friday, marks its due dates unconfirmed, and moves them when the schedule is entered', async () => {
    const years = await api(deskA, 'GET', '/calendar/years');
    expect(years.statusCode, years.body).toBe(200);
    expect(years.json().confirmed.map((y: { year: number }) => y.year)).toEqual([2025, 2026]);
    expect(years.json().missing).toContain(2027);

    const recorded = await api(deskA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      occurredAt: '2026-12-01T10:00:00+08:00',
      question: '跨年的问题何时答复？',
      outcome: 'follow_up',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const [opened] = (await api(adminA, 'GET', `/cases?consultationId=${recorded.json().id}`)).json().items as Case[];
    const extended = await api(adminA, 'POST', `/cases/${opened!.id}/extend`, { days: 10, reason: '需要现场核实' });
    expect(extended.statusCode, extended.body).toBe(200);
    const before = extended.json() as CaseDetail;
    // New Year's Day 2027 counted as an ordinary Friday: no schedule says otherwise yet.
    expect(before.dueOn.startsWith('2027-')).toBe(true);
    expect(before.dueUnconfirmed).toBe(true);
    expect(before.actions).not.toContain('extend');
    const explained = (await api(adminA, 'GET', `/cases/${opened!.id}/due-date`)).json();
    expect(explained.unconfirmedYears).toEqual([2027]);
    expect(explained.days.find((d: { day: string }) => d.day === '2027-01-01')).toMatchObject({ counted: true });
    const tracked = await t.app.inject({ url: `/api/v1/public/cases/${recorded.json().caseTrackingCode}` });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({ dueUnconfirmed: true, question: '跨年的问题何时答复？' });

    // Only an organizer of the top region enters it; bad lists are refused naming the field.
    const schedule = [
      '# 2027年部分节假日安排',
      '2027-01-01 休 元旦',
      '2027-02-06~2027-02-12 休 春节',
      '2027-02-13 班 春节调休上班',
    ];
    expect((await api(adminA, 'PUT', '/calendar/years/2027', { text: schedule.join('\n') })).statusCode).toBe(403);
    const badLine = await api(organizer, 'PUT', '/calendar/years/2027', {
      text: '2027-01-01 休 元旦\n2027-01-02 放风 元旦',
    });
    expect(badLine.statusCode).toBe(422);
    expect(badLine.json().error.details[0]).toMatchObject({ field: 'text' });
    expect(badLine.json().error.details[0].reason).toContain('line 2');
    const otherYear = await api(organizer, 'PUT', '/calendar/years/2027', {
      days: [{ day: '2028-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(otherYear.statusCode).toBe(422);
    expect(otherYear.json().error.details[0].field).toBe('days[0].day');
    expect((await api(organizer, 'PUT', '/calendar/years/2027', {})).statusCode).toBe(422);
    expect((await api(deskA, 'GET', `/cases/${opened!.id}`)).json().dueUnconfirmed).toBe(true);

    const entered = await api(organizer, 'PUT', '/calendar/years/2027', { text: schedule.join('\n') });
    expect(entered.statusCode, entered.body).toBe(200);
    const edit = entered.json();
    expect(edit.year).toMatchObject({ year: 2027, source: 'organizer' });
    expect(edit.days).toHaveLength(1 + 7 + 1);
    const moved = edit.changes.find((c: { caseId: string }) => c.caseId === opened!.id);
    expect(moved).toMatchObject({ reference: before.reference, from: before.dueOn });
    expect(moved.to > before.dueOn).toBe(true);
    const after = (await api(adminA, 'GET', `/cases/${opened!.id}`)).json() as CaseDetail;
    expect(after).toMatchObject({ dueOn: moved.to, dueUnconfirmed: false });
    expect(after.events.at(-1)).toMatchObject({
      kind: 'due_recomputed',
      details: { from: before.dueOn, to: moved.to },
    });
    expect((await api(deskA, 'GET', '/calendar/years')).json().missing).not.toContain(2027);
    const audit = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'calendar_year' AND entity_id = '2027'`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['set_schedule']);
  });
});

describe('openday calendar add-working-days', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (onPostgres) {
      const { url, drop } = await createTestDatabase();
      env = { DATABASE_URL: url! };
      cleanup = drop;
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openday-calendar-'));
      env = { DATA_DIR: dir, DATABASE_URL: '' };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup?.());

  it(
    'prints the date N working days after a day',
    async () => {
      const spring = await runOpenday(['calendar', 'add-working-days', '2026-02-13', '15'], env);
      expect(spring.stderr).toBe('');
      expect(spring).toMatchObject({ code: 0, stdout: '2026-03-12\n' });
      const national = await runOpenday(['calendar', 'add-working-days', '2026-09-30', '1'], env);
      expect(national).toMatchObject({ code: 0, stdout: '2026-10-08\n' });
    },
    10 * 60_000,
  );

  it(
    'explains itself and refuses bad input with a clear message and a non-zero exit',
    async () => {
      const help = await runOpenday(['calendar', 'add-working-days', '--help'], env);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('add-working-days [options] <date> <days>');
      const badDate = await runOpenday(['calendar', 'add-working-days', '2026-02-30', '1'], env);
      expect(badDate.code).not.toBe(0);
      expect(badDate.stderr).toContain('must be a calendar date written YYYY-MM-DD');
      const badDays = await runOpenday(['calendar', 'add-working-days', '2026-02-13', 'ten'], env);
      expect(badDays.code).not.toBe(0);
      expect(badDays.stderr).toContain('must be a whole number of working days');
      const missing = await runOpenday(['calendar', 'add-working-days', '2026-02-13'], env);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain("missing required argument 'days'");
    },
    10 * 60_000,
  );
});
