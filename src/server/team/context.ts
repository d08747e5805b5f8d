/** What the team plugin knows about the server and about each request. */
import type { Db, Permission, SessionLimits, ThrottleLimits, User } from '../../team/index.js';

export type TeamServerOptions = {
  /** The team database; without one there are no accounts, comments or audit log (single-user mode only). */
  readonly db?: Db;
  /** Sign-in required for everything but the UI's files and the login itself. */
  readonly login: boolean;
  /** Host names the server answers besides the loopback ones: `name` (any port) or `name:port`. */
  readonly serverNames?: readonly string[];
  readonly sessionLimits?: SessionLimits;
  readonly throttle?: ThrottleLimits;
};

/** Who makes a request: the one local user of single-user mode, a signed-in account, or nobody yet. */
export type Actor =
  | { readonly kind: 'local' }
  | { readonly kind: 'user'; readonly user: User; readonly sessionToken: string; readonly csrfToken: string }
  | { readonly kind: 'anonymous'; readonly expired: boolean };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'pia_session';
export const CSRF_HEADER = 'x-pia-csrf';

/** The name shown for the local user of single-user mode (comments, audit). */
export const LOCAL_USER_NAME = 'ローカル利用者';

export type PermissionCheck = (permission: Permission, assessmentId?: string) => boolean;
