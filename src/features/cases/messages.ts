import type { Rating } from '../../domain/vocabulary.ts';
import type { CaseEventKind, CaseStatus } from './schema.ts';

/**
 * What citizens read about their case, in plain words, zh-CN first. A transfer says the question
 * went to the unit able to answer it, never that it was refused; internal reasons are not shown.
 */
export interface Bilingual {
  'zh-CN': string;
  'en-US': string;
}

export const STATUS_TEXT: Record<CaseStatus, Bilingual> = {
  open: { 'zh-CN': '办理中', 'en-US': 'Being handled' },
  transferred: {
    'zh-CN': '已转交有权处理的单位办理',
    'en-US': 'Passed to the unit able to answer, being handled',
  },
  replied: { 'zh-CN': '已答复', 'en-US': 'Replied' },
  closed: { 'zh-CN': '已办结', 'en-US': 'Closed' },
  reopened: { 'zh-CN': '重新办理中', 'en-US': 'Being handled again' },
};

export const RATING_TEXT: Record<Rating, Bilingual> = {
  very_satisfied: { 'zh-CN': '非常满意', 'en-US': 'very satisfied' },
  satisfied: { 'zh-CN': '满意', 'en-US': 'satisfied' },
  basically_satisfied: { 'zh-CN': '基本满意', 'en-US': 'basically satisfied' },
  dissatisfied: { 'zh-CN': '不满意', 'en-US': 'dissatisfied' },
  very_dissatisfied: { 'zh-CN': '非常不满意', 'en-US': 'very dissatisfied' },
};

export interface EventFacts {
  kind: CaseEventKind;
  /** The unit that replied. */
  fromUnitName: string | null;
  fromUnitNameEn: string | null;
  /** The unit a case was opened at or passed to. */
  toUnitName: string | null;
  toUnitNameEn: string | null;
  days: number | null;
  dueOn: string | null;
  rating: Rating | null;
}

/** One step of the chain as the citizen reads it. */
export function eventText(e: EventFacts): Bilingual {
  const fromZh = e.fromUnitName ?? '';
  const fromEn = e.fromUnitNameEn ?? fromZh;
  const toZh = e.toUnitName ?? '';
  const toEn = e.toUnitNameEn ?? toZh;
  switch (e.kind) {
    case 'opened':
      return { 'zh-CN': `已受理，由${toZh}办理`, 'en-US': `Received; ${toEn} is handling it` };
    case 'transferred':
      return { 'zh-CN': `转交至有权处理的单位：${toZh}`, 'en-US': `Passed to the unit able to answer: ${toEn}` };
    case 'extended':
      return {
        'zh-CN': `办理时限延长${e.days ?? ''}个工作日，答复期限为${e.dueOn ?? ''}`,
        'en-US': `Time limit extended by ${e.days ?? ''} working days; reply due by ${e.dueOn ?? ''}`,
      };
    case 'replied':
      return { 'zh-CN': `${fromZh}已答复`, 'en-US': `${fromEn} replied` };
    case 'closed':
      return { 'zh-CN': '已办结', 'en-US': 'Closed' };
    case 'rated':
      return e.rating
        ? {
            'zh-CN': `您的评价：${RATING_TEXT[e.rating]['zh-CN']}`,
            'en-US': `Your rating: ${RATING_TEXT[e.rating]['en-US']}`,
          }
        : { 'zh-CN': '已评价', 'en-US': 'Rated' };
    case 'reopened':
      return {
        'zh-CN': `根据您的评价重新办理，答复期限为${e.dueOn ?? ''}`,
        'en-US': `Being handled again after your rating; reply due by ${e.dueOn ?? ''}`,
      };
    case 'published':
      return {
        'zh-CN': '已在公开问答中发布（个人信息已隐去）',
        'en-US': 'Published in the public Q&A, without personal data',
      };
    case 'due_recomputed':
      return {
        'zh-CN': `因节假日安排调整，答复期限调整为${e.dueOn ?? ''}`,
        'en-US': `Reply due date moved to ${e.dueOn ?? ''} after a change in the holiday calendar`,
      };
    case 'return_visit':
      return e.rating
        ? {
            'zh-CN': `已回访，您的评价：${RATING_TEXT[e.rating]['zh-CN']}`,
            'en-US': `Followed up by phone; your rating: ${RATING_TEXT[e.rating]['en-US']}`,
          }
        : { 'zh-CN': '已回访', 'en-US': 'Followed up by phone' };
  }
}
