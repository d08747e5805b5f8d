/** Revisions: list, commit, read one, confirm its 変更箇所 rows, change its status; and the diff of two versions. */
import { Ajv } from 'ajv';
import type { FastifyPluginAsync, FastifySchemaCompiler } from 'fastify';
import { EXCEPTION_CODES, REVISION_STATUSES } from '../../domain/revision.js';
import { CHANGE_TABLE_JA } from '../../messages.ja.js';
import type {
  CommitRevisionRequest,
  DiffResponse,
  ListRevisionsResponse,
  RevisionMeta,
  RevisionResponse,
  SaveRowsRequest,
  SetStatusRequest,
} from '../dto.js';
import type { RevisionService } from '../revision-service.js';
import { idParams, type IdParams } from './schemas.js';

const REVISION_NUMBER = '^[1-9][0-9]{0,5}$';
const revisionParams = {
  type: 'object',
  required: ['id', 'n'],
  properties: { ...idParams.properties, n: { type: 'string', pattern: REVISION_NUMBER } },
} as const;
type RevisionParams = IdParams & { n: string };

const commitSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['message', 'changeDate', 'author', 'baseRevision'],
    additionalProperties: false,
    properties: {
      message: { type: 'string', minLength: 1, maxLength: 2000 },
      changeDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      author: { type: 'string', maxLength: 200 },
      baseRevision: { type: ['integer', 'null'], minimum: 0 },
    },
  },
} as const;

const diffSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    required: ['from'],
    properties: {
      from: { type: 'string', pattern: REVISION_NUMBER },
      to: { type: 'string', pattern: `^(draft|${REVISION_NUMBER.slice(1, -1)})$` },
    },
  },
} as const;

/**
 * One confirmed 変更箇所 row (ConfirmedRow): the printed columns plus what the ※ rule check needs. The store checks
 * the rows again before writing; this refuses a malformed request with the row and column it got wrong.
 */
const confirmedRow = {
  type: 'object',
  required: ['date', 'item', 'before', 'after', 'timing', 'explanation', 'important'],
  additionalProperties: false,
  properties: {
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    item: { type: 'string', maxLength: 20000 },
    before: { type: 'string', maxLength: 200000 },
    after: { type: 'string', maxLength: 200000 },
    timing: { type: 'string', enum: [CHANGE_TABLE_JA.prior, CHANGE_TABLE_JA.posterior, ''] },
    explanation: { type: 'string', maxLength: 20000 },
    pointer: { type: 'string', pattern: '^/', maxLength: 2000 },
    important: { type: 'boolean' },
    exception: { type: 'string', enum: [...EXCEPTION_CODES] },
  },
} as const;

const rowsSchema = {
  params: revisionParams,
  body: {
    type: 'object',
    required: ['rows'],
    additionalProperties: false,
    properties: { rows: { type: 'array', maxItems: 5000, items: confirmedRow } },
  },
} as const;

/**
 * fastify's default ajv coerces types and silently drops unknown properties; the stored rows are what gets published,
 * so this route takes them exactly as sent or refuses them.
 */
const exactAjv = new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: false });
const exactValidator: FastifySchemaCompiler<object> = ({ schema }) => exactAjv.compile(schema);

const statusSchema = {
  params: revisionParams,
  body: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: [...REVISION_STATUSES] } },
  },
} as const;

export const revisionRoutes: FastifyPluginAsync<{ revisions: RevisionService }> = async (app, { revisions }) => {
  app.get<{ Params: IdParams; Reply: ListRevisionsResponse }>(
    '/api/assessments/:id/revisions',
    { schema: { params: idParams } },
    async (request) => ({ items: await revisions.list(request.params.id) }),
  );

  app.post<{ Params: IdParams; Body: CommitRevisionRequest; Reply: RevisionMeta }>(
    '/api/assessments/:id/revisions',
    { schema: commitSchema },
    async (request, reply) => reply.code(201).send(await revisions.commit(request.params.id, request.body)),
  );

  app.get<{ Params: RevisionParams; Reply: RevisionResponse }>(
    '/api/assessments/:id/revisions/:n',
    { schema: { params: revisionParams } },
    async (request) => revisions.read(request.params.id, Number(request.params.n)),
  );

  app.put<{ Params: RevisionParams; Body: SaveRowsRequest; Reply: RevisionMeta }>(
    '/api/assessments/:id/revisions/:n/rows',
    { schema: rowsSchema, validatorCompiler: exactValidator },
    async (request) => revisions.saveRows(request.params.id, Number(request.params.n), request.body.rows),
  );

  app.put<{ Params: RevisionParams; Body: SetStatusRequest; Reply: RevisionMeta }>(
    '/api/assessments/:id/revisions/:n/status',
    { schema: statusSchema },
    async (request) => revisions.setStatus(request.params.id, Number(request.params.n), request.body.status),
  );

  app.get<{ Params: IdParams; Querystring: { from: string; to?: string }; Reply: DiffResponse }>(
    '/api/assessments/:id/diff',
    { schema: diffSchema },
    async (request) => {
      const { from, to = 'draft' } = request.query;
      return revisions.diff(request.params.id, Number(from), to === 'draft' ? 'draft' : Number(to));
    },
  );
};
