/**
 * Revisions: list, plan and commit the next one, read one, confirm its 変更箇所 rows, take a status step; and the
 * diff of two versions. Thin: each handler calls one workflow.
 */
import { Ajv } from 'ajv';
import type { FastifyPluginAsync, FastifySchemaCompiler } from 'fastify';
import { textDiff, type ChangeCandidate } from '../../diff/index.js';
import { EXCEPTION_CODES, REVISION_KINDS, REVISION_STATUSES } from '../../domain/revision.js';
import { CHANGE_TABLE_JA } from '../../messages.ja.js';
import {
  commitRevision,
  compareVersions,
  listRevisions,
  planCommit,
  readRevision,
  recordTermination,
  refuseRevisionEdit,
  saveRevisionRows,
  setRevisionStatus,
} from '../../workflows/index.js';
import { recordedPerson, stepRolesOf } from '../team/actor.js';
import type {
  ChangedItem,
  CommitPlanResponse,
  CommitRevisionRequest,
  CommitRevisionResponse,
  DiffResponse,
  ListRevisionsResponse,
  RevisionMeta,
  RevisionResponse,
  SaveRowsRequest,
  SetStatusRequest,
  TerminationRequest,
  TextSegment,
} from '../dto.js';
import { compiledOnFirstUse } from '../lazy-validators.js';
import { workflowOf, type Services } from '../services.js';
import { requireIfMatch } from './if-match.js';
import { idParams, type IdParams } from './schemas.js';

const REVISION_NUMBER = '^[1-9][0-9]{0,5}$';
const revisionParams = {
  type: 'object',
  required: ['id', 'n'],
  properties: { ...idParams.properties, n: { type: 'string', pattern: REVISION_NUMBER } },
} as const;
type RevisionParams = IdParams & { n: string };

const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const personName = { type: 'string', maxLength: 200 } as const;

const commitSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['message', 'baseRevision'],
    additionalProperties: false,
    properties: {
      message: { type: 'string', minLength: 1, maxLength: 2000 },
      changeDate: { type: 'string', pattern: ISO_DATE },
      author: personName,
      kind: { type: 'string', enum: REVISION_KINDS.filter((kind) => kind !== 'termination') },
      baseRevision: { type: ['integer', 'null'], minimum: 0 },
      draftEtag: { type: 'string', maxLength: 200 },
    },
  },
} as const;

const planSchema = {
  params: idParams,
  querystring: { type: 'object', properties: { changeDate: { type: 'string', pattern: ISO_DATE } } },
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
const exactValidator: FastifySchemaCompiler<object> = compiledOnFirstUse(({ schema }) => exactAjv.compile(schema));

const statusSchema = {
  params: revisionParams,
  body: {
    type: 'object',
    required: ['status'],
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: [...REVISION_STATUSES] },
      by: personName,
      reason: { type: 'string', maxLength: 2000 },
      remark: { type: 'string', maxLength: 2000 },
      // Checked field by field by the step (kinds, required values, lengths); only its envelope here.
      record: {
        type: 'object',
        maxProperties: 20,
        propertyNames: { maxLength: 40 },
        additionalProperties: { anyOf: [{ type: 'string', maxLength: 20000 }, { type: 'number' }] },
      },
    },
  },
} as const;

const terminationSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['endDate', 'publishedOn'],
    additionalProperties: false,
    properties: {
      endDate: { type: 'string', pattern: ISO_DATE },
      publishedOn: { type: 'string', pattern: ISO_DATE },
      label: { type: 'string', maxLength: 20 },
      by: personName,
    },
  },
} as const;

/** The shape the API promises for text diffs (the `diff` package's own), from the diff module's segments. */
const segmentsOf = (candidate: ChangeCandidate): TextSegment[] | undefined => {
  if (candidate.beforeText === undefined && candidate.afterText === undefined) return undefined;
  return textDiff(candidate.beforeText ?? '', candidate.afterText ?? '').map(({ kind, text }) =>
    kind === 'same' ? { value: text } : kind === 'added' ? { value: text, added: true } : { value: text, removed: true },
  );
};

const itemOf = (candidate: ChangeCandidate): ChangedItem => {
  const segments = segmentsOf(candidate);
  return {
    pointer: candidate.pointer,
    citation: candidate.item,
    kind: candidate.kind,
    important: candidate.important,
    before: candidate.before,
    after: candidate.after,
    ...(segments ? { segments } : {}),
  };
};

