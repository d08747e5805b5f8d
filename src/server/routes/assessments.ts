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
import { createReusedBodyCache } from '../reused-body.js';
import { createSummaryIndex } from '../summaries.js';
import { coverText, formEnum } from './schemas.js';

const listSchema = {
  querystring: {
    type: 'object',
    properties: {
      q: { type: 'string', maxLength: 200 },
      form: formEnum,
      status: { type: 'string', enum: [...REVISION_STATUSES] },
      offset: { type: 'integer', minimum: 0 },
      limit: { type: 'integer', minimum: 1, maximum: 1000 },
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
  // The portfolio is read (or its saved rows checked) right after start, in the background: the first list is
  // then as fast as the others, and starting never waits for it.
  app.addHook('onReady', async () => {
    void summaries.warm().catch((error: unknown) => app.log.error(error, 'the list of assessments could not be read'));
  });
  app.addHook('onClose', async () => summaries.close());
  const wholeList = createReusedBodyCache();

  // The reply is a ListAssessmentsResponse, for the whole list serialised (and compressed) before.
  app.get<{ Querystring: ListAssessmentsQuery; Reply: ListAssessmentsResponse | Buffer }>(
    '/api/assessments',
    { schema: listSchema },
    async (request, reply) => {
      const { items, pending, generation } = await summaries.list(request.query);
      const { q, form, status, offset, limit } = request.query;
      const whole = offset === undefined && limit === undefined;
      if (whole && !q && !form && !status) {
        const body = await wholeList.get(
          `${generation}/${pending}`,
          (): ListAssessmentsResponse => ({ items, ...(pending > 0 ? { pending } : {}) }),
          request.headers['accept-encoding'],
        );
        reply.type('application/json; charset=utf-8');
        if (body.encoding) reply.header('content-encoding', body.encoding).header('vary', 'accept-encoding');
        return reply.send(body.bytes);
      }
      return {
        items: whole ? items : items.slice(offset ?? 0, (offset ?? 0) + (limit ?? items.length)),
        ...(whole ? {} : { total: items.length }),
        ...(pending > 0 ? { pending } : {}),
      };
    },
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
