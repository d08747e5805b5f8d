/**
 * Slows password guessing: after `perLogin` failures for one login name, or `perAddress` from one address, within
 * `windowMs`, further attempts are refused until the oldest of those failures leaves the window. Counted in the
 * database rather than in memory, so restarting the server or adding an app instance does not reset the count.
 * Unknown login names are counted like real ones, so the refusal does not reveal which accounts exist.
 */
import type { Queryable } from './db/db.js';

export type ThrottleLimits = { readonly windowMs: number; readonly perLogin: number; readonly perAddress: number };
export const DEFAULT_THROTTLE: ThrottleLimits = { windowMs: 15 * 60 * 1000, perLogin: 5, perAddress: 20 };

/** The limit-th newest failure: while it is inside the window, there are `limit` failures in it. */
const NTH_NEWEST_FAILURE = {
  login: 'SELECT at FROM login_failures WHERE login = $1 AND at > $2 ORDER BY at DESC OFFSET $3 LIMIT 1',
  address: 'SELECT at FROM login_failures WHERE address = $1 AND at > $2 ORDER BY at DESC OFFSET $3 LIMIT 1',
} as const;

/** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
export const throttleWait = async (
  db: Queryable,
  login: string,
  address: string,
  now: Date,
  limits: ThrottleLimits,
): Promise<number> => {
  const since = new Date(now.getTime() - limits.windowMs);
  const waitFor = async (by: keyof typeof NTH_NEWEST_FAILURE, value: string, limit: number): Promise<number> => {
    const [row] = await db.query<{ at: Date }>(NTH_NEWEST_FAILURE[by], [value, since, limit - 1]);
    return row ? Math.max(1, Math.ceil((row.at.getTime() + limits.windowMs - now.getTime()) / 1000)) : 0;
  };
  return Math.max(await waitFor('login', login, limits.perLogin), await waitFor('address', address, limits.perAddress));
};

export const recordLoginFailure = async (db: Queryable, login: string, address: string, now: Date): Promise<void> => {
  await db.query('INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3)', [login, address, now]);
};

/** After a success, the account's count starts again; the address keeps its count (it may be guessing others). */
export const clearLoginFailures = async (
  db: Queryable,
  login: string,
  now: Date,
  limits: ThrottleLimits,
): Promise<void> => {
  await db.query('DELETE FROM login_failures WHERE login = $1 OR at < $2', [
    login,
    new Date(now.getTime() - limits.windowMs),
  ]);
};
