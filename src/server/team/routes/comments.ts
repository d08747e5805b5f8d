/** Comments on items of an assessment: list (filtered), counts per item, open a thread, reply, resolve or reopen. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  countThreadsByItem,
  listThreads,
  openThread,
  replyToThread,
  setThreadResolved,
  type AuditEventName,
  type CommentAuthor,
  type CommentThread,
  type Db,
} from '../../../team/index.js';
import { idParams, type IdParams } from '../../routes/schemas.js';
import type { AuditRecorder } from '../audit-recorder.js';
import { LOCAL_USER_NAME } from '../context.js';
import type {
  CommentCountsResponse,
  CreateCommentRequest,
  ListCommentsResponse,
  ReplyRequest,
  ResolutionRequest,
} from '../dto.js';
import type { AnchorResolver } from '../item-anchor.js';

const REVISION = '^(draft|[1-9][0-9]{0,5})$';
const body = { type: 'string', minLength: 1, maxLength: 10000, pattern: '\\S' } as const;
const threadParams = {
  type: 'object',
  required: ['id', 'commentId'],
  properties: { ...idParams.properties, commentId: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } },
} as const;
type ThreadParams = IdParams & { commentId: string };

const listSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: ['open', 'resolved', 'all'] },
      mine: { type: 'string', enum: ['0', '1'] },
      pointer: { type: 'string', pattern: '^/', maxLength: 2000 },
      revision: { type: 'string', pattern: REVISION },
    },
  },
} as const;
type ListQuery = { status?: 'open' | 'resolved' | 'all'; mine?: '0' | '1'; pointer?: string; revision?: string };

const countsSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { revision: { type: 'string', pattern: REVISION } },
  },
} as const;

const createSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['revision', 'pointer', 'body'],
    additionalProperties: false,
    properties: {
      revision: {
        anyOf: [
          { type: 'string', const: 'draft' },
          { type: 'integer', minimum: 1, maximum: 999999 },
        ],
      },
      pointer: { type: 'string', pattern: '^/', maxLength: 2000 },
      body,
    },
  },
} as const;

const replySchema = {
  params: threadParams,
  body: { type: 'object', required: ['body'], additionalProperties: false, properties: { body } },
} as const;
const resolutionSchema = {
  params: threadParams,
  body: {
    type: 'object',
    required: ['resolved'],
    additionalProperties: false,
    properties: { resolved: { type: 'boolean' } },
  },
} as const;

const revisionOf = (value: string | number | undefined): number | null | undefined =>
  value === undefined ? undefined : value === 'draft' ? null : Number(value);

const authorOf = (request: FastifyRequest): CommentAuthor =>
  request.actor.kind === 'user'
    ? { id: request.actor.user.id, name: request.actor.user.displayName }
    : { id: null, name: LOCAL_USER_NAME };

export const commentRoutes: FastifyPluginAsync<{
  db: Db;
  audit: AuditRecorder;
  anchor: AnchorResolver;
  now: () => Date;
}> = async (app, { db, audit, anchor, now }) => {
  const record = (
    request: FastifyRequest,
    event: AuditEventName,
    thread: CommentThread,
    detail: Record<string, number | string> = {},
  ) =>
    audit.record(request, {
      event,
      assessmentId: thread.assessmentId,
      revision: thread.revision,
      hashBefore: null,
      hashAfter: null,
      detail: { thread: thread.id, pointer: thread.pointer, ...detail },
    });

  app.get<{ Params: IdParams; Querystring: ListQuery; Reply: ListCommentsResponse }>(
    '/api/assessments/:id/comments',
    { schema: listSchema },
    async (request) => {
      const { status, mine, pointer, revision } = request.query;
      const { actor } = request;
      const participantId = mine === '1' && actor.kind === 'user' ? actor.user.id : undefined;
      const items = await listThreads(db, request.params.id, {
        ...(status ? { status } : {}),
        ...(participantId !== undefined ? { participantId } : {}),
        ...(pointer !== undefined ? { pointer } : {}),
        ...(revision !== undefined ? { revision: revisionOf(revision)! } : {}),
      });
      return { items };
    },
  );

  app.get<{ Params: IdParams; Querystring: { revision?: string }; Reply: CommentCountsResponse }>(
    '/api/assessments/:id/comments/counts',
    { schema: countsSchema },
    async (request) => {
      const revision = revisionOf(request.query.revision ?? 'draft') ?? null;
      return { revision: revision ?? 'draft', counts: await countThreadsByItem(db, request.params.id, revision) };
    },
  );

  app.post<{ Params: IdParams; Body: CreateCommentRequest; Reply: CommentThread }>(
    '/api/assessments/:id/comments',
    { schema: createSchema },
    async (request, reply) => {
      const where = await anchor(request.params.id, revisionOf(request.body.revision) ?? null, request.body.pointer);
      const thread = await openThread(db, where, request.body.body, authorOf(request), now());
      await record(request, 'comment.create', thread);
      return reply.code(201).send(thread);
    },
  );

  app.post<{ Params: ThreadParams; Body: ReplyRequest; Reply: CommentThread }>(
    '/api/assessments/:id/comments/:commentId/replies',
    { schema: replySchema },
    async (request, reply) => {
      const thread = await replyToThread(
        db,
        request.params.id,
        Number(request.params.commentId),
        request.body.body,
        authorOf(request),
        now(),
      );
      await record(request, 'comment.reply', thread, { comment: thread.comments.at(-1)!.id });
      return reply.code(201).send(thread);
    },
  );

  app.put<{ Params: ThreadParams; Body: ResolutionRequest; Reply: CommentThread }>(
    '/api/assessments/:id/comments/:commentId/resolution',
    { schema: resolutionSchema },
    async (request) => {
      const thread = await setThreadResolved(
        db,
        request.params.id,
        Number(request.params.commentId),
        request.body.resolved,
        authorOf(request),
        now(),
      );
      await record(request, request.body.resolved ? 'comment.resolve' : 'comment.reopen', thread);
      return thread;
    },
  );
};
