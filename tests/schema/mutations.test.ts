import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadAssessment, type LoadedAssessment } from '../../src/store/index.js';
import { makeTempDir, seedFile } from '../helpers/seeds.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

type Mutation = (doc: ReturnType<typeof parseDocument>) => void;

/** Mutate a real seed through the YAML document (so the file stays realistic) and load it from disk. */
const loadMutated = async (seedDir: string, mutate: Mutation): Promise<{ loaded: LoadedAssessment; text: string }> => {
  const doc = parseDocument(await readFile(seedFile(seedDir), 'utf8'));
  mutate(doc);
  const text = doc.toString({ lineWidth: 0 });
  const file = path.join(temp.dir, `${seedDir}-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text);
  return { loaded: await loadAssessment(file), text };
};

/** 1-based line and column where `needle` first occurs after `after` in the text. */
const positionIn = (text: string, needle: string, after = ''): { line: number; column: number } => {
  const start = after ? text.indexOf(after) : 0;
  const offset = text.indexOf(needle, start);
  if (offset < 0) throw new Error(`test setup: ${needle} not in the mutated text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
};

const FILE0 = ['files', 0, 'overview'];

describe('a mutated seed reports the official item, line and column in Japanese', () => {
  it('choice: a value that is not among the ＜選択肢＞', async () => {
    const { loaded, text } = await loadMutated('004-ise-yobosesshu', (doc) =>
      doc.setIn([...FILE0, 'consignment', 'items', 0, 'reconsignment'], '再委託あり'),
    );
    expect(loaded.issues).toHaveLength(1);
    const [issue] = loaded.issues;
    expect(issue!.path.join(' > ')).toBe('Ⅱ　特定個人情報ファイルの概要 > ４．特定個人情報ファイルの取扱いの委託 > 委託事項1 > ④再委託の有無');
    expect(issue!.message).toBe('＜選択肢＞にない値です:「再委託あり」。選べる値: 再委託する / 再委託しない');
    expect({ line: issue!.line, column: issue!.column }).toEqual(positionIn(text, 'reconsignment: 再委託あり'));
  });

  it('a rule with its own wording (x-message): that wording, also where the rule is inlined from common.schema.json', async () => {
    const { loaded, text } = await loadMutated('004-ise-yobosesshu', (doc) => {
      doc.setIn(['basicInfo', 'networkLinkage', 'legalBasis'], '');
      doc.setIn(['basicInfo', 'systems', 0, 'id'], 'システム1');
    });
    const messages = Object.fromEntries(loaded.issues.map((issue) => [issue.pointer, issue.message]));
    expect(messages).toEqual({
      '/basicInfo/networkLinkage/legalBasis': '「実施する」の場合は法令上の根拠の記入が必要です。',
      '/basicInfo/systems/0/id': 'IDは半角英数字で始まり、半角英数字・ハイフン・下線だけで書きます（64文字まで）。',
    });
    expect(loaded.issues.find((issue) => issue.pointer === '/basicInfo/systems/0/id')!.line).toBe(positionIn(text, 'id: システム1').line);
  });

  it('check group: a check box that is neither ticked nor unticked', async () => {
    const { loaded, text } = await loadMutated('004-ise-yobosesshu', (doc) =>
      doc.setIn(['basicInfo', 'systems', 1, 'connections', 'taxSystem'], 'はい'),
    );
    const [issue] = loaded.issues;
    expect(issue!.path.join(' > ')).toBe('Ⅰ　基本情報 > ２．特定個人情報ファイルを取り扱う事務において使用するシステム > システム2 > ③他のシステムとの接続 > 税務システム');
    expect(issue!.message).toContain('true（チェックあり）か false（チェックなし）で入力してください');
    expect(issue!.line).toBe(positionIn(text, 'taxSystem: はい').line);
  });

  it('count: a negative （ N ）件', async () => {
    const { loaded, text } = await loadMutated('001-kitakyushu-yobosesshu', (doc) =>
      doc.setIn([...FILE0, 'consignment', 'status', 'count'], -1),
    );
    const [issue] = loaded.issues;
    expect(issue!.path.join(' > ')).toBe('Ⅱ　特定個人情報ファイルの概要 > ４．特定個人情報ファイルの取扱いの委託 > 委託の有無 > 件数');
    expect(issue!.message).toBe('0以上の数を入力してください（現在の値: -1）。');
    expect(issue!.line).toBe(positionIn(text, 'count: -1').line);
  });

  it('date: a 和暦 string where an ISO date is stored', async () => {
    const { loaded, text } = await loadMutated('002-nagaoka-covid19', (doc) => doc.setIn(['cover', 'publishedOn'], '令和5年6月8日'));
    const [issue] = loaded.issues;
    expect(issue!.path).toEqual(['表紙', '公表日']);
    expect(issue!.message).toBe('日付は YYYY-MM-DD の形式で入力してください（例: 2025-08-19）:「令和5年6月8日」');
    expect(issue!.line).toBe(positionIn(text, 'publishedOn: 令和5年6月8日').line);
  });

  it('conditional: 再委託事項 filled although 再委託しない', async () => {
    const { loaded, text } = await loadMutated('004-ise-yobosesshu', (doc) =>
      doc.setIn([...FILE0, 'consignment', 'items', 0, 'reconsignmentMatters'], 'システム保守の一部'),
    );
    const [issue] = loaded.issues;
    expect(issue!.path.at(-1)).toBe('⑥再委託事項');
    expect(issue!.message).toBe('再委託しない場合は記入しません（空欄または「―」）。');
    expect(issue!.line).toBe(positionIn(text, "reconsignmentMatters: 'システム保守の一部'").line);
  });

  it('conditional: 発生あり needs その内容 and 再発防止策の内容', async () => {
    const { loaded } = await loadMutated('001-kitakyushu-yobosesshu', (doc) => {
      doc.setIn(['files', 0, 'riskMeasures', 'storage', 'risk1', 'seriousAccident', 'value'], '発生あり');
      doc.setIn(['files', 0, 'riskMeasures', 'storage', 'risk1', 'seriousAccident', 'detail'], '');
    });
    expect(loaded.issues.map((i) => i.path.at(-1))).toEqual(['その内容']);
    expect(loaded.issues[0]!.message).toBe('「発生あり」の場合は記入が必要です。');
  });

  it('repeated group: two システム with the same id', async () => {
    const { loaded, text } = await loadMutated('004-ise-yobosesshu', (doc) => doc.setIn(['basicInfo', 'systems', 2, 'id'], 'system-1'));
    const [issue] = loaded.issues;
    expect(issue!.path).toEqual(['Ⅰ　基本情報', '２．特定個人情報ファイルを取り扱う事務において使用するシステム']);
    expect(issue!.message).toContain('IDが重複しています:「system-1」');
    expect(issue!.line).toBe(positionIn(text, 'systems:').line);
  });

  it('repeated group: 提供先 listed although 提供を行っている is not ticked', async () => {
    const { loaded } = await loadMutated('004-ise-yobosesshu', (doc) => doc.setIn([...FILE0, 'provision', 'status', 'providing'], false));
    const [issue] = loaded.issues;
    expect(issue!.path.join(' > ')).toBe('Ⅱ　特定個人情報ファイルの概要 > ５．特定個人情報の提供・移転（委託に伴うものを除く。）');
    expect(issue!.message).toBe('「提供を行っている」にチェックがない場合、提供先は記入しません（何も書かれていない空欄の枠は印字できます）。');
  });

  it('required: an item removed from the form', async () => {
    const { loaded, text } = await loadMutated('002-nagaoka-covid19', (doc) => doc.deleteIn(['cover', 'organization']));
    const [issue] = loaded.issues;
    expect(issue!.path).toEqual(['表紙', '評価実施機関名']);
    expect(issue!.message).toBe('必須の項目がありません。');
    expect(issue!.line).toBe(positionIn(text, 'cover:').line);
  });

  it('an item the form does not have', async () => {
    const { loaded, text } = await loadMutated('002-nagaoka-covid19', (doc) => doc.setIn(['basicInfo', 'department', 'phone'], '0258-39-2220'));
    const [issue] = loaded.issues;
    expect(issue!.path).toEqual(['Ⅰ　基本情報', '６．評価実施機関における担当部署', 'phone']);
    expect(issue!.message).toBe('様式にない項目「phone」があります。');
    expect(issue!.line).toBe(positionIn(text, 'phone:').line);
  });

  it('lists every problem of a file, not just the first', async () => {
    const { loaded } = await loadMutated('004-ise-yobosesshu', (doc) => {
      doc.setIn(['cover', 'publishedOn'], 'そのうち');
      doc.setIn(['basicInfo', 'business', 'targetCount'], '30万人以上');
    });
    expect(loaded.issues.map((i) => i.path.at(-1))).toEqual(['公表日', '③対象人数']);
  });
});
