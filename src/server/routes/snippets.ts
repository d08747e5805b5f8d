/**
 * Standard texts (標準文): the library (GET/POST /api/snippets), the drafts that use an old version
 * (GET /api/snippets/updates), and per draft its uses, inserting a text and updating to the newest versions.
 * Draft writes need If-Match like any save; adding to the library is an administrator's act (`admin`).
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  addStandardText,
  insertStandardText,
  listStandardTexts,
  standardTextUpdates,
  standardTextUses,
  updateStandardTexts,
} from '../../workflows/index.js';
import type {
  AddSnippetResponse,
  InsertSnippetRequest,
  InsertSnippetResponse,
  SnippetLibraryResponse,
  SnippetUpdatesResponse,
  SnippetUsesResponse,
  UpdateSnippetsRequest,
  UpdateSnippetsResponse,
} from '../dto.js';
import { workflowOf, type Services } from '../services.js';
import { needs } from './access.js';
import { requireIfMatch } from './if-match.js';
import { idParams, type IdParams } from './schemas.js';

const snippetId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;
const offset = { type: 'integer', minimum: 0, maximum: 10_000_000 } as const;

const insertSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['pointer', 'snippet'],
    additionalProperties: false,
    properties: {
      pointer: { type: 'string', pattern: '^(/[^/]*)+$', maxLength: 500 },
      snippet: snippetId,
      version: { type: 'integer', minimum: 1 },
      start: offset,
      end: offset,
    },
  },
} as const;

const updateSchema = {
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      snippets: { type: 'array', maxItems: 500, items: snippetId },
      summary: { type: 'string', maxLength: 2000 },
      choices: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['index', 'take'],
          additionalProperties: false,
          properties: { index: { type: 'integer', minimum: 0 }, take: { type: 'string', enum: ['next', 'current'] } },
        },
      },
    },
  },
} as const;

export const snippetRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Reply: SnippetLibraryResponse }>('/api/snippets', needs('read'), async () => listStandardTexts(services.snippets));

  // The snippet schema checks the version itself (SNIPPET_INVALID with the item and message).
  app.post<{ Body: unknown; Reply: AddSnippetResponse }>(
    '/api/snippets',
    { schema: { body: { type: 'object' } }, ...needs('admin') },
    async (request, reply) => reply.code(201).send(await addStandardText(services.snippets, request.body)),
  );

  app.get<{ Reply: SnippetUpdatesResponse }>('/api/snippets/updates', needs('read'), async () => ({
    items: await standardTextUpdates(services.library, services.snippets, services.clock),
  }));

  app.get<{ Params: IdParams; Reply: SnippetUsesResponse }>(
    '/api/assessments/:id/snippets',
    { schema: { params: idParams }, ...needs('read') },
    async (request) => {
      const { etag, uses } = await standardTextUses(workflowOf(services, request.params.id));
      return { etag, uses: [...uses] };
    },
  );

  app.post<{ Params: IdParams; Body: InsertSnippetRequest; Reply: InsertSnippetResponse }>(
    '/api/assessments/:id/snippets',
    { schema: insertSchema, ...needs('edit') },
    async (request, reply) => {
      const ifMatch = requireIfMatch(request.headers['if-match']);
      const outcome = await insertStandardText(workflowOf(services, request.params.id), request.body, ifMatch);
      return reply.header('etag', `"${outcome.etag}"`).send(outcome);
    },
  );

  app.post<{ Params: IdParams; Body: UpdateSnippetsRequest; Reply: UpdateSnippetsResponse }>(
    '/api/assessments/:id/snippets/update',
    { schema: updateSchema, ...needs('edit') },
    async (request, reply) => {
      const ifMatch = requireIfMatch(request.headers['if-match']);
      const outcome = await updateStandardTexts(workflowOf(services, request.params.id), request.body ?? {}, ifMatch);
      return reply.header('etag', `"${outcome.etag}"`).send(outcome);
    },
  );
};
