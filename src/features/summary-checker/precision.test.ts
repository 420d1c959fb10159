import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { loadDemo } from '../demo/service.ts';
import { documentText } from '../summaries/document.ts';
import { buildSummaryDocument, withOwnText } from '../summaries/generate.ts';
import { collectSummaryFacts } from '../summaries/service.ts';
import { actorFor } from '../users/acting-user.ts';
import { checkSummaryText, chineseNumber, type RecordedFigures } from './check.ts';
import { checkSummary } from './service.ts';

const recorded: RecordedFigures = {
  peopleReceived: 246,
  consultations: 70,
  answeredOnSpot: 62,
  handledOnSpot: 0,
  leaderReceptions: 0,
  desks: 3,
  staff: 25,
  banners: 5,
  panels: 2,
  ledSlogans: 0,
  newspaperWindows: 0,
  mediaReports: 0,
  materialsPrinted: 2400,
  materialsDistributed: 2000,
  rated: 38,
  satisfactionRate: 37 / 38,
};

const SECTIONS_ZH =
  '一、组织领导和工作部署\n二、宣传工作\n三、现场服务咨询\n四、意见办理转办\n五、存在的问题\n六、下一步工作\n';
const SECTIONS_EN =
  'I. Organization\nII. Publicity\nIII. On-site service: questions received\nIV. Follow-up: transferred\nV. Problems\nVI. Next steps\n';

const kinds = (text: string) => checkSummaryText(text, recorded).map((f) => `${f.kind}:${f.text}`);

