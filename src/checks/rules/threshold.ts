import { saysNothing } from '../../domain/blank.js';
import { fillMessage } from '../../messages.ja.js';
import type { CheckContext, CheckRule } from '../context.js';
import { RULE_MESSAGES_JA as M, THRESHOLD_MESSAGES_JA as T } from '../messages.ja.js';
import { ACCIDENT_ITEM, OPTION, RESULT_OPTION } from '../options.js';
import { handlerBucketPointers } from '../printed-bounds.js';
import { inRange, parseCountRange } from '../ranges.js';
import { HANDLER_BOUND, LEVELS, levelRank, rangeText, type Level } from '../threshold.js';
import type { Hit } from '../types.js';

const TARGET = '/basicInfo/business/targetCount';
const RESULT = '/procedures/basicAssessment/threshold';
const HANDLER_COUNT = '/facts/threshold/handlerCount';
const HANDLERS_500 = '/facts/threshold/handlersAtLeast500';
const ACCIDENT = '/facts/threshold/seriousAccident/occurred';

/** The highest level each form is the assessment for; its ②しきい値判断結果 options go down from there (rules.md §2.3). */
const FORM_LEVEL = { yoshiki3: 'JUTEN', yoshiki4: 'ZENKOMOKU' } as const satisfies Record<string, Level>;

/** The printed option for a mandated level on this form, or undefined when the form has none (全項目 on 様式３). */
export const resultOptionFor = (context: CheckContext, level: Level): string | undefined =>
  (RESULT_OPTION[context.form] as Partial<Record<Level, string>>)[level];

const printedLevel = (context: CheckContext): Level | undefined =>
  LEVELS.find((level) => {
    const option = resultOptionFor(context, level);
    return option !== undefined && option === context.get(RESULT);
  });

const levelsText = (levels: readonly Level[]): string => levels.map((level) => T.levels[level]).join(T.or);
const stepsText = (context: CheckContext): string => context.threshold.judgement?.steps.join(' ／ ') ?? '';

const checkResult = (context: CheckContext): Hit[] => {
  const { judgement } = context.threshold;
  const printed = context.get(RESULT);
  if (!judgement || typeof printed !== 'string') return [];
  const printedAs = printedLevel(context);
  const expected = judgement.level && resultOptionFor(context, judgement.level);
  // A mandate the form has no option for means the form itself is wrong: threshold.formBelowMandate says so.
  const agrees = judgement.level
    ? expected === undefined || expected === printed
    : printedAs !== undefined && judgement.possible.includes(printedAs);
  if (agrees) return [];
  return [
    {
      pointers: [RESULT, TARGET],
      message: fillMessage(M.thresholdResult, {
        printed,
        expected:
          expected ?? judgement.possible.map((level) => resultOptionFor(context, level) ?? T.levels[level]).join(T.or),
        steps: stepsText(context),
      }),
    },
  ];
};

const checkUndetermined = (context: CheckContext): Hit[] => {
  const { judgement } = context.threshold;
  if (!judgement || judgement.level) return [];
  return [
    {
      pointers: [RESULT, HANDLER_COUNT, ACCIDENT],
      message: fillMessage(M.thresholdUndetermined, {
        results: levelsText(judgement.possible),
        steps: stepsText(context),
      }),
    },
  ];
};

const checkFormBelowMandate = (context: CheckContext): Hit[] => {
  const { judgement } = context.threshold;
  const top = levelRank(FORM_LEVEL[context.form]);
  if (!judgement || !judgement.possible.every((level) => levelRank(level) > top)) return [];
  return [
    {
      pointers: [TARGET, RESULT],
      message: fillMessage(M.thresholdFormBelow, {
        results: levelsText(judgement.possible),
        steps: stepsText(context),
      }),
    },
  ];
};

/** Lower bounds of every printed handler bucket: 使用者数 of each file and 委託先における取扱者数 of each 委託事項. */
const printedHandlerBuckets = (context: CheckContext): { pointer: string; min: number }[] =>
  handlerBucketPointers(context.get).map((pointer) => ({ pointer, min: parseCountRange(context.get(pointer))?.min ?? 0 }));

const checkHandlerBuckets = (context: CheckContext): Hit[] => {
  const exact = context.get(HANDLER_COUNT);
  const declaredBelow = typeof exact === 'number' ? exact < HANDLER_BOUND : context.get(HANDLERS_500) === false;
  if (!declaredBelow) return [];
  const buckets = printedHandlerBuckets(context).filter((bucket) => bucket.min > 0);
  const sum = buckets.reduce((total, bucket) => total + bucket.min, 0);
  if (sum < HANDLER_BOUND) return [];
  return [
    {
      pointers: [typeof exact === 'number' ? HANDLER_COUNT : HANDLERS_500, ...buckets.map((bucket) => bucket.pointer)],
      message: fillMessage(M.thresholdHandlerBuckets, { sum: sum.toLocaleString('ja-JP') }),
    },
  ];
};

const checkPersonCountBucket = (context: CheckContext): Hit[] => {
  const exact = context.get('/facts/threshold/personCount');
  const { bucket } = context.threshold;
  if (typeof exact !== 'number' || !bucket || inRange(exact, bucket)) return [];
  return [
    {
      pointers: [TARGET, '/facts/threshold/personCount'],
      message: fillMessage(M.personCountBucket, { count: exact.toLocaleString('ja-JP'), range: rangeText(bucket) }),
    },
  ];
};

/** Ⅲ７② (様式３) / Ⅲ７リスク１⑨ (様式４): the 3-year accident item, not the しきい値 input (rules.md §2.4). */
export const accidentPointer = (context: CheckContext, file: number): string =>
  ACCIDENT_ITEM[context.form].replace('*', String(file));

const accidentsReported = (context: CheckContext): string[] =>
  context.files
    .map((file) => accidentPointer(context, file))
    .filter((pointer) => context.get(`${pointer}/value`) === OPTION.accidentOccurred);

const checkAccidentDetails = (context: CheckContext): Hit[] =>
  accidentsReported(context).flatMap((pointer) =>
    ['detail', 'prevention']
      .filter((part) => saysNothing(context.get(`${pointer}/${part}`)))
      .map((part) => ({
        pointers: [`${pointer}/${part}`, `${pointer}/value`],
        message: fillMessage(M.accidentDetails, { item: context.label(`${pointer}/${part}`) }),
      })),
  );

const checkAccidentHint = (context: CheckContext): Hit[] => {
  const { bucket } = context.threshold;
  if (!bucket || bucket.min < 10_000) return [];
  return accidentsReported(context).map((pointer) => ({
    pointers: [`${pointer}/value`, ACCIDENT],
    message: M.accidentThresholdHint,
  }));
};

export const THRESHOLD_RULES: readonly CheckRule[] = [
  { id: 'threshold.result', severity: 'ERROR', check: checkResult },
  { id: 'threshold.undetermined', severity: 'WARN', check: checkUndetermined },
  { id: 'threshold.formBelowMandate', severity: 'ERROR', check: checkFormBelowMandate },
  { id: 'threshold.handlerBuckets', severity: 'WARN', check: checkHandlerBuckets },
  { id: 'threshold.personCountBucket', severity: 'WARN', check: checkPersonCountBucket },
  { id: 'accident.details', severity: 'ERROR', check: checkAccidentDetails },
  { id: 'accident.thresholdHint', severity: 'INFO', check: checkAccidentHint },
];
