/** GET /api/assessments/:id/checks: the consistency checks (しきい値判断 and the rules of rules.md) of the draft. */
import type { FastifyPluginAsync } from 'fastify';
import { checkAssessment } from '../../checks/index.js';
import { AppError } from '../../errors.js';
import { API_MESSAGES_JA, fillMessage } from '../../messages.ja.js';
import type { AssessmentService } from '../assessment-service.js';
import type { ChecksResponse } from '../dto.js';
import { todayInJapan } from '../today.js';
import { idParams, type IdParams } from './schemas.js';

export const checksRoutes: FastifyPluginAsync<{ service: AssessmentService }> = async (app, { service }) => {
  app.get<{ Params: IdParams; Reply: ChecksResponse }>(
    '/api/assessments/:id/checks',
    { schema: { params: idParams } },
    async (request) => {
      const { id } = request.params;
      const draft = await service.draft(id);
      if (!draft.form) throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id }), { id });
      return { findings: checkAssessment(draft.form, draft.data, { today: todayInJapan(new Date()) }) };
    },
  );
};
