import { formatWareki } from '../../domain/wareki.js';
import { addMonths, addYears, findWarekiDates } from '../../domain/wareki-parse.js';
import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M, TERMINATION_SUFFIX } from '../messages.ja.js';
import type { Hit } from '../types.js';
import { dateAt } from './values.js';

const PUBLISHED = '/cover/publishedOn';
const BASIC_DATE = '/procedures/basicAssessment/date';
const REASSESS_YEARS = 5;
const REMIND_MONTHS_BEFORE = 6;
const KEEP_PUBLISHED_YEARS = 3;

/**
 * The 5-year clock (rules.md §6.3) runs from the last 再評価. Without the revision history, the 基礎項目評価
 * ①実施日 stands for it: every 再評価 redoes the 基礎項目評価.
 */
const reassessmentDue = (context: CheckContext): string | undefined => {
  const base = context.options.lastReassessedOn ?? dateAt(context, BASIC_DATE);
  return base && addYears(base, REASSESS_YEARS);
};

const checkReassessmentSoon = (context: CheckContext): Hit[] => {
  const due = reassessmentDue(context);
  const { today } = context.options;
  if (!due || today >= due || today < addMonths(due, -REMIND_MONTHS_BEFORE)) return [];
  return [{ pointers: [BASIC_DATE], message: fillMessage(M.reassessmentSoon, { due: formatWareki(due) }) }];
};

const checkReassessmentOverdue = (context: CheckContext): Hit[] => {
  const due = reassessmentDue(context);
  if (!due || context.options.today < due) return [];
  return [{ pointers: [BASIC_DATE], message: fillMessage(M.reassessmentOverdue, { due: formatWareki(due) }) }];
};

const checkAnnualReview = (context: CheckContext): Hit[] => {
  const base = context.options.lastReviewedOn ?? dateAt(context, PUBLISHED);
  if (!base || context.options.today < addYears(base, 1)) return [];
  return [{ pointers: [PUBLISHED], message: fillMessage(M.annualReview, { since: formatWareki(base) }) }];
};

/** 評価書名 ending in 【令和8年3月31日 終了】: the document must stay published 3 years after that day (§6.4). */
const checkTermination = (context: CheckContext): Hit[] => {
  const suffix = TERMINATION_SUFFIX.exec(context.text('/cover/title'));
  const [ended] = suffix ? findWarekiDates(suffix[0]) : [];
  if (!ended) return [];
  const until = addYears(ended, KEEP_PUBLISHED_YEARS);
  return [{ pointers: ['/cover/title'], message: fillMessage(M.termination, { ended: formatWareki(ended), until: formatWareki(until) }) }];
};

const checkNetworkUnpublished = (context: CheckContext): Hit[] => {
  const pointer = '/basicInfo/networkLinkage/implementation';
  if (context.get(pointer) !== context.option(pointer, 0) || dateAt(context, PUBLISHED)) return []; // 実施する
  return [{ pointers: [pointer, PUBLISHED], message: M.networkUnpublished }];
};

export const LIFECYCLE_RULES: readonly CheckRule[] = [
  { id: 'lifecycle.reassessmentSoon', severity: 'INFO', description: '最後の再評価から５年の再評価の時期まで６か月を切った（§6.3）', check: checkReassessmentSoon },
  { id: 'lifecycle.reassessmentOverdue', severity: 'WARN', description: '最後の再評価から５年を過ぎた（§6.3）', check: checkReassessmentOverdue },
  { id: 'lifecycle.annualReview', severity: 'INFO', description: '公表日（又は最後の見直し）から１年が過ぎた: 年１回の見直しの時期（§6.3）', check: checkAnnualReview },
  { id: 'lifecycle.termination', severity: 'INFO', description: '事業終了した評価書は終了日から３年間公表を続ける: 公表終了可能日の案内（§6.4）', check: checkTermination },
  { id: 'publication.networkUnpublished', severity: 'INFO', description: '公表されていない評価書のファイルは情報提供ネットワークシステムでの情報連携に使えない（§8）', check: checkNetworkUnpublished },
];
