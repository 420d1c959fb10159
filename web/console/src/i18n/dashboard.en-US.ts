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
  'dashboard.byVillage': 'By village or community',
  'dashboard.byVillageHint':
    "Each unit's hotlines and mailboxes in a village or community, the questions that came through them, and the publicity put up there.",
  'dashboard.noVillages':
    'No hotline, mailbox or publicity has been placed in a village or community yet. A unit admin chooses the village under "Hotlines and mailboxes" in the plan.',
  'dashboard.village': 'Village or community',
  'dashboard.hotlines': 'Hotlines',
  'dashboard.mailboxes': 'Mailboxes',
  'dashboard.villageQuestions': 'Questions received',
  'dashboard.villagePublicity': 'Publicity items',
  'dashboard.villageCount': '{count, plural, one {# village or community} other {# villages and communities}}',
};
