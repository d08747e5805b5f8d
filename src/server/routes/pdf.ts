/** GET /api/assessments/:id/pdf[?revision=n][&download=1]: the official PDF, streamed; inline for the preview, or a download. */
import type { FastifyPluginAsync } from 'fastify';
import { printSource } from '../../workflows/index.js';
import { workflowOf, type Services } from '../services.js';
import { idParams, type IdParams } from './schemas.js';

type PdfQuery = { download?: '0' | '1'; revision?: string };

const pdfSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    properties: {
      download: { type: 'string', enum: ['0', '1'] },
      revision: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' },
    },
  },
} as const;

/**
 * The 評価書名 as the file name (RFC 6266: `filename*` in UTF-8, with an ASCII `filename` for old clients).
 * Characters Windows refuses in file names are replaced, since officers save these PDFs on Windows desktops.
 */
export const contentDisposition = (kind: 'inline' | 'attachment', title: string, fallback: string, extension = 'pdf'): string => {
  const name = `${title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')}.${extension}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}.${extension}"; filename*=UTF-8''${encoded}`;
};

export const pdfRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Params: IdParams; Querystring: PdfQuery }>(
    '/api/assessments/:id/pdf',
    { schema: pdfSchema },
    async (request, reply) => {
      const { id } = request.params;
      const { revision } = request.query;
      const source = await printSource(workflowOf(services, id), revision === undefined ? undefined : Number(revision));
      const stream = await services.renderPdf(id, source);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          contentDisposition(request.query.download === '1' ? 'attachment' : 'inline', source.title, id),
        )
        .send(stream);
    },
  );
};
