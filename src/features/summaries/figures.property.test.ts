import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCampaign, buildRegion, buildUnit, buildUser } from '../../../test/builders.ts';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { RATINGS } from '../consultations/schema.ts';
import { actorFor } from '../users/acting-user.ts';
import { satisfactionRate } from '../statistics/figures.ts';
import { figureRuns, formatCount, formatDays, formatRate, SUMMARY_LANGUAGES } from './document.ts';
import { buildSummaryDocument } from './generate.ts';
import { collectSummaryFacts } from './service.ts';

/**
 * Property: over generated campaigns, every number in a generated summary is a figure run, and
 * every figure run's value equals the figure queried here, independently, from the records.
 */

const TOPICS = ['供热收费', '法律援助', 'topic 3'];
const CHANNELS = ['on_site', 'hotline', 'mailbox', 'online', 'symposium'] as const;
const OUTCOMES = ['answered_on_spot', 'transferred', 'follow_up', 'suggestion', 'complaint'] as const;

const consultation = fc.record({
  desk: fc.nat(3),
  visit: fc.nat(5),
  topic: fc.option(fc.constantFrom(...TOPICS)),
  question: fc.boolean(),
  outcome: fc.constantFrom(...OUTCOMES),
  rating: fc.option(fc.constantFrom(...RATINGS)),
  channel: fc.constantFrom(...CHANNELS),
});
const campaignRecords = fc.record({
  desks: fc.integer({ min: 0, max: 3 }),
  staff: fc.option(fc.integer({ min: 0, max: 3000 })),
  leader: fc.boolean(),
  meetings: fc.array(fc.record({ kind: fc.constantFrom('preparation', 'symposium'), decided: fc.boolean() }), {
    maxLength: 3,
  }),
  publicity: fc.array(
    fc.record({
      kind: fc.constantFrom(
        'banner',
        'panel',
        'led_slogan',
        'poster',
        'newspaper_window',
        'online_post',
        'media_report',
      ),
      quantity: fc.integer({ min: 1, max: 1500 }),
      medium: fc.option(fc.constantFrom('wechat', 'gov_website', 'weibo')),
      reach: fc.option(fc.integer({ min: 0, max: 200000 })),
    }),
    { maxLength: 6 },
  ),
  materials: fc.array(
    fc.record({
      printRun: fc.option(fc.integer({ min: 0, max: 20000 })),
      copies: fc.array(fc.integer({ min: 1, max: 900 }), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  consultations: fc.array(consultation, { maxLength: 40 }),
});
type Records = typeof campaignRecords extends fc.Arbitrary<infer T> ? T : never;

let db: Database;
let drop: () => Promise<void>;
let organizerUnitId: string;
let regionId: string;
beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  const region = await buildRegion(db, { level: 'province' });
  regionId = region.id;
  organizerUnitId = (await buildUnit(db, { regionId, kind: 'office' })).id;
});
afterAll(() => drop?.());

async function store(records: Records) {
  const unit = await buildUnit(db, { regionId });
  const other = await buildUnit(db, { regionId });
  const campaign = await buildCampaign(db, { organizerUnitId, unitIds: [unit.id, other.id] });
  const actor = await actorFor(db, await buildUser(db, 'unit_admin', unit.id));
  const planId = newId();
  await db.query(
    `INSERT INTO plans (id, campaign_id, unit_id, leader_name, leader_title, staff_count, issued_on) VALUES ($1, $2, $3, $4, '局长', $5, '2026-05-10')`,
    [planId, campaign.id, unit.id, records.leader ? '张三' : null, records.staff],
  );
  for (const [i, m] of records.meetings.entries())
    await db.query(
      `INSERT INTO meetings (id, campaign_id, plan_id, kind, held_on, title, participants, decisions) VALUES ($1, $2, $3, $4, '2026-05-12', $5, $6, $7)`,
      [
        newId(),
        campaign.id,
        planId,
        m.kind,
        `会议${'甲乙丙'[i]}`,
        m.decided ? '各科室负责人' : '',
        m.decided ? '设立咨询台' : '',
      ],
    );
  const siteId = newId();
  await db.query(
    `INSERT INTO sites (id, campaign_id, plan_id, name, address, held_on, opens_at, closes_at) VALUES ($1, $2, $3, '广场', '广场路', '2026-05-15', '08:30', '11:30')`,
    [siteId, campaign.id, planId],
  );
  const deskIds: string[] = [];
  for (let i = 0; i < records.desks; i++) {
    deskIds.push(newId());
    await db.query(`INSERT INTO desks (id, campaign_id, plan_id, site_id, name) VALUES ($1, $2, $3, $4, $5)`, [
      deskIds[i],
      campaign.id,
      planId,
      siteId,
      `服务台${'甲乙丙丁'[i]}`,
    ]);
  }
  for (const p of records.publicity) {
    const report = p.kind === 'media_report';
    const media = report || p.kind === 'online_post';
    await db.query(
      `INSERT INTO publicity_items (id, campaign_id, unit_id, kind, quantity, text, outlet, medium, reach)
       VALUES ($1, $2, $3, $4, $5, '推进政务公开', $6, $7, $8)`,
      [
        newId(),
        campaign.id,
        unit.id,
        p.kind,
        report ? 1 : p.quantity,
        report ? '辽宁日报' : null,
        report ? (p.medium ?? 'newspaper') : media ? p.medium : null,
        media ? p.reach : null,
      ],
    );
  }
  for (const [i, m] of records.materials.entries()) {
    const materialId = newId();
    await db.query(
      `INSERT INTO materials (id, campaign_id, unit_id, title, kind, print_run) VALUES ($1, $2, $3, $4, 'leaflet', $5)`,
      [materialId, campaign.id, unit.id, `宣传单${'甲乙丙'[i]}`, m.printRun],
    );
    for (const copies of m.copies)
      await db.query(
        `INSERT INTO material_distributions (id, campaign_id, material_id, copies) VALUES ($1, $2, $3, $4)`,
        [newId(), campaign.id, materialId, copies],
      );
  }
  const visits = new Map<number, string>();
  for (const c of records.consultations) {
    const deskId = deskIds.length ? deskIds[c.desk % deskIds.length]! : null;
    if (!visits.has(c.visit)) visits.set(c.visit, newId());
    await db.query(
      `INSERT INTO consultations (id, campaign_id, unit_id, site_id, desk_id, visit_id, occurred_at, channel, topic, question, outcome, rating)
       VALUES ($1, $2, $3, $4, $5, $6, '2026-05-15T09:00:00+08:00', $7, $8, $9, $10, $11)`,
      [
        newId(),
        campaign.id,
        unit.id,
        deskId ? siteId : null,
        deskId,
        visits.get(c.visit),
        c.channel,
        c.topic,
        c.question ? '问题' : null,
        c.question ? c.outcome : null,
        c.rating,
      ],
    );
  }
  return { campaignId: campaign.id, unitId: unit.id, actor };
}

/** The figure a key names, queried from the records without the code under test. */
async function queryFigure(campaignId: string, unitId: string, key: string): Promise<number | null> {
  const one = async (sql: string, params: unknown[] = []) =>
    ((await db.query<{ v: number | null }>(sql, [campaignId, unitId, ...params])).rows[0]?.v ?? null) as number | null;
  const where = 'FROM consultations WHERE campaign_id = $1 AND unit_id = $2';
  const levels = async (extra = '', params: unknown[] = []) => {
    const counts = Object.fromEntries(
      await Promise.all(
        RATINGS.map(async (r) => [
          r,
          (await one(`SELECT count(*)::int AS v ${where} AND rating = $3 ${extra}`, [r, ...params]))!,
        ]),
      ),
    );
    return satisfactionRate(counts as Record<(typeof RATINGS)[number], number>);
  };
  const [name, arg, sub] = key.split(':');
  switch (name) {
    case 'peopleReceived':
      return one(`SELECT count(DISTINCT visit_id)::int AS v ${where}`);
    case 'consultations':
      return one(`SELECT count(*)::int AS v ${where} AND question IS NOT NULL`);
    case 'answeredOnSpot':
    case 'transferred':
    case 'followUp':
    case 'suggestions':
    case 'complaints': {
      const outcome = {
        answeredOnSpot: 'answered_on_spot',
        transferred: 'transferred',
        followUp: 'follow_up',
        suggestions: 'suggestion',
        complaints: 'complaint',
      }[name];
      return one(`SELECT count(*)::int AS v ${where} AND outcome = $3`, [outcome]);
    }
    case 'answeredOnSpotRate': {
      const all = (await one(`SELECT count(*)::int AS v ${where} AND question IS NOT NULL`))!;
      const on = (await one(`SELECT count(*)::int AS v ${where} AND outcome = 'answered_on_spot'`))!;
      return all ? Math.round((on / all) * 10000) / 10000 : null;
    }
    case 'rated':
      return one(`SELECT count(*)::int AS v ${where} AND rating IS NOT NULL`);
    case 'satisfaction':
      return one(`SELECT count(*)::int AS v ${where} AND rating = $3`, [arg]);
    case 'satisfactionRate':
      return (await levels()).rate;
    case 'campaignSatisfactionRate': {
      const counts = Object.fromEntries(
        await Promise.all(
          RATINGS.map(async (r) => [
            r,
            (
              await db.query<{ v: number }>(
                `SELECT count(*)::int AS v FROM consultations WHERE campaign_id = $1 AND rating = $2`,
                [campaignId, r],
              )
            ).rows[0]!.v,
          ]),
        ),
      );
      return satisfactionRate(counts as Record<(typeof RATINGS)[number], number>).rate;
    }
    case 'topic':
      if (sub === 'consultations')
        return one(`SELECT count(*)::int AS v ${where} AND topic = $3 AND question IS NOT NULL`, [arg]);
      if (sub === 'rated')
        return one(`SELECT count(*)::int AS v ${where} AND topic = $3 AND rating IS NOT NULL`, [arg]);
      return (await levels('AND topic = $4', [arg])).rate;
    case 'channel':
      // Consultations are questions: a visit that only took leaflets is not one.
      return one(`SELECT count(*)::int AS v ${where} AND channel = $3 AND question IS NOT NULL`, [arg]);
    case 'desk':
      return one(`SELECT count(DISTINCT visit_id)::int AS v ${where} AND desk_id = $3`, [arg]);
    case 'desks':
      return one(
        `SELECT count(*)::int AS v FROM desks d JOIN plans p ON p.id = d.plan_id WHERE p.campaign_id = $1 AND p.unit_id = $2`,
      );
    case 'staff':
      return one(`SELECT staff_count AS v FROM plans WHERE campaign_id = $1 AND unit_id = $2`);
    case 'preparationMeetings':
    case 'symposiums':
      return one(
        `SELECT count(*)::int AS v FROM meetings m JOIN plans p ON p.id = m.plan_id WHERE p.campaign_id = $1 AND p.unit_id = $2 AND m.kind = $3`,
        [name === 'symposiums' ? 'symposium' : 'preparation'],
      );
    case 'banners':
    case 'panels':
    case 'ledSlogans':
    case 'posters':
    case 'newspaperWindows':
    case 'onlinePosts': {
      const kind = {
        banners: 'banner',
        panels: 'panel',
        ledSlogans: 'led_slogan',
        posters: 'poster',
        newspaperWindows: 'newspaper_window',
        onlinePosts: 'online_post',
      }[name];
      return one(
        `SELECT coalesce(sum(quantity), 0)::int AS v FROM publicity_items WHERE campaign_id = $1 AND unit_id = $2 AND kind = $3`,
        [kind],
      );
    }
    case 'mediaReports':
      return one(
        `SELECT coalesce(sum(quantity), 0)::int AS v FROM publicity_items WHERE campaign_id = $1 AND unit_id = $2 AND kind = 'media_report'`,
      );
    case 'mediaReach':
      return one(
        `SELECT coalesce(sum(reach), 0)::int AS v FROM publicity_items WHERE campaign_id = $1 AND unit_id = $2`,
      );
    case 'media':
      return one(
        `SELECT coalesce(sum(quantity), 0)::int AS v FROM publicity_items WHERE campaign_id = $1 AND unit_id = $2 AND kind = 'online_post' AND medium = $3`,
        [arg],
      );
    case 'report':
      return one(`SELECT reach AS v FROM publicity_items WHERE campaign_id = $1 AND unit_id = $2 AND id = $3`, [arg]);
    case 'materialsPrinted':
      return one(`SELECT sum(print_run)::int AS v FROM materials WHERE campaign_id = $1 AND unit_id = $2`);
    case 'materialsDistributed':
      return one(
        `SELECT coalesce(sum(d.copies), 0)::int AS v FROM material_distributions d JOIN materials m ON m.id = d.material_id WHERE m.campaign_id = $1 AND m.unit_id = $2`,
      );
    case 'material':
      return sub === 'printed'
        ? one(`SELECT print_run AS v FROM materials WHERE campaign_id = $1 AND unit_id = $2 AND id = $3`, [arg])
        : one(
            `SELECT coalesce(sum(copies), 0)::int AS v FROM material_distributions WHERE campaign_id = $1 AND material_id = $3 AND $2::uuid IS NOT NULL`,
            [arg],
          );
    case 'laterQuestions':
      return one(
        `SELECT count(*)::int AS v FROM consultations WHERE campaign_id = $1 AND unit_id = $2 AND later AND question IS NOT NULL`,
      );
    // No case was opened in these campaigns (consultations stored directly): every case figure is nought.
    case 'casesDue':
    case 'repliedOnTime':
    case 'casesOverdue':
    case 'casesOpenNotOverdue':
    case 'repliedLate':
      return 0;
    case 'repliedOnTimeRate':
    case 'averageReplyDays':
      return null;
    default:
      throw new Error(`no query for figure ${key}`);
  }
}

describe('every number in a generated summary', () => {
  it('is a figure whose value equals the figure queried from the records', async () => {
    await fc.assert(
      fc.asyncProperty(campaignRecords, async (records) => {
        const { campaignId, unitId, actor } = await store(records);
        const facts = await collectSummaryFacts({ db, actor, campaignId, unitId });
        for (const language of SUMMARY_LANGUAGES) {
          const document = buildSummaryDocument(facts, language);
          const paragraphs = [document.opening, ...document.sections.flatMap((s) => s.paragraphs)];
          for (const run of paragraphs.flatMap((p) => p.runs)) {
            // Template text never carries a number of its own.
            if (run.kind === 'text') expect(run.text).not.toMatch(/\d/);
            if (run.kind !== 'figure') continue;
            expect(run.value, run.key).toBe(await queryFigure(campaignId, unitId, run.key));
            const expected =
              run.value === null
                ? language === 'zh-CN'
                  ? '未记录'
                  : 'not recorded'
                : /Rate$/.test(run.key) || run.key.endsWith(':satisfactionRate')
                  ? formatRate(run.value)
                  : run.key === 'averageReplyDays'
                    ? formatDays(run.value)
                    : formatCount(run.value, language);
            expect(run.text, run.key).toBe(expected);
          }
          expect(figureRuns(document).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 12 },
    );
  });
});
