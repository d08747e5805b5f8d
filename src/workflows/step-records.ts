/**
 * What a step of the procedure asks for and which form items it fills (rules.md §3: Ⅴ/Ⅵ 評価実施手続, the cover's
 * 承認日). The values are written into the draft (the next commit freezes them) and kept in the step's entry of the
 * status log, so nobody types them twice. Items are named by JSON Pointer; their labels are the schema's titles.
 */
import { MIN_COMMENT_DAYS } from '../checks/index.js';
import { isBlank } from '../domain/blank.js';
import type { StepRecord } from '../domain/revision.js';
import type { StepFieldKind, StepFieldView } from '../domain/steps.js';
import { daysInclusive, isIsoDate } from '../domain/wareki-parse.js';
import { formatWareki, type FirstYearStyle } from '../domain/wareki.js';
import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { itemLabel, keyword, nodeAtPointer, splitPointer, type FormId } from '../schema/index.js';
import { PROCEDURE_MESSAGES_JA as M, STEP_FIELD_LABELS_JA } from './messages.ja.js';

export type StepField = {
  /** The key in the API body's `record` and the `pia procedure` option (--key). */
  readonly key: string;
  readonly kind: StepFieldKind;
  /** The form item the value fills. */
  readonly pointer?: string;
  /** The label of a value that fills no item by itself. */
  readonly label?: keyof typeof STEP_FIELD_LABELS_JA;
  readonly required: boolean;
  readonly options?: readonly string[];
};


type Values = Record<string, string | number>;
type FillContext = { readonly form: FormId; readonly today: string; readonly style: FirstYearStyle };

export type StepRecordDefinition = {
  readonly fields: readonly StepField[];
  /** The items the draft gets (pointer → value), after checking the values together; refusals are AppErrors. */
  readonly fill: (values: Values, context: FillContext) => ReadonlyArray<readonly [string, unknown]>;
};

const MAX_TEXT = 20000;
const PUBLIC_COMMENT = '/procedures/publicComment';
const THIRD_PARTY = '/procedures/thirdPartyReview';
const COMMISSION = '/procedures/commissionApproval';

const invalid = (message: string): AppError => new AppError('INVALID_REQUEST', message);

/** The writes of every field that names an item of the form, as entered. */
const itemWrites = (fields: readonly StepField[], values: Values): Array<[string, unknown]> =>
  fields.flatMap((field) => (field.pointer && values[field.key] !== undefined ? [[field.pointer, values[field.key]] as [string, unknown]] : []));

const notInFuture = (field: string, date: string, today: string): void => {
  if (date > today) throw invalid(fillMessage(M.dateInFuture, { field, date: formatWareki(date), today: formatWareki(today) }));
};

const CONSULTATION_START: StepRecordDefinition = {
  fields: [
    { key: 'method', kind: 'multiline', pointer: `${PUBLIC_COMMENT}/method`, required: true },
    { key: 'from', kind: 'date', label: 'from', required: true },
    { key: 'to', kind: 'date', label: 'to', required: true },
    { key: 'shorteningReason', kind: 'multiline', pointer: `${PUBLIC_COMMENT}/shorteningReason`, required: false },
  ],
  fill: (values, { form, style }) => {
    const from = String(values['from']);
    const to = String(values['to']);
    if (to < from) throw invalid(fillMessage(M.periodReversed, { from: formatWareki(from), to: formatWareki(to) }));
    const days = daysInclusive(from, to);
    const hasReason = hasItem(form, `${PUBLIC_COMMENT}/shorteningReason`);
    if (days < MIN_COMMENT_DAYS && hasReason && isBlank(values['shorteningReason'])) throw invalid(fillMessage(M.periodTooShort, { days }));
    // The form prints the period as 令和4年11月15日から令和4年12月14日（30日間）.
    const period = `${formatWareki(from, style)}から${formatWareki(to, style)}（${days}日間）`;
    const reason: Array<[string, unknown]> = hasReason ? [[`${PUBLIC_COMMENT}/shorteningReason`, values['shorteningReason'] ?? '']] : [];
    return [[`${PUBLIC_COMMENT}/method`, values['method']], [`${PUBLIC_COMMENT}/period`, period], ...reason];
  },
};

