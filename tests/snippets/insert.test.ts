import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLibrary, insertSnippet, locateUses, type Snippet, type SnippetLibrary } from '../../src/snippets/index.js';
import { validateAssessment } from '../../src/schema/index.js';
import { expectAppErrorThrown } from '../helpers/app-error.js';
import { loadAssessment, readSnippetLibrary } from '../../src/store/index.js';
import { getAt, setAt } from '../checks/seed-fixtures.js';
import { ROOT, seedFile } from '../helpers/seeds.js';

const ITEM = '/files/0/riskMeasures/acquisition/otherRisks';

let library: SnippetLibrary;
let snippet: Snippet;
let source: Record<string, unknown>;
beforeAll(async () => {
  library = createLibrary((await readSnippetLibrary(`${ROOT}/assessments`)).snippets);
  snippet = library.get('chukan-sw-renkei', 1)!;
  // 004 without its recorded uses, so each test sees only its own.
  const { snippetUses: _uses, ...data } = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data;
  source = data;
});

describe('inserting a standard text into a text item', () => {
  it('appends it on lines of its own and records the span with the SHA-256 of the text inserted', () => {
    const before = String(getAt(source, ITEM));
    const { data, use, span } = insertSnippet('yoshiki3', source, snippet, { pointer: ITEM });
    const after = String(getAt(data, ITEM));
    expect(after).toBe(`${before}\n${snippet.body}`);
    expect(after.slice(span.start, span.end)).toBe(snippet.body);
    expect(use).toEqual({
      pointer: ITEM,
      snippet: 'chukan-sw-renkei',
      version: 1,
      hash: createHash('sha256').update(snippet.body, 'utf8').digest('hex'),
    });
    expect(data['snippetUses']).toEqual([use]);
    expect(getAt(source, ITEM)).toBe(before); // pure
    expect(validateAssessment(data).issues).toEqual([]);
  });

  it('replaces a selection, keeping the text around it on other lines', () => {
    const withText = structuredClone(source);
    setAt(withText, ITEM, '前の文。ここを置き換える。後の文。');
    const { data, span } = insertSnippet('yoshiki3', withText, snippet, { pointer: ITEM, start: 4, end: 13 });
    expect(getAt(data, ITEM)).toBe(`前の文。\n${snippet.body}\n後の文。`);
    expect(span.start).toBe(5);
  });

  it.each([
    ['a ＜選択肢＞ item', '/basicInfo/business/targetCount', '「Ⅰ　基本情報 > １．特定個人情報ファイルを取り扱う事務 > ③対象人数」は文章を書く項目ではないため、標準文を挿入できません。'],
    ['a date', '/cover/publishedOn', '「表紙 > 公表日」は文章を書く項目ではないため、標準文を挿入できません。'],
    ['a non-printed record', '/acknowledgements/0/reason', '「確認済みの警告 > 1 > 確認済みとする理由」は文章を書く項目ではないため、標準文を挿入できません。'],
    ['the imported 変更箇所 rows (quotes of earlier texts)', '/changeHistory/0/after', '「（別添２） 変更箇所 > 1 > 変更後の記載」は文章を書く項目ではないため、標準文を挿入できません。'],
    ['a place the form does not have', '/basicInfo/nothing', '「Ⅰ　基本情報 > nothing」は文章を書く項目ではないため、標準文を挿入できません。'],
  ])('refuses %s', (_what, pointer, message) => {
    const error = expectAppErrorThrown(() => insertSnippet('yoshiki3', source, snippet, { pointer }));
    expect(error.code).toBe('SNIPPET_TARGET_INVALID');
    expect(error.messageJa).toBe(message);
  });

  it('refuses a selection outside the text', () => {
    const error = expectAppErrorThrown(() => insertSnippet('yoshiki3', source, snippet, { pointer: ITEM, start: 5, end: 100_000 }));
    expect(error.messageJa).toMatch(/^挿入する位置（5〜100000文字目）が「Ⅲ　リスク対策 > .*」の記載（\d+文字）の範囲を超えています。$/);
  });
});

describe('what became of an inserted text', () => {
  const inserted = (): Record<string, unknown> => insertSnippet('yoshiki3', source, snippet, { pointer: ITEM }).data;

  it('is intact while only the text around it changes, wherever it moved', () => {
    const data = inserted();
    setAt(data, ITEM, `冒頭に加えた段落。\n${String(getAt(data, ITEM))}\n末尾に加えた段落。`);
    const [located] = locateUses(data, library);
    expect(located?.state).toBe('intact');
    expect(String(getAt(data, ITEM)).slice(located!.span!.start, located!.span!.end)).toBe(snippet.body);
  });

  it('is edited when a word inside it was changed by hand, with the region it now holds', () => {
    const data = inserted();
    setAt(data, ITEM, String(getAt(data, ITEM)).replace('不正な名寄せ', '名寄せ'));
    const [located] = locateUses(data, library);
    expect(located?.state).toBe('edited');
    expect(located?.current).toBe(snippet.body.replace('不正な名寄せ', '名寄せ'));
  });

  it('is missing when its lines are gone, and unknown when the library no longer has the version as inserted', () => {
    const gone = inserted();
    setAt(gone, ITEM, '');
    expect(locateUses(gone, library)[0]?.state).toBe('missing');
    const changedLibrary = createLibrary([{ ...snippet, body: `${snippet.body}（後から直した版）` }]);
    expect(locateUses(inserted(), changedLibrary)[0]?.state).toBe('unknown');
  });

  it('tells two copies of the same text in one item apart', () => {
    const twice = insertSnippet('yoshiki3', inserted(), snippet, { pointer: ITEM }).data;
    const spans = locateUses(twice, library).map((located) => [located.state, located.span?.start]);
    expect(spans.map(([state]) => state)).toEqual(['intact', 'intact']);
    expect(spans[0]![1]).not.toBe(spans[1]![1]);
  });
});
