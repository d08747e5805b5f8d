import { THRESHOLD_MESSAGES_JA as M } from './messages.ja.js';
import { fillMessage } from '../messages.ja.js';
import { formatPersons, inRange, type CountRange } from './ranges.js';
import { addYears } from '../domain/wareki-parse.js';
import { formatWareki } from '../domain/wareki.js';

/** The mandated assessment, lowest first (rules.md §2.2). */
export const LEVELS = ['NONE', 'KISO', 'JUTEN', 'ZENKOMOKU'] as const;
export type Level = (typeof LEVELS)[number];

export const levelRank = (level: Level): number => LEVELS.indexOf(level);

export type ThresholdInput = {
  /** Exact 対象人数, or the range of the printed ③対象人数 option. */
  readonly personCount: number | CountRange;
  /** Exact 取扱者数 including contractor staff; wins over handlersAtLeast500. */
  readonly handlerCount?: number | null;
  /** The declared 500人以上 (true) / 500人未満 (false) when the exact count is unknown. */
  readonly handlersAtLeast500?: boolean | null;
  /** The declared 重大事故; null or undefined when not declared. */
  readonly seriousAccident?: boolean | null;
  readonly accidentLearnedOn?: string | null;
  /** The しきい値判断 date (基礎項目評価 ①実施日): an accident counts if learned within the year before it. */
  readonly judgedOn?: string | null;
  /** 取扱者数 as the printed 使用者数 and 委託先における取扱者数 buckets bound it; used when no count is recorded. */
  readonly printedHandlers?: { readonly atLeast: number; readonly atMost?: number };
  /** The printed 3-year accident item says 発生なし for every file; used when no 重大事故 is declared. */
  readonly printedNoAccident?: boolean;
};

export type ThresholdJudgement = {
  /** The mandated level, when the inputs determine it. */
  readonly level?: Level;
  /** Every level the known inputs allow (one when determined). */
  readonly possible: readonly Level[];
  /** The computation in Japanese, one line per step: inputs, then the row of the table that applied. */
  readonly steps: readonly string[];
};

export const HANDLER_BOUND = 500;

/** One row of the table: persons in [min, max), and the level without / with the aggravating factor. */
type Row = { readonly range: CountRange; readonly plain: Level; readonly aggravated: Level };
const ROWS: readonly Row[] = [
  { range: { min: 0, max: 1_000 }, plain: 'NONE', aggravated: 'NONE' },
  { range: { min: 1_000, max: 10_000 }, plain: 'KISO', aggravated: 'KISO' },
  { range: { min: 10_000, max: 100_000 }, plain: 'KISO', aggravated: 'JUTEN' },
  { range: { min: 100_000, max: 300_000 }, plain: 'JUTEN', aggravated: 'ZENKOMOKU' },
  { range: { min: 300_000 }, plain: 'ZENKOMOKU', aggravated: 'ZENKOMOKU' },
];

export const rangeText = (range: CountRange): string =>
  range.max === undefined
    ? fillMessage(M.rangeFrom, { min: formatPersons(range.min) })
    : range.min === 0
      ? fillMessage(M.rangeBelow, { max: formatPersons(range.max) })
      : fillMessage(M.rangeBetween, { min: formatPersons(range.min), max: formatPersons(range.max) });

const rowsFor = (persons: number | CountRange): Row[] =>
  typeof persons === 'number'
    ? ROWS.filter((row) => inRange(persons, row.range))
    : ROWS.filter((row) => row.range.min < (persons.max ?? Infinity) && persons.min < (row.range.max ?? Infinity));

/** true / false, or undefined when the inputs leave it open. */
/** What the printed buckets settle about 取扱者数 ≥ 500: true, false, or undefined when their range spans 500. */
const printedHandlersFactor = (input: ThresholdInput): boolean | undefined => {
  const bounds = input.printedHandlers;
  if (!bounds) return undefined;
  if (bounds.atLeast >= HANDLER_BOUND) return true;
  return bounds.atMost !== undefined && bounds.atMost < HANDLER_BOUND ? false : undefined;
};

const handlersFactor = (input: ThresholdInput): boolean | undefined => {
  if (typeof input.handlerCount === 'number') return input.handlerCount >= HANDLER_BOUND;
  return input.handlersAtLeast500 ?? printedHandlersFactor(input);
};

