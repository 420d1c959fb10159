import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../../test/app.ts';
import { buildWorld } from '../../../test/builders.ts';
import type { Case } from '../cases/schema.ts';
import { rateCase } from '../cases/service.ts';
import type { Rating } from '../consultations/schema.ts';
import { average, median, rate, satisfactionRate } from './figures.ts';
import type { CampaignStatistics, Figures } from './schema.ts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let organizer: Client;
let deskA: Client;
let adminA: Client;
let adminB: Client;

beforeAll(async () => {
  t = await createTestApp();
  world = await buildWorld(t.db);
  [organizer, deskA, adminA, adminB] = await Promise.all([
    login(t.app, world.users.organizer),
    login(t.app, world.users.deskA),
    login(t.app, world.users.adminA),
    login(t.app, world.users.adminB),
  ]);
});
afterAll(() => t?.close());

const api = (client: Client, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
  client.request({ method, url: `/api/v1${url}`, ...(body !== undefined && { payload: body }) });
const sql = async <T>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows;

describe('figures', () => {
  it('computes rates, averages and medians', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(1, 0)).toBeNull();
    expect(average([])).toBeNull();
    expect(average([1, 2, 4])).toBe(2.33);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    const counts = { very_satisfied: 3, satisfied: 2, basically_satisfied: 1, dissatisfied: 3, very_dissatisfied: 1 };
    expect(satisfactionRate(counts)).toEqual({ rate: 0.6, rated: 10, smallSample: false });
    expect(satisfactionRate(counts, ['very_satisfied', 'satisfied'])).toEqual({
      rate: 0.5,
      rated: 10,
      smallSample: false,
    });
    expect(satisfactionRate({ ...counts, very_dissatisfied: 0 })).toMatchObject({ rated: 9, smallSample: true });
  });
});

