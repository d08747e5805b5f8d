import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/build.mjs';
import { LAZY_TABLES, lazyTables, withLazyTables } from '../../scripts/bundle-plugins.mjs';
import { makeTempDir } from '../helpers/seeds.js';

/** What the three packages compute, bundled with their tables built lazily and as the packages build them. */
const PROBE = `
import LineBreaker from 'linebreak';
import { getCategory } from 'unicode-properties';
import { ecb } from '@noble/ciphers/aes';
export const probe = (text) => {
  const breaks = [];
  const breaker = new LineBreaker(text);
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) breaks.push(next.position);
  const categories = [...text].map((char) => getCategory(char.codePointAt(0)));
  const key = new Uint8Array(16).fill(7);
  const block = new TextEncoder().encode(text).slice(0, 16);
  const sealed = ecb(key).encrypt(block);
  return { breaks, categories, sealed: Buffer.from(sealed).toString('hex'), opened: Buffer.from(ecb(key).decrypt(sealed)).toString('hex') };
};
`;

describe('load-time tables the CLI bundle builds on first use (scripts/bundle-plugins.mjs lazyTables)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it('are still found in the installed packages (an upgrade that moved them would load them eagerly again)', async () => {
    const require = createRequire(path.join(ROOT, 'package.json'));
    const files = [
      path.join(path.dirname(require.resolve('unicode-properties')), 'module.mjs'),
      path.join(path.dirname(require.resolve('fontkit')), 'module.mjs'),
      path.join(path.dirname(require.resolve('linebreak')), 'module.mjs'),
      path.join(path.dirname(require.resolve('@noble/ciphers/aes')), 'esm', 'aes.js'),
    ];
    const found = await Promise.all(
      files.map(async (file) => {
        const entry = LAZY_TABLES.find((candidate) => candidate.file.test(file));
        return entry ? withLazyTables(await readFile(file, 'utf8'), entry.line).found : 0;
      }),
    );
    expect(found).toEqual([1, 3, 1, 2]);
  });

  it('give the answers the packages give when they build them as they load', async () => {
    const entry = path.join(temp.dir, 'probe.mjs');
    await writeFile(entry, PROBE);
    const bundle = async (name: string, plugins: esbuild.Plugin[]): Promise<{ text: string; probe: (text: string) => unknown }> => {
      const outfile = path.join(temp.dir, `${name}.cjs`);
      await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', nodePaths: [path.join(ROOT, 'node_modules')], outfile, plugins, logLevel: 'error' });
      return { text: await readFile(outfile, 'utf8'), probe: (createRequire(outfile)(outfile) as { probe: (text: string) => unknown }).probe };
    };
    const lazy = await bundle('lazy', [lazyTables]);
    const eager = await bundle('eager', []);
    expect(lazy.text.match(/__lazyTable\d*\(\(\) =>/g)).toHaveLength(4);
    expect(eager.text).not.toMatch(/__lazyTable/);
    for (const text of ['特定個人情報の保護 評価書です。Page 1-2', 'ＡＢＣ（注）―　第三者点検']) {
      const answer = lazy.probe(text);
      expect(answer).toEqual(eager.probe(text));
      expect(answer).toMatchObject({ categories: expect.arrayContaining(['Lo']) });
    }
  });
});
