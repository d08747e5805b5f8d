/**
 * The team server's records as data the front ends share (the UI reads them through src/server/dto.ts): roles and
 * permissions, accounts, and audit entries. The modules that store them are in src/team.
 */
import type { AuditEventName, PERMISSION_NAMES_JA } from '../team/messages.ja.js';

export const ROLES = ['admin', 'author', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** Roles an assessment override may grant: accounts and roles are managed globally. */
export const ASSESSMENT_ROLES = ['author', 'reviewer', 'viewer'] as const;
export type AssessmentRole = (typeof ASSESSMENT_ROLES)[number];

export type Permission = keyof typeof PERMISSION_NAMES_JA;

export type User = {
  id: number;
  login: string;
  displayName: string;
  roles: Role[];
  /** Per-assessment overrides: assessment id → the roles that replace the global ones there. */
  overrides: Record<string, AssessmentRole[]>;
  disabled: boolean;
  createdAt: string;
};

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type AuditEvent = {
  readonly event: AuditEventName;
  readonly userId: number | null;
  readonly userLogin: string | null;
  readonly address: string | null;
  readonly assessmentId: string | null;
  /** The revision the event concerns; null for the draft and for events about no document. */
  readonly revision: number | null;
  /** The document's hash before and after the event (the draft's ETag, or a revision's content hash). */
  readonly hashBefore: string | null;
  readonly hashAfter: string | null;
  readonly detail: { readonly [key: string]: JsonValue };
};

export type AuditEntry = AuditEvent & {
  readonly seq: number;
  readonly at: string;
  readonly prevHash: string;
  readonly entryHash: string;
};

export type AuditProblem = {
  readonly seq: number;
  readonly kind: 'edited' | 'broken-link' | 'gap' | 'head-mismatch';
};

/** A thread of comments on one item of the draft or of a revision, with its official item path. */
export type Comment = { id: number; body: string; authorId: number | null; authorName: string; createdAt: string };

export type CommentThread = {
  id: number;
  assessmentId: string;
  /** null: the draft. */
  revision: number | null;
  pointer: string;
  itemPath: string[];
  resolved: { at: string; by: string } | null;
  /** The opening comment first, then the replies in order. */
  comments: Comment[];
};

export type ItemCommentCount = { open: number; total: number };