const CONSULTATION_END: StepRecordDefinition = {
  fields: [
    { key: 'opinions', kind: 'count', label: 'opinions', required: true },
    { key: 'mainOpinions', kind: 'multiline', pointer: `${PUBLIC_COMMENT}/mainOpinions`, required: false },
    { key: 'reflection', kind: 'multiline', pointer: `${PUBLIC_COMMENT}/reflection`, required: false },
  ],
  fill: (values, { form }) => {
    const none = values['opinions'] === 0;
    // With no opinion the form's answer is なし; with some, the officer says what they were and what changed.
    return CONSULTATION_END.fields
      .filter((field) => field.pointer && hasItem(form, field.pointer))
      .map((field): [string, unknown] => {
        const value = values[field.key];
        if (!isBlank(value)) return [field.pointer!, value];
        if (none) return [field.pointer!, M.noOpinions];
        throw invalid(fillMessage(M.fieldRequired, { step: '意見聴取を終える', field: fieldLabel(form, field) }));
      });
  },
};

const INSPECTION_START: StepRecordDefinition = {
  fields: [{ key: 'method', kind: 'text', pointer: `${THIRD_PARTY}/method`, required: true }],
  fill: (values) => itemWrites(INSPECTION_START.fields, values),
};

const INSPECTION_RESULT: StepRecordDefinition = {
  fields: [
    { key: 'date', kind: 'date', pointer: `${THIRD_PARTY}/date`, required: true },
    { key: 'result', kind: 'multiline', pointer: `${THIRD_PARTY}/result`, required: true },
  ],
  fill: (values, { form, today }) => {
    notInFuture(fieldLabel(form, INSPECTION_RESULT.fields[0]!), String(values['date']), today);
    return itemWrites(INSPECTION_RESULT.fields, values);
  },
};

const COMMISSION_SUBMISSION: StepRecordDefinition = {
  fields: [{ key: 'submittedOn', kind: 'date', pointer: `${COMMISSION}/submittedOn`, required: true }],
  fill: (values, { form, today }) => {
    notInFuture(fieldLabel(form, COMMISSION_SUBMISSION.fields[0]!), String(values['submittedOn']), today);
    return itemWrites(COMMISSION_SUBMISSION.fields, values);
  },
};

const COMMISSION_APPROVAL: StepRecordDefinition = {
  fields: [
    { key: 'approvedOn', kind: 'date', pointer: '/cover/approvedOn', required: true },
    { key: 'review', kind: 'multiline', pointer: `${COMMISSION}/review`, required: false },
  ],
  fill: (values, { form, today }) => {
    notInFuture(fieldLabel(form, COMMISSION_APPROVAL.fields[0]!), String(values['approvedOn']), today);
    return itemWrites(COMMISSION_APPROVAL.fields, values);
  },
};

/** The records of the steps that fill form items, by the step's target state (see TRANSITIONS). */
export const STEP_RECORDS = {
  consult: CONSULTATION_START,
  consulted: CONSULTATION_END,
  inspect: INSPECTION_START,
  inspected: INSPECTION_RESULT,
  apply: COMMISSION_SUBMISSION,
  approval: COMMISSION_APPROVAL,
} as const satisfies Record<string, StepRecordDefinition>;

const hasItem = (form: FormId, pointer: string): boolean => nodeAtPointer(form, pointer) !== undefined;

/** The item's label as the form prints it (①方法), or the message's label for a value that fills no item. */
const fieldLabel = (form: FormId, field: StepField): string => {
  const node = field.pointer ? nodeAtPointer(form, field.pointer) : undefined;
  return (node && itemLabel(node)) ?? (field.label ? STEP_FIELD_LABELS_JA[field.label] : field.key);
};

