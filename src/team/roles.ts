/**
 * Roles and what they allow. A user holds global roles; for one assessment an override may replace the global
 * roles other than 管理者 (e.g. 閲覧者 everywhere but 作成者 of 001). Pure: the server's authorisation hook and the
 * session answer (which the UI uses to hide controls) read the same table.
 */
import { PERMISSION_NAMES_JA, ROLE_NAMES_JA } from './messages.ja.js';

import { ASSESSMENT_ROLES, ROLES, type AssessmentRole, type Permission, type Role } from '../domain/team.js';

export { ASSESSMENT_ROLES, ROLES, type AssessmentRole, type Permission, type Role };
export const PERMISSIONS = Object.keys(PERMISSION_NAMES_JA) as Permission[];

/** 管理者: accounts and roles; 作成者: drafts, commits, rows, the procedure; 確認者: comments, 差戻し and 承認; 閲覧者: read, compare, PDF. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'audit.read', 'users.manage'],
  author: ['read', 'draft.edit', 'revision.commit', 'rows.edit', 'revision.status', 'comment.write', 'audit.read'],
  reviewer: ['read', 'comment.write', 'review.decide', 'audit.read'],
  viewer: ['read'],
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
export const isAssessmentRole = (value: string): value is AssessmentRole =>
  (ASSESSMENT_ROLES as readonly string[]).includes(value);

export const permissionsOf = (roles: readonly Role[]): Permission[] =>
  PERMISSIONS.filter((permission) => roles.some((role) => ROLE_PERMISSIONS[role].includes(permission)));

/** The roles that hold for one assessment: its override (plus 管理者 if held globally), else the global roles. */
export const effectiveRoles = (global: readonly Role[], override: readonly AssessmentRole[] | undefined): Role[] => {
  if (override === undefined) return [...global];
  return global.includes('admin') ? ['admin', ...override] : [...override];
};

export const roleChoicesJa = (roles: readonly Role[] = ROLES): string =>
  roles.map((role) => `${role}（${ROLE_NAMES_JA[role]}）`).join(' / ');
