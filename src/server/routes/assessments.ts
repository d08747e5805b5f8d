/** The collection: GET /api/assessments (search and filter) and POST /api/assessments (create a blank one). */
import type { FastifyPluginAsync } from 'fastify';
import { ASSESSMENT_ID_PATTERN } from '../../store/index.js';
import type { AssessmentService } from '../assessment-service.js';
import type {
  CreateAssessmentRequest,
  CreateAssessmentResponse,
  ListAssessmentsQuery,
  ListAssessmentsResponse,
} from '../dto.js';
import { coverText, formEnum } from './schemas.js';

const listSchema = {
  querystring: {
    type: 'object',
    properties: {
      q: { type: 'string', maxLength: 200 },
      form: formEnum,
      status: { type: 'string', enum: ['draft', 'submitted', 'published'] },
    },
  },
} as const;

const createSchema = {
  body: {
    type: 'object',
    required: ['form'],
    additionalProperties: false,
    properties: {
      form: formEnum,
      id: { type: 'string', pattern: ASSESSMENT_ID_PATTERN },
      title: coverText,
      organization: coverText,
    },
  },
} as const;

export const assessmentsRoutes: FastifyPluginAsync<{ service: AssessmentService }> = async (app, { service }) => {
  app.get<{ Querystring: ListAssessmentsQuery; Reply: ListAssessmentsResponse }>(
    '/api/assessments',
    { schema: listSchema },
    async (request) => ({ items: await service.list(request.query) }),
  );

  app.post<{ Body: CreateAssessmentRequest; Reply: CreateAssessmentResponse }>(
    '/api/assessments',
    { schema: createSchema },
    async (request, reply) => {
      const id = await service.create(request.body);
      return reply.code(201).header('location', `/api/assessments/${id}`).send({ id });
    },
  );
};
