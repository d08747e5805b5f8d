import { valueText } from '../domain/value-text.js';
import { validatorFor } from './validators.js';
import { boundLists } from './bounded-lists.js';
import { FORM_IDS, formDocumentName, isFormId, type FormId } from './documents.js';
import { nestingIssue, sizeIssue, toValidationIssues, type ValidationIssue } from './issues.js';
import { hasTooManyValues, tooDeepAt } from './limits.js';
import { childNode, choiceOptions, formRoot, keyword } from './resolve.js';

const formInfo = (form: FormId): { kind: string; name: string } | undefined =>
  keyword<{ kind: string; name: string }>(formRoot(form), 'x-form');

/** 重点項目評価書・様式３, read from the form schema's x-form annotation. */
export const formName = (form: FormId): string => {
  const info = formInfo(form);
  return info ? `${info.kind}・${info.name}` : form;
};

/** The form revision an assessment names (printed in its stamp), if it names one. */
export const formRevisionOf = (data: unknown): string | undefined => {
  const revision = (data as Record<string, unknown> | null)?.['formRevision'];
  return typeof revision === 'string' ? revision : undefined;
};

/** The form revisions a document may be written on (the stamp's ＜選択肢＞), newest first as the schema lists them. */
export const formRevisions = (form: FormId): string[] => {
  const node = childNode(formRoot(form), 'formRevision');
  return (node && choiceOptions(node)) ?? [];
};

export type ValidationResult = { readonly form?: FormId; readonly issues: readonly ValidationIssue[] };

const formIssue = (value: unknown): ValidationIssue => ({
  pointer: '/form',
  keyword: 'form',
  path: ['様式'],
  message: `様式（form）は ${FORM_IDS.map((id) => `${id}（${formInfo(id)?.kind ?? id}）`).join('か ')}を指定してください（現在の値: ${value === undefined ? 'なし' : valueText(value)}）。`,
});

const validateWith = (data: unknown, checkLimits: boolean): ValidationResult => {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const form = record['form'];
  if (!isFormId(form)) return { issues: [formIssue(form)] };
  if (checkLimits) {
    const tooDeep = tooDeepAt(data);
    if (tooDeep) return { form, issues: [nestingIssue(form, tooDeep)] };
    if (hasTooManyValues(data)) return { form, issues: [sizeIssue()] };
  }
  const validate = validatorFor(form);
  const bounded = boundLists(data, formRoot(form));
  if (validate(bounded)) return { form, issues: [] };
  const revision = formRevisionOf(record);
  const files = record['files'];
  const fileCount = Array.isArray(files) ? files.length : 1;
  return { form, issues: toValidationIssues(form, validate.errors ?? [], { doc: formDocumentName(form), data: bounded }, { revision, fileCount }) };
};

/**
 * Check an assessment against its form's schema. Never throws on bad data: problems come back as issues, at most
 * MAX_ISSUES of them. Data nested deeper or holding more values than any assessment is refused whole (limits.ts).
 */
export const validateAssessment = (data: unknown): ValidationResult => validateWith(data, true);

/**
 * validateAssessment for data already known to be within the limits (the save printed it, and printing refuses
 * anything beyond them): the same result without walking the whole document twice more.
 */
export const validateAssessmentWithinLimits = (data: unknown): ValidationResult => validateWith(data, false);
