/** GET /api/session (who am I, what may I do), POST /api/session (log in), DELETE /api/session (log out). */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../errors.js';
import { fillMessage } from '../../../messages.ja.js';
import {
  DEFAULT_SESSION_LIMITS,
  DEFAULT_THROTTLE,
  PERMISSIONS,
  TEAM_MESSAGES_JA,
  clearLoginFailures,
  createSession,
  credentialsOf,
  deleteSession,
  findUser,
  normalizeLogin,
  purgeExpiredSessions,
  recordLoginFailure,
  throttleWait,
  verifyAgainstNothing,
  verifyPassword,
} from '../../../team/index.js';
import { userPermissions } from '../access-control.js';
import type { AuditRecorder } from '../audit-recorder.js';
import { SESSION_COOKIE, type TeamServerOptions } from '../context.js';
import type { LoginRequest, SessionResponse } from '../dto.js';

const loginSchema = {
  body: {
    type: 'object',
    required: ['login', 'password'],
    additionalProperties: false,
    properties: { login: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 1024 } },
  },
} as const;

/**
 * Not readable by scripts, never sent with a request another site starts, only over TLS when served over TLS. No
 * Max-Age: the cookie ends with the browser (shared office PCs); the server ends the session in any case.
 */
export const sessionCookieOptions = (secure: boolean) =>
  ({ path: '/', httpOnly: true, sameSite: 'strict', secure }) as const;

/** The attempted name as recorded: normalised like account names, cut short so a pasted text is not kept whole. */
const attemptedLogin = (login: string): string => normalizeLogin(login).slice(0, 64);

export const sessionRoutes: FastifyPluginAsync<{
  options: TeamServerOptions;
  now: () => Date;
  localCsrfToken: string;
  audit?: AuditRecorder;
}> = async (app, { options, now, localCsrfToken, audit }) => {
  const limits = options.sessionLimits ?? DEFAULT_SESSION_LIMITS;
  const throttle = options.throttle ?? DEFAULT_THROTTLE;
  const features = { comments: !!options.db, audit: !!options.db, accounts: !!options.db };

  const describe = (request: FastifyRequest, csrfToken?: string): SessionResponse => {
    const { actor } = request;
    if (actor.kind === 'local')
      return {
        mode: 'single-user',
        user: null,
        csrfToken: localCsrfToken,
        permissions: [...PERMISSIONS],
        assessmentPermissions: {},
        features,
      };
    if (actor.kind === 'anonymous' && csrfToken === undefined)
      return { mode: 'login', user: null, csrfToken: null, permissions: [], assessmentPermissions: {}, features };
    const user = actor.kind === 'user' ? actor.user : undefined;
    if (!user) throw new Error('a login answer needs its user');
    return {
      mode: 'login',
      user: { login: user.login, displayName: user.displayName, roles: user.roles },
      csrfToken: csrfToken ?? (actor.kind === 'user' ? actor.csrfToken : null),
      permissions: userPermissions(user),
      assessmentPermissions: Object.fromEntries(
        Object.keys(user.overrides).map((id) => [id, userPermissions(user, id)]),
      ),
      features,
    };
  };

  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string): void => {
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(request.protocol === 'https'));
  };

  app.get<{ Reply: SessionResponse }>('/api/session', async (request, reply) =>
    reply.header('cache-control', 'no-store').send(describe(request)),
  );

  app.post<{ Body: LoginRequest; Reply: SessionResponse }>(
    '/api/session',
    { schema: loginSchema },
    async (request, reply) => {
      const { db } = options;
      if (!options.login || !db) throw new AppError('INVALID_REQUEST', TEAM_MESSAGES_JA.loginOff);
      const login = attemptedLogin(request.body.login);
      const at = now();
      const failed = async (detail: Record<string, boolean>): Promise<void> => {
        await audit?.record(request, {
          event: 'login.failed',
          assessmentId: null,
          revision: null,
          hashBefore: null,
          hashAfter: null,
          userLogin: login,
          detail,
        });
      };
      const wait = await throttleWait(db, login, request.ip, at, throttle);
      if (wait > 0) {
        await failed({ throttled: true });
        reply.header('retry-after', String(wait));
        throw new AppError(
          'LOGIN_THROTTLED',
          fillMessage(TEAM_MESSAGES_JA.loginThrottled, { minutes: Math.ceil(wait / 60) }),
        );
      }
      const credentials = await credentialsOf(db, login);
      const ok = credentials
        ? await verifyPassword(request.body.password, credentials.passwordHash)
        : await verifyAgainstNothing(request.body.password);
      if (!ok || !credentials) {
        await recordLoginFailure(db, login, request.ip, at);
        await failed({});
        throw new AppError('LOGIN_FAILED', TEAM_MESSAGES_JA.loginFailed);
      }
      // Session fixation: whatever session the browser presented ends; the new one gets a new random id.
      const presented = request.cookies[SESSION_COOKIE];
      if (presented) await deleteSession(db, presented);
      await purgeExpiredSessions(db, at, limits);
      await clearLoginFailures(db, login, at, throttle);
      const session = await createSession(db, credentials.id, request.ip, at);
      const user = (await findUser(db, { id: credentials.id }))!;
      request.actor = { kind: 'user', user, sessionToken: session.token, csrfToken: session.csrfToken };
      await audit?.record(request, {
        event: 'login',
        assessmentId: null,
        revision: null,
        hashBefore: null,
        hashAfter: null,
      });
      setSessionCookie(request, reply, session.token);
      return reply.header('cache-control', 'no-store').send(describe(request, session.csrfToken));
    },
  );

  app.delete('/api/session', async (request, reply) => {
    const { actor } = request;
    if (actor.kind === 'user' && options.db) {
      await deleteSession(options.db, actor.sessionToken);
      await audit?.record(request, {
        event: 'logout',
        assessmentId: null,
        revision: null,
        hashBefore: null,
        hashAfter: null,
      });
    }
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request.protocol === 'https'));
    return reply.code(204).send();
  });
};
