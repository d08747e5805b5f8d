import { formRevisionOf, isFormId, itemPath, splitPointer, type FormId } from '../schema/index.js';
import { printedHandlerBounds, printedNoAccident } from './printed-bounds.js';
import { isBlankEntry } from '../domain/blank.js';
import { isIsoDate } from '../domain/wareki-parse.js';
import { parseCountRange, type CountRange } from './ranges.js';
import { judgeThreshold, type ThresholdInput, type ThresholdJudgement } from './threshold.js';
import type { CheckOptions, Rule } from './types.js';

/** Read access to one assessment for the rules: values by pointer, labels from the schema. */
export type CheckContext = {
  readonly form: FormId;
  readonly data: unknown;
  readonly options: CheckOptions;
  /** Indexes of the 特定個人情報ファイル (Ⅱ/Ⅲ per file). */
  readonly files: readonly number[];
  get(pointer: string): unknown;
  /** A text value, trimmed; '' when absent or not text. */
  text(pointer: string): string;
  /** Entries of a repeated group (always an array). */
  list(pointer: string): readonly unknown[];
  /** Pointers of a repeated group's entries that hold answers: printed-empty slots state nothing, so rules skip them. */
  entries(pointer: string): string[];
  /** The official label of the item (last level of its path). */
  label(pointer: string): string;
  path(pointer: string): string[];
  threshold: ThresholdContext;
};

export type ThresholdContext = {
  readonly input?: ThresholdInput;
  readonly judgement?: ThresholdJudgement;
  readonly bucket?: CountRange;
};

export type CheckRule = Rule<CheckContext>;

const getAt = (data: unknown, segments: readonly string[]): unknown => {
  let value = data;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
};

const isoOrNull = (value: unknown): string | null => (isIsoDate(value) ? value : null);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const booleanOrNull = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

/**
 * The しきい値判断 inputs an assessment holds: exact numbers and declarations from its facts, else what its printed
 * items settle: the ③対象人数 range, 取扱者数 bounded by the handler buckets, and the 3-year accident item.
 */
export const thresholdInputOf = (data: unknown): ThresholdContext => {
  const get = (pointer: string): unknown => getAt(data, splitPointer(pointer));
  const bucket = parseCountRange(get('/basicInfo/business/targetCount'));
  const exact = get('/facts/threshold/personCount');
  const personCount = typeof exact === 'number' ? exact : bucket;
  if (personCount === undefined) return bucket ? { bucket } : {};
  const form = get('/form');
  const bounds = printedHandlerBounds(get);
  const input: ThresholdInput = {
    personCount,
    handlerCount: numberOrNull(get('/facts/threshold/handlerCount')),
    handlersAtLeast500: booleanOrNull(get('/facts/threshold/handlersAtLeast500')),
    seriousAccident: booleanOrNull(get('/facts/threshold/seriousAccident/occurred')),
    accidentLearnedOn: isoOrNull(get('/facts/threshold/seriousAccident/learnedOn')),
    judgedOn: isoOrNull(get('/procedures/basicAssessment/date')),
    ...(bounds ? { printedHandlers: bounds } : {}),
    printedNoAccident: isFormId(form) && printedNoAccident(form, get),
  };
  return { input, judgement: judgeThreshold(input), ...(bucket ? { bucket } : {}) };
};

export const createContext = (form: FormId, data: unknown, options: CheckOptions): CheckContext => {
  const revision = formRevisionOf(data);
  const files = getAt(data, ['files']);
  const fileCount = Array.isArray(files) ? files.length : 0;
  const get = (pointer: string): unknown => getAt(data, splitPointer(pointer));
  const path = (pointer: string): string[] => itemPath(form, splitPointer(pointer), { revision, fileCount });
  return {
    form,
    data,
    options,
    files: Array.from({ length: fileCount }, (_, index) => index),
    get,
    text: (pointer) => {
      const value = get(pointer);
      return typeof value === 'string' ? value.trim() : '';
    },
    list: (pointer) => {
      const value = get(pointer);
      return Array.isArray(value) ? value : [];
    },
    entries: (pointer) => {
      const value = get(pointer);
      return Array.isArray(value) ? value.flatMap((entry, index) => (isBlankEntry(entry) ? [] : [`${pointer}/${index}`])) : [];
    },
    label: (pointer) => path(pointer).at(-1) ?? pointer,
    path,
    threshold: thresholdInputOf(data),
  };
};
