import { readFile, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAssessment, openAssessmentFile, serializeAssessment, MAX_FILE_BYTES, type StoreOptions } from '../../src/store/index.js';
import { makeTempDir, SEEDS, seedFile } from '../helpers/seeds.js';
import { expectAppError } from '../helpers/app-error.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(() => temp.cleanup());


/** Save through the store, as every writer does: compare-and-swap on the version just read. */
const saveAt = async (file: string, data: Record<string, unknown>, options: StoreOptions = {}): Promise<void> => {
  const store = await openAssessmentFile(file, options);
  const { etag } = await store.readDraft();
  await store.transact((writer) => writer.saveDraft(data, etag));
};

const writeTemp = async (name: string, content: string | Buffer): Promise<string> => {
  const file = path.join(temp.dir, name);
  await writeFile(file, content);
  return file;
};

describe.each(SEEDS)('saving seed $id', (seed) => {
  it('is lossless (load → save → load gives the same data) and stable (saving twice gives identical bytes)', async () => {
    const original = await loadAssessment(seedFile(seed.dir));
    const file = path.join(temp.dir, 'assessment.yaml');
    await writeFile(file, await readFile(seedFile(seed.dir)));
    await saveAt(file, original.data);
    const first = await readFile(file, 'utf8');
    const reloaded = await loadAssessment(file);
    expect(reloaded.data).toEqual(original.data);
    await saveAt(file, reloaded.data);
    expect(await readFile(file, 'utf8')).toBe(first);
  });

  it('is already stored in the canonical layout, comments included', async () => {
    const original = await loadAssessment(seedFile(seed.dir));
    const text = await readFile(seedFile(seed.dir), 'utf8');
    expect(serializeAssessment(original.form!, original.data, original.parsed)).toBe(text);
  });
});

describe('canonical YAML', () => {
  it('writes keys in form order, long text as literal blocks, and keeps comments', async () => {
    const original = await loadAssessment(seedFile('004-ise-yobosesshu'));
    const shuffled = Object.fromEntries(Object.entries(original.data).reverse());
    const text = serializeAssessment('yoshiki3', shuffled, original.parsed);
    expect(text.indexOf('form: yoshiki3')).toBeLessThan(text.indexOf('cover:'));
    expect(text.indexOf('cover:')).toBeLessThan(text.indexOf('changeHistory:'));
    expect(text).toMatch(/functions: \|-\n {8}・接種データを登録、修正する機能\n/);
    expect(text).toContain('# 不確実:');
  });
});

describe('bad input gets a clear error', () => {
  it('reports a YAML syntax error with file, line and column', async () => {
    const file = await writeTemp('broken.yaml', 'form: yoshiki3\ncover:\n  title: "閉じていない\n  number: 4\n');
    const error = await expectAppError(loadAssessment(file));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.messageJa).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(error.details.line).toBeGreaterThan(0);
  });

  it('rejects duplicate keys instead of keeping the last one silently', async () => {
    const file = await writeTemp('dup.yaml', 'form: yoshiki3\ncover:\n  title: 一\n  title: 二\n');
    const error = await expectAppError(loadAssessment(file));
    expect(error.code).toBe('YAML_DUPLICATE_KEY');
    expect(error.messageJa).toBe(`${file}:4:3: 同じキーが二度書かれています。`);
  });

  it('refuses an alias bomb', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i += 1) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const file = await writeTemp('bomb.yaml', `${lines.join('\n')}\n`);
    const error = await expectAppError(loadAssessment(file));
    expect(error.code).toBe('YAML_ALIAS_LIMIT');
    expect(error.messageJa).toContain('エイリアス（*）の展開が多すぎます');
  });

  it('refuses a 50 MB file before reading it', async () => {
    const file = await writeTemp('huge.yaml', Buffer.alloc(50 * 1024 * 1024, 0x61));
    expect((await stat(file)).size).toBeGreaterThan(MAX_FILE_BYTES);
    const error = await expectAppError(loadAssessment(file));
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.messageJa).toBe(`${file}: ファイルが大きすぎます（50.0 MB）。評価書のYAMLは 5 MB までです。`);
  });

  it('refuses a file that is not UTF-8 (e.g. Shift_JIS)', async () => {
    const shiftJis = Buffer.from([0x66, 0x6f, 0x72, 0x6d, 0x3a, 0x20, 0x93, 0xfa, 0x96, 0x7b, 0x0a]); // "form: 日本" in Shift_JIS
    const file = await writeTemp('sjis.yaml', shiftJis);
    const error = await expectAppError(loadAssessment(file));
    expect(error.code).toBe('FILE_NOT_UTF8');
    expect(error.messageJa).toContain('文字コードが UTF-8 ではありません');
  });

  it('reports a missing file', async () => {
    const error = await expectAppError(loadAssessment(path.join(temp.dir, 'none.yaml')));
    expect(error.code).toBe('ASSESSMENT_NOT_FOUND');
  });

  it('reports a document that is not a mapping at 1:1', async () => {
    const error = await expectAppError(loadAssessment(await writeTemp('list.yaml', '- a\n- b\n')));
    expect(error.code).toBe('YAML_NOT_MAPPING');
  });
});

describe('atomic save', () => {
  it('keeps the last good file when the process dies between writing the temp file and renaming it', async () => {
    const original = await loadAssessment(seedFile('004-ise-yobosesshu'));
    const file = path.join(temp.dir, 'assessment.yaml');
    await writeFile(file, await readFile(seedFile('004-ise-yobosesshu')));
    const before = await readFile(file, 'utf8');
    const changed = { ...original.data, cover: { ...(original.data['cover'] as object), title: '書き換え' } };
    const error = await expectAppError(
      saveAt(file, changed, {
        hooks: {
          beforeRename: () => {
            throw new Error('simulated crash');
          },
        },
      }),
    );
    expect(error.code).toBe('WRITE_FAILED');
    expect(await readFile(file, 'utf8')).toBe(before);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(temp.dir)).toEqual(['assessment.yaml']);
  });
});
