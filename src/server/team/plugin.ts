/**
 * The team server in one registration: security headers, cookies, the Host/Origin/CSRF checks and the
 * authorisation of every route, the audit capture, and the session, account, comment and audit routes.
 * buildServer calls `registerTeam` before any route is registered, so its hooks see every route.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { randomToken } from '../../team/index.js';
import type { Services } from '../services.js';
import { registerAccessControl } from './access-control.js';
import { registerAuditCapture } from './audit-recorder.js';
import { registerSecurityHeaders } from './security-headers.js';
import type { TeamServerOptions } from './context.js';
import { createAnchorResolver } from './item-anchor.js';
import { auditRoutes } from './routes/audit.js';
import { commentRoutes } from './routes/comments.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';

export type { TeamServerOptions } from './context.js';

/**
 * The UI is one origin's scripts and styles (vite's bundle), fonts, and the PDF preview: a frame of the PDF the
 * page fetched itself (a blob: URL, so that a refusal is shown as the server's message instead of framed). No
 * inline script is allowed. 'unsafe-eval': the editor validates live with ajv, which compiles the form schemas
 * into functions in the browser (precompiling them into the bundle with ajv's standalone code would let this go).
 * Style attributes in templates are inline styles, hence 'unsafe-inline' for styles only.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-eval'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  // Colleagues connect over plain HTTP on the office network unless a TLS proxy is put in front.
  upgradeInsecureRequests: null,
};

export const registerTeam = (app: FastifyInstance, services: Services, options: TeamServerOptions): void => {
  const now = services.clock.now;
  const localCsrfToken = randomToken();
  registerSecurityHeaders(app, {
    contentSecurityPolicy: { directives: CSP_DIRECTIVES },
    // HSTS is ignored over HTTP; over HTTPS it must not reach other hosts of the municipality's domain.
    strictTransportSecurity: { maxAge: 15552000, includeSubDomains: false },
  });
  app.register(cookie);
  app.register(
    fp(async (instance) => {
      registerAccessControl(instance, options, now, localCsrfToken);
      const { db } = options;
      const audit = db ? registerAuditCapture(instance, db, services.library, now) : undefined;
      instance.register(sessionRoutes, { options, now, localCsrfToken, ...(audit ? { audit } : {}) });
      if (!db || !audit) return;
      instance.register(commentRoutes, { db, audit, anchor: createAnchorResolver(services.library), now });
      instance.register(auditRoutes, { db });
      instance.register(userRoutes, { db, audit, now });
    }),
  );
};
