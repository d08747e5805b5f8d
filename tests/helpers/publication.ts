/**
 * 伊勢市's 004 with a history: revision 1 as published (submitted), then a draft edited the way a yearly review
 * does (a line deleted from and one added to the long text of Ⅲ７, a check box ticked, a system renamed, a new
 * system), committed and submitted as revision 2. Shared by the publication, redline and verification tests.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { openAssessmentFile } from '../../src/store/index.js';
import { commitRevision, fixedClock, setRevisionStatus, type Workflow } from '../../src/workflows/index.js';
import { copySeed } from './seeds.js';

export const AUTHOR = '健康課 伊勢';

/** The edits of revision 2, as text replacements in the YAML (each must match once). */
export const ISE_EDITS: readonly (readonly [string, string])[] = [
  // A deletion in a long text (Ⅲ７ その他のリスク).
  ['          ・事前に許可されていない装置等に関しては、外部に持出できないこととしている。\n', ''],
  // An insertion in the same text.
  [
    '脅威検出やDDos対策を24時間365日講じる。\n',
    '脅威検出やDDos対策を24時間365日講じる。\n          ・監視の結果は月に一度、健康課と情報政策課が確認する。\n',
  ],
  // A check box ticked (Ⅰ２ システム1 ③他のシステムとの接続).
  [
    '      name: 健康管理システム\n      # 不確実: the three bullets stand after the ②事務の内容 value in the scrambled text; assigned to システム１ by elimination (システム２–４ have their own ② texts).\n      functions: |-\n        ・接種データを登録、修正する機能\n        ・接種名簿などの帳票を出力する機能\n        ・各種集計表を出力する機能\n      connections:\n        infoNetwork: false\n        internalLink: false',
    '      name: 健康管理システム\n      # 不確実: the three bullets stand after the ②事務の内容 value in the scrambled text; assigned to システム１ by elimination (システム２–４ have their own ② texts).\n      functions: |-\n        ・接種データを登録、修正する機能\n        ・接種名簿などの帳票を出力する機能\n        ・各種集計表を出力する機能\n      connections:\n        infoNetwork: false\n        internalLink: true',
  ],
  // A short text changed.
  ['      name: 中間サーバー\n', '      name: 中間サーバー（自治体中間サーバー・プラットフォーム）\n'],
];

export const editText = async (file: string, edits: readonly (readonly [string, string])[]): Promise<void> => {
  let text = await readFile(file, 'utf8');
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`fixture edit does not match once: ${from.slice(0, 40)}`);
    text = text.replace(from, to);
  }
  await writeFile(file, text);
};

export const workflowAt = async (file: string, today = '2025-10-01'): Promise<Workflow> => ({ store: await openAssessmentFile(file), clock: fixedClock(today) });

/** Commit the draft as the next revision and submit it. */
export const commitAndSubmit = async (workflow: Workflow, message: string, changeDate: string): Promise<number> => {
  const result = await commitRevision(workflow, { message, author: AUTHOR, changeDate });
  // The internal review comes first (rules.md §3): asked for by the author, approved by someone else.
  await setRevisionStatus(workflow, result.revision.number, { status: 'review', by: AUTHOR });
  await setRevisionStatus(workflow, result.revision.number, { status: 'approved', by: '健康課長 確認' });
  await setRevisionStatus(workflow, result.revision.number, { status: 'submitted', by: AUTHOR });
  return result.revision.number;
};

/** 004 in `<dir>/004-ise-yobosesshu/`, revision 1 submitted; with `second`, revision 2 (ISE_EDITS) submitted too. */
export const iseWithHistory = async (dir: string, options: { second?: boolean; beforeSecond?: (file: string) => Promise<void> } = {}) => {
  const file = await copySeed(dir, '004-ise-yobosesshu');
  const workflow = await workflowAt(file);
  await commitAndSubmit(workflow, '令和7年8月19日公表版', '2025-08-19');
  if (options.second) {
    await editText(file, ISE_EDITS);
    await options.beforeSecond?.(file);
    await commitAndSubmit(workflow, '年次の見直し', '2025-10-01');
  }
  return { file, workflow };
};
