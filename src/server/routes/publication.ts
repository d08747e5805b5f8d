/**
 * Publication downloads: the 公表版 or 提出版 of the draft or a revision, a reviewer's redline between two versions,
 * and the bundle of a submitted or published revision as a zip. Thin: the use cases are src/workflows'.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { zipSync } from 'fflate';
import { isPrintVariant } from '../../domain/publication.js';
import { PUBLICATION_MESSAGES_JA as M, fillMessage } from '../../messages.ja.js';
import { printVariant, publishRevision, redlineRequest, variantName, type Variant } from '../../workflows/index.js';
import { workflowOf, type Services } from '../services.js';
import { contentDisposition } from './pdf.js';
import { idParams, type IdParams } from './schemas.js';

const REVISION = '^[1-9][0-9]{0,5}$';
const download = { type: 'string', enum: ['0', '1'] } as const;

const printSchema = {
  params: { type: 'object', required: ['id', 'variant'], properties: { ...idParams.properties, variant: { type: 'string', enum: ['public', 'submission'] } } },
  querystring: { type: 'object', properties: { revision: { type: 'string', pattern: REVISION }, download } },
} as const;
const redlineSchema = {
  params: idParams,
  querystring: {
    type: 'object',
    required: ['from'],
    properties: { from: { type: 'string', pattern: REVISION }, to: { type: 'string', pattern: '^(?:[1-9][0-9]{0,5}|draft)$' }, download },
  },
} as const;
const bundleSchema = {
  params: { type: 'object', required: ['id', 'n'], properties: { ...idParams.properties, n: { type: 'string', pattern: REVISION } } },
} as const;

/** Zip entries carry the revision's 変更日 as their time: the same bundle gives the same bytes. */
const zipTime = (changeDate: string): Date => new Date(`${changeDate}T09:00:00+09:00`);

const sendPdf = (reply: FastifyReply, pdf: Uint8Array, attachment: boolean, name: string, fallback: string) =>
  reply
    .type('application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', contentDisposition(attachment ? 'attachment' : 'inline', name, fallback))
    .send(Buffer.from(pdf));

export const publicationRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get<{ Params: IdParams & { variant: string }; Querystring: { revision?: string; download?: string } }>(
    '/api/assessments/:id/print/:variant',
    { schema: printSchema },
    async (request, reply) => {
      const { id, variant } = request.params;
      if (!isPrintVariant(variant)) throw new Error('the route schema admits print variants only');
      const revision = request.query.revision === undefined ? undefined : Number(request.query.revision);
      const publication = await services.publicationTools();
      const { request: render, title } = await printVariant(workflowOf(services, id), revision, variant, publication);
      const suffix = `${revision === undefined ? '' : `_${fillMessage(M.revisionName, { number: revision })}`}_${variantName(variant)}`;
      return sendPdf(reply, await publication.render(render), request.query.download === '1', `${title}${suffix}`, `${id}-${variant}`);
    },
  );

  app.get<{ Params: IdParams; Querystring: { from: string; to?: string; download?: string } }>(
    '/api/assessments/:id/redline',
    { schema: redlineSchema },
    async (request, reply) => {
      const { id } = request.params;
      const to = request.query.to === undefined || request.query.to === 'draft' ? 'draft' : Number(request.query.to);
      const publication = await services.publicationTools();
      const { request: render, title } = await redlineRequest(workflowOf(services, id), { from: Number(request.query.from), to }, publication);
      const variant: Variant = 'redline';
      return sendPdf(reply, await publication.render(render), request.query.download === '1', `${title}_${variantName(variant)}`, `${id}-redline`);
    },
  );

  app.get<{ Params: IdParams & { n: string } }>('/api/assessments/:id/revisions/:n/bundle', { schema: bundleSchema }, async (request, reply) => {
    const { id, n } = request.params;
    const { files, manifest } = await publishRevision(workflowOf(services, id), Number(n), await services.publicationTools());
    const folder = `${id}-r${n}`;
    const mtime = zipTime(manifest.changeDate);
    const zip = zipSync(Object.fromEntries(files.map((file) => [`${folder}/${file.name}`, [file.bytes, { mtime }]])), { level: 6 });
    return reply
      .type('application/zip')
      .header('cache-control', 'no-store')
      .header('content-disposition', contentDisposition('attachment', `${manifest.title || id}_${fillMessage(M.revisionName, { number: n })}_${M.bundleName}`, folder, 'zip'))
      .send(Buffer.from(zip));
  });
};
