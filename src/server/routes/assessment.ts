/**
 * One draft: GET /api/assessments/:id (with its ETag) and PUT /api/assessments/:id (If-Match required; with
 * `merge`, a stale save is merged with the version on disk when nothing conflicts).
 */
import type { FastifyPluginAsync } from 'fastify';
import { readDraft, requireForm, saveDraft, saveDraftOver, type MergedSave } from '../../workflows/index.js';
import type { AssessmentResponse, SaveAssessmentRequest, SaveAssessmentResponse } from '../dto.js';
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

export const assessmentRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Params: IdParams; Reply: AssessmentResponse }>(
    '/api/assessments/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const draft = await readDraft(workflowOf(services, id));
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
      const merged = saved.merged && { merged: { data: saved.merged.data, incoming: [...saved.merged.incoming] } };
      return reply.header('etag', `"${saved.etag}"`).send({ etag: saved.etag, issues: [...saved.issues], ...merged });
    },
  );
};
