import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serialize } from 'node:v8';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseYamlCached, useYamlCache } from '../../src/store/yaml-cache.js';
import { parseYaml, positionOf } from '../../src/store/yaml-parse.js';
import { makeTempDir, seedFile } from '../helpers/seeds.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

let temp: { dir: string; cleanup: () => Promise<void> };
let text: string;
beforeAll(async () => {
  temp = await makeTempDir();
  text = await readFile(seedFile('001-kitakyushu-yobosesshu'), 'utf8');
});
afterAll(() => temp.cleanup());
afterEach(() => useYamlCache(undefined));

const cacheIn = async (name: string): Promise<string> => {
  const dir = path.join(temp.dir, name);
  useYamlCache(dir);
  return dir;
};
const entryOf = (dir: string, source: string): string => path.join(dir, createHash('sha256').update(source).digest('hex'));

describe('the parse cache of the bundled CLI', () => {
  it('gives back, from its entry, the data and the positions a parse gives', async () => {
    const dir = await cacheIn('same');
    const parsed = parseYaml(text, 'a.yaml');
    expect(parseYamlCached(utf8(text), 'a.yaml').data).toEqual(parsed.data);
    const hit = parseYamlCached(utf8(text), 'a.yaml');
    expect((await readdir(dir)).filter((name) => !name.startsWith('s-'))).toHaveLength(1);
    expect(JSON.stringify(hit.data)).toBe(JSON.stringify(parsed.data)); // key order too
    const pointer = ['files', '0', 'consignment', 'items', '0', 'name'];
    expect(positionOf(hit, pointer)).toEqual(positionOf(parsed, pointer));
  });

  it('reads a hit from the entry, not from the text (so a hit costs no parse)', async () => {
    const dir = await cacheIn('hit');
    await mkdir(dir, { recursive: true });
    await writeFile(entryOf(dir, 'form: yoshiki3\n'), serialize({ form: 'from the cache' }));
    expect(parseYamlCached(utf8('form: yoshiki3\n'), 'a.yaml').data).toEqual({ form: 'from the cache' });
  });

  it('keeps nothing of a text that does not parse, and reports it as a parse does', async () => {
    const dir = await cacheIn('broken');
    const broken = 'form: yoshiki3\nform: yoshiki4\n';
    expect(() => parseYamlCached(utf8(broken), 'b.yaml')).toThrow(expect.objectContaining({ code: 'YAML_DUPLICATE_KEY' }));
    expect(() => parseYamlCached(utf8(broken), 'b.yaml')).toThrow(expect.objectContaining({ code: 'YAML_DUPLICATE_KEY' }));
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('keeps its entries readable by their owner only', async () => {
    const dir = await cacheIn('owner');
    parseYamlCached(utf8('n: 1\n'), 'c.yaml');
    const entries = await readdir(dir);
    expect(entries).toHaveLength(2); // the document and its one top-level entry
    for (const entry of entries) expect((await stat(path.join(dir, entry))).mode & 0o777).toBe(0o600);
  });

  it('refuses bytes that are not UTF-8 as reading a file does, and keeps nothing of them', async () => {
    const dir = await cacheIn('sjis');
    const shiftJis = Buffer.from([0x66, 0x6f, 0x72, 0x6d, 0x3a, 0x20, 0x82, 0xa0, 0x0a]); // form: あ in Shift_JIS
    expect(() => parseYamlCached(shiftJis, 'f.yaml')).toThrow(expect.objectContaining({ code: 'FILE_NOT_UTF8' }));
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('parses as usual where the cache cannot be written', async () => {
    // A file where the folder would go: refused even to root, unlike a read-only folder.
    const parent = path.join(temp.dir, 'not-a-folder');
    await writeFile(parent, '');
    useYamlCache(path.join(parent, 'yaml'));
    expect(parseYamlCached(utf8('form: yoshiki3\n'), 'd.yaml').data).toEqual({ form: 'yoshiki3' });
  });

  it('is not used unless the caller names a folder (tests, the server, the sources through tsx)', () => {
    expect(parseYamlCached(utf8('a: 1\n'), 'e.yaml').data).toEqual({ a: 1 });
  });
});
