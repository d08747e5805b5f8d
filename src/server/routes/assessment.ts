/** One draft: GET /api/assessments/:id (with its ETag) and PUT /api/assessments/:id (If-Match required). */
import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../errors.js';
import { API_MESSAGES_JA } from '../../messages.ja.js';
import type { AssessmentService } from '../assessment-service.js';
import type { AssessmentResponse, SaveAssessmentRequest, SaveAssessmentResponse } from '../dto.js';
import { idParams, type IdParams } from './schemas.js';

const saveSchema = {
  params: idParams,
  body: {
    type: 'object',
    required: ['data'],
    properties: { data: { type: 'object' } },
  },
} as const;

/** The etag an If-Match header names: `"abc"`, `W/"abc"` or `*`; the first one when a list is sent. */
export const parseIfMatch = (header: string | undefined): string | undefined => {
  const first = header?.split(',')[0]?.trim();
  if (!first) return undefined;
  if (first === '*') return '*';
  return first.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
};

export const assessmentRoutes: FastifyPluginAsync<{ service: AssessmentService }> = async (app, { service }) => {
  app.get<{ Params: IdParams; Reply: AssessmentResponse }>(
    '/api/assessments/:id',
    { schema: { params: idParams } },
    async (request, reply) => {
      const assessment = await service.get(request.params.id);
      // The editor must always see the version on disk, never a cached one it could overwrite.
      return reply.header('etag', `"${assessment.etag}"`).header('cache-control', 'no-store').send(assessment);
    },
  );

  app.put<{ Params: IdParams; Body: SaveAssessmentRequest; Reply: SaveAssessmentResponse }>(
    '/api/assessments/:id',
    { schema: saveSchema },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      if (ifMatch === undefined) throw new AppError('PRECONDITION_REQUIRED', API_MESSAGES_JA.preconditionRequired);
      const saved = await service.save(request.params.id, request.body.data, ifMatch);
      return reply.header('etag', `"${saved.etag}"`).send(saved);
    },
  );
};
