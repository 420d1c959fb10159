/** The live dashboard's breakdowns (by hour, topic, region), in Chinese. */
export const dashboardZhCN = {
  'dashboard.byHour': '各时段咨询量',
  'dashboard.byTopic': '咨询事项分布',
  'dashboard.byRegion': '各地区咨询量',
  'dashboard.hour': '时段',
  'dashboard.byDay': '各时段咨询量（按日）',
  'dashboard.day': '日期',
  'dashboard.other': '其他',
  'dashboard.topic': '事项',
  'dashboard.region': '地区',
  'dashboard.noTopic': '未选事项',
  'dashboard.people': '接待（人次）',
  'dashboard.noData': '暂无数据',
} as const;
