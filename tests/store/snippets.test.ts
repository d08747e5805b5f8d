import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snippet } from '../../src/snippets/index.js';
import { readSnippetLibrary, writeSnippet } from '../../src/store/index.js';
import { expectAppError } from '../helpers/app-error.js';
import { makeTempDir } from '../helpers/seeds.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const SNIPPET: Snippet = {
  id: 'chukan-sw-renkei',
  version: 1,
  title: '中間サーバー・ソフトウェアにおける措置',
  issuer: '地方公共団体情報システム機構（J-LIS）',
  date: '2025-08',
  body: '＜中間サーバー・ソフトウェアにおける措置＞\n①中間サーバーの職員認証・権限管理機能では、…',
  supersededDocuments: [{ pattern: '利用に関する基準【第1.0版】', successor: '利用に関する基準【第2.0版】', date: '2024-04' }],
};

const writeRaw = async (name: string, text: string): Promise<void> => {
  await mkdir(path.join(dir, 'snippets'), { recursive: true });
  await writeFile(path.join(dir, 'snippets', name), text);
};

describe('the standard-text library in a data folder', () => {
  it('is empty when the data folder has no snippets folder', async () => {
    expect(await readSnippetLibrary(dir)).toEqual({ snippets: [], issues: [] });
  });

  it('writes a version as <id>.v<version>.yaml, with the body as a literal block, and reads it back as it was', async () => {
    const file = await writeSnippet(dir, SNIPPET);
    expect(path.basename(file)).toBe('chukan-sw-renkei.v1.yaml');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('body: |-\n  ＜中間サーバー・ソフトウェアにおける措置＞\n');
    expect(text.indexOf('id:')).toBeLessThan(text.indexOf('version:'));
    expect(await readSnippetLibrary(dir)).toEqual({ snippets: [SNIPPET], issues: [] });
  });

  it('never rewrites a version: assessments keep the hash of the text they inserted', async () => {
    await writeSnippet(dir, SNIPPET);
    const error = await expectAppError(writeSnippet(dir, { ...SNIPPET, body: '書き換えた本文' }));
    expect(error.code).toBe('SNIPPET_EXISTS');
    expect(error.messageJa).toBe(
      '標準文「chukan-sw-renkei」の第1版はすでにあります。公表された版は書き換えず、新しい版（第2版）として追加してください。',
    );
    expect((await readSnippetLibrary(dir)).snippets[0]?.body).toBe(SNIPPET.body);
  });

  it('refuses to write a version that breaks the schema, listing the problems in Japanese', async () => {
    const error = await expectAppError(writeSnippet(dir, { ...SNIPPET, id: '../escape', body: '' }));
    expect(error.code).toBe('SNIPPET_INVALID');
    const issues = error.details['issues'] as { path: string[]; message: string }[];
    expect(issues.map((issue) => `${issue.path.join(' > ')}: ${issue.message}`)).toEqual([
      '標準文のID: 標準文のIDは半角英小文字・数字で始まり、半角英小文字・数字・ハイフンだけで書きます（64文字まで）。',
      '本文: 本文を記入してください。',
    ]);
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('reports each bad file with its line and column and still loads the good ones', async () => {
    await writeSnippet(dir, SNIPPET);
    await writeRaw('broken.v1.yaml', 'id: broken\nversion: [1\n');
    await writeRaw('bad.v0.yaml', 'id: bad\nversion: 0\ntitle: 題\nissuer: 自団体\ndate: 2024/04/01\nbody: 本文\n');
    await writeRaw('renamed.yaml', 'id: other\nversion: 1\ntitle: 題\nissuer: 自団体\ndate: null\nbody: 本文\n');
    await writeRaw('notes.txt', '標準文ではないファイル');
    const { snippets, issues } = await readSnippetLibrary(dir);
    expect(snippets.map((s) => s.id)).toEqual(['chukan-sw-renkei', 'other']);
    expect(issues.map((issue) => `${issue.file}:${issue.line ?? '-'}:${issue.column ?? '-'} ${issue.path.join(' > ')} ${issue.message}`)).toEqual([
      'snippets/bad.v0.yaml:2:1 版 1以上の数を入力してください（現在の値: 0）。',
      'snippets/bad.v0.yaml:5:1 この版の日付 日付は YYYY-MM-DD（日が分からなければ YYYY-MM）の形式で書きます（例: 2024-04）。分からなければ null にします。',
      expect.stringMatching(/^snippets\/broken\.v1\.yaml:\d+:\d+  snippets\/broken\.v1\.yaml:\d+:\d+: /),
      'snippets/renamed.yaml:-:-  ファイル名は「other.v1.yaml」にしてください（IDと版から決まります）。',
    ]);
  });

  it('reports two files holding the same version', async () => {
    await writeSnippet(dir, SNIPPET);
    await writeRaw('copy.yaml', await readFile(path.join(dir, 'snippets', 'chukan-sw-renkei.v1.yaml'), 'utf8'));
    const { issues } = await readSnippetLibrary(dir);
    expect(issues.map((issue) => issue.message)).toContain('標準文「chukan-sw-renkei」の第1版が二つあります。同じ版は一つにしてください。');
  });
});
