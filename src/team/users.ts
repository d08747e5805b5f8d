/** Local accounts: login names, display names, password hashes, global roles and per-assessment overrides. */
import { AppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import type { Db, Queryable } from './db/db.js';
import { TEAM_MESSAGES_JA } from './messages.ja.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';
import {
  ASSESSMENT_ROLES,
  ROLES,
  isAssessmentRole,
  isRole,
  roleChoicesJa,
  type AssessmentRole,
  type Role,
} from './roles.js';

import type { User } from '../domain/team.js';

export type { User };

const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/** Full-width and upper-case letters name the same account: people type their login name in many ways. */
export const normalizeLogin = (login: string): string => login.normalize('NFKC').trim().toLowerCase();

export const checkLogin = (login: string): string => {
  const normalized = normalizeLogin(login);
  if (!LOGIN_PATTERN.test(normalized))
    throw new AppError('INVALID_REQUEST', fillMessage(TEAM_MESSAGES_JA.invalidLogin, { login: login.slice(0, 80) }));
  return normalized;
};

const checkDisplayName = (name: string): string => {
  const trimmed = name.normalize('NFC').trim();
  if ([...trimmed].length < 1 || [...trimmed].length > 100)
    throw new AppError('INVALID_REQUEST', TEAM_MESSAGES_JA.invalidDisplayName);
  return trimmed;
};

export const checkRoles = (roles: readonly string[]): Role[] => {
  const bad = roles.filter((role) => !isRole(role));
  if (bad.length > 0 || roles.length === 0)
    throw new AppError(
      'INVALID_REQUEST',
      fillMessage(TEAM_MESSAGES_JA.invalidRoles, { roles: bad.join(', '), choices: roleChoicesJa() }),
    );
  return ROLES.filter((role) => roles.includes(role));
};

const checkAssessmentRoles = (roles: readonly string[]): AssessmentRole[] => {
  const bad = roles.filter((role) => !isAssessmentRole(role));
  if (bad.length > 0)
    throw new AppError(
      'INVALID_REQUEST',
      fillMessage(TEAM_MESSAGES_JA.invalidRoles, { roles: bad.join(', '), choices: roleChoicesJa(ASSESSMENT_ROLES) }),
    );
  return ASSESSMENT_ROLES.filter((role) => roles.includes(role));
};

type UserRow = {
  id: number;
  login: string;
  display_name: string;
  roles: string[];
  disabled_at: Date | null;
  created_at: Date;
};

const USER_COLUMNS = 'id, login, display_name, roles, disabled_at, created_at';

const overridesOf = async (
  db: Queryable,
  ids: readonly number[],
): Promise<Map<number, Record<string, AssessmentRole[]>>> => {
  const rows = await db.query<{ user_id: number; assessment_id: string; roles: string[] }>(
    'SELECT user_id, assessment_id, roles FROM assessment_roles WHERE user_id = ANY($1::integer[]) ORDER BY assessment_id',
    [ids],
  );
  const byUser = new Map<number, Record<string, AssessmentRole[]>>();
  for (const row of rows) {
    const overrides = byUser.get(row.user_id) ?? {};
    overrides[row.assessment_id] = row.roles.filter(isAssessmentRole);
    byUser.set(row.user_id, overrides);
  }
  return byUser;
};

const toUsers = async (db: Queryable, rows: readonly UserRow[]): Promise<User[]> => {
  const overrides = await overridesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    roles: row.roles.filter(isRole),
    overrides: overrides.get(row.id) ?? {},
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
  }));
};

export const listUsers = async (db: Queryable): Promise<User[]> =>
  toUsers(db, await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY login`));

export const findUser = async (db: Queryable, where: { id: number } | { login: string }): Promise<User | undefined> => {
  const rows =
    'id' in where
      ? await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [where.id])
      : await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE login = $1`, [normalizeLogin(where.login)]);
  return (await toUsers(db, rows))[0];
};

const userOrThrow = async (db: Queryable, login: string): Promise<User> => {
  const user = await findUser(db, { login });
  if (!user)
    throw new AppError('USER_NOT_FOUND', fillMessage(TEAM_MESSAGES_JA.userNotFound, { login: login.slice(0, 80) }));
  return user;
};

