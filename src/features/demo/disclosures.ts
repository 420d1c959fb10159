/**
 * The demo campaign's disclosures (公开事项): what a few participating units publish on their
 * portal pages — functions, service matters with their procedures, a service guide, phone numbers.
 */
import type { Db } from '../../platform/db/database.ts';
import { seedDisclosures, type DisclosureSeed } from '../disclosures/service.ts';
import { DEMO_UNITS, type UnitKey } from './data.ts';
import type { DemoRecords } from './repository.ts';

type DemoDisclosure = Omit<DisclosureSeed, 'campaignId' | 'unitId'> & { unit: UnitKey };

export const DEMO_DISCLOSURES: readonly DemoDisclosure[] = [
  {
    unit: 'heating',
    kind: 'functions',
    title: '主要职能',
    body: '负责全市城市供热的监督管理；制定供热规划与年度供热计划；监督供热质量与收费；受理供热投诉并督促处理。',
    sort: 1,
  },
  {
    unit: 'heating',
    kind: 'service_matter',
    title: '供热费减免申请',
    body: '对象：享受最低生活保障的居民家庭。\n程序：1. 向所在社区提交申请表与低保证明；2. 街道审核；3. 供热办复核并通知供热企业办理减免。\n时限：10个工作日。',
    sort: 2,
  },
  {
    unit: 'heating',
    kind: 'service_guide',
    title: '室温不达标报修指南',
    body: '供暖期内室温低于18℃，可拨打供热服务热线报修；维修人员24小时内上门测温，不达标的按规定退还热费。',
    sort: 3,
  },
  { unit: 'heating', kind: 'phone', title: '供热服务热线', body: '0429-12345（供暖期 24 小时）', sort: 4 },
  {
    unit: 'justice',
    kind: 'functions',
    title: '主要职能',
    body: '负责法律援助、人民调解、公共法律服务体系建设，指导律师、公证和司法鉴定工作。',
    sort: 1,
  },
  {
    unit: 'justice',
    kind: 'service_matter',
    title: '法律援助申请',
    body: '条件：经济困难且有法律援助需求的公民。\n程序：1. 携身份证明、经济困难声明到法律援助中心申请；2. 7个工作日内作出是否给予援助的决定；3. 指派律师。',
    sort: 2,
  },
  { unit: 'justice', kind: 'phone', title: '公共法律服务热线', body: '12348', sort: 3 },
  {
    unit: 'hrss',
    kind: 'service_matter',
    title: '社会保障卡申领',
    body: '材料：居民身份证。\n程序：到社保服务窗口或合作银行网点现场申领，即时制卡；也可通过政务服务网申领邮寄。',
    sort: 1,
  },
  {
    unit: 'hrss',
    kind: 'service_guide',
    title: '灵活就业人员参保指南',
    body: '灵活就业人员可按月或按年缴纳基本养老保险和医疗保险，缴费基数在规定范围内自行选择。',
    sort: 2,
  },
  { unit: 'hrss', kind: 'phone', title: '人社服务热线', body: '12333', sort: 3 },
];

/** Adds the demo disclosures to the demo campaign, inside the demo load's transaction. */
export async function insertDemoDisclosures(tx: Db, records: DemoRecords): Promise<void> {
  const unitId = (key: UnitKey) => {
    const name = DEMO_UNITS.find((u) => u.key === key)!.name;
    return records.units.find((u) => u.name === name)!.id;
  };
  await seedDisclosures(
    tx,
    DEMO_DISCLOSURES.map(({ unit, ...item }) => ({ ...item, campaignId: records.campaign.id, unitId: unitId(unit) })),
  );
}
