import { describe, expect, it } from 'vitest';
import { assessmentsToUpdate, createLibrary, libraryIssues, locateUses, snippetFor, type Snippet } from '../../src/snippets/index.js';
import { expectAppErrorThrown } from '../helpers/app-error.js';
import { textItems } from '../../src/schema/index.js';
import { loadAssessment, readSnippetLibrary } from '../../src/store/index.js';
import { ROOT, seedFile } from '../helpers/seeds.js';

const SAMPLES = [
  { id: '001', dir: '001-kitakyushu-yobosesshu', form: 'yoshiki4' },
  { id: '004', dir: '004-ise-yobosesshu', form: 'yoshiki3' },
] as const;

const loadSamples = () =>
  Promise.all(SAMPLES.map(async ({ id, dir, form }) => ({ id, form, data: (await loadAssessment(seedFile(dir))).data })));

const version = (id: string, n: number, extra: Partial<Snippet> = {}): Snippet => ({
  id,
  version: n,
  title: `標準文 ${id}`,
  issuer: '自団体',
  date: null,
  body: `${id} 第${n}版の本文`,
  ...extra,
});

describe('the bundled library of standard texts (assessments/snippets)', () => {
  it('loads without a problem: the 中間サーバー and ガバメントクラウド texts 001 and 004 carry', async () => {
    const { snippets, issues } = await readSnippetLibrary(`${ROOT}/assessments`);
    expect(issues).toEqual([]);
    expect(snippets.length).toBe(15);
    expect(new Set(snippets.map((s) => s.issuer))).toEqual(new Set(['地方公共団体情報システム機構（J-LIS）', 'デジタル庁']));
  });

  it('holds only text taken from 001 and 004: every line is in one of them, as printed now or in 001’s 変更前 of 令和7年8月29日', async () => {
    const { snippets } = await readSnippetLibrary(`${ROOT}/assessments`);
    const samples = await loadSamples();
    const lines = new Set(
      samples.flatMap(({ form, data }) => textItems(form, data, { history: true }).flatMap((item) => item.text.split('\n'))),
    );
    const missing = snippets.flatMap((s) => s.body.split('\n').filter((line) => line !== '' && !lines.has(line)).map((line) => `${s.id}@${s.version}: ${line}`));
    expect(missing).toEqual([]);
  });

  it('marks in 001 and 004 the spans that are standard texts, all still as the library has them', async () => {
    const library = createLibrary((await readSnippetLibrary(`${ROOT}/assessments`)).snippets);
    for (const { data } of await loadSamples()) {
      const located = locateUses(data, library);
      expect(located.length).toBe(7);
      expect(located.map((use) => use.state)).toEqual(Array(7).fill('intact'));
    }
  });

  it('finds that 001 still prints the 中間サーバー・プラットフォーム text of before the 更改 in Ⅲ７, and 004 nothing older', async () => {
    const library = createLibrary((await readSnippetLibrary(`${ROOT}/assessments`)).snippets);
    const outdated = assessmentsToUpdate(library, await loadSamples());
    expect(outdated.map(({ id, uses }) => [id, uses.map((use) => `${use.use.pointer} ${use.use.snippet} ${use.use.version} → ${use.newest.version}`)])).toEqual([
      ['001', ['/files/0/riskMeasures/storage/otherRisks chukan-pf-hokan-sonota 1 → 2']],
    ]);
  });
});

describe('versions of a standard text', () => {
  it('are replaced by the highest version of the same id, then by a text that names them as replaced', () => {
    const library = createLibrary([
      version('a', 1),
      version('a', 2, { supersededBy: { id: 'b', version: 1 } }),
      version('b', 1),
      version('c', 1),
      version('d', 1, { supersedes: { id: 'c', version: 1 } }),
    ]);
    expect(library.newestFor('a', 1)?.id).toBe('b');
    expect(library.newestFor('a', 2)?.id).toBe('b');
    expect(library.newestFor('b', 1)).toBeUndefined();
    expect(library.newestFor('c', 1)?.id).toBe('d');
    expect(library.get('a', 2)?.version).toBe(2);
  });

  it('are picked for insertion by id (the newest text) or by id and version, and refused when the library lacks them', () => {
    const library = createLibrary([version('a', 1), version('a', 2, { supersededBy: { id: 'b', version: 1 } }), version('b', 1)]);
    expect(snippetFor(library, 'a')).toMatchObject({ id: 'b', version: 1 });
    expect(snippetFor(library, 'a', 1).body).toBe('a 第1版の本文');
    const missing = expectAppErrorThrown(() => snippetFor(library, 'a', 3));
    expect([missing.code, missing.messageJa]).toEqual(['SNIPPET_NOT_FOUND', '標準文「a」の第3版はライブラリにありません。']);
    expect(expectAppErrorThrown(() => snippetFor(library, 'z')).messageJa).toBe('標準文「z」はライブラリにありません。');
  });

  it('report duplicates, links to texts the library lacks, and loops, in Japanese', () => {
    const issues = libraryIssues([
      version('a', 1),
      version('a', 1),
      version('b', 1, { supersededBy: { id: 'x', version: 3 } }),
      version('c', 1, { supersededBy: { id: 'e', version: 1 } }),
      version('e', 1, { supersededBy: { id: 'c', version: 1 } }),
    ]).map((issue) => issue.message);
    expect(issues).toContain('標準文「a」の第1版が二つあります。同じ版は一つにしてください。');
    expect(issues).toContain('標準文「b」の第1版の後継の標準文「x」の第3版はライブラリにありません。');
    expect(issues).toContain('標準文「c」の第1版は、置き換えの関係をたどると自分に戻ります（c 第1版 → e 第1版）。');
  });
});
