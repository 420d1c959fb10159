import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { loadDemo } from '../demo/service.ts';
import { actorFor } from '../users/acting-user.ts';
import { documentText, figureRuns, untranslatedNames, type SummaryDocument } from './document.ts';
import { buildSummaryDocument } from './generate.ts';
import { checkSummaryText, type RecordedFigures } from '../summary-checker/check.ts';
import type { SummaryRecords } from './facts.ts';
import { collectSummaryFacts } from './service.ts';

let db: Database;
let drop: () => Promise<void>;
let campaignId: string;
const documents = new Map<string, { zh: SummaryDocument; en: SummaryDocument }>();
const recorded = new Map<string, RecordedFigures>();
const facts = new Map<string, SummaryRecords>();

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  campaignId = (await loadDemo(db))!.campaignId;
  const actor = await actorFor(db, 'organizer');
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT u.id, u.name FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1 ORDER BY u.name`,
    [campaignId],
  );
  for (const unit of rows) {
    const records = await collectSummaryFacts({ db, actor, campaignId, unitId: unit.id });
    facts.set(unit.id, records);
    recorded.set(unit.name, records.figures);
    documents.set(unit.name, {
      zh: buildSummaryDocument(records, 'zh-CN'),
      en: buildSummaryDocument(records, 'en-US'),
    });
  }
}, 10 * 60_000);
afterAll(() => drop?.());

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;
const paragraphs = (d: SummaryDocument) => [d.opening, ...d.sections.flatMap((s) => s.paragraphs)];
const sentencesOf = (d: SummaryDocument) =>
  paragraphs(d)
    .map((p) => p.runs.map((r) => r.text).join(''))
    .flatMap((text) => (d.language === 'zh-CN' ? text.split(/(?<=。)/u) : text.split(/(?<=\.) (?=[A-Z0-9])/u)))
    .map((s) => s.replace(/^\d+\.\s?/, '').trim())
    .filter(Boolean);

describe('the summaries of the ten demo units', () => {
  it('are ten, one per unit', () => expect(documents.size).toBe(10));

  it('contain no zero count and no repeated sentence, in either language', () => {
    for (const [unit, d] of documents)
      for (const doc of [d.zh, d.en]) {
        for (const run of figureRuns(doc)) expect(run.value, `${unit} ${doc.language} ${run.key}`).not.toBe(0);
        const sentences = sentencesOf(doc);
        expect(
          sentences.filter((s, i) => sentences.indexOf(s) !== i),
          `${unit} ${doc.language}`,
        ).toEqual([]);
      }
  });

  it('write no Chinese in the English template text', () => {
    for (const [unit, d] of documents)
      for (const p of paragraphs(d.en))
        for (const run of p.runs) if (run.kind === 'text') expect(run.text, unit).not.toMatch(CJK);
  });

  it('write no Chinese in English except the names listed for the unit to translate', () => {
    for (const [unit, d] of documents) {
      const names = untranslatedNames(d.en);
      const longestFirst = [...names].sort((a, b) => b.length - a.length);
      const rest = longestFirst.reduce((text, name) => text.split(name).join(''), documentText(d.en));
      expect(rest, unit).not.toMatch(CJK);
      expect(untranslatedNames(d.zh)).toEqual([]);
    }
  });

  it('name every site, desk, topic, material and leader of the demo in English', () => {
    for (const [unit, d] of documents) {
      expect(untranslatedNames(d.en), unit).toEqual([]);
      expect(documentText(d.en), unit).not.toMatch(CJK);
    }
    const heating = documentText(documents.get('葫芦岛市供热办公室')!.en);
    expect(heating).toContain('the Fengze Community service point, Fengle District;');
    // A site whose name already says its district does not get the district again in brackets.
    for (const [unit, d] of documents)
      expect(documentText(d.en), unit).not.toMatch(/([A-Z][\w-]+ (?:District|Township|Town|Sub-district)) \(\1\)/);
    expect(heating).toContain('Huludao Municipal Heating Office');
    // The campaign's theme in its English words, not the Chinese.
    expect(heating).toContain('the theme "Advancing open government, improving the business environment"');
    expect(heating).toMatch(/mainly about heating (charges|quality)/);
  });

  it('write a name the unit left untranslated in pinyin, marked so, and list it in Chinese', async () => {
    const { rows } = await db.query<{ unit_id: string }>(
      `UPDATE desks d SET name_en = NULL FROM plans p JOIN units u ON u.id = p.unit_id
        WHERE d.plan_id = p.id AND u.name = '萍乡市水利局' RETURNING p.unit_id`,
    );
    const actor = await actorFor(db, 'organizer');
    const records = await collectSummaryFacts({ db, actor, campaignId, unitId: rows[0]!.unit_id });
    const english = buildSummaryDocument(records, 'en-US');
    expect(untranslatedNames(english)).toEqual(['水利局咨询台']);
    expect(documentText(english)).toContain('1 service desk was set up: Shuiliju Zixun Tai (pinyin) at ');
    expect(documentText(english)).not.toMatch(CJK);
  });

  it('contradict none of their own figures, as the summary checker reads them', () => {
    for (const [unit, d] of documents)
      for (const doc of [d.zh, d.en]) {
        const findings = checkSummaryText(documentText(doc), recorded.get(unit)!);
        expect(
          findings.filter((f) => f.kind === 'contradiction'),
          `${unit} ${doc.language}`,
        ).toEqual([]);
      }
  });

  it('state the services handled on the spot and the leaders’ receptions', () => {
    const hrss = documents.get('本溪市人力资源和社会保障局')!;
    expect(documentText(hrss.zh)).toMatch(/现场办理8件（“[^”]+”和“[^”]+”）/u);
    expect(documentText(hrss.en)).toContain('8 services were handled on the spot');
    const radio = documents.get('沈阳市广播电视局')!;
    expect(documentText(radio.zh)).toContain('副局长王立新等领导现场接待群众36人次');
    expect(documentText(radio.en)).toContain('Leaders on duty (Wang Lixin) met visitors in person 36 times.');
  });

  it('state the media reports and the online posts, the website and WeChat apart, with their reads', () => {
    const radio = documents.get('沈阳市广播电视局')!;
    expect(documentText(radio.zh)).toContain(
      '媒体报道1篇：辽宁日报（报纸）2026年5月16日报道《沈阳市广播电视局在市民广场开展“5·15”政务公开日活动》。',
    );
    expect(documentText(radio.en)).toContain(
      '1 media report covered the open day: Liaoning Daily (a newspaper) on 16 May 2026.',
    );
    const scenery = [...documents].find(([name]) => name.includes('景色社区'))![1];
    expect(documentText(scenery.zh)).toContain('在网上发布活动信息2条，其中微信公众号1条和政府网站1条。');
    expect(documentText(scenery.zh)).toContain('网络发布和媒体报道累计阅读1512次。');
    expect(documentText(scenery.en)).toContain(
      'The unit published 2 online posts (1 on its WeChat account and 1 on its government website).',
    );
    expect(documentText(scenery.en)).toContain('Posts and reports were viewed or read 1,512 times in all.');
  });

  it('name the Heating Office’s three partner companies with what each answered and the cases transferred to it, in both languages', () => {
    const heating = documents.get('葫芦岛市供热办公室')!;
    const zh = documentText(heating.zh);
    const en = documentText(heating.en);
    // The questions passed on at each company's desk went to that company, which answered them.
    expect(zh).toMatch(
      new RegExp(
        '与葫芦岛市供热处、葫芦岛市华建管道公司和葫芦岛市热网有限公司等3家单位联合设台，' +
          '其中葫芦岛市供热处解答60人次，承办转办件\\d+件、已答复\\d+件；' +
          '葫芦岛市华建管道公司解答50人次，承办转办件\\d+件、已答复\\d+件；' +
          '葫芦岛市热网有限公司解答40人次，承办转办件\\d+件、已答复\\d+件。',
        'u',
      ),
    );
    expect(en).toMatch(
      new RegExp(
        'The desks were run jointly with 3 partner organisations \\(Huludao Heating Office, Huludao Huajian Plumbing ' +
          'Company, and Huludao Heating Network Co\\., Ltd\\.\\)\\. Huludao Heating Office answered 60 visitors and ' +
          'received \\d+ transferred cases?, replying to \\d+; Huludao Huajian Plumbing Company answered 50 visitors ' +
          'and received \\d+ transferred cases?, replying to \\d+; Huludao Heating Network Co\\., Ltd\\. answered 40 ' +
          'visitors and received \\d+ transferred cases?, replying to \\d+\\.',
        'u',
      ),
    );
    const figures = new Map(figureRuns(heating.zh).map((r) => [r.key, r.value]));
    expect(figures.get('partners')).toBe(3);
    expect(figures.get('partner:葫芦岛市华建管道公司:peopleReceived')).toBe(50);
    const transferred = ['葫芦岛市供热处', '葫芦岛市华建管道公司', '葫芦岛市热网有限公司'].map(
      (name) => figures.get(`partner:${name}:casesTransferred`) ?? 0,
    );
    expect(transferred.every((n) => n > 0)).toBe(true);
  });

  it("state the Water Conservancy Bureau's own day, 30 May, and the campaign's name in the title", () => {
    const water = documents.get('萍乡市水利局')!;
    expect(water.zh.title).toBe('萍乡市水利局关于2026年“5·15”政务公开日活动的总结');
    expect(documentText(water.zh)).toContain('萍乡市水利局于2026年5月30日在');
    expect(documentText(water.zh)).not.toContain('2026年5月15日');
    expect(documentText(water.en)).toContain('held its open day on 30 May 2026');
  });

  it('state the township’s hotline and its mailboxes in two villages with what they received, in both languages', () => {
    const township = documents.get('石门乡人民政府')!;
    const zh = documentText(township.zh);
    const en = documentText(township.en);
    const sentence = zh.split('。').find((s) => s.includes('热线'))!;
    expect(sentence).toMatch(
      /^开通热线1条，设置意见箱2个，其中2个设在箱子村和石门村等2个村（社区），共收到群众咨询\d+件（\d+人次）$/u,
    );
    expect(en).toMatch(
      /1 hotline and 2 mailboxes were set up, 2 of them in 2 villages and communities \(Box Village and Shimen Village\), receiving \d+ questions from \d+ people\./u,
    );
  });

  it('name the Box Village symposium, its place, participants and each opinion with what became of it', () => {
    const township = documents.get('石门乡人民政府')!;
    const zh = documentText(township.zh);
    expect(zh).toContain(
      '2026年5月18日在箱子村村民委员会会议室召开“5·15”政务公开日座谈会，由李春生主持，乡驻村干部、箱子村党支部书记和村委会主任、村民代表等23人参加，其中人大代表1名、群众代表15名和工作人员5名',
    );
    expect(zh).toContain('在“5·15”政务公开日座谈会上收集意见建议4条，其中1条当场答复、1条转办、1条采纳和1条研究办理：');
    expect(zh).toContain('“箱子村到乡里的道路破损严重，什么时候能修？”（转办）');
    const en = documentText(township.en);
    expect(en).toContain(
      "On 18 May 2026, a symposium was held (Open Day symposium in Box Village) at the meeting room of the Box Village committee with 23 participants, among them 1 deputy to the people's congress, 15 residents' representatives, and 5 members of staff.",
    );
    expect(en).toContain(
      'At the symposium "Open Day symposium in Box Village", 4 opinions were raised: 1 was answered on the spot, 1 was transferred for handling, 1 was adopted, and 1 was under study.',
    );
    const shenyang = documents.get('沈阳市广播电视局')!;
    expect(documentText(shenyang.zh)).toContain('由王立新主持，局领导班子成员、各处室负责人等14人参加，均为工作人员');
    expect(documentText(shenyang.en)).toContain(
      'On 6 May 2026, a preparation meeting was held with 14 participants, all members of staff.',
    );
  });

  it('name in 五 a record dated after the unit’s day', async () => {
    const { rows } = await db.query<{ id: string; unit_id: string }>(
      `SELECT p.id, p.unit_id FROM plans p JOIN units u ON u.id = p.unit_id WHERE p.campaign_id = $1 AND u.name = '萍乡市水利局'`,
      [campaignId],
    );
    const plan = rows[0]!;
    await db.query(
      `INSERT INTO meetings (id, campaign_id, plan_id, kind, held_on, title, participants, decisions)
       VALUES (gen_random_uuid(), $1, $2, 'preparation', '2026-06-02', '活动总结会', '局领导', '总结活动')`,
      [campaignId, plan.id],
    );
    const actor = await actorFor(db, 'organizer');
    const records = await collectSummaryFacts({ db, actor, campaignId, unitId: plan.unit_id });
    const problems = buildSummaryDocument(records, 'zh-CN').sections.find((s) => s.key === 'problems')!;
    expect(problems.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n')).toContain(
      '部署会“活动总结会”（2026年6月2日）晚于本单位活动日期（2026年5月30日）',
    );
    const english = buildSummaryDocument(records, 'en-US').sections.find((s) => s.key === 'problems')!;
    expect(english.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n')).toContain(
      "is dated after the unit's open day (30 May 2026)",
    );
  });
});

describe('what a summary reads, against the records counted directly', () => {
  it("has each unit's cases sent and received, by the other unit, as the cases and their consultations give", async () => {
    let exchanged = 0;
    for (const [unitId, records] of facts) {
      const { rows } = await db.query<{ direction: string; unit_name: string; count: number }>(
        `SELECT CASE WHEN k.unit_id = $2 THEN 'received' ELSE 'sent' END AS direction, u.name AS unit_name,
                count(*)::int AS count
           FROM cases k JOIN consultations c ON c.id = k.consultation_id
           JOIN units u ON u.id = CASE WHEN k.unit_id = $2 THEN c.unit_id ELSE k.unit_id END
          WHERE k.campaign_id = $1 AND (k.unit_id = $2 OR c.unit_id = $2) AND k.unit_id <> c.unit_id AND NOT k.later
          GROUP BY 1, 2`,
        [campaignId, unitId],
      );
      const key = (r: { direction: string; unit_name: string; count: number }) =>
        `${r.direction} ${r.unit_name} ${r.count}`;
      expect(records.caseExchanges.map(key).sort()).toEqual(rows.map(key).sort());
      exchanged += rows.length;
    }
    expect(exchanged).toBeGreaterThan(0);
  });

  it("compares topics with the whole campaign's answers and ratings, as the consultations give them", async () => {
    const { rows } = await db.query<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE question IS NOT NULL)::int AS consultations,
              count(*) FILTER (WHERE outcome = 'answered_on_spot')::int AS answered_on_spot,
              count(*) FILTER (WHERE rating = 'very_satisfied')::int AS very_satisfied,
              count(*) FILTER (WHERE rating = 'satisfied')::int AS satisfied,
              count(*) FILTER (WHERE rating = 'basically_satisfied')::int AS basically_satisfied,
              count(*) FILTER (WHERE rating = 'dissatisfied')::int AS dissatisfied,
              count(*) FILTER (WHERE rating = 'very_dissatisfied')::int AS very_dissatisfied
         FROM consultations WHERE campaign_id = $1 AND NOT later`,
      [campaignId],
    );
    expect(rows[0]!.consultations).toBeGreaterThan(0);
    for (const records of facts.values()) expect(records.campaignRatings).toMatchObject(rows[0]!);
  });
});
