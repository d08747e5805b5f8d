/** GET /api/assessments/:id/checks: the consistency checks (しきい値判断 and the rules of rules.md) of the draft. */
import type { FastifyPluginAsync } from 'fastify';
import { checkDraft } from '../../workflows/index.js';
import type { ChecksResponse } from '../dto.js';
import { workflowOf, type Services } from '../services.js';
import { idParams, type IdParams } from './schemas.js';

export const checksRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Params: IdParams; Reply: ChecksResponse }>(
    '/api/assessments/:id/checks',
    { schema: { params: idParams } },
    async (request) => ({ findings: (await checkDraft(workflowOf(services, request.params.id))).findings }),
  );
};
