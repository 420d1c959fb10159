/**
 * The demo campaign's topics: what citizens may ask about online and which unit answers, as the
 * reference units' desks offered it. Open311 lists them as services, the code as service_code.
 */
import type { Db } from '../../platform/db/database.ts';
import { seedTopics, type TopicSeed } from '../topics/service.ts';
import { DEMO_PLANS, DEMO_UNITS, type DemoUnitKey, type UnitKey } from './data.ts';
import { DEMO_DESK_TOPICS_EN } from './english-names.ts';
import type { DemoRecords } from './repository.ts';

export const DEMO_TOPICS: readonly (Omit<TopicSeed, 'unitId'> & { unit: UnitKey })[] = [
  {
    code: 'heating',
    name: '供暖',
    nameEn: 'Heating',
    description: '供暖时间、室温不达标、热费缴纳与减免、管网维修',
    keywords: ['供暖', '暖气', '室温', '热费', '管网'],
    group: '民生服务',
    unit: 'heating',
  },
  {
    code: 'legal-aid',
    name: '法律援助',
    nameEn: 'Legal aid',
    description: '法律援助申请条件与程序、法律咨询、人民调解、社区矫正',
    keywords: ['法律援助', '法律咨询', '人民调解', '公证'],
    group: '法律服务',
    unit: 'justice',
  },
  {
    code: 'social-insurance',
    name: '社会保险',
    nameEn: 'Social insurance',
    description: '养老、医疗、失业、工伤保险的参保、缴费与待遇，社保卡办理',
    keywords: ['养老保险', '医疗保险', '失业保险', '工伤保险', '社保卡'],
    group: '就业社保',
    unit: 'hrss',
  },
  {
    code: 'employment',
    name: '就业创业',
    nameEn: 'Jobs and business start-ups',
    description: '招聘信息、职业培训、创业担保贷款与补贴、劳动合同纠纷',
    keywords: ['就业', '招聘', '职业培训', '创业补贴', '劳动合同'],
    group: '就业社保',
    unit: 'hrss',
  },
  {
    code: 'water',
    name: '水利',
    nameEn: 'Water',
    description: '防汛抗旱、河道管理、取水许可、农村饮水安全',
    keywords: ['防汛', '河道', '取水许可', '饮水安全'],
    group: '民生服务',
    unit: 'pingxiang',
  },
  {
    code: 'radio-tv',
    name: '广播电视',
    nameEn: 'Radio and television',
    description: '有线电视与广播信号、直播卫星户户通、广播电视许可',
    keywords: ['有线电视', '广播', '信号', '户户通'],
    group: '民生服务',
    unit: 'shenyang',
  },
  {
    code: 'community',
    name: '社区事务',
    nameEn: 'Community affairs',
    description: '居住证明、社区养老服务、低保与困难救助、物业与环境',
    keywords: ['居住证明', '养老服务', '低保', '物业'],
    group: '基层事务',
    unit: 'scenery',
  },
  {
    code: 'street',
    name: '街道事务',
    nameEn: 'Sub-district affairs',
    description: '街道便民服务、老旧小区改造、文明城市创建',
    keywords: ['便民服务', '老旧小区', '改造'],
    group: '基层事务',
    unit: 'kuiying',
  },
  {
    code: 'rural',
    name: '农村事务',
    nameEn: 'Rural affairs',
    description: '土地承包、惠农补贴、乡村道路与人居环境',
    keywords: ['土地承包', '惠农补贴', '乡村道路'],
    group: '基层事务',
    unit: 'township',
  },
];

/**
 * The topics the demo's desks answer beyond the campaign's own, each answered by the first unit
 * whose desks or questions name it, with its English name: how a unit gives a desk's topic an
 * English name (`nameEn` of the campaign topic of that name).
 */
export function demoDeskTopics(): (Omit<TopicSeed, 'unitId'> & { unit: UnitKey })[] {
  const own = new Set(DEMO_TOPICS.map((t) => t.name));
  const answeredBy = new Map<string, DemoUnitKey>();
  for (const [unit, plan] of Object.entries(DEMO_PLANS) as [DemoUnitKey, (typeof DEMO_PLANS)[DemoUnitKey]][]) {
    const named = [
      ...plan.sites.flatMap((s) => s.desks.flatMap((d) => d.topics)),
      ...plan.questions.map((q) => q.topic),
    ];
    for (const topic of named) if (!own.has(topic) && !answeredBy.has(topic)) answeredBy.set(topic, unit);
  }
  return [...answeredBy].map(([name, unit]) => {
    const english = DEMO_DESK_TOPICS_EN[name] ?? name;
    return {
      code: english
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40),
      name,
      nameEn: english[0]!.toUpperCase() + english.slice(1),
      description: '',
      keywords: [],
      group: DEMO_TOPICS.find((t) => t.unit === unit)?.group ?? '',
      unit,
    };
  });
}

/** Adds the demo topics to the demo campaign, inside the demo load's transaction. */
export async function insertDemoTopics(tx: Db, records: DemoRecords): Promise<void> {
  const unitId = (key: UnitKey) => {
    const name = DEMO_UNITS.find((u) => u.key === key)!.name;
    return records.units.find((u) => u.name === name)!.id;
  };
  await seedTopics(
    tx,
    records.campaign.id,
    [...DEMO_TOPICS, ...demoDeskTopics()].map(({ unit, ...topic }) => ({ ...topic, unitId: unitId(unit) })),
  );
}
