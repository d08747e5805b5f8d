import { JoinedWritesDocument } from './joined-writes.js';

/** png-js's decoder: the pixels arrive in a callback, after zlib has inflated them on the thread pool. */
type PixelDecoder = { decodePixels: (done: (pixels: Uint8Array) => unknown) => unknown };
type OpenedImage = { image?: PixelDecoder | null };

/**
 * A document whose bytes do not depend on thread timing. pdfkit decodes a PNG with an alpha channel, indexed
 * transparency or interlacing asynchronously and writes its image objects when the decode finishes; with several
 * such images they finish in any order, and the same input gave different bytes (so `pia verify`, which re-renders
 * and compares bytes, failed on a genuine PDF). Here each image's objects are written only after those of the images
 * opened before it, so the order is always the order of opening.
 */
export class OrderedImagesDocument extends JoinedWritesDocument {
  // Declared, not initialised, like the parent's fields: pdfkit's constructor runs first.
  private declare decodedBefore: Promise<void> | undefined;

  openImage(src: unknown): unknown {
    const opened = (JoinedWritesDocument.prototype as unknown as { openImage: (src: unknown) => OpenedImage }).openImage.call(this, src);
    const decoder = opened.image;
    if (decoder && typeof decoder.decodePixels === 'function') {
      const decode = decoder.decodePixels.bind(decoder);
      decoder.decodePixels = (done) => {
        const pixels = new Promise<Uint8Array>((resolve) => decode(resolve));
        // An earlier image that failed must not hold this one back for ever: its error is reported on its own.
        const previous = (this.decodedBefore ?? Promise.resolve()).catch(() => undefined);
        this.decodedBefore = Promise.all([pixels, previous]).then(([decoded]) => {
          done(decoded);
        });
        this.decodedBefore.catch((error: unknown) => this.emit('error', error));
      };
    }
    return opened;
  }
}
