/**
 * The parse cache by top-level entries (src/store/yaml-sections.ts, yaml-cache.ts): a document put together from
 * its entries must be exactly the whole text's parse, and whatever the whole parse refuses must be refused the
 * same way, with the position in the whole file.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENTRIES, parseYamlCached, useYamlCache } from '../../src/store/yaml-cache.js';
import { parseYaml } from '../../src/store/yaml-parse.js';
import { topLevelSections } from '../../src/store/yaml-sections.js';
import { hostileYaml, loadSamples } from '../../stress/hostile/yaml-cases.js';
import { createRng } from '../../stress/hostile/rng.js';
import { FIXTURES, ROOT, SEEDS, fixtureFile, makeTempDir, seedFile } from '../helpers/seeds.js';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

let temp: { dir: string; cleanup: () => Promise<void> };
let dirs = 0;
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());
afterEach(() => useYamlCache(undefined));

const freshCache = (): string => {
  const dir = path.join(temp.dir, `cache-${(dirs += 1)}`);
  useYamlCache(dir);
  return dir;
};

/** What a parse gives or how it fails: data with its key order, or the error's code and position. */
const outcome = (parse: () => { data: unknown }): string => {
  try {
    return JSON.stringify(parse().data);
  } catch (error) {
    const { code, details } = error as { code?: string; details?: { line?: number; column?: number } };
    return `error ${code} ${details?.line}:${details?.column}`;
  }
};

const sameAsWholeParse = (text: string): void => {
  expect(outcome(() => parseYamlCached(utf8(text), 'a.yaml'))).toBe(outcome(() => parseYaml(text, 'a.yaml')));
};

const documents = [...SEEDS.map((seed) => seedFile(seed.dir)), ...FIXTURES.map(fixtureFile)];

