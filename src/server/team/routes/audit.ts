/**
 * The audit log: per assessment (for those who may read its audit) and whole (管理者), as JSON or CSV, oldest
 * first; and the chain's verification, as `pia audit verify` does it.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { auditCsv, listAudit, verifyAudit, type AuditEntry, type Db } from '../../../team/index.js';
import { idParams, type IdParams } from '../../routes/schemas.js';
import { contentDisposition } from '../../routes/pdf.js';
import type { AuditResponse, AuditVerificationResponse } from '../dto.js';

type AuditQuery = { format?: 'json' | 'csv' };
const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['json', 'csv'] } },
} as const;

const answer = (
  reply: FastifyReply,
  entries: AuditEntry[],
  format: AuditQuery['format'],
  name: string,
): FastifyReply => {
  const oldestFirst = [...entries].reverse();
  reply.header('cache-control', 'no-store');
  if (format !== 'csv') return reply.send({ items: oldestFirst } satisfies AuditResponse);
  // contentDisposition names PDFs; the CSV keeps its own extension.
  const disposition = contentDisposition('attachment', name, 'audit').replace(/\.pdf/g, '.csv');
  return reply.type('text/csv; charset=utf-8').header('content-disposition', disposition).send(auditCsv(oldestFirst));
};

export const auditRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  app.get<{ Params: IdParams; Querystring: AuditQuery }>(
    '/api/assessments/:id/audit',
    { schema: { params: idParams, querystring } },
    async (request, reply) =>
      answer(
        reply,
        await listAudit(db, { assessmentId: request.params.id }),
        request.query.format,
        `操作記録_${request.params.id}`,
      ),
  );

  app.get<{ Querystring: AuditQuery }>('/api/audit', { schema: { querystring } }, async (request, reply) =>
    answer(reply, await listAudit(db), request.query.format, '操作記録'),
  );

  app.get<{ Reply: AuditVerificationResponse }>('/api/audit/verification', async () => {
    const result = await verifyAudit(db);
    return { ...result, problems: [...result.problems] };
  });
};