export const revisionRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const workflow = (id: string) => workflowOf(services, id);

  app.get<{ Params: IdParams; Reply: ListRevisionsResponse }>(
    '/api/assessments/:id/revisions',
    { schema: { params: idParams } },
    async (request) => ({ items: [...(await listRevisions(workflow(request.params.id)))] }),
  );

  app.get<{ Params: IdParams; Querystring: { changeDate?: string }; Reply: CommitPlanResponse }>(
    '/api/assessments/:id/revisions/next',
    { schema: planSchema },
    async (request) => {
      const plan = await planCommit(workflow(request.params.id), request.query.changeDate);
      return { ...plan, warnings: [...plan.warnings] };
    },
  );

  app.post<{ Params: IdParams; Body: CommitRevisionRequest; Reply: CommitRevisionResponse }>(
    '/api/assessments/:id/revisions',
    { schema: commitSchema },
    async (request, reply) => {
      const { author, ...commit } = request.body;
      const person = recordedPerson(request, author);
      const { revision, warnings } = await commitRevision(workflow(request.params.id), {
        ...commit,
        author: person.name ?? '',
        ...(person.account ? { account: person.account } : {}),
      });
      return reply.code(201).send({ revision, warnings: [...warnings] });
    },
  );

  app.post<{ Params: IdParams; Body: TerminationRequest; Reply: CommitRevisionResponse }>(
    '/api/assessments/:id/termination',
    { schema: terminationSchema },
    async (request, reply) => {
      const { by, ...termination } = request.body;
      const person = recordedPerson(request, by);
      const { revision, warnings } = await recordTermination(workflow(request.params.id), {
        ...termination,
        by: person.name ?? '',
        ...(person.account ? { account: person.account } : {}),
      });
      return reply.code(201).send({ revision, warnings: [...warnings] });
    },
  );

  app.get<{ Params: RevisionParams; Reply: RevisionResponse }>(
    '/api/assessments/:id/revisions/:n',
    { schema: { params: revisionParams } },
    async (request) => {
      const { revision, data } = await readRevision(workflow(request.params.id), Number(request.params.n));
      return { meta: revision, data };
    },
  );

  // A committed revision's content is never changed: a delta sent for it (an editor that mistook it for the draft)
  // gets 423 with what to do instead, never a 404 that reads like a missing route.
  app.patch<{ Params: RevisionParams }>('/api/assessments/:id/revisions/:n', { schema: { params: revisionParams } }, async (request) =>
    refuseRevisionEdit(workflow(request.params.id), Number(request.params.n)),
  );

  app.put<{ Params: RevisionParams; Body: SaveRowsRequest; Reply: RevisionMeta }>(
    '/api/assessments/:id/revisions/:n/rows',
    { schema: rowsSchema, validatorCompiler: exactValidator },
    async (request, reply) => {
      const ifMatch = requireIfMatch(request.headers['if-match']);
      const { id, n } = request.params;
      const saved = await saveRevisionRows(workflow(id), Number(n), request.body.rows, ifMatch);
      return reply.header('etag', `"${saved.rowsEtag}"`).send(saved);
    },
  );

  app.put<{ Params: RevisionParams; Body: SetStatusRequest; Reply: RevisionMeta }>(
    '/api/assessments/:id/revisions/:n/status',
    { schema: statusSchema },
    async (request) => {
      const { id, n } = request.params;
      const { by, ...step } = request.body;
      const person = recordedPerson(request, by);
      const roles = stepRolesOf(request, id);
      return setRevisionStatus(workflow(id), Number(n), {
        ...step,
        by: person.name ?? '',
        ...(person.account ? { account: person.account } : {}),
        ...(roles ? { roles } : {}),
      });
    },
  );

  app.get<{ Params: IdParams; Querystring: { from: string; to?: string }; Reply: DiffResponse }>(
    '/api/assessments/:id/diff',
    { schema: diffSchema },
    async (request) => {
      const { from, to = 'draft' } = request.query;
      const compared = await compareVersions(workflow(request.params.id), Number(from), to === 'draft' ? 'draft' : Number(to));
      return {
        from: compared.from,
        to: compared.to,
        rows: [...compared.rows],
        items: compared.candidates.map(itemOf),
        rowsSource: compared.source,
        rowsOf: [...compared.rowsOf],
        editable: compared.editable,
        ...(compared.rowsEtag !== undefined ? { rowsEtag: compared.rowsEtag } : {}),
      };
    },
  );
};
