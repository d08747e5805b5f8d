import { formatWareki } from '../../domain/wareki.js';
import { addMonths, addYears, findWarekiDates } from '../../domain/wareki-parse.js';
import { TERMINATION_SUFFIX, keepPublishedUntil } from '../procedure-terms.js';
import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import { OPTION } from '../options.js';
import type { Hit } from '../types.js';
import { dateAt } from './values.js';

const PUBLISHED = '/cover/publishedOn';
const BASIC_DATE = '/procedures/basicAssessment/date';
const REASSESS_YEARS = 5;
const REMIND_MONTHS_BEFORE = 6;

/**
 * The 5-year clock (rules.md §6.3) runs from the last 再評価. Without the revision history, the 基礎項目評価
 * ①実施日 stands for it: every 再評価 redoes the 基礎項目評価.
 */
const reassessmentDue = (context: CheckContext): string | undefined => {
  const base = context.options.lastReassessedOn ?? dateAt(context, BASIC_DATE);
  return base && addYears(base, REASSESS_YEARS);
};

/** 評価書名 ending in 【…終了】 (rules.md §6.4): the 事務 has ended, and its end date if written. */
const endedOn = (context: CheckContext): string | undefined => {
  const suffix = TERMINATION_SUFFIX.exec(context.text('/cover/title'));
  return suffix ? (findWarekiDates(suffix[0])[0] ?? '') : undefined;
};

/** After 事業終了 nothing is reviewed or re-assessed any more: only the 公表終了可能日 reminder applies (§6.4). */
const isEnded = (context: CheckContext): boolean => endedOn(context) !== undefined;

const checkReassessmentSoon = (context: CheckContext): Hit[] => {
  if (isEnded(context)) return [];
  const due = reassessmentDue(context);
  const { today } = context.options;
  if (!due || today >= due || today < addMonths(due, -REMIND_MONTHS_BEFORE)) return [];
  return [{ pointers: [BASIC_DATE], message: fillMessage(M.reassessmentSoon, { due: formatWareki(due) }) }];
};

const checkReassessmentOverdue = (context: CheckContext): Hit[] => {
  if (isEnded(context)) return [];
  const due = reassessmentDue(context);
  if (!due || context.options.today < due) return [];
  return [{ pointers: [BASIC_DATE], message: fillMessage(M.reassessmentOverdue, { due: formatWareki(due) }) }];
};

const checkAnnualReview = (context: CheckContext): Hit[] => {
  if (isEnded(context)) return [];
  const base = context.options.lastReviewedOn ?? dateAt(context, PUBLISHED);
  if (!base || context.options.today < addYears(base, 1)) return [];
  return [{ pointers: [PUBLISHED], message: fillMessage(M.annualReview, { since: formatWareki(base) }) }];
};

/** 評価書名 ending in 【令和8年3月31日 終了】: the document must stay published 3 years after that day (§6.4). */
const checkTermination = (context: CheckContext): Hit[] => {
  const ended = endedOn(context);
  if (!ended) return [];
  const until = keepPublishedUntil(ended);
  return [
    {
      pointers: ['/cover/title'],
      message: fillMessage(M.termination, { ended: formatWareki(ended), until: formatWareki(until) }),
    },
  ];
};

const checkNetworkUnpublished = (context: CheckContext): Hit[] => {
  const pointer = '/basicInfo/networkLinkage/implementation';
  if (context.get(pointer) !== OPTION.implement || dateAt(context, PUBLISHED)) return [];
  return [{ pointers: [pointer, PUBLISHED], message: M.networkUnpublished }];
};

export const LIFECYCLE_RULES: readonly CheckRule[] = [
  { id: 'lifecycle.reassessmentSoon', severity: 'INFO', check: checkReassessmentSoon },
  { id: 'lifecycle.reassessmentOverdue', severity: 'WARN', check: checkReassessmentOverdue },
  { id: 'lifecycle.annualReview', severity: 'INFO', check: checkAnnualReview },
  { id: 'lifecycle.termination', severity: 'INFO', check: checkTermination },
  { id: 'publication.networkUnpublished', severity: 'INFO', check: checkNetworkUnpublished },
];
