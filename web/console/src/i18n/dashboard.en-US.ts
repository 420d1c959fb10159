import type { dashboardZhCN } from './dashboard.zh-CN.ts';

/** The live dashboard's breakdowns (by hour, topic, region), in English. */
export const dashboardEnUS: Record<keyof typeof dashboardZhCN, string> = {
  'dashboard.byHour': 'Consultations by hour',
  'dashboard.byTopic': 'Consultations by topic',
  'dashboard.byRegion': 'Consultations by region',
  'dashboard.hour': 'Hour',
  'dashboard.byDay': 'Consultations by day',
  'dashboard.day': 'Day',
  'dashboard.other': 'Other',
  'dashboard.topic': 'Topic',
  'dashboard.region': 'Region',
  'dashboard.noTopic': 'No topic',
  'dashboard.people': 'People received',
  'dashboard.noData': 'No data yet',
};
