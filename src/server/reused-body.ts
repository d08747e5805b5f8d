/**
 * A large response body that many requests receive unchanged (the whole list of assessments: ~3 MB of JSON at
 * 10,000) is serialised once per change and compressed once per encoding, instead of once per request: at
 * 10,000 rows, serialising and compressing it took ~100 ms of the event loop per request. The compression runs
 * in zlib's thread pool, off the event loop.
 * Encodings other than br and gzip are left to the compression plugin, as any other reply.
 */
import { negotiate } from '@fastify/accept-negotiator';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The compression plugin's threshold: smaller replies are sent uncompressed, this one too. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * br for the API's replies, here and in the compression plugin (app.ts): quality 4 of 11, as 11 costs seconds on a
 * body of megabytes.
 */
export const BROTLI_OPTIONS: zlib.BrotliOptions = {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT },
};

const COMPRESS = {
  br: (json: Buffer) => brotli(json, BROTLI_OPTIONS),
  gzip: (json: Buffer) => gzip(json),
} as const;

type Encoding = keyof typeof COMPRESS;
/** Most preferred first, as the client's equal weights are resolved. */
const OFFERED = ['br', 'gzip', 'deflate', 'identity'];

/**
 * The JSON's bytes, compressed when `encoding` is set; without it, the compression plugin compresses them if the
 * client asks for another encoding.
 */
export type ReusedBody = { bytes: Buffer; encoding?: Encoding };

export type ReusedBodyCache = {
  /** The body of `version`, made by `make` only when the version differs from the last call's. */
  get: (version: string, make: () => unknown, acceptEncoding: string | undefined) => Promise<ReusedBody>;
};

export const createReusedBodyCache = (): ReusedBodyCache => {
  let current: { version: string; json: Buffer; compressed: Map<Encoding, Promise<Buffer>> } | undefined;
  return {
    get: async (version, make, acceptEncoding) => {
      if (current?.version !== version) current = { version, json: Buffer.from(JSON.stringify(make())), compressed: new Map() };
      const { json, compressed } = current;
      const chosen = acceptEncoding ? negotiate(acceptEncoding.toLowerCase(), OFFERED) : undefined;
      if ((chosen !== 'br' && chosen !== 'gzip') || json.length < COMPRESS_FROM_BYTES) return { bytes: json };
      let bytes = compressed.get(chosen);
      if (!bytes) {
        bytes = COMPRESS[chosen](json);
        compressed.set(chosen, bytes);
        // A failed compression is not kept: the next request tries again, and this one is sent uncompressed.
        bytes.catch(() => compressed.delete(chosen));
      }
      return bytes.then((made) => ({ bytes: made, encoding: chosen }), () => ({ bytes: json }));
    },
  };
};
