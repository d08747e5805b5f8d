/**
 * The terms of rules.md §3 and §6.4 that the checks and the procedure steps (src/workflows) both apply: one
 * definition each, so a step never accepts what the checks then report.
 */
import { addYears } from '../domain/wareki-parse.js';
import { formatWareki, type FirstYearStyle } from '../domain/wareki.js';
import { OPTION } from './options.js';

/** §3.1: the 意見聴取 lasts 30 days or more (both ends counted), or ③期間を短縮する特段の理由 says why not. */
export const MIN_COMMENT_DAYS = 30;

/** The 評価実施機関の区分 options the procedure depends on (第三者点検 for the first, 委員会の承認 for the second). */
export const BODY_TYPES = { local: OPTION.local, national: OPTION.national } as const;

export { TERMINATION_LABELS } from '../domain/revision.js';

/** 評価書名's 事業終了 suffix, with either label word. */
// From a string, which the CLI bundle writes in \u escapes (a regular expression literal it cannot): see tests/cli/smoke.test.ts.
export const TERMINATION_SUFFIX = new RegExp('【[^【】]*(?:事業)?終了】\\s*$');

/** `【令和8年3月31日 終了】`. */
export const terminationSuffix = (endDate: string, label: string, style: FirstYearStyle = 'gannen'): string =>
  `【${formatWareki(endDate, style)} ${label}】`;

const KEEP_PUBLISHED_YEARS = 3;

/** 公表終了可能日: a terminated 評価書 stays published 3 years after the end date. */
export const keepPublishedUntil = (endDate: string): string => addYears(endDate, KEEP_PUBLISHED_YEARS);
