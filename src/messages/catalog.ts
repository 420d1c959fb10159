import type { zhCN } from './zh-CN.ts';

/**
 * The server's words in one language: `ratings`, `portal`, `notifications`, `cases`, `summaries`,
 * `imports`.
 * Chinese, the default language, gives the shape; every other language fills the same keys.
 */
export type Catalog = typeof zhCN;
