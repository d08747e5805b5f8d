import type { ValidationIssue } from '../../src/schema/issues.js';

/** One field's new value: what a keystroke changes. */
export type FieldEdit = { readonly pointer: string; readonly value: unknown };

/**
 * What the page and the validation worker say to each other. The worker keeps the last draft it was sent, so
 * after the first request a keystroke sends only the fields edited since (`edits`), not the whole draft.
 */
export type ValidationRequest = { id: number; data: unknown } | { id: number; edits: readonly FieldEdit[] };
export type ValidationResult = { id: number; issues: readonly ValidationIssue[] } | { id: number; error: string };
