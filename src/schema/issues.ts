import type { ErrorObject } from 'ajv';
import { TYPE_NAMES_JA, VALIDATION_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import type { FormId } from './documents.js';
import { itemPath, type FormRevision } from './labels.js';
import { MAX_NESTING, MAX_VALUES } from './limits.js';
import { joinPointer, splitPointer, valueAtPointer } from './resolve.js';
import { xMessageOf } from './validators.js';

/** One problem found in an assessment: where (pointer and official item path) and what, in Japanese. */
export type ValidationIssue = {
  /** JSON Pointer into the assessment, e.g. /files/0/overview/consignment/items/0/reconsignment */
  readonly pointer: string;
  readonly keyword: string;
  /** Official labels from the section down to the item. */
  readonly path: readonly string[];
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
};

// Wrapper keywords only say "a sub-schema failed"; the sub-schema's own errors say what.
const WRAPPER_KEYWORDS = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not']);

const shown = (value: unknown): string => {
  if (value === null) return '空欄';
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (typeof value === 'object') return Array.isArray(value) ? '一覧' : '項目のまとまり';
  return String(value);
};

/** What was validated: the schema document and the data its validator was given, which the errors point into. */
export type Validated = { readonly doc: string; readonly data: unknown };

const messageFor = (error: ErrorObject, { doc, data }: Validated): string => {
  const override = xMessageOf(doc, error.schemaPath);
  if (override !== undefined) return override;
  const params = error.params as Record<string, unknown>;
  const failing = valueAtPointer(data, error.instancePath);
  const value = shown(failing);
  switch (error.keyword) {
    case 'required':
      return VALIDATION_MESSAGES_JA.required;
    case 'enum': {
      const options = (params['allowedValues'] as unknown[]).filter((o) => o !== null).join(' / ');
      return fillMessage(VALIDATION_MESSAGES_JA.enum, { value, options });
    }
    case 'type': {
      const expected = String(params['type'])
        .split(',')
        .map((t) => TYPE_NAMES_JA[t] ?? t)
        .join('または');
      return fillMessage(VALIDATION_MESSAGES_JA.type, { expected, value });
    }
    case 'format':
      // Written as a date but no day of the calendar (2025-13-01, 2月30日): say so, the format is not the problem.
      return fillMessage(/^\d{4}-\d{2}-\d{2}$/.test(String(failing)) ? VALIDATION_MESSAGES_JA.impossibleDate : VALIDATION_MESSAGES_JA.date, { value });
    case 'const':
      return fillMessage(VALIDATION_MESSAGES_JA.const, { allowed: shown(params['allowedValue']), value });
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const property = String(params['additionalProperty'] ?? params['unevaluatedProperty']);
      return fillMessage(VALIDATION_MESSAGES_JA.additionalProperties, { property });
    }
    case 'minimum':
    case 'minItems':
    case 'maxItems':
      return fillMessage(VALIDATION_MESSAGES_JA[error.keyword], { limit: String(params['limit']), value });
    case 'minLength':
      return VALIDATION_MESSAGES_JA.minLength;
    case 'pattern':
      return fillMessage(VALIDATION_MESSAGES_JA.pattern, { value });
    case 'x-blank':
      return fillMessage(VALIDATION_MESSAGES_JA.blank, { value });
    case 'x-blankEntries':
      return VALIDATION_MESSAGES_JA.blankEntries;
    case 'x-uniqueIds':
      return fillMessage(VALIDATION_MESSAGES_JA.uniqueIds, { value: String(params['id']) });
    default:
      return fillMessage(VALIDATION_MESSAGES_JA.other, { keyword: error.keyword });
  }
};

/** The pointer an error is about: a missing or unexpected property is reported at that property. */
const pointerOf = (error: ErrorObject): string => {
  const params = error.params as Record<string, unknown>;
  const property = params['missingProperty'] ?? params['additionalProperty'] ?? params['unevaluatedProperty'];
  return typeof property === 'string' ? `${error.instancePath}/${property}` : error.instancePath;
};

export type IssueContext = { revision?: FormRevision; fileCount?: number };

/** More issues than anyone reads, and each one costs a position lookup and bytes on the wire. */
export const MAX_ISSUES = 200;

const tooManyIssues = (): ValidationIssue => ({
  pointer: '',
  keyword: 'maxIssues',
  path: [],
  message: fillMessage(VALIDATION_MESSAGES_JA.tooManyIssues, { count: MAX_ISSUES }),
});

/** The one issue of data nested deeper than any form: reported at the place where the limit is crossed. */
export const nestingIssue = (form: FormId, segments: readonly string[]): ValidationIssue => ({
  pointer: joinPointer(segments),
  keyword: 'maxNesting',
  path: itemPath(form, segments),
  message: fillMessage(VALIDATION_MESSAGES_JA.tooDeep, { limit: MAX_NESTING }),
});

/** The one issue of data with more values than any assessment. */
export const sizeIssue = (): ValidationIssue => ({
  pointer: '',
  keyword: 'maxValues',
  path: [],
  message: fillMessage(VALIDATION_MESSAGES_JA.tooManyValues, { limit: MAX_VALUES }),
});

export const toValidationIssues = (
  form: FormId,
  errors: readonly ErrorObject[],
  validated: Validated,
  context: IssueContext = {},
): ValidationIssue[] => collectIssues(errors, validated, (segments) => itemPath(form, segments, context));

/** Ajv errors as issues of any bundled document, its item paths named by `pathOf`. */
export const collectIssues = (
  errors: readonly ErrorObject[],
  validated: Validated,
  pathOf: (segments: readonly string[]) => string[],
): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (WRAPPER_KEYWORDS.has(error.keyword)) continue;
    const pointer = pointerOf(error);
    const message = messageFor(error, validated);
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    if (issues.length === MAX_ISSUES) return [...issues, tooManyIssues()];
    seen.add(key);
    issues.push({ pointer, keyword: error.keyword, path: pathOf(splitPointer(pointer)), message });
  }
  return issues;
};