describe('the checker, precise both ways', () => {
  it('reads Chinese numerals', () => {
    expect(chineseNumber('五')).toBe(5);
    expect(chineseNumber('二百四十六')).toBe(246);
    expect(chineseNumber('两千')).toBe(2000);
    expect(chineseNumber('十五')).toBe(15);
    expect(chineseNumber('一万零五')).toBe(10005);
  });

  it('compares figures written in Chinese numerals with the records', () => {
    expect(kinds(`${SECTIONS_ZH}悬挂横幅五条，共接待群众二百四十六人次，发放资料两千余份。`)).toEqual([]);
    expect(kinds(`${SECTIONS_ZH}悬挂横幅六条，共接待群众二百四十人次。`)).toEqual([
      'contradiction:悬挂横幅六条',
      'contradiction:接待群众二百四十人',
    ]);
    expect(kinds(`${SECTIONS_EN}We hung 6 banners and received 246 people.`)).toEqual(['contradiction:6 banners']);
  });

  it('compares the media reports a summary claims with those recorded', () => {
    expect(kinds(`${SECTIONS_ZH}媒体报道0篇。`)).toEqual([]);
    expect(kinds(`${SECTIONS_ZH}辽宁日报等媒体报道3篇。`)).toEqual(['contradiction:媒体报道3篇']);
    expect(kinds(`${SECTIONS_EN}The day was covered by 2 media reports.`)).toEqual(['contradiction:2 media reports']);
  });

  it('finds impossible dates in both languages, and passes real ones', () => {
    expect(kinds(`${SECTIONS_ZH}于2026年5月32日开展活动，2月29日、4月31日各一次。`)).toEqual([
      'impossible_date:2026年5月32日',
      'impossible_date:4月31日',
    ]);
    expect(kinds(`${SECTIONS_ZH}于2026年5月15日开展活动，2028年2月29日复查。`)).toEqual([]);
    expect(kinds(`${SECTIONS_EN}The day was held on 31 April 2026 and reviewed on May 15, 2026.`)).toEqual([
      'impossible_date:31 April 2026',
    ]);
  });

  it('finds digits split by a space (1 1400)', () => {
    expect(kinds(`${SECTIONS_ZH}印制资料共1 1400份。`)).toEqual(['malformed_number:1 1400']);
    expect(kinds(`${SECTIONS_EN}They printed 1 1400 copies.`)).toEqual(['malformed_number:1 1400']);
    expect(kinds(`${SECTIONS_EN}They printed 1,400 copies on 15 May 2026.`)).toEqual([]);
  });

  it('finds parts that do not sum to their stated total, and passes those that do', () => {
    expect(kinds(`${SECTIONS_ZH}印制《甲》800份和《乙》500份等宣传资料共1400份。`)).toEqual([
      'parts_not_summing:共1400份',
    ]);
    expect(kinds(`${SECTIONS_ZH}印制《甲》800份和《乙》600份等宣传资料共1400份。`)).toEqual([]);
    expect(kinds(`${SECTIONS_EN}Printed: "A" (300 copies) and "B" (200 copies), 600 copies in all.`)).toEqual([
      'parts_not_summing:600 copies in all',
    ]);
    expect(kinds(`${SECTIONS_EN}Printed: "A" (300 copies) and "B" (300 copies), 600 copies in all.`)).toEqual([]);
  });

  it('finds a rate contradicting the recorded ratings, but not a topic’s own rate with its own count', () => {
    expect(kinds(`${SECTIONS_ZH}满意率90%（评价38人次）。`)).toEqual(['contradiction:满意率90%']);
    expect(kinds(`${SECTIONS_ZH}满意率97.4%（评价38人次）。咨询主题“报停供热”满意率83.3%（评价6人次）。`)).toEqual([]);
    expect(kinds(`${SECTIONS_EN}Satisfaction with answers on heating was 83.3% (of 6 rated).`)).toEqual([]);
    expect(kinds(`${SECTIONS_EN}The satisfaction rate was 90% (of 38 rated).`)).toEqual([
      'contradiction:satisfaction rate was 90%',
    ]);
  });

  it('takes a count anywhere in the same sentence as backing a rate', () => {
    expect(kinds(`${SECTIONS_ZH}38人次参与评价，满意率97.4%。`)).toEqual([]);
    expect(kinds(`${SECTIONS_ZH}满意率97.4%。`)).toEqual(['rate_without_count:满意率97.4%']);
  });

  it('reads a PDF’s hard-wrapped lines and page numbers as the running text they are', () => {
    // As pdftotext gives a summary's PDF: lines broken where the page was full, a page's number
    // between pages; the count of ratings is on the line after the rate.
    const wrapped =
      '群众对答复的评价中，非常满意3人次、满意2人次，满意率100%（评价\n5人次，样本较少）。\n\n— 1 —\n\n\f另有回访1次。';
    expect(kinds(`${SECTIONS_ZH}${wrapped}`)).toEqual([]);
    expect(
      kinds(
        `${SECTIONS_EN}Of the ratings given, 3 very satisfied and 2 satisfied; the satisfaction\nrate was 100% (of 5 rated).`,
      ),
    ).toEqual([]);
    // A line that ends a sentence stays a line: a rate alone in its sentence is still found.
    expect(kinds(`${SECTIONS_ZH}群众对答复的评价中，非常满意的占多数，满意率97.4%。\n评价38人次。`)).toEqual([
      'rate_without_count:满意率97.4%',
    ]);
  });

  it('matches headings loosely in both languages', () => {
    expect(kinds(SECTIONS_EN).filter((k) => k.startsWith('missing_section'))).toEqual([]);
    expect(kinds(SECTIONS_ZH).filter((k) => k.startsWith('missing_section'))).toEqual([]);
    expect(checkSummaryText('I. Organization\nII. Publicity', recorded).map((f) => f.figure)).toEqual([
      'service',
      'followUp',
      'problems',
      'nextSteps',
    ]);
  });
});

describe("the checker on the system's own summaries", () => {
  let db: Database;
  let drop: () => Promise<void>;
  let campaignId: string;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase());
    campaignId = (await loadDemo(db))!.campaignId;
  }, 300_000);
  afterAll(() => drop?.());

  it('finds nothing in the summary of any demo unit, in either language', async () => {
    const actor = await actorFor(db, 'organizer');
    const { rows } = await db.query<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1`,
      [campaignId],
    );
    expect(rows).toHaveLength(10);
    const own = {
      'zh-CN': { nextSteps: '下一步将加强宣传，扩大活动覆盖面。', remarks: '' },
      'en-US': { nextSteps: 'Next, the unit will publicise the day more widely.', remarks: '' },
    };
    for (const unit of rows) {
      const records = await collectSummaryFacts({ db, actor, campaignId, unitId: unit.id });
      for (const language of ['zh-CN', 'en-US'] as const) {
        const text = documentText(withOwnText(buildSummaryDocument(records, language), own));
        const checked = await checkSummary({ db, actor, campaignId, unitId: unit.id, text });
        expect(checked.findings, `${unit.name} ${language}\n${text}`).toEqual([]);
      }
    }
  });
});
