/**
 * bin/pia.js: it runs the bundle only while every file the bundle was built from is unchanged (else the sources
 * through tsx), and runs the bundle's files with V8 code caches that it writes itself and that a bad cache never
 * breaks. On a stand-in project in a temp folder, with a bundle of two files, so no test touches the real dist/.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, makeTempDir } from '../helpers/seeds.js';

let temp: { dir: string; cleanup: () => Promise<void> };
const at = (...parts: string[]): string => path.join(temp.dir, ...parts);

const stats = async (files: string[]): Promise<[string, number, number][]> =>
  Promise.all(files.map(async (file) => {
    const { size, mtimeMs } = await stat(at(file));
    return [file, size, mtimeMs] as [string, number, number];
  }));

beforeEach(async () => {
  temp = await makeTempDir();
  await cp(path.join(ROOT, 'bin'), at('bin'), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), at('node_modules'));
  await mkdir(at('src', 'cli'), { recursive: true });
  await writeFile(at('src', 'cli', 'main.ts'), "console.log(['sources', ...process.argv.slice(2)].join(' '));\n");
  await writeFile(at('src', 'words.ts'), "export const word: string = 'hi';\n");
  await mkdir(at('dist', 'stamps'), { recursive: true });
  await writeFile(at('dist', 'pia-AAAA.cjs'), "const { word } = require('./pia-chunk-BBBB.cjs');\nconsole.log(['bundle', word, ...process.argv.slice(2)].join(' '));\n");
  await writeFile(at('dist', 'pia-chunk-BBBB.cjs'), "exports.word = 'hi';\n");
  await writeFile(at('dist', 'pia.json'), JSON.stringify({ entry: 'pia-AAAA.cjs' }));
  await writeFile(at('dist', 'stamps', 'cli.json'), JSON.stringify({ stats: await stats(['src/cli/main.ts', 'src/words.ts']) }));
});
afterEach(() => temp.cleanup());

const pia = (...args: string[]): string => {
  const result = spawnSync(process.execPath, [at('bin', 'pia.js'), ...args], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
};
const cacheOf = (file: string): string => at('dist', 'pia-cache', `${file}.v8`);

describe('bin/pia.js', () => {
  it('runs the bundle while the files it was built from are unchanged, and writes a code cache of each file', async () => {
    expect(pia('validate', 'x.yaml')).toBe('bundle hi validate x.yaml');
    const written = await Promise.all(['pia-AAAA.cjs', 'pia-chunk-BBBB.cjs'].map(async (file) => (await stat(cacheOf(file))).mtimeMs));
    // The next run takes the caches as they are: V8 accepted them, so nothing is written again.
    expect(pia('--help')).toBe('bundle hi --help');
    expect(await Promise.all(['pia-AAAA.cjs', 'pia-chunk-BBBB.cjs'].map(async (file) => (await stat(cacheOf(file))).mtimeMs))).toEqual(written);
  });

  it('runs as well with a cache V8 refuses, and writes it anew', async () => {
    await mkdir(at('dist', 'pia-cache'));
    await writeFile(cacheOf('pia-AAAA.cjs'), 'not a code cache');
    expect(pia('show')).toBe('bundle hi show');
    expect((await stat(cacheOf('pia-AAAA.cjs'))).size).toBeGreaterThan('not a code cache'.length);
  });

  it('answers --help from the usage the build captured while the entry file\'s sources are unchanged, everything else with the bundle', async () => {
    const usage = '使い方: pia（ビルド時の表示）\n';
    await writeFile(at('dist', 'pia.json'), JSON.stringify({ entry: 'pia-AAAA.cjs', usage, usageStats: await stats(['src/cli/main.ts']) }));
    expect(pia('--help')).toBe('使い方: pia（ビルド時の表示）');
    expect(pia('-h')).toBe('使い方: pia（ビルド時の表示）');
    expect(pia('render', '--help')).toBe('bundle hi render --help');
    // A source the usage does not come from: the usage still answers, while any command finds the bundle stale.
    const later = new Date(Date.now() + 5000);
    await utimes(at('src', 'words.ts'), later, later);
    expect(pia('--help')).toBe('使い方: pia（ビルド時の表示）');
    expect(pia('list')).toBe('sources list');
    // An edited entry source may change the usage: the sources answer.
    await utimes(at('src', 'cli', 'main.ts'), later, later);
    expect(pia('--help')).toBe('sources --help');
  });

  it('asks the sources for --help when the manifest records no usage stats (a bundle from an older build)', async () => {
    await writeFile(at('dist', 'pia.json'), JSON.stringify({ entry: 'pia-AAAA.cjs', usage: '使い方: 古い\n' }));
    expect(pia('--help')).toBe('bundle hi --help');
  });

  it('runs the sources through tsx once a file the bundle was built from is edited', async () => {
    const later = new Date(Date.now() + 5000);
    await utimes(at('src', 'words.ts'), later, later);
    expect(pia('validate', 'x.yaml')).toBe('sources validate x.yaml');
  });

  it('runs the sources when a file the bundle was built from is gone, or the stamp is', async () => {
    await rm(at('src', 'words.ts'));
    expect(pia('list')).toBe('sources list');
    await rm(at('dist', 'stamps', 'cli.json'));
    expect(pia('list')).toBe('sources list');
  });
});
