/**
 * Login sessions. The cookie carries 32 random bytes; the database keeps only their SHA-256, with the session's
 * CSRF token, the address it started from and its times. A session ends after `idleMs` without a request, after
 * `absoluteMs` in any case, at logout, and when its account is disabled or its password changed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db/db.js';

export type SessionLimits = { readonly idleMs: number; readonly absoluteMs: number };
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 2 * 60 * 60 * 1000, absoluteMs: 12 * 60 * 60 * 1000 };

/** last_seen_at is written at most this often, so a page's burst of requests is one write, not twenty. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type Session = { readonly userId: number; readonly csrfToken: string; readonly createdAt: Date };

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const randomToken = (): string => randomBytes(32).toString('base64url');

export const createSession = async (
  db: Queryable,
  userId: number,
  address: string,
  now: Date,
): Promise<{ token: string; csrfToken: string }> => {
  const token = randomToken();
  const csrfToken = randomToken();
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, address, created_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $5)`,
    [hashToken(token), userId, csrfToken, address, now],
  );
  return { token, csrfToken };
};

/** The live session a cookie names; an expired one is deleted and reported as 'expired'. */
export const findSession = async (
  db: Queryable,
  token: string,
  now: Date,
  limits: SessionLimits,
): Promise<Session | 'expired' | undefined> => {
  const [row] = await db.query<{
    user_id: number;
    csrf_token: string;
    created_at: Date;
    last_seen_at: Date;
    disabled_at: Date | null;
  }>(
    `SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.disabled_at
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`,
    [hashToken(token)],
  );
  if (!row) return undefined;
  const expired =
    row.disabled_at !== null ||
    now.getTime() - row.last_seen_at.getTime() > limits.idleMs ||
    now.getTime() - row.created_at.getTime() > limits.absoluteMs;
  if (expired) {
    await deleteSession(db, token);
    return 'expired';
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS)
    await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1', [hashToken(token), now]);
  return { userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at };
};

export const deleteSession = async (db: Queryable, token: string): Promise<void> => {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashToken(token)]);
};

/** Sessions nobody will present again; run at each login so the table does not grow without bound. */
export const purgeExpiredSessions = async (db: Queryable, now: Date, limits: SessionLimits): Promise<void> => {
  await db.query('DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2', [
    new Date(now.getTime() - limits.idleMs),
    new Date(now.getTime() - limits.absoluteMs),
  ]);
};
