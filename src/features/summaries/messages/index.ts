import type { SummaryLanguage } from '../document.ts';
import { enUS } from './en-US.ts';
import type { SummaryMessages } from './types.ts';
import { zhCN } from './zh-CN.ts';

/** The message catalog of a summary's language. */
export const summaryMessages: Record<SummaryLanguage, SummaryMessages> = { 'zh-CN': zhCN, 'en-US': enUS };