describe('the follow-up figures of a campaign', () => {
  /** Records a consultation needing a reply at unit A, days calendar days ago (China's time). */
  async function openCase(
    daysAgo: number,
    outcome: 'follow_up' | 'transferred' = 'follow_up',
  ): Promise<Case & { trackingCode: string }> {
    const [moment] = await sql<{ at: Date }>(`SELECT now() - make_interval(days => $1::int) AS at`, [daysAgo]);
    const recorded = await api(deskA, 'POST', '/consultations', {
      campaignId: world.campaign.id,
      unitId: world.unitA.id,
      occurredAt: moment!.at.toISOString(),
      question: `问题${daysAgo}-${Math.random()}`,
      outcome,
      rating: 'satisfied',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const found = (
      (await api(adminA, 'GET', `/cases?consultationId=${recorded.json().id}`)).json().items as Case[]
    )[0]!;
    // Only the recording's answer carries the visitor's code.
    return { ...found, trackingCode: recorded.json().caseTrackingCode };
  }
  const reply = async (client: Client, id: string) =>
    expect((await api(client, 'POST', `/cases/${id}/reply`, { reply: '已答复。' })).statusCode).toBe(200);

  let statistics: CampaignStatistics;
  const row = (unitId: string) => statistics.rows.find((r) => r.unitId === unitId)!;

  beforeAll(async () => {
    // Recent, replied on time (rated as given); old and replied late; old and never replied
    // (overdue); transferred to B and replied there; extended; reopened after a poor rating.
    const ratings: Rating[] = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'];
    for (const rating of ratings) {
      const c = await openCase(2);
      await reply(adminA, c.id);
      await rateCase({ db: t.db, trackingCode: c.trackingCode, rating });
    }
    const late = await openCase(45);
    await reply(adminA, late.id);
    await rateCase({ db: t.db, trackingCode: late.trackingCode, rating: 'very_dissatisfied' });
    await reply(adminA, late.id); // handled again after reopening, in time
    const lateOnly = await openCase(45);
    await reply(adminA, lateOnly.id);
    await openCase(40);
    await openCase(50);
    const moved = await openCase(3, 'transferred');
    await api(adminA, 'POST', `/cases/${moved.id}/transfer`, { toUnitId: world.unitB.id, reason: '司法局职责' });
    await reply(adminB, moved.id);
    const stuck = await openCase(60, 'transferred');
    await api(adminA, 'POST', `/cases/${stuck.id}/transfer`, { toUnitId: world.unitB.id, reason: '司法局职责' });
    const extended = await openCase(40);
    await api(adminA, 'POST', `/cases/${extended.id}/extend`, { days: 60, reason: '需调查' });
    const closed = await openCase(1);
    await reply(adminA, closed.id);
    await api(adminA, 'POST', `/cases/${closed.id}/close`, {});
    await openCase(0);

    const response = await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`);
    expect(response.statusCode, response.body).toBe(200);
    statistics = response.json();
  });

  /** The same figures counted straight from the rows, one simple query at a time. */
  async function directCounts(unitId: string) {
    const [today] = await sql<{ d: string }>(`SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d`);
    const cases = await sql<{
      id: string;
      status: string;
      due_on: string;
      clock_start_on: string;
      reply_day: string | null;
      rating: Rating | null;
      transfers: number;
    }>(
      `SELECT k.id, k.status, k.due_on, k.clock_start_on, (k.replied_at AT TIME ZONE 'Asia/Shanghai')::date AS reply_day,
         k.rating, (SELECT count(*)::int FROM case_events e WHERE e.case_id = k.id AND e.kind = 'transferred') AS transfers
       FROM cases k WHERE k.campaign_id = $1 AND k.unit_id = $2`,
      [world.campaign.id, unitId],
    );
    const holidays = new Map(
      (await sql<{ day: string; kind: string }>('SELECT day, kind FROM holidays')).map((h) => [h.day, h.kind]),
    );
    const isWorking = (day: Date) => {
      const listed = holidays.get(day.toISOString().slice(0, 10));
      return listed ? listed === 'workday' : day.getUTCDay() !== 0 && day.getUTCDay() !== 6;
    };
    const workingDaysBetween = (from: string, to: string) => {
      let n = 0;
      for (let d = new Date(`${from}T00:00:00Z`); ;) {
        d = new Date(d.getTime() + 86_400_000);
        if (d.toISOString().slice(0, 10) > to) return n;
        if (isWorking(d)) n++;
      }
    };
    const pending = (c: (typeof cases)[number]) => ['open', 'transferred', 'reopened'].includes(c.status);
    const replied = cases.filter((c) => c.status === 'replied' || c.status === 'closed');
    const due = cases.filter((c) => !pending(c) || c.due_on < today!.d);
    const onTime = replied.filter((c) => c.reply_day! <= c.due_on);
    const days = replied.map((c) => workingDaysBetween(c.clock_start_on, c.reply_day!));
    return {
      casesOpened: cases.length,
      casesTransferred: cases.filter((c) => c.transfers > 0).length,
      casesOpen: cases.filter(pending).length,
      casesOverdue: cases.filter((c) => pending(c) && c.due_on < today!.d).length,
      casesDue: due.length,
      casesReplied: replied.length,
      repliedOnTime: onTime.length,
      repliedOnTimeRate: due.length ? Math.round((onTime.length / due.length) * 10_000) / 10_000 : null,
      averageReplyDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 100) / 100 : null,
      medianReplyDays: days.length ? median(days) : null,
      replyRated: cases.filter((c) => c.rating).length,
      days,
    };
  }

  it('matches counts taken straight from the rows, unit by unit and in total', async () => {
    const a = await directCounts(world.unitA.id);
    const b = await directCounts(world.unitB.id);
    const { days: daysA, ...expectedA } = a;
    const { days: daysB, ...expectedB } = b;
    expect(row(world.unitA.id)).toMatchObject(expectedA);
    expect(row(world.unitB.id)).toMatchObject(expectedB);
    // Not trivially all on time, and every kind of case is there.
    expect(expectedA).toMatchObject({ casesOpened: 11, casesOverdue: 2, casesOpen: 5, repliedOnTime: 5, casesDue: 8 });
    expect(expectedA.repliedOnTimeRate).toBeGreaterThan(0);
    expect(expectedA.repliedOnTimeRate).toBeLessThan(1);
    expect(expectedB).toMatchObject({ casesOpened: 2, casesTransferred: 2, casesOverdue: 1, casesReplied: 1 });

    const allDays = [...daysA, ...daysB];
    expect(statistics.totals).toMatchObject({
      casesOpened: a.casesOpened + b.casesOpened,
      casesTransferred: a.casesTransferred + b.casesTransferred,
      casesOverdue: a.casesOverdue + b.casesOverdue,
      casesDue: a.casesDue + b.casesDue,
      repliedOnTime: a.repliedOnTime + b.repliedOnTime,
      repliedOnTimeRate: rate(a.repliedOnTime + b.repliedOnTime, a.casesDue + b.casesDue),
      averageReplyDays: average(allDays),
      medianReplyDays: median(allDays),
    } satisfies Partial<Figures>);
  });

  it('counts reply ratings per level with the number rated, and marks a small sample', () => {
    expect(row(world.unitA.id)).toMatchObject({
      replyRated: 5,
      replySatisfaction: {
        very_satisfied: 1,
        satisfied: 1,
        basically_satisfied: 1,
        dissatisfied: 1,
        very_dissatisfied: 1,
      },
      replySatisfactionRate: 0.6,
      replySmallSample: true,
      // The on-the-spot ratings of the consultations themselves are separate.
      rated: 13,
      satisfactionRate: 1,
      smallSample: false,
    });
    expect(statistics.satisfactionLevels).toEqual(['very_satisfied', 'satisfied', 'basically_satisfied']);
  });

  it("uses the campaign's satisfaction formula when the organizer changes it", async () => {
    const bad = await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, { satisfactionLevels: ['happy'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('satisfactionLevels.0');
    const empty = await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, { satisfactionLevels: [] });
    expect(empty.statusCode).toBe(400);
    const changed = await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, {
      satisfactionLevels: ['very_satisfied', 'satisfied'],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().satisfactionLevels).toEqual(['very_satisfied', 'satisfied']);
    const response = await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`);
    const after: CampaignStatistics = response.json();
    expect(after.satisfactionLevels).toEqual(['very_satisfied', 'satisfied']);
    expect(after.rows.find((r) => r.unitId === world.unitA.id)).toMatchObject({ replySatisfactionRate: 0.4 });
    await api(organizer, 'PATCH', `/campaigns/${world.campaign.id}`, {
      satisfactionLevels: ['very_satisfied', 'satisfied', 'basically_satisfied'],
    });
  });

  it('shows a unit only its own row', async () => {
    const response = await api(adminB, 'GET', `/campaigns/${world.campaign.id}/statistics`);
    const own: CampaignStatistics = response.json();
    expect(own.rows.map((r) => r.unitId)).toEqual([world.unitB.id]);
    expect(own.totals.casesOpened).toBe(row(world.unitB.id).casesOpened);
  });
});

describe('media coverage and online posts', () => {
  it('counts reports, posts and reads by medium, unit by unit and in total', async () => {
    const ofUnit = (unitId: string, body: object) =>
      api(adminA, 'POST', '/publicity', { campaignId: world.campaign.id, unitId, ...body });
    const report = { kind: 'media_report', outlet: '辽宁日报', medium: 'newspaper', text: '政务公开日' };
    for (const body of [
      { ...report, reach: 5000 },
      { ...report, outlet: '辽宁广播电视台', medium: 'tv' },
      { kind: 'online_post', medium: 'wechat', url: 'https://mp.weixin.qq.com/s/a', reach: 1200 },
      { kind: 'online_post', medium: 'wechat', url: 'https://mp.weixin.qq.com/s/b', reach: 300 },
      { kind: 'online_post', medium: 'gov_website', url: 'https://www.example.gov.cn/a.html' },
      { kind: 'online_post', url: 'https://www.example.gov.cn/b.html' },
    ])
      expect((await ofUnit(world.unitA.id, body)).statusCode).toBe(201);
    expect((await ofUnit(world.subUnitA.id, { ...report, medium: 'news_site', reach: 7 })).statusCode).toBe(201);

    const statistics: CampaignStatistics = (
      await api(organizer, 'GET', `/campaigns/${world.campaign.id}/statistics`)
    ).json();
    const a = statistics.rows.find((r) => r.unitId === world.unitA.id)!;
    expect(a).toMatchObject({ mediaReports: 2, onlinePosts: 4, mediaReach: 6500 });
    expect(a.media.newspaper).toEqual({ reports: 1, posts: 0, reach: 5000 });
    expect(a.media.tv).toEqual({ reports: 1, posts: 0, reach: 0 });
    expect(a.media.wechat).toEqual({ reports: 0, posts: 2, reach: 1500 });
    expect(a.media.gov_website).toEqual({ reports: 0, posts: 1, reach: 0 });
    expect(statistics.totals).toMatchObject({ mediaReports: 3, onlinePosts: 4, mediaReach: 6507 });
    expect(statistics.totals.media.news_site).toEqual({ reports: 1, posts: 0, reach: 7 });
    // The live dashboard leaves the preparation, media included, to the statistical summary.
    const dashboard = (await api(organizer, 'GET', `/campaigns/${world.campaign.id}/dashboard`)).json();
    expect(dashboard.totals).not.toHaveProperty('media');
  });
});