/** The fields the form has an item for (様式３ has no ③期間を短縮する特段の理由 nor ⑤評価書への反映), labelled. */
export const fieldsFor = (definition: StepRecordDefinition, form: FormId): StepFieldView[] =>
  definition.fields
    .filter((field) => !field.pointer || hasItem(form, field.pointer))
    .map(({ label: _label, ...field }) => ({ ...field, label: fieldLabel(form, field) }));

/** Items that record one assessment's own history (x-clearOnCopy) must be entered for each step; others carry over. */
const carriesOver = (form: FormId, pointer: string): boolean => {
  const node = nodeAtPointer(form, pointer);
  return node !== undefined && keyword<boolean>(node, 'x-clearOnCopy') !== true;
};

const valueAt = (data: unknown, pointer: string): unknown =>
  splitPointer(pointer).reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);

const checkValue = (field: StepFieldView, value: unknown): string | number => {
  switch (field.kind) {
    case 'date':
      if (isIsoDate(value)) return value;
      throw invalid(fillMessage(M.fieldInvalidDate, { field: field.label, value: String(value).slice(0, 40) }));
    case 'count':
      if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
      if (typeof value === 'string' && /^\d{1,9}$/.test(value.normalize('NFKC'))) return Number(value.normalize('NFKC'));
      throw invalid(fillMessage(M.fieldInvalidCount, { field: field.label, value: String(value).slice(0, 40) }));
    case 'choice':
      if (typeof value === 'string' && field.options?.includes(value)) return value;
      throw invalid(fillMessage(M.fieldChoice, { field: field.label, choices: (field.options ?? []).join('・'), value: String(value).slice(0, 40) }));
    default: {
      if (typeof value !== 'string' && typeof value !== 'number') throw invalid(fillMessage(M.fieldTooLong, { field: field.label, max: MAX_TEXT }));
      const text = String(value).trim();
      if ([...text].length > MAX_TEXT) throw invalid(fillMessage(M.fieldTooLong, { field: field.label, max: MAX_TEXT }));
      return text;
    }
  }
};

/**
 * The values of a step: those entered, checked by kind, and for an item whose value carries over from one assessment
 * to the next (the 意見聴取 ①方法, the 第三者点検 ②方法) the draft's value when none is entered. Refused: an unknown
 * key, a value of the wrong kind, a required value missing.
 */
export const resolveStepValues = (
  step: string,
  definition: StepRecordDefinition,
  form: FormId,
  draft: Record<string, unknown>,
  entered: Readonly<Record<string, unknown>>,
): StepRecord => {
  const fields = fieldsFor(definition, form);
  const unknown = Object.keys(entered).find((key) => !fields.some((field) => field.key === key));
  if (unknown !== undefined)
    throw invalid(fillMessage(M.fieldUnknown, { step, key: unknown.slice(0, 40), fields: fields.map((field) => `${field.key}（${field.label}）`).join('、') }));
  const values: Record<string, string | number> = {};
  for (const field of fields) {
    const given = entered[field.key];
    if (!isBlank(given) && given !== undefined) {
      values[field.key] = checkValue(field, given);
      continue;
    }
    const kept = field.pointer && carriesOver(form, field.pointer) ? valueAt(draft, field.pointer) : undefined;
    if (!isBlank(kept) && (typeof kept === 'string' || typeof kept === 'number')) values[field.key] = kept;
    else if (field.required) throw invalid(fillMessage(M.fieldRequired, { step, field: field.label }));
  }
  return values;
};

/** The draft with the step's items written (a copy; objects on the way are created if a broken draft lacks them). */
export const withStepItems = (
  data: Record<string, unknown>,
  writes: ReadonlyArray<readonly [string, unknown]>,
  form: FormId,
): Record<string, unknown> => {
  const copy = structuredClone(data);
  for (const [pointer, value] of writes) {
    if (!hasItem(form, pointer)) throw invalid(fillMessage(M.draftLacksItem, { form, field: pointer }));
    const segments = splitPointer(pointer);
    let node: Record<string, unknown> = copy;
    for (const key of segments.slice(0, -1)) {
      const next = node[key];
      node = (node[key] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
    }
    node[segments.at(-1)!] = value;
  }
  return copy;
};