/** What a login attempt compares against; undefined for an unknown or disabled account. */
export const credentialsOf = async (
  db: Queryable,
  login: string,
): Promise<{ id: number; passwordHash: string } | undefined> => {
  const [row] = await db.query<{ id: number; password_hash: string }>(
    'SELECT id, password_hash FROM users WHERE login = $1 AND disabled_at IS NULL',
    [normalizeLogin(login)],
  );
  return row && { id: row.id, passwordHash: row.password_hash };
};

export const countActiveAdmins = async (db: Queryable): Promise<number> => {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::integer AS n FROM users WHERE disabled_at IS NULL AND 'admin' = ANY(roles)",
  );
  return row?.n ?? 0;
};

/**
 * Runs a change of accounts so that at least one active 管理者 remains: the table is locked for the change, so
 * two administrators demoting each other at once cannot both succeed.
 */
const keepingAnAdmin = <T>(db: Db, change: (tx: Queryable) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
    const hadAdmin = (await countActiveAdmins(tx)) > 0;
    const result = await change(tx);
    if (hadAdmin && (await countActiveAdmins(tx)) === 0)
      throw new AppError('INVALID_REQUEST', TEAM_MESSAGES_JA.lastAdministrator);
    return result;
  });

export type NewUser = { login: string; displayName: string; password: string; roles: readonly string[] };

export const createUser = async (db: Db, request: NewUser, now: Date): Promise<User> => {
  const login = checkLogin(request.login);
  const displayName = checkDisplayName(request.displayName);
  const roles = checkRoles(request.roles);
  checkPasswordPolicy(request.password);
  const hash = await hashPassword(request.password);
  return db.transaction(async (tx) => {
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO users (login, display_name, password_hash, roles, created_at, password_changed_at)
       VALUES ($1, $2, $3, $4::text[], $5, $5) ON CONFLICT (login) DO NOTHING RETURNING id`,
      [login, displayName, hash, roles, now],
    );
    if (inserted.length === 0) throw new AppError('USER_EXISTS', fillMessage(TEAM_MESSAGES_JA.userExists, { login }));
    return (await findUser(tx, { login }))!;
  });
};

/** A new password ends every session of the account: whoever knew the old one is logged out. */
export const setPassword = async (db: Db, login: string, password: string, now: Date): Promise<User> => {
  checkPasswordPolicy(password);
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await userOrThrow(tx, login);
    await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1', [user.id, hash, now]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    return user;
  });
};

export type UserChange = { displayName?: string; roles?: readonly string[]; disabled?: boolean };

/** Disabling an account also ends its sessions at once. */
export const updateUser = (db: Db, login: string, change: UserChange, now: Date): Promise<User> =>
  keepingAnAdmin(db, async (tx) => {
    const user = await userOrThrow(tx, login);
    if (change.displayName !== undefined)
      await tx.query('UPDATE users SET display_name = $2 WHERE id = $1', [
        user.id,
        checkDisplayName(change.displayName),
      ]);
    if (change.roles !== undefined)
      await tx.query('UPDATE users SET roles = $2::text[] WHERE id = $1', [user.id, checkRoles(change.roles)]);
    if (change.disabled === true) {
      await tx.query('UPDATE users SET disabled_at = coalesce(disabled_at, $2) WHERE id = $1', [user.id, now]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
    }
    if (change.disabled === false) await tx.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [user.id]);
    return (await findUser(tx, { id: user.id }))!;
  });

/** An empty list removes the override, so the global roles hold again for that assessment. */
export const setAssessmentRoles = async (
  db: Db,
  login: string,
  assessmentId: string,
  roles: readonly string[],
): Promise<User> =>
  db.transaction(async (tx) => {
    const user = await userOrThrow(tx, login);
    const checked = checkAssessmentRoles(roles);
    if (checked.length === 0)
      await tx.query('DELETE FROM assessment_roles WHERE user_id = $1 AND assessment_id = $2', [user.id, assessmentId]);
    else
      await tx.query(
        `INSERT INTO assessment_roles (user_id, assessment_id, roles) VALUES ($1, $2, $3::text[])
         ON CONFLICT (user_id, assessment_id) DO UPDATE SET roles = EXCLUDED.roles`,
        [user.id, assessmentId, checked],
      );
    return (await findUser(tx, { id: user.id }))!;
  });
