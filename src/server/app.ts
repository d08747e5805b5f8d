/** The HTTP application: routes, the built UI and one error handler. Never listens; main.ts and tests decide. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { MAX_FILE_BYTES } from '../store/index.js';
import { createAssessmentService } from './assessment-service.js';
import { createErrorHandler } from './error-handler.js';
import { assessmentRoutes } from './routes/assessment.js';
import { assessmentsRoutes } from './routes/assessments.js';
import { checksRoutes } from './routes/checks.js';
import { pdfRoutes } from './routes/pdf.js';
import { revisionRoutes } from './routes/revisions.js';
import { createRevisionService } from './revision-service.js';
import { createPdfService } from './pdf-service.js';
import { registerStaticUi } from './static-ui.js';
import { registerTeam, type TeamServerOptions } from './team/plugin.js';

/** A request may carry a whole assessment, and an assessment file may be as large as the store accepts. */
export const BODY_LIMIT = MAX_FILE_BYTES;

export type ServerConfig = Pick<Config, 'dataDir' | 'uiDir' | 'templatesDir' | 'logLevel'>;

/** Plugins load when the caller awaits `ready()`, `inject()` or `listen()`; load errors surface there. */
export const buildServer = (config: ServerConfig, team: TeamServerOptions = { login: false }): FastifyInstance => {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    // Ids in paths are matched by the route schema; a trailing slash is the same page.
    routerOptions: { ignoreTrailingSlash: true },
  });
  // The API speaks JSON only; a text body is a client mistake worth a clear 415, not a confusing schema error.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(createErrorHandler(BODY_LIMIT, config.dataDir));
  // Before any route: Host/Origin/CSRF checks, sessions and roles apply to every route registered after it.
  registerTeam(app, config.dataDir, team);
  const service = createAssessmentService(config.dataDir, (id, code) =>
    app.log.warn({ id, code }, 'assessment left out of the list: it cannot be read'),
  );
  app.register(assessmentsRoutes, { service });
  app.register(assessmentRoutes, { service });
  app.register(checksRoutes, { service });
  const revisions = createRevisionService(config.dataDir, service);
  app.register(revisionRoutes, { revisions });
  app.register(pdfRoutes, { revisions, pdfs: createPdfService(config.dataDir, config.templatesDir) });
  registerStaticUi(app, config.uiDir);
  return app;
};
