import type { ValidationIssue } from '../schema/index.js';

/** `file:line:column: Ⅱ　… > ④再委託の有無: message` — the form editors and terminals both link file:line:col. */
export const formatIssue = (file: string, issue: ValidationIssue): string => {
  const where = issue.line !== undefined ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  const path = issue.path.length > 0 ? issue.path.join(' > ') : issue.pointer;
  return `${where}: ${path}: ${issue.message}`;
};
