/**
 * 複製 and 様式の版の移行: GET/POST /api/assessments/:id/copy and GET/POST /api/assessments/:id/migration. Thin: each
 * handler calls one workflow; the move is a draft write, so it needs If-Match like any save.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ASSESSMENT_ID_PATTERN } from '../../store/index.js';
import { copyAssessmentIn, migrateDraft, previewCopy, previewMigration } from '../../workflows/index.js';
import type {
  CopyPreviewResponse,
  CopyRequestBody,
  CopyResponse,
  MigrationPreviewResponse,
  MigrationRequest,
  MigrationResponse,
} from '../dto.js';
import { workflowOf, type Services } from '../services.js';
import { needs } from './access.js';
import { requireIfMatch } from './if-match.js';
import { coverText, idParams, type IdParams } from './schemas.js';

const formRevision = { type: 'string', minLength: 1, maxLength: 40 } as const;

const copyPreviewSchema = {
  params: idParams,
  querystring: { type: 'object', properties: { formRevision } },
} as const;

const copySchema = {
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { formRevision, title: coverText, id: { type: 'string', pattern: ASSESSMENT_ID_PATTERN } },
  },
} as const;

const migrationPreviewSchema = {
  params: idParams,
  querystring: { type: 'object', required: ['to'], properties: { to: formRevision } },
} as const;

const migrationSchema = {
  params: idParams,
  body: { type: 'object', required: ['to'], additionalProperties: false, properties: { to: formRevision } },
} as const;

export const reuseRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Params: IdParams; Querystring: { formRevision?: string }; Reply: CopyPreviewResponse }>(
    '/api/assessments/:id/copy',
    { schema: copyPreviewSchema, ...needs('read') },
    async (request) => previewCopy(workflowOf(services, request.params.id), request.query),
  );

  // Reads the source and creates a new assessment: `read` on :id and `create`.
  app.post<{ Params: IdParams; Body: CopyRequestBody; Reply: CopyResponse }>(
    '/api/assessments/:id/copy',
    { schema: copySchema, ...needs('create') },
    async (request, reply) => {
      const copy = await copyAssessmentIn(services.library, request.params.id, request.body ?? {});
      return reply.code(201).header('location', `/api/assessments/${copy.id}`).send(copy);
    },
  );

  app.get<{ Params: IdParams; Querystring: { to: string }; Reply: MigrationPreviewResponse }>(
    '/api/assessments/:id/migration',
    { schema: migrationPreviewSchema, ...needs('read') },
    async (request) => previewMigration(workflowOf(services, request.params.id), request.query.to),
  );

  app.post<{ Params: IdParams; Body: MigrationRequest; Reply: MigrationResponse }>(
    '/api/assessments/:id/migration',
    { schema: migrationSchema, ...needs('edit') },
    async (request, reply) => {
      const ifMatch = requireIfMatch(request.headers['if-match']);
      const outcome = await migrateDraft(workflowOf(services, request.params.id), request.body.to, ifMatch);
      return reply.header('etag', `"${outcome.etag}"`).send(outcome);
    },
  );
};
