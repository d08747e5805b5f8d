import { isBlank } from '../../domain/blank.js';
import { formatWareki } from '../../domain/wareki.js';
import { findWarekiDates } from '../../domain/wareki-parse.js';
import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import type { Hit } from '../types.js';
import { dateAt } from './values.js';

const PUBLISHED = '/cover/publishedOn';
const BASIC_DATE = '/procedures/basicAssessment/date';
const COMMENT_PERIOD = '/procedures/publicComment/period';

/** `earlier` must come before `later` (strictly, or on the same day when `sameDayAllowed`). */
type Order = { readonly earlier: string; readonly later: string; readonly sameDayAllowed: boolean };

const outOfOrder = (context: CheckContext, order: Order, dateOf: (pointer: string) => string | undefined): Hit[] => {
  const earlier = dateOf(order.earlier);
  const later = dateOf(order.later);
  if (!earlier || !later || earlier < later || (order.sameDayAllowed && earlier === later)) return [];
  return [
    {
      pointers: [order.later, order.earlier],
      message: fillMessage(order.sameDayAllowed ? M.dateNotAfter : M.dateNotStrictlyAfter, {
        later: context.label(order.later),
        laterDate: formatWareki(later),
        earlier: context.label(order.earlier),
        earlierDate: formatWareki(earlier),
      }),
    },
  ];
};

const checkBasicBeforePublished = (context: CheckContext): Hit[] =>
  outOfOrder(context, { earlier: BASIC_DATE, later: PUBLISHED, sameDayAllowed: true }, (pointer) =>
    dateAt(context, pointer),
  );

/**
 * 様式４ (rules.md §3.3): end of 意見聴取 < 第三者点検 ≤ 公表日 (地方), end of 意見聴取 < 提出日 < 承認日 ≤ 公表日 (行政機関等).
 * Each pair is checked when both dates are written, so the body type need not be known.
 */
const PROCEDURE_ORDER: readonly Order[] = [
  { earlier: COMMENT_PERIOD, later: '/procedures/thirdPartyReview/date', sameDayAllowed: false },
  { earlier: '/procedures/thirdPartyReview/date', later: PUBLISHED, sameDayAllowed: true },
  { earlier: COMMENT_PERIOD, later: '/procedures/commissionApproval/submittedOn', sameDayAllowed: false },
  { earlier: '/procedures/commissionApproval/submittedOn', later: '/cover/approvedOn', sameDayAllowed: false },
  { earlier: '/cover/approvedOn', later: PUBLISHED, sameDayAllowed: true },
];

const checkProcedureOrder = (context: CheckContext): Hit[] => {
  if (context.form !== 'yoshiki4') return [];
  // The period is free text: its last 和暦 date is the end of the 意見聴取.
  const dateOf = (pointer: string): string | undefined =>
    pointer === COMMENT_PERIOD ? findWarekiDates(context.text(pointer)).at(-1) : dateAt(context, pointer);
  return PROCEDURE_ORDER.flatMap((order) => outOfOrder(context, order, dateOf));
};

const checkUseAfterRetention = (context: CheckContext): Hit[] =>
  context.files.flatMap((file) =>
    outOfOrder(
      context,
      {
        earlier: `/files/${file}/overview/basic/retentionStart`,
        later: `/files/${file}/overview/acquisitionUse/useStart`,
        sameDayAllowed: true,
      },
      (pointer) => dateAt(context, pointer),
    ),
  );

const checkHistoryDates = (context: CheckContext): Hit[] => {
  const published = dateAt(context, PUBLISHED);
  if (!published) return [];
  return context
    .list('/changeHistory')
    .flatMap((_, index) =>
      outOfOrder(
        context,
        { earlier: `/changeHistory/${index}/date`, later: PUBLISHED, sameDayAllowed: true },
        (pointer) => dateAt(context, pointer),
      ),
    );
};

/** The appendix is cumulative, oldest first (rules.md §7.3): a row dated before the row above it is out of place. */
const checkHistoryOrder = (context: CheckContext): Hit[] =>
  context.list('/changeHistory').flatMap((_, index) => {
    const date = dateAt(context, `/changeHistory/${index}/date`);
    const above = index > 0 ? dateAt(context, `/changeHistory/${index - 1}/date`) : undefined;
    if (!date || !above || date >= above) return [];
    return [
      {
        pointers: [`/changeHistory/${index}/date`, `/changeHistory/${index - 1}/date`],
        message: fillMessage(M.historyOrder, { row: index + 1, date: formatWareki(date), above: formatWareki(above) }),
      },
    ];
  });

/** An imported row's own spelling of its 変更日 (dateText) is printed instead of the date: both must name one day. */
const checkHistoryDateText = (context: CheckContext): Hit[] =>
  context.list('/changeHistory').flatMap((_, index) => {
    const pointer = `/changeHistory/${index}/dateText`;
    const date = dateAt(context, `/changeHistory/${index}/date`);
    if (isBlank(context.get(pointer)) || !date) return [];
    const text = context.text(pointer);
    if (findWarekiDates(text)[0] === date) return [];
    const message = fillMessage(M.historyDateText, { row: index + 1, text, date: formatWareki(date) });
    return [{ pointers: [pointer, `/changeHistory/${index}/date`], message }];
  });

const checkHistoryTiming = (context: CheckContext): Hit[] =>
  context.list('/changeHistory').flatMap((_, index) => {
    const pointer = `/changeHistory/${index}/timing`;
    return isBlank(context.get(pointer))
      ? [
          {
            pointers: [pointer],
            message: fillMessage(M.historyTimingEmpty, { row: index + 1, item: context.label(pointer) }),
          },
        ]
      : [];
  });

export const DATE_RULES: readonly CheckRule[] = [
  { id: 'dates.basicBeforePublished', severity: 'ERROR', check: checkBasicBeforePublished },
  { id: 'dates.procedureOrder', severity: 'WARN', check: checkProcedureOrder },
  { id: 'dates.useAfterRetention', severity: 'WARN', check: checkUseAfterRetention },
  // Imported rows were published as they are: their inconsistencies are noted, never blocking (rules.md §9 #13).
  { id: 'history.dateAfterPublished', severity: 'WARN', check: checkHistoryDates },
  { id: 'history.dateText', severity: 'WARN', check: checkHistoryDateText },
  { id: 'history.order', severity: 'WARN', check: checkHistoryOrder },
  { id: 'history.timingEmpty', severity: 'WARN', check: checkHistoryTiming },
];
