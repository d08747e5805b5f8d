/**
 * One draft: GET /api/assessments/:id (with its ETag), PUT /api/assessments/:id (the whole draft) and PATCH
 * /api/assessments/:id (the changes since the version If-Match names: the editor's autosave). Both saves need
 * If-Match; with `merge`, a stale save is merged with the version on disk when nothing conflicts.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { openDraft, requireForm, saveDraft, saveDraftDelta, saveDraftOver, type MergedSave } from '../../workflows/index.js';
import type { AssessmentResponse, PatchAssessmentRequest, SaveAssessmentRequest, SaveAssessmentResponse } from '../dto.js';
import { workflowOf, type Services } from '../services.js';
import { requireIfMatch } from './if-match.js';
import { idParams, type IdParams } from './schemas.js';

const saveSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'object' }, merge: { type: 'boolean' } },
  },
} as const;

/** The envelope of a delta; whether each operation fits the draft is the workflow's to say (PATCH_INVALID). */
const patchSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['operations'],
    properties: {
      operations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['op', 'path'],
          properties: { op: { type: 'string', enum: ['add', 'replace', 'remove'] }, path: { type: 'string', maxLength: 4096 } },
        },
      },
      merge: { type: 'boolean' },
    },
  },
} as const;

const answerSave = (reply: FastifyReply, saved: MergedSave): FastifyReply => {
  const merged = saved.merged && { merged: { data: saved.merged.data, incoming: [...saved.merged.incoming] } };
  return reply.header('etag', `"${saved.etag}"`).send({ etag: saved.etag, issues: [...saved.issues], ...merged });
};

export const assessmentRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Params: IdParams; Reply: AssessmentResponse }>(
    '/api/assessments/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const draft = await openDraft(workflowOf(services, id));
      const assessment = { id, form: requireForm(draft), data: draft.data, issues: [...draft.issues], etag: draft.etag };
      // The editor must always see the version on disk, never a cached one it could overwrite.
      return reply.header('etag', `"${assessment.etag}"`).header('cache-control', 'no-store').send(assessment);
    },
  );

  app.put<{ Params: IdParams; Body: SaveAssessmentRequest; Reply: SaveAssessmentResponse }>(
    '/api/assessments/:id',
    { schema: saveSchema },
    async (request, reply) => {
      const ifMatch = requireIfMatch(request.headers['if-match']);
      const { data, merge } = request.body;
      const workflow = workflowOf(services, request.params.id);
      const saved: MergedSave = merge === true ? await saveDraftOver(workflow, data, ifMatch) : await saveDraft(workflow, data, ifMatch);
      return answerSave(reply, saved);
    },
  );

  app.patch<{ Params: IdParams; Body: PatchAssessmentRequest; Reply: SaveAssessmentResponse }>(
    '/api/assessments/:id',
    { schema: patchSchema },
    async (request, reply) => {
      const ifMatch = requireIfMatch(request.headers['if-match']);
      const { operations, merge } = request.body;
      return answerSave(reply, await saveDraftDelta(workflowOf(services, request.params.id), operations, ifMatch, merge === true));
    },
  );
};
