import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_NESTING, MAX_VALUES } from '../../src/schema/index.js';
import { loadAssessment, parseAssessment, serializeAssessment } from '../../src/store/index.js';
import { printAssessment } from '../../src/store/yaml-write.js';
import { expectAppError } from '../helpers/app-error.js';
import { makeTempDir, seedFile } from '../helpers/seeds.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());

const SEED = '004-ise-yobosesshu';
const seedText = (): Promise<string> => readFile(seedFile(SEED), 'utf8');

/** The seed with `title:`'s value on the cover replaced by `yaml` (a flow value, so it fits on the line). */
const withTitle = async (yaml: string): Promise<string> => (await seedText()).replace(/^( {2}title: ).*$/m, `$1${yaml}`);

const refusal = async (text: string) => expectAppError(Promise.resolve().then(() => parseAssessment(Buffer.from(text), 'a.yaml')));

/** 1-based line and column of the first occurrence of `needle`. */
const positionOf = (text: string, needle: string): { line: number; column: number } => {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
};

describe('YAML is read as YAML 1.2 core schema, so a save never changes what a value means', () => {
  it.each([
    ['!!binary aGVsbG8=', '!!binary'],
    ['!!timestamp 2025-01-01', '!!timestamp'],
    ['!!set {a, b}', '!!set'],
    ['!!omap [{a: 1}]', '!!omap'],
    ['!custom x', '!custom'],
    ['!<tag:yaml.org,2002:binary> aGVsbG8=', '!!binary'],
  ])('refuses the tag of %s at its position, naming it', async (value, tag) => {
    const text = await withTitle(value);
    const error = await refusal(text);
    expect(error.code).toBe('YAML_TAG');
    expect(error.details).toMatchObject({ ...positionOf(text, value), tag });
    expect(error.messageJa).toContain(`タグ「${tag}」は使えません`);
  });

  it('refuses a %YAML 1.1 document instead of reading yes as true and dates as timestamps', async () => {
    const error = await refusal(`%YAML 1.1\n---\n${await seedText()}`);
    expect(error.code).toBe('YAML_VERSION');
    expect(error.messageJa).toMatch(/^a\.yaml:1:1: YAML 1\.1 の指定には対応していません。/);
  });

  it('reads what YAML 1.1 would change as YAML 1.2 does, and writes it back to the same values', async () => {
    const text = (await seedText()).replace(
      /^( {2}title: ).*$/m,
      '$1yes\n  organization: 2025-08-19',
    ).replace(/^( {2}organization: 伊勢市長)$/m, '');
    const loaded = parseAssessment(Buffer.from(text), 'a.yaml');
    const cover = loaded.data['cover'] as Record<string, unknown>;
    expect(cover).toMatchObject({ title: 'yes', organization: '2025-08-19' });
    const saved = serializeAssessment('yoshiki3', loaded.data, loaded.parsed);
    expect(parseAssessment(Buffer.from(saved), 'b.yaml').data).toEqual(loaded.data);
  });

  it('keeps core-schema tags, which do not change a value (!!str 12 is the text 12)', async () => {
    const loaded = parseAssessment(Buffer.from(await withTitle('!!str 12')), 'a.yaml');
    expect((loaded.data['cover'] as Record<string, unknown>)['title']).toBe('12');
  });

  it('refuses a key that is not text (a list or a mapping as key)', async () => {
    const error = await refusal(`${await seedText()}? [a, b]\n: c\n`);
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.messageJa).toContain('キーには文字を書いてください');
  });

  it('refuses a __proto__ key, which JavaScript would read as the prototype', async () => {
    const error = await refusal(await withTitle('{__proto__: {polluted: 1}}'));
    expect(error.messageJa).toContain('キー「__proto__」は使えません');
  });

  it('refuses an alias inside its own anchor, which would make the data endless', async () => {
    const text = await withTitle('&loop [*loop]');
    const error = await refusal(text);
    expect(error.code).toBe('YAML_ALIAS_LIMIT');
    expect(error.details).toMatchObject(positionOf(text, '*loop'));
  });
});

describe('nesting deeper than any form is refused when the file is read', () => {
  it.each([
    ['2,000 flow levels', `${'['.repeat(2_000)}x${']'.repeat(2_000)}`],
    [`${MAX_NESTING + 1} flow levels, which yaml itself reads`, `${'['.repeat(MAX_NESTING + 1)}x${']'.repeat(MAX_NESTING + 1)}`],
    ['150,000 flow levels (yaml took minutes on these)', `${'['.repeat(150_000)}x${']'.repeat(150_000)}`],
  ])('%s: YAML_TOO_DEEP in Japanese, at the place the limit is crossed', async (_, value) => {
    const text = await withTitle(value);
    const error = await refusal(text);
    expect(error.code).toBe('YAML_TOO_DEEP');
    const title = positionOf(text, value);
    expect(error.details).toMatchObject({ line: title.line });
    expect(error.messageJa).toMatch(new RegExp(`^a\\.yaml:${title.line}:\\d+: 入れ子が深すぎます（${MAX_NESTING}段まで）。`));
  });

  it('block nesting (indentation) too', async () => {
    const block = Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 2)}- `).join('\n');
    const error = await refusal((await seedText()).replace(/^( {2}title: ).*$/m, `$1\n${block}x`));
    expect(error.code).toBe('YAML_TOO_DEEP');
  });

  it('and never reaches the YAML writer, which refuses such data itself instead of overflowing the stack', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2_000; i += 1) deep = { a: deep };
    const error = await expectAppError(Promise.resolve().then(() => printAssessment('yoshiki3', { form: 'yoshiki3', cover: deep })));
    expect(error.code).toBe('DOCUMENT_TOO_DEEP');
  });
});

describe('a file with more values than any assessment', () => {
  it('is refused when read, with the position where the limit is crossed', async () => {
    const text = `${await seedText()}notes:\n${'  - x\n'.repeat(MAX_VALUES)}`;
    const error = await refusal(text);
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.messageJa).toContain(`項目と値が多すぎます（${MAX_VALUES}個まで）`);
    expect(error.details['line']).toBeGreaterThan(text.slice(0, text.indexOf('notes:')).split('\n').length);
  });
});

describe('an assessment.yaml that is not a file', () => {
  it('a folder in its place is a clear error, not a crash', async () => {
    const file = path.join(temp.dir, 'assessment.yaml');
    await mkdir(file);
    const error = await expectAppError(loadAssessment(file));
    expect(error.code).toBe('NOT_A_FILE');
    expect(error.messageJa).toBe(`${file}: 評価書のファイルではなくフォルダです。YAMLファイルに置き換えてください。`);
  });

  it('a FIFO in its place is refused at once instead of waiting forever for a writer', async () => {
    const file = path.join(temp.dir, 'assessment.yaml');
    execFileSync('mkfifo', [file]);
    const error = await expectAppError(loadAssessment(file));
    expect(error.code).toBe('NOT_A_FILE');
    expect(error.messageJa).toContain('特殊なファイル');
  });

  it('a regular file still loads (the check opens it once, without a race between a stat and the read)', async () => {
    const file = path.join(temp.dir, 'assessment.yaml');
    await writeFile(file, await seedText());
    expect((await loadAssessment(file)).form).toBe('yoshiki3');
  });
});
