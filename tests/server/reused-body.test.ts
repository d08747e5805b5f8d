import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createReusedBodyCache } from '../../src/server/reused-body.js';

const large = { items: Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, title: `評価書${i}` })) };

describe('a body reused until its version changes', () => {
  it('is made once per version, and compressed once per encoding', async () => {
    const cache = createReusedBodyCache();
    let made = 0;
    const make = () => {
      made += 1;
      return large;
    };
    const br = await cache.get('1', make, 'br');
    const again = await cache.get('1', make, 'gzip, br');
    const gzip = await cache.get('1', make, 'gzip');
    expect(made).toBe(1);
    expect(again.bytes).toBe(br.bytes);
    expect(JSON.parse(brotliDecompressSync(br.bytes!).toString('utf8'))).toEqual(large);
    expect(JSON.parse(gunzipSync(gzip.bytes!).toString('utf8'))).toEqual(large);

    const next = await cache.get('2', () => ({ items: [] }), 'br');
    expect(next).toEqual({ bytes: Buffer.from('{"items":[]}') });
  });

  it('leaves other encodings, no encoding and small bodies to the compression plugin', async () => {
    const cache = createReusedBodyCache();
    for (const acceptEncoding of [undefined, '', 'identity', 'deflate', 'compress', 'br;q=0'])
      expect(await cache.get('1', () => large, acceptEncoding), `${acceptEncoding}`).toEqual({ bytes: Buffer.from(JSON.stringify(large)) });
    expect(await cache.get('2', () => ({ items: [] }), 'br')).toEqual({ bytes: Buffer.from('{"items":[]}') });
  });
});
