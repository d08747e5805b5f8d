import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkAssessment } from '../../src/checks/index.js';
import {
  FORM_IDS,
  MAX_ISSUES,
  MAX_NESTING,
  MAX_VALUES,
  childNode,
  formRoot,
  isArrayNode,
  keyword,
  validateAssessment,
  type ResolvedNode,
} from '../../src/schema/index.js';
import { parseAssessment } from '../../src/store/index.js';
import { seedFile } from '../helpers/seeds.js';

const load = async (dir: string): Promise<Record<string, unknown>> =>
  parseAssessment(await readFile(seedFile(dir)), dir).data;

/** Every list of a form with its JSON Pointer (entries as /0), walking the schema. */
const listsOf = (node: ResolvedNode, at: string, seen = new Set<ResolvedNode>()): { at: string; node: ResolvedNode }[] => {
  if (seen.has(node)) return [];
  seen.add(node);
  if (isArrayNode(node)) {
    const entry = childNode(node, '0');
    return [{ at, node }, ...(entry ? listsOf(entry, `${at}/0`, seen) : [])];
  }
  return [...node.properties.keys()].flatMap((key) => listsOf(childNode(node, key)!, `${at}/${key}`, seen));
};

describe('every list of the forms is bounded', () => {
  it.each(FORM_IDS)('%s: each list has maxItems, at least the form’s printed capacity of 20 where it has one', (form) => {
    const lists = listsOf(formRoot(form), '');
    expect(lists.length).toBeGreaterThan(8);
    for (const { at, node } of lists) {
      const limit = keyword<number>(node, 'maxItems');
      expect(limit, at).toBeTypeOf('number');
      if (keyword<boolean>(node, 'x-slotRanges')) expect(limit, at).toBeGreaterThanOrEqual(20);
    }
  });
});

describe('a huge faulty draft', () => {
  const faultyHistory = (data: Record<string, unknown>, rows: number): Record<string, unknown> => ({
    ...data,
    // Two values each, so that 20,000 of them stay within MAX_VALUES: each row an impossible date and nothing else.
    changeHistory: Array.from({ length: rows }, (_, i) => ({ date: `2025-13-${String((i % 28) + 1).padStart(2, '0')}` })),
  });

  it('is reported as a list too long, with at most MAX_ISSUES issues and a note that more were left out', async () => {
    const { issues } = validateAssessment(faultyHistory(await load('004-ise-yobosesshu'), 20_000));
    expect(issues).toHaveLength(MAX_ISSUES + 1);
    expect(issues).toContainEqual(
      expect.objectContaining({ pointer: '/changeHistory', keyword: 'maxItems', message: '2000件以下にしてください。' }),
    );
    expect(issues.at(-1)).toMatchObject({ keyword: 'maxIssues', message: expect.stringContaining(`最初の${MAX_ISSUES}件だけ`) });
  });

  it('is checked on the form’s largest list at most: findings do not grow with the faulty entries', async () => {
    const data = await load('004-ise-yobosesshu');
    const count = (rows: number): number => checkAssessment('yoshiki3', faultyHistory(data, rows), { today: '2026-01-15' }).length;
    expect(count(20_000)).toBe(count(2_001));
  });
});

describe('values later code cannot handle are refused by validation', () => {
  it('an impossible date, with its item path and a Japanese message that says so', async () => {
    const data = await load('004-ise-yobosesshu');
    const { issues } = validateAssessment({ ...data, cover: { ...(data['cover'] as object), publishedOn: '2025-13-01' } });
    expect(issues).toEqual([
      expect.objectContaining({
        pointer: '/cover/publishedOn',
        path: ['表紙', '公表日'],
        message: '暦にない日付です:「2025-13-01」。月は 01〜12、日はその月にある日を入力してください（例: 2025-08-19）。',
      }),
    ]);
  });

  it('data nested deeper than any form, as one issue where the limit is crossed', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2_000; i += 1) deep = [deep];
    const { issues } = validateAssessment({ ...(await load('004-ise-yobosesshu')), cover: deep });
    expect(issues).toEqual([
      expect.objectContaining({ keyword: 'maxNesting', pointer: `/cover${'/0'.repeat(MAX_NESTING - 1)}`, message: `入れ子が深すぎます（${MAX_NESTING}段まで）。評価書の様式にこれほど深い項目はありません。` }),
    ]);
  });

  it('more values than any assessment holds, as one issue', async () => {
    const data = { ...(await load('004-ise-yobosesshu')), notes: Array.from({ length: MAX_VALUES }, () => 1) };
    expect(validateAssessment(data).issues).toEqual([expect.objectContaining({ keyword: 'maxValues' })]);
  });
});
