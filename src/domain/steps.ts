/**
 * The steps of a revision's review and procedure as data the front ends share (the UI imports this module): their
 * names, who takes them, and what a step offered now asks for. The transition table that uses them is
 * src/workflows/revision-states.ts.
 */
import type { RevisionStatus } from './revision.js';

/** Who takes a step: 作成者 (requests, the procedure, 提出, 公表) or 確認者 (差戻し, 承認). */
export const STEP_ROLES = ['author', 'reviewer'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

export const STEP_NAMES = [
  'request',
  'return',
  'approve',
  'consult',
  'consulted',
  'inspect',
  'inspected',
  'apply',
  'approval',
  'submit',
  'publish',
  'withdraw',
  'unpublish',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export const isStepName = (value: unknown): value is StepName =>
  typeof value === 'string' && (STEP_NAMES as readonly string[]).includes(value);

/** A person the record names: the name always, the account when signed in to the team server. */
export type Person = { readonly name: string; readonly account?: string };

export type StepFieldKind = 'date' | 'text' | 'multiline' | 'count' | 'choice';

/** A value a step asks for, as front ends show it: its key in `record`, its kind, the item it fills, its label. */
export type StepFieldView = {
  readonly key: string;
  readonly kind: StepFieldKind;
  readonly pointer?: string;
  readonly label: string;
  readonly required: boolean;
  readonly options?: readonly string[];
};

/** A step a revision may take now, as the front ends offer it. */
export type OfferedStep = {
  readonly to: RevisionStatus;
  readonly step: StepName;
  readonly role: StepRole;
  readonly reasonRequired: boolean;
  /** What the step asks for (the form items it fills), labelled for the revision's form. */
  readonly fields: readonly StepFieldView[];
  /** People who may not take it (the 承認 of one's own revision or request). */
  readonly notBy: readonly Person[];
};