const accidentFactor = (input: ThresholdInput): boolean | undefined => {
  if (input.seriousAccident === null || input.seriousAccident === undefined) return input.printedNoAccident ? false : undefined;
  if (!input.seriousAccident) return false;
  // Learned more than a year before the judgement: outside the period of §2.1.
  if (input.accidentLearnedOn && input.judgedOn) return input.accidentLearnedOn >= addYears(input.judgedOn, -1);
  return true;
};

const personStep = (persons: number | CountRange): string =>
  typeof persons === 'number'
    ? fillMessage(M.personsExact, { count: persons.toLocaleString('ja-JP') })
    : fillMessage(M.personsRange, { range: rangeText(persons) });

const handlerStep = (input: ThresholdInput, factor: boolean | undefined): string => {
  if (typeof input.handlerCount === 'number') {
    return fillMessage(M.handlersExact, {
      count: input.handlerCount.toLocaleString('ja-JP'),
      band: factor ? M.atLeast500 : M.below500,
    });
  }
  if (input.handlersAtLeast500 === null || input.handlersAtLeast500 === undefined) {
    const bounds = input.printedHandlers;
    if (factor === true && bounds) return fillMessage(M.handlersPrintedAtLeast, { min: bounds.atLeast.toLocaleString('ja-JP') });
    if (factor === false && bounds?.atMost !== undefined) return fillMessage(M.handlersPrintedAtMost, { max: bounds.atMost.toLocaleString('ja-JP') });
  }
  return factor === undefined
    ? M.handlersUnknown
    : fillMessage(M.handlersBand, { band: factor ? M.atLeast500 : M.below500 });
};

const accidentStep = (input: ThresholdInput, factor: boolean | undefined): string => {
  if (factor === undefined) return M.accidentUnknown;
  if (input.seriousAccident === null || input.seriousAccident === undefined) return M.accidentPrintedNone;
  if (!input.seriousAccident) return M.accidentNone;
  const learned = input.accidentLearnedOn
    ? fillMessage(M.accidentLearned, { date: formatWareki(input.accidentLearnedOn) })
    : '';
  return factor ? fillMessage(M.accidentYes, { learned }) : fillMessage(M.accidentOutside, { learned });
};

/** How the row's column was chosen: by the factor, or not at all when the row gives the same level either way. */
const factorText = (row: Row, factor: boolean | undefined): string => {
  if (row.plain === row.aggravated) return M.factorIrrelevant;
  return factor === undefined ? M.factorUnknown : factor ? M.factorYes : M.factorNo;
};

/**
 * しきい値判断 (rules.md §2.2): which assessment is mandatory, from 対象人数, 取扱者数 (with contractors) and a
 * 重大事故 in the past year. Exact numbers or the printed range both work; open inputs give every possible level.
 */
export const judgeThreshold = (input: ThresholdInput): ThresholdJudgement => {
  const handlers = handlersFactor(input);
  const accident = accidentFactor(input);
  // The factor is "500人以上 or 重大事故": one true input settles it; it is false only when both are known false.
  const factor =
    handlers === true || accident === true ? true : handlers === false && accident === false ? false : undefined;
  const rows = rowsFor(input.personCount);
  const possible = new Set<Level>();
  const steps = [personStep(input.personCount), handlerStep(input, handlers), accidentStep(input, accident)];
  for (const row of rows) {
    const levels = factor === undefined ? [row.plain, row.aggravated] : [factor ? row.aggravated : row.plain];
    levels.forEach((level) => possible.add(level));
    const result = [...new Set(levels)].map((level) => M.levels[level]).join(M.or);
    steps.push(
      fillMessage(M.row, {
        range: rangeText(row.range),
        factor: factorText(row, factor),
        result,
      }),
    );
  }
  const ordered = LEVELS.filter((level) => possible.has(level));
  const [only] = ordered;
  const level = ordered.length === 1 ? only : undefined;
  steps.push(
    level
      ? fillMessage(M.result, { result: M.levels[level] })
      : fillMessage(M.resultOpen, { results: ordered.map((l) => M.levels[l]).join(M.or) }),
  );
  return level ? { level, possible: ordered, steps } : { possible: ordered, steps };
};
