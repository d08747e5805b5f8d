/**
 * The officer's decisions on the spans an update could not replace (SpanChoice), and the summaries an update leaves
 * for the next commit's rows (rowSummaries): on 004 before the renewal, whose Ⅲ６ text was edited by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { proposeRows, computeChanges } from '../../src/diff/index.js';
import { validateAssessment } from '../../src/schema/index.js';
import {
  hashText,
  outdatedUses,
  recordRowSummaries,
  rowSummariesOf,
  snippetUsesOf,
  updateSnippets,
  withRowSummaries,
  type SnippetLibrary,
} from '../../src/snippets/index.js';
import { getAt, setAt } from '../checks/seed-fixtures.js';
import { NETWORK_OTHER, RENEWAL_SUMMARY, RENEWED_004, bundledLibrary, ise004BeforeRenewal } from '../helpers/renewal.js';

const CHANGE_DATE = '2025-10-01';
let library: SnippetLibrary;
let before: Record<string, unknown>;

beforeAll(async () => {
  library = await bundledLibrary();
  before = await ise004BeforeRenewal(library);
});

const conflictIndex = (): number => updateSnippets('yoshiki3', before, library, { changeDate: CHANGE_DATE }).conflicts[0]!.index;

describe('choices on spans edited by hand', () => {
  it('takes the new version when asked: the hand-edited lines give way to version 2, with a row under the summary', () => {
    const index = conflictIndex();
    const result = updateSnippets('yoshiki3', before, library, { changeDate: CHANGE_DATE, choices: [{ index, take: 'next' }] });
    expect(result.conflicts).toEqual([]);
    expect(result.updated.map((update) => update.pointer)).toEqual([...RENEWED_004, NETWORK_OTHER]);
    const text = String(getAt(result.data, NETWORK_OTHER));
    expect(text).toContain(library.get('chukan-pf-renkei', 2)!.body);
    expect(text).not.toContain('保守・運用を行う事業者及びクラウドサービス事業者');
    // The text around the span is 004's own and stays.
    expect(text.startsWith(String(getAt(before, NETWORK_OTHER)).split('\n')[0]!)).toBe(true);
    expect(result.rows.map((row) => [row.pointer, row.after])).toEqual([
      [RENEWED_004[0], RENEWAL_SUMMARY],
      [NETWORK_OTHER, RENEWAL_SUMMARY],
      [RENEWED_004[1], RENEWAL_SUMMARY],
    ]);
    // The row's 変更前 is what 004 printed (its hand edit), not the version-1 text.
    expect(result.rows[1]!.before).toContain('及びクラウドサービス事業者');
    expect(outdatedUses(result.data, library)).toEqual([]);
    expect(validateAssessment(result.data).issues).toEqual([]);
  });

  it('keeps the text as it reads when asked: no change, no row, and the record follows version 2 so it is no longer listed', () => {
    const index = conflictIndex();
    const result = updateSnippets('yoshiki3', before, library, { changeDate: CHANGE_DATE, choices: [{ index, take: 'current' }] });
    expect(result.conflicts).toEqual([]);
    expect(result.kept).toEqual([{ pointer: NETWORK_OTHER, snippet: 'chukan-pf-renkei', fromVersion: 1, toVersion: 2 }]);
    expect(getAt(result.data, NETWORK_OTHER)).toBe(getAt(before, NETWORK_OTHER));
    expect(result.rows.map((row) => row.pointer)).toEqual(RENEWED_004);
    const record = snippetUsesOf(result.data).find((use) => use.pointer === NETWORK_OTHER && use.snippet === 'chukan-pf-renkei');
    expect(record).toEqual({ pointer: NETWORK_OTHER, snippet: 'chukan-pf-renkei', version: 2, hash: hashText(library.get('chukan-pf-renkei', 2)!.body) });
    expect(outdatedUses(result.data, library)).toEqual([]);
  });

  it('drops the record of a span whose text is gone when the officer keeps the item as it reads; ignores choices on nothing', () => {
    const data = structuredClone(before);
    setAt(data, NETWORK_OTHER, '中間サーバーに関する記載は削除した。');
    const first = updateSnippets('yoshiki3', data, library, { changeDate: CHANGE_DATE });
    const missing = first.conflicts.find((conflict) => conflict.pointer === NETWORK_OTHER)!;
    expect(missing.state).toBe('missing');
    const kept = updateSnippets('yoshiki3', data, library, { changeDate: CHANGE_DATE, choices: [{ index: missing.index, take: 'current' }, { index: 99, take: 'next' }] });
    expect(kept.kept).toEqual([{ pointer: NETWORK_OTHER, snippet: 'chukan-pf-renkei', fromVersion: 1 }]);
    expect(snippetUsesOf(kept.data).filter((use) => use.pointer === NETWORK_OTHER && use.snippet === 'chukan-pf-renkei')).toEqual([]);
    // 'next' cannot place a text that is gone: the span stays a conflict.
    const next = updateSnippets('yoshiki3', data, library, { changeDate: CHANGE_DATE, choices: [{ index: missing.index, take: 'next' }] });
    expect(next.conflicts.map((conflict) => conflict.pointer)).toEqual([NETWORK_OTHER]);
  });
});

describe('summaries of the next revision’s rows', () => {
  const updated = () => updateSnippets('yoshiki3', before, library, { changeDate: CHANGE_DATE });
  const proposals = (after: Record<string, unknown>) => proposeRows(computeChanges('yoshiki3', before, after), CHANGE_DATE);

  it('make every row of a summarized item print the summary, and leave the other rows as proposed', () => {
    const { data } = updated();
    setAt(data, '/basicInfo/business/name', '予防接種に関する事務（改）');
    const recorded = recordRowSummaries(data, RENEWED_004, '中間サーバーの記載を更新');
    expect(rowSummariesOf(recorded).map((entry) => entry.pointer)).toEqual(RENEWED_004);
    expect(validateAssessment(recorded).issues).toEqual([]);
    const rows = withRowSummaries(proposals(recorded), recorded);
    expect(rows.map((row) => row.after)).toEqual(['予防接種に関する事務（改）', '中間サーバーの記載を更新', '中間サーバーの記載を更新']);
  });

  it('no longer apply to an item edited by hand after the update: its own row comes back', () => {
    const recorded = recordRowSummaries(updated().data, RENEWED_004, RENEWAL_SUMMARY);
    const [location] = RENEWED_004 as [string];
    setAt(recorded, location, `${String(getAt(recorded, location))}\n追記した一文。`);
    const rows = withRowSummaries(proposals(recorded), recorded);
    expect(rows.find((row) => row.pointer === location)!.after).toContain('追記した一文。');
    expect(rows.find((row) => row.pointer === RENEWED_004[1])!.after).toBe(RENEWAL_SUMMARY);
  });

  it('are replaced for the same item by a later update, and dropped once the previous revision reads the same', () => {
    const { data } = updated();
    const first = recordRowSummaries(data, RENEWED_004, 'はじめのまとめ');
    const second = recordRowSummaries(first, [RENEWED_004[1]!], '次のまとめ');
    expect(rowSummariesOf(second).map((entry) => [entry.pointer, entry.summary])).toEqual([
      [RENEWED_004[0], 'はじめのまとめ'],
      [RENEWED_004[1], '次のまとめ'],
    ]);
    // A revision committed with both texts settles the first summary: a later update does not carry it on.
    const third = recordRowSummaries(second, [RENEWED_004[1]!], '三つめのまとめ', data);
    expect(rowSummariesOf(third).map((entry) => entry.summary)).toEqual(['三つめのまとめ']);
  });
});
