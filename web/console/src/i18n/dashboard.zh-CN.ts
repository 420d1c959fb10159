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
  'dashboard.byVillage': '按村（社区）统计',
  'dashboard.byVillageHint':
    '各单位设在村（社区）的热线、意见箱，经它们收到的咨询，以及在该村（社区）张贴、设置的宣传品。',
  'dashboard.noVillages':
    '还没有设在村（社区）的热线、意见箱或宣传品。单位管理员可在活动方案的“热线和意见箱”中选择所在村（社区）。',
  'dashboard.village': '村（社区）',
  'dashboard.hotlines': '热线（条）',
  'dashboard.mailboxes': '意见箱（个）',
  'dashboard.villageQuestions': '收到咨询（件）',
  'dashboard.villagePublicity': '宣传品（项）',
  'dashboard.villageCount': '{count}个村（社区）',
} as const;