describe('cutting a document into its top-level entries', () => {
  it('cuts the samples at each top-level key, in order, losing no line', async () => {
    for (const file of documents) {
      const text = await readFile(file, 'utf8');
      const sections = topLevelSections(text)!;
      expect(sections.map((section) => section.key)).toEqual(Object.keys(parseYaml(text, file).data as object));
      expect(text.endsWith(sections.map((section) => section.text).join(''))).toBe(true);
      expect(text.slice(0, text.length - sections.map((s) => s.text).join('').length)).toMatch(/^(?:[ \t]*(?:#.*)?\n)*$/);
    }
  });

  it('does not cut what is not plainly a mapping of keys at the top', () => {
    for (const text of [
      '%YAML 1.2\n---\na: 1\n', // a directive
      'a: 1\n---\nb: 2\n', // a second document
      '- a\nb: 1\n', // a sequence at the top
      '? a\n: 1\nb: 2\n', // an explicit key
      'a: 1\na: 2\n', // a key twice
      '  x: 1\na: 2\n', // an indented entry before the first key
      '"a": 1\nb: 2\n', // a quoted key
      'a: 1\nfiles:\n- id: f\n', // a sequence at column 0 under its key
      '# only a comment\n',
      '',
    ]) {
      expect(topLevelSections(text), text).toBeUndefined();
    }
    expect(topLevelSections('# header\n\na: 1\n# between\nb:\n  c: |\n    text\n')?.map((s) => s.key)).toEqual(['a', 'b']);
  });
});

describe('the cache by top-level entries', () => {
  it('gives each sample exactly its whole parse, first parsed by entries and then from them', async () => {
    freshCache();
    for (const file of documents) {
      const text = await readFile(file, 'utf8');
      const whole = JSON.stringify(parseYaml(text, file).data);
      expect(JSON.stringify(parseYamlCached(utf8(text), file).data)).toBe(whole);
      // One item edited: every other entry comes from the cache.
      const edited = text.replace(/^( {2}title: .*)$/m, '$1（改）');
      expect(edited).not.toBe(text);
      expect(JSON.stringify(parseYamlCached(utf8(edited), file).data)).toBe(JSON.stringify(parseYaml(edited, file).data));
    }
  });

  it('after an edit of one entry, parses and keeps that entry alone', async () => {
    const dir = freshCache();
    const text = await readFile(seedFile('001-kitakyushu-yobosesshu'), 'utf8');
    parseYamlCached(utf8(text), 'a.yaml');
    const before = new Set(await readdir(dir));
    expect([...before].filter((name) => name.startsWith('s-'))).toHaveLength(topLevelSections(text)!.length);
    const edited = text.replace(/^(basicInfo:\n(?: .*\n)*? {4}name: .*)$/m, '$1（改）');
    expect(edited).not.toBe(text);
    expect(JSON.stringify(parseYamlCached(utf8(edited), 'a.yaml').data)).toBe(JSON.stringify(parseYaml(edited, 'a.yaml').data));
    const added = (await readdir(dir)).filter((name) => !before.has(name));
    // The edited entry and the edited document; the 変更箇所 history and everything else came from the cache.
    expect(added).toHaveLength(2);
    expect(added.filter((name) => name.startsWith('s-'))).toHaveLength(1);
  });

  it('refuses what the whole parse refuses, at the same line and column', () => {
    freshCache();
    const base = 'form: yoshiki4\ncover:\n  title: 評価書\n';
    parseYamlCached(utf8(base), 'a.yaml');
    for (const text of [
      `${base}basicInfo:\n  name: [a\n`, // an unclosed flow collection in the last entry
      `${base}basicInfo: !!binary aGVsbG8=\n`, // a tag
      `${base}basicInfo:\n  name: a\n    b: c\n`, // bad indentation
      `${base}basicInfo:\n  __proto__: 1\n`, // JavaScript's own key
      `${base}basicInfo:\n${'  '.repeat(1)}${'['.repeat(40)}${']'.repeat(40)}\n`, // nested too deep
    ]) {
      expect(outcome(() => parseYamlCached(utf8(text), 'a.yaml')), text).toMatch(/^error /);
      sameAsWholeParse(text);
    }
  });

  it('reads what would carry on across a cut as the whole parse reads it', () => {
    freshCache();
    for (const text of [
      'a: "one\nb: two"\n', // a quoted text over lines at column 0
      "a: 'one\nb: two'\n",
      'a: [x,\nb: y]\n', // a flow collection over lines
      'a: &x\n  v: 1\nb: *x\n', // an alias of another entry's anchor
      'a: |\n  text\nb: 1\n', // a block scalar ends at the next key
      'a: |+\n  kept\n\n\nb: 1\n', // its kept line breaks stay its own
      'a: >-\n  folded\n  text\n# comment\nb: |\n  x\n', // a comment at column 0 between entries
      'a: 1\r\nb:\r\n  c: 2\r\n', // CRLF
      'a: plain\n  continued\nb: 2\n', // a plain scalar over lines
    ]) {
      sameAsWholeParse(text);
    }
  });

  it('holds the document to one limit of values, not each entry to its own', () => {
    freshCache();
    const list = (n: number): string => `${Array.from({ length: n }, () => '  - 1\n').join('')}`;
    // 25,001 and 25,000 values in two entries: each within the limit of 50,000, the two not.
    const text = `a:\n${list(25_001)}b:\n${list(25_000)}`;
    expect(outcome(() => parseYamlCached(utf8(text), 'a.yaml'))).toMatch(/^error FILE_TOO_LARGE/);
    sameAsWholeParse(text);
    // 60 aliases in each of two entries, each of its own anchor: the document has more than the 100 it may.
    const aliases = (name: string): string => `${name}:\n  - &${name} v\n${Array.from({ length: 60 }, () => `  - *${name}\n`).join('')}`;
    const aliased = `${aliases('a')}${aliases('b')}`;
    expect(outcome(() => parseYamlCached(utf8(aliased), 'a.yaml'))).toMatch(/^error YAML_ALIAS_LIMIT/);
    sameAsWholeParse(aliased);
  });

  it('agrees with the whole parse on 60 hostile edits of the samples, their other entries from the cache', () => {
    freshCache();
    const samples = loadSamples(ROOT);
    for (const sample of samples) parseYamlCached(utf8(sample.text), 'a.yaml');
    const rng = createRng(1206);
    for (let n = 0; n < 60; n += 1) {
      const { text } = hostileYaml(rng, samples);
      if (typeof text !== 'string') continue;
      sameAsWholeParse(text);
    }
  });

  it(`keeps at most ${MAX_ENTRIES} entries`, async () => {
    const dir = freshCache();
    for (let n = 0; n < MAX_ENTRIES / 2 + 10; n += 1) parseYamlCached(utf8(`n: ${n}\n`), 'c.yaml');
    expect((await readdir(dir)).length).toBe(MAX_ENTRIES);
  });
});
