/**
 * The checks every request passes, in order: the Host header names this server; the caller is identified (the
 * local user in single-user mode, else the session cookie's account); the route's rule in ACCESS_TABLE allows
 * it (401 without a session, 403 without the permission); and a state-changing request comes from this server's
 * own pages (Origin) and carries the page's CSRF token in a header a cross-site form cannot send.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../../errors.js';
import { fillMessage } from '../../messages.ja.js';
import {
  DEFAULT_SESSION_LIMITS,
  PERMISSIONS,
  PERMISSION_NAMES_JA,
  TEAM_MESSAGES_JA,
  effectiveRoles,
  findSession,
  findUser,
  permissionsOf,
  type Db,
  type Permission,
  type User,
} from '../../team/index.js';
import { ACCESS_TABLE, accessKey, type AccessRule } from './access-table.js';
import { isAudited } from './audit-recorder.js';
import { CSRF_HEADER, SESSION_COOKIE, type Actor, type TeamServerOptions } from './context.js';
import { createHostCheck } from './host-check.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The permissions a user holds for one assessment (its override, if any), or globally. */
export const userPermissions = (user: User, assessmentId?: string): Permission[] =>
  permissionsOf(effectiveRoles(user.roles, assessmentId === undefined ? undefined : user.overrides[assessmentId]));

export const actorMay = (actor: Actor, permission: Permission, assessmentId?: string): boolean => {
  if (actor.kind === 'local') return true;
  if (actor.kind === 'anonymous') return false;
  return userPermissions(actor.user, assessmentId).includes(permission);
};

const ruleOf = (request: FastifyRequest): AccessRule | undefined =>
  request.routeOptions.url === undefined
    ? undefined
    : ACCESS_TABLE[accessKey(request.method, request.routeOptions.url)];

/** The line to add to ACCESS_TABLE for a route, as a suggestion in the failure message. */
const suggestedRule = (key: string, url: string): string => {
  const scoped = url.includes(':id') ? 'onAssessment' : 'global';
  const reading = key.startsWith('GET ');
  return reading
    ? `'${key}': ${scoped}('read'),`
    : `'${key}': ${scoped}('<${PERMISSIONS.join(' | ')}>'),`;
};

/**
 * Every route must be in the table, and every route that changes something must be audited: a route added without
 * either stops the server (at registration, so the first test run shows it) instead of going unchecked.
 */
export const requireAccessRule = (route: RouteOptions): void => {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  for (const method of methods) {
    if (method === 'HEAD' && ACCESS_TABLE[accessKey('GET', route.url)]) continue;
    const key = accessKey(method, route.url);
    const rule = ACCESS_TABLE[key];
    if (!rule)
      throw new Error(
        `route ${key} has no rule in ACCESS_TABLE. Add this line to ACCESS_TABLE in src/server/team/access-table.ts, ` +
          `with the permission the route needs (or { access: 'signed-in' } / { access: 'public' }):\n  ${suggestedRule(key, route.url)}`,
      );
    if (!SAFE_METHODS.has(method) && !isAudited(key))
      throw new Error(
        `route ${key} changes something but is not audited. Add an entry '${key}': { after: … } to AUDITED_ROUTES in ` +
          `src/server/team/audit-recorder.ts (the event a success means, with the document's hash before and after), ` +
          `or, if its handler calls audit.record itself, add '${key}' to SELF_AUDITED_ROUTES there.`,
      );
  }
};

/**
 * A request a browser sent carries Origin (every cross-origin request, and same-origin ones that are not GET) or
 * Sec-Fetch-Site, or cookies. One with none of them (curl, scripts, the CLI's tests) cannot be a forged
 * cross-site request: no browser page made it, and without cookies it carries no one's authority.
 */
const fromBrowser = (request: FastifyRequest): boolean =>
  request.headers.origin !== undefined ||
  request.headers['sec-fetch-site'] !== undefined ||
  request.headers.cookie !== undefined;

const checkOrigin = (request: FastifyRequest): void => {
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  const sameOrigin = origin === undefined || origin === `${request.protocol}://${request.headers.host ?? ''}`;
  const sameSite = site === undefined || site === 'same-origin' || site === 'none';
  if (!sameOrigin || !sameSite) throw new AppError('ORIGIN_REJECTED', TEAM_MESSAGES_JA.originRejected);
};

const identify = async (
  request: FastifyRequest,
  db: Db,
  now: Date,
  limits: NonNullable<TeamServerOptions['sessionLimits']>,
): Promise<Actor> => {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return { kind: 'anonymous', expired: false };
  const session = await findSession(db, token, now, limits);
  if (session === undefined || session === 'expired') return { kind: 'anonymous', expired: session === 'expired' };
  const user = await findUser(db, { id: session.userId });
  if (!user || user.disabled) return { kind: 'anonymous', expired: true };
  return { kind: 'user', user, sessionToken: token, csrfToken: session.csrfToken };
};

/** `localCsrfToken`: the token pages of single-user mode send back; in login mode each session has its own. */
export const registerAccessControl = (
  app: FastifyInstance,
  options: TeamServerOptions,
  now: () => Date,
  localCsrfToken: string,
): void => {
  const limits = options.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  // The port is asked of the socket once it listens (a system call per request otherwise); a server listens once.
  let port: number | undefined;
  const checkHost = createHostCheck(options.serverNames ?? [], () => {
    if (port !== undefined || !app.server.listening) return port;
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : undefined;
    return port;
  });
  const { db } = options;
  if (options.login && !db) throw new Error('login mode needs the team database');

  // Set by the onRequest hook below before any handler runs; null only until then.
  app.decorateRequest('actor', null as never);
  app.addHook('onRoute', requireAccessRule);
  app.addHook('onRequest', async (request) => {
    checkHost(request);
    request.actor = options.login && db ? await identify(request, db, now(), limits) : { kind: 'local' };
    const rule = ruleOf(request);
    const { actor } = request;
    if (rule && rule.access !== 'public') {
      if (actor.kind === 'anonymous')
        throw new AppError(
          'AUTH_REQUIRED',
          actor.expired ? TEAM_MESSAGES_JA.sessionExpired : TEAM_MESSAGES_JA.loginRequired,
        );
      if (rule.access === 'permission') {
        const id = rule.scope === 'assessment' ? (request.params as { id?: string }).id : undefined;
        if (!rule.permissions.some((permission) => actorMay(actor, permission, id)))
          throw new AppError(
            'FORBIDDEN',
            fillMessage(TEAM_MESSAGES_JA.forbidden, {
              permission: rule.permissions.map((permission) => PERMISSION_NAMES_JA[permission]).join('または'),
            }),
            { permissions: rule.permissions },
          );
      }
    }
    if (SAFE_METHODS.has(request.method)) return;
    checkOrigin(request);
    // Logging in has no session token yet; Origin and the JSON-only body (a form cannot send one) guard it.
    const isLogin = request.method === 'POST' && request.routeOptions.url === '/api/session';
    if (isLogin || !fromBrowser(request)) return;
    const expected = actor.kind === 'user' ? actor.csrfToken : actor.kind === 'local' ? localCsrfToken : undefined;
    if (expected === undefined || request.headers[CSRF_HEADER] !== expected)
      throw new AppError('CSRF_REJECTED', TEAM_MESSAGES_JA.csrfRejected);
  });
};
