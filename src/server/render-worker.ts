/**
 * The PDF renderer in a worker thread (render-pool.ts starts it): laying out and painting a 全項目評価書 takes
 * hundreds of milliseconds of CPU, a hostile draft seconds, and on the server's own thread that time stalls every
 * other user's reads and saves. The fonts and templates are read once per worker and kept.
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import { renderPdfBuffer, type RenderAssets } from '../render/index.js';
import { readFonts, readTemplates } from '../store/index.js';
import type { RenderReply, RenderRequest } from './render-protocol.js';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs only as a worker thread');

const shared = new Map<string, Promise<Omit<RenderAssets, 'images'>>>();
const sharedAssets = (templatesDir: string): Promise<Omit<RenderAssets, 'images'>> => {
  let assets = shared.get(templatesDir);
  if (!assets) {
    assets = Promise.all([readFonts(), readTemplates(templatesDir)]).then(([fonts, templates]) => ({ fonts, templates }));
    shared.set(templatesDir, assets);
    // A failed read (a template folder being edited) must not stick: the next request tries again.
    assets.catch(() => shared.delete(templatesDir));
  }
  return assets;
};

const render = async ({ job, form, data, changeRows, images, templatesDir, options }: RenderRequest): Promise<RenderReply> => {
  try {
    const assets = { ...(await sharedAssets(templatesDir)), images: new Map(Object.entries(images)) };
    const { pdf } = await renderPdfBuffer(form, data, assets, { changeRows, ...options });
    return { job, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
  } catch (error) {
    if (isAppError(error)) return { job, error: { code: error.code, messageJa: error.messageJa, details: error.details } };
    return { job, error: { message: error instanceof Error ? (error.stack ?? error.message) : String(error) } };
  }
};

port.on('message', (request: RenderRequest) => {
  void render(request).then((reply) => port.postMessage(reply, reply.pdf ? [reply.pdf.buffer as ArrayBuffer] : []));
});
