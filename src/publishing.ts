/**
 * The tools the publication use cases borrow from the front end (src/workflows/publication.ts): the renderer with
 * this installation's fonts and templates, the store's format of the bundle YAML, and the PDF reader. The CLI and
 * the server build theirs here, so both render the very same bytes.
 */
import { imageFilesOf, inspectPdf, renderPdfBuffer } from './render/index.js';
import { DEFAULT_TEMPLATES_DIR, createRenderAssetsLoader, parsePublication, serializePublication } from './store/index.js';
import type { PublicationTools, RenderRequest } from './workflows/index.js';

export const createPublicationTools = (templatesDir: string = DEFAULT_TEMPLATES_DIR): PublicationTools => {
  const assets = createRenderAssetsLoader(templatesDir);
  const render = async (request: RenderRequest): Promise<Uint8Array> => {
    const { pdf } = await renderPdfBuffer(request.form, request.data, { ...(await assets()), images: request.images }, {
      changeRows: request.changeRows,
      info: request.info,
      ...(request.withheld ? { withheld: request.withheld } : {}),
      ...(request.redline ? { redline: request.redline } : {}),
      ...(request.attachments ? { attachments: request.attachments } : {}),
    });
    return pdf;
  };
  return { render, imageFiles: imageFilesOf, encode: serializePublication, decode: parsePublication, inspect: inspectPdf };
};
