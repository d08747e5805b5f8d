import { validatorFor } from './ajv.js';
import { isFormId, type FormId } from './documents.js';
import { toValidationIssues, type ValidationIssue } from './issues.js';

export type ValidationResult = { readonly form?: FormId; readonly issues: readonly ValidationIssue[] };

const formIssue = (value: unknown): ValidationIssue => ({
  pointer: '/form',
  keyword: 'form',
  path: ['様式'],
  message: `様式（form）は yoshiki3（重点項目評価書）か yoshiki4（全項目評価書）を指定してください（現在の値: ${value === undefined ? 'なし' : String(value)}）。`,
});

/** Check an assessment against its form's schema. Never throws on bad data: problems come back as issues. */
export const validateAssessment = (data: unknown): ValidationResult => {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const form = record['form'];
  if (!isFormId(form)) return { issues: [formIssue(form)] };
  const validate = validatorFor(form);
  if (validate(data)) return { form, issues: [] };
  const revision = typeof record['formRevision'] === 'string' ? record['formRevision'] : undefined;
  const files = record['files'];
  const fileCount = Array.isArray(files) ? files.length : 1;
  return { form, issues: toValidationIssues(form, validate.errors ?? [], { revision, fileCount }) };
};
