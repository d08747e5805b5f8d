/** The HTTP application: routes, the built UI and one error handler. Never listens; main.ts and tests decide. */
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { MAX_FILE_BYTES, openLibrary, openSnippetStore } from '../store/index.js';
import { systemClock, type Clock } from '../workflows/index.js';
import { createErrorHandler } from './error-handler.js';
import { assessmentRoutes } from './routes/assessment.js';
import { assessmentsRoutes } from './routes/assessments.js';
import { checksRoutes } from './routes/checks.js';
import { pdfRoutes } from './routes/pdf.js';
import { reuseRoutes } from './routes/reuse.js';
import { publicationRoutes } from './routes/publication.js';
import { revisionRoutes } from './routes/revisions.js';
import { snippetRoutes } from './routes/snippets.js';
import { lazyRouteValidators } from './lazy-validators.js';
import { answerClientError, answerFrameworkError, useDepthCheckedJson } from './protocol-errors.js';
import { sharedRenderPool } from './render-pool.js';
import { BROTLI_OPTIONS } from './reused-body.js';
import { createPdfRenderer, createPublicationToolsLoader, type Services } from './services.js';
import { registerStaticUi } from './static-ui.js';
import { registerTeam, type TeamServerOptions } from './team/plugin.js';

/** A request may carry a whole assessment, and an assessment file may be as large as the store accepts. */
/** main.ts opens the team database (or none) before building the server. */
export { openTeamServer } from './team/startup.js';

export const BODY_LIMIT = MAX_FILE_BYTES;

export type ServerConfig = Pick<Config, 'dataDir' | 'uiDir' | 'templatesDir' | 'logLevel'>;
/** What tests and main.ts give: the clock (the date in Japan that reminders, ids, the default 変更日, sessions and the audit log count from). */
export type ServerDeps = {
  readonly clock?: Clock;
  /** Login, the team database and the accepted host names; single-user on loopback when omitted. */
  readonly team?: TeamServerOptions;
};

/** Plugins load when the caller awaits `ready()`, `inject()` or `listen()`; load errors surface there. */
export const buildServer = (config: ServerConfig, deps: ServerDeps = {}): FastifyInstance => {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    // Ids in paths are matched by the route schema; a trailing slash is the same page.
    routerOptions: { ignoreTrailingSlash: true },
    // A client that stops sending mid-request is answered 408 instead of holding its connection for good.
    requestTimeout: 60_000,
    // Requests refused before routing answer in the API's error shape too.
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    schemaController: { compilersFactory: lazyRouteValidators },
  });
  useDepthCheckedJson(app);
  // The API speaks JSON only; a text body is a client mistake worth a clear 415, not a confusing schema error.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(createErrorHandler(BODY_LIMIT, config.dataDir));
  // Before the routes, whose replies it wraps: the bundle, the API's JSON (001 is ~200 KB) and the stylesheets
  // (br/gzip as the browser accepts; fonts are WOFF2, already compressed, and are left as they are). The br settings
  // are those of the whole list, which is compressed once per change (reused-body.ts).
  app.register(fastifyCompress, { brotliOptions: BROTLI_OPTIONS });
  const library = openLibrary(config.dataDir);
  const renderPool = sharedRenderPool();
  const services: Services = {
    library,
    snippets: openSnippetStore(config.dataDir),
    clock: deps.clock ?? systemClock,
    renderPdf: createPdfRenderer(library, config.templatesDir, renderPool),
    publicationTools: createPublicationToolsLoader(config.templatesDir, renderPool),
  };
  // Before any route: Host/Origin/CSRF checks, sessions and roles apply to every route registered after it.
  registerTeam(app, services, deps.team ?? { login: false });
  // Temp files of writes a crash interrupted (kill -9, power cut) go right after the start, in the background: they
  // are harmless meanwhile (never read as documents), and sweeping 10,000 assessment folders must not delay the start.
  let sweep: Promise<unknown> | undefined;
  app.addHook('onReady', async () => {
    sweep = library.removeAbandonedTempFiles().then(
      (removed) => removed > 0 && app.log.info({ removed }, 'temp files of interrupted writes removed'),
      (error: unknown) => app.log.warn(error, 'temp files of interrupted writes could not be removed'),
    );
  });
  app.addHook('onClose', async () => {
    await sweep;
  });
  app.register(assessmentsRoutes, { services });
  app.register(assessmentRoutes, { services });
  app.register(checksRoutes, { services });
  app.register(revisionRoutes, { services });
  app.register(pdfRoutes, { services });
  app.register(reuseRoutes, { services });
  app.register(snippetRoutes, { services });
  app.register(publicationRoutes, { services });
  registerStaticUi(app, config.uiDir);
  return app;
};
