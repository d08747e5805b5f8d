import { daysInclusive, findWarekiDates } from '../../domain/wareki-parse.js';
import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M } from '../messages.ja.js';
import { OPTION, RESULT_OPTION } from '../options.js';
import { MIN_COMMENT_DAYS } from '../procedure-terms.js';
import type { Hit } from '../types.js';
import { isBlank, saysNothing } from '../../domain/blank.js';

const PUBLIC_COMMENT = '/procedures/publicComment';
const THIRD_PARTY = '/procedures/thirdPartyReview';
const APPROVAL = '/procedures/commissionApproval';
const RESULT = '/procedures/basicAssessment/threshold';
const BODY_TYPE = '/facts/bodyType';

const isForm4 = (context: CheckContext): boolean => context.form === 'yoshiki4';
/** 様式４ filed as a voluntary 全項目評価: its printed result is one of options 2)–4) (rules.md §3). */
const isVoluntary = (context: CheckContext): boolean => {
  const printed = context.get(RESULT);
  return typeof printed === 'string' && printed !== RESULT_OPTION.yoshiki4.ZENKOMOKU;
};
const isLocal = (context: CheckContext): boolean => context.get(BODY_TYPE) === OPTION.local;
const isNational = (context: CheckContext): boolean => context.get(BODY_TYPE) === OPTION.national;

const emptyItems = (context: CheckContext, base: string, parts: readonly string[]): string[] =>
  parts.map((part) => `${base}/${part}`).filter((pointer) => isBlank(context.get(pointer)));

const COMMENT_PARTS = ['method', 'period', 'mainOpinions', 'reflection'] as const;
const REVIEW_PARTS = ['date', 'method', 'result'] as const;

const missingProcedure = (
  context: CheckContext,
  voluntary: boolean,
  base: string,
  parts: readonly string[],
  applies: boolean,
): Hit[] => {
  if (!isForm4(context) || isVoluntary(context) !== voluntary || !applies) return [];
  return emptyItems(context, base, parts).map((pointer) => ({
    pointers: [pointer],
    message: fillMessage(voluntary ? M.procedureVoluntary : M.procedureRequired, {
      item: context.label(pointer),
      section: context.path(base).at(-1) ?? '',
    }),
  }));
};

const checkCommentPeriod = (context: CheckContext): Hit[] => {
  if (!isForm4(context)) return [];
  const [from, to] = findWarekiDates(context.text(`${PUBLIC_COMMENT}/period`));
  if (!from || !to) return [];
  const days = daysInclusive(from, to);
  if (days >= MIN_COMMENT_DAYS || !saysNothing(context.get(`${PUBLIC_COMMENT}/shorteningReason`))) return [];
  return [
    {
      pointers: [`${PUBLIC_COMMENT}/shorteningReason`, `${PUBLIC_COMMENT}/period`],
      message: fillMessage(M.commentPeriodShort, {
        days,
        min: MIN_COMMENT_DAYS,
        item: context.label(`${PUBLIC_COMMENT}/shorteningReason`),
      }),
    },
  ];
};

const APPROVAL_ITEMS = ['/cover/approvedOn', `${APPROVAL}/submittedOn`, `${APPROVAL}/review`] as const;

const checkApproval = (context: CheckContext): Hit[] => {
  if (!isForm4(context)) return [];
  if (isLocal(context)) {
    return APPROVAL_ITEMS.filter((pointer) => !saysNothing(context.get(pointer))).map((pointer) => ({
      pointers: [pointer, BODY_TYPE],
      message: fillMessage(M.approvalForLocal, { item: context.label(pointer) }),
    }));
  }
  if (isNational(context) && !isBlank(context.get('/cover/publishedOn'))) {
    return APPROVAL_ITEMS.filter((pointer) => saysNothing(context.get(pointer))).map((pointer) => ({
      pointers: [pointer, BODY_TYPE],
      message: fillMessage(M.approvalMissing, { item: context.label(pointer) }),
    }));
  }
  return [];
};

const checkBodyType = (context: CheckContext): Hit[] =>
  isForm4(context) && isBlank(context.get(BODY_TYPE)) ? [{ pointers: [BODY_TYPE], message: M.bodyTypeUnknown }] : [];

export const PROCEDURE_RULES: readonly CheckRule[] = [
  {
    id: 'procedure.publicComment',
    severity: 'ERROR',
    check: (context) => missingProcedure(context, false, PUBLIC_COMMENT, COMMENT_PARTS, true),
  },
  {
    id: 'procedure.publicCommentVoluntary',
    severity: 'WARN',
    check: (context) => missingProcedure(context, true, PUBLIC_COMMENT, COMMENT_PARTS, true),
  },
  {
    id: 'procedure.thirdParty',
    severity: 'ERROR',
    check: (context) => missingProcedure(context, false, THIRD_PARTY, REVIEW_PARTS, isLocal(context)),
  },
  {
    id: 'procedure.thirdPartyVoluntary',
    severity: 'WARN',
    check: (context) => missingProcedure(context, true, THIRD_PARTY, REVIEW_PARTS, true),
  },
  { id: 'procedure.commentPeriod', severity: 'ERROR', check: checkCommentPeriod },
  { id: 'procedure.approval', severity: 'ERROR', check: checkApproval },
  { id: 'procedure.bodyType', severity: 'INFO', check: checkBodyType },
];
