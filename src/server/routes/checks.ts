/** GET /api/assessments/:id/checks: the consistency checks (しきい値判断 and the rules of rules.md) of the draft. */
import type { FastifyPluginAsync } from 'fastify';
import { checkAssessment } from '../../checks/index.js';
import { AppError } from '../../errors.js';
import { API_MESSAGES_JA, fillMessage } from '../../messages.ja.js';
import type { AssessmentService } from '../assessment-service.js';
import type { ChecksResponse } from '../dto.js';
import { idParams, type IdParams } from './schemas.js';

/** Reminders (再評価, 見直し) count in days of the municipality's calendar, not of the server's time zone. */
export const todayInJapan = (now: Date): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

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
