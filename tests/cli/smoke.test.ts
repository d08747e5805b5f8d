/** The real `pia` process (bin/pia.js): its exit codes and output streams, and that a commit needs a name. */
import { spawn } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/index.js';
import { pia } from '../helpers/cli.js';
import { piaProcess } from '../helpers/pia.js';
import { ensureBuilt } from '../../scripts/build.mjs';
import { ROOT, copySeed, makeTempDir } from '../helpers/seeds.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

describe('bin/pia.js', () => {
  it('validates the bundled samples: exit 0, one line per file on stdout', () => {
    const { code, out } = piaProcess(['validate', 'assessments']);
    expect(code).toBe(0);
    expect(out.match(/✓/g)).toHaveLength(3);
  });

  it('prints the CLI’s own usage for --help (from the usage the build captured, while the bundle is fresh)', () => {
    expect(piaProcess(['--help'])).toEqual({ code: 0, out: `${USAGE}\n`, err: '' });
  });

  it('prints the same PDF bytes from the bundle, run twice (the second run from its caches at the latest), as from the sources', async () => {
    // The bundle carries pdfkit, fontkit and yaml inside it, and reads parses and compiled code from its caches.
    const file = await copySeed(temp.dir, '002-nagaoka-covid19');
    const outputs = ['first.pdf', 'cached.pdf', 'sources.pdf'].map((name) => path.join(temp.dir, name));
    expect(piaProcess(['render', file, '-o', outputs[0]!]).code).toBe(0);
    expect(piaProcess(['render', file, '-o', outputs[1]!]).code).toBe(0);
    expect((await pia(['render', file, '-o', outputs[2]!])).code).toBe(0);
    const [first, cached, sources] = await Promise.all(outputs.map((output) => readFile(output)));
    expect(first!.equals(sources!)).toBe(true);
    expect(cached!.equals(sources!)).toBe(true);
  }, 90_000); // three cold render processes: 38 s once on a machine at load 12

  it('is built of ASCII-only files, which bin/code-cache.js reads as one-byte strings without decoding UTF-8', async () => {
    await ensureBuilt(['cli']); // what `npm install` built, in case a source changed since
    const dist = path.join(ROOT, 'dist');
    const files = (await readdir(dist)).filter((file) => /^pia-.*\.cjs$/.test(file));
    expect(files.length).toBeGreaterThan(5);
    // esbuild escapes non-ASCII text in strings and templates but not in regular expression literals: build such a
    // pattern with new RegExp('…') instead.
    const nonAscii = (await Promise.all(files.map(async (file) => (isAscii(await readFile(path.join(dist, file))) ? [] : [file])))).flat();
    expect(nonAscii).toEqual([]);
  });

  it('commits with the name from the environment (PIA_AUTHOR)', async () => {
    const file = await copySeed(temp.dir, '004-ise-yobosesshu');
    const done = piaProcess(['revise', file, '-m', '公表版'], { PIA_AUTHOR: '健康課 伊勢' });
    expect(done.code).toBe(0);
    expect(done.out).toContain('第1版を作成しました');
  });

  it('ends quietly with its own status when the reader stops early (npm run pia -- show | head)', async () => {
    const file = await copySeed(temp.dir, '001-kitakyushu-yobosesshu');
    // The sources through tsx, as `npm run pia` and bin/pia.js with a stale bundle run them: there the pipe's EPIPE
    // surfaced as an unhandled error and exit 1.
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const child = spawn(process.execPath, [tsx, path.join(ROOT, 'src', 'cli', 'main.ts'), 'show', file], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    // Like head: read the first lines, then close the pipe while pia still has most of 001 to write.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
