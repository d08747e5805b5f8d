/** The collection: GET /api/assessments (search and filter) and POST /api/assessments (create a blank one). */
import type { FastifyPluginAsync } from 'fastify';
import { REVISION_STATUSES } from '../../domain/revision.js';
import { ASSESSMENT_ID_PATTERN } from '../../store/index.js';
import { createAssessmentIn } from '../../workflows/index.js';
import type {
  CreateAssessmentRequest,
  CreateAssessmentResponse,
  ListAssessmentsQuery,
  ListAssessmentsResponse,
} from '../dto.js';
import type { Services } from '../services.js';
import { createSummaryIndex } from '../summaries.js';
import { coverText, formEnum } from './schemas.js';

const listSchema = {
  querystring: {
    type: 'object',
    properties: {
      q: { type: 'string', maxLength: 200 },
      form: formEnum,
      status: { type: 'string', enum: [...REVISION_STATUSES] },
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
      formRevision: { type: 'string', maxLength: 40 },
      id: { type: 'string', pattern: ASSESSMENT_ID_PATTERN },
      title: coverText,
      organization: coverText,
    },
  },
} as const;

export const assessmentsRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const summaries = createSummaryIndex(services.library, (id, code) =>
    app.log.warn({ id, code }, 'assessment left out of the list: it cannot be read'),
  );

  app.get<{ Querystring: ListAssessmentsQuery; Reply: ListAssessmentsResponse }>(
    '/api/assessments',
    { schema: listSchema },
    async (request) => ({ items: await summaries.list(request.query) }),
  );

  app.post<{ Body: CreateAssessmentRequest; Reply: CreateAssessmentResponse }>(
    '/api/assessments',
    { schema: createSchema },
    async (request, reply) => {
      const id = await createAssessmentIn(services.library, services.clock, request.body);
      return reply.code(201).header('location', `/api/assessments/${id}`).send({ id });
    },
  );
};
