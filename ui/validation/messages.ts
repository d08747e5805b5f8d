import type { ValidationIssue } from '../../src/schema/issues.js';

/** What the page and the validation worker say to each other. */
export type ValidationRequest = { id: number; data: unknown };
export type ValidationResult = { id: number; issues: readonly ValidationIssue[] } | { id: number; error: string };
