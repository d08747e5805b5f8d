import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAssessment } from '../../src/checks/index.js';
import { computeChanges } from '../../src/diff/index.js';
import { isBlank, isBlankEntry, isNoneAnswer, saysNothing } from '../../src/domain/blank.js';
import { childNode, formRoot, validateAssessment, type ResolvedNode } from '../../src/schema/index.js';
import { hiddenItems } from '../../ui/form/conditions.js';
import { seedCopy, setAt } from '../checks/seed-fixtures.js';
import { ROOT } from '../helpers/seeds.js';

const TODAY = '2025-10-01';

describe('what counts as an empty answer (src/domain/blank.ts)', () => {
  it.each([
    [null, true, false],
    [undefined, true, false],
    ['', true, false],
    [' \n　', true, false],
    ['―', false, true],
    ['－', false, true],
    ['-', false, true],
    ['　―　', false, true],
    ['なし', false, true],
    ['特になし', false, false],
    ['予防接種台帳', false, false],
    [0, false, false],
  ])('%j: blank %s, a "none" answer %s', (value, blank, none) => {
    expect(isBlank(value)).toBe(blank);
    expect(isNoneAnswer(value)).toBe(none);
    expect(saysNothing(value)).toBe(blank || none);
  });

  it('an entry holding no answer (texts empty or ―, boxes unticked, no choice) is a printed-empty slot', () => {
    const slot = { id: 'transferee-1', name: '', legalBasis: '―', personCount: null, methods: { network: false, other: { checked: false, text: '' } } };
    expect(isBlankEntry(slot)).toBe(true);
    expect(isBlankEntry({ ...slot, name: '子育て支援課' })).toBe(false);
    expect(isBlankEntry({ ...slot, methods: { network: true } })).toBe(false);
    expect(isBlankEntry({ ...slot, personCount: '1万人未満' })).toBe(false);
  });
});

const nodeAt = (form: 'yoshiki3' | 'yoshiki4', pointer: string): ResolvedNode =>
  pointer.split('/').slice(1).reduce<ResolvedNode>((node, segment) => childNode(node, segment)!, formRoot(form));

const ITEM = '/files/0/overview/consignment/items/0';

/** The four places that judge an answer empty, asked about one 再委託事項 of a 委託事項 that says 再委託しない / 再委託する. */
const verdicts = async (value: string) => {
  const seed = await seedCopy('004');
  setAt(seed.data, `${ITEM}/reconsignment`, '再委託しない');
  setAt(seed.data, `${ITEM}/reconsignmentMatters`, value);
  const schemaAccepts = validateAssessment(seed.data).issues.every((issue) => !issue.pointer.endsWith('/reconsignmentMatters'));
  const entry = (seed.data['files'] as { overview: { consignment: { items: unknown[] } } }[])[0]!.overview.consignment.items[0];
  const editorHides = hiddenItems(nodeAt('yoshiki3', ITEM), ITEM, entry).has(`${ITEM}/reconsignmentMatters`);
  const before = await seedCopy('004');
  setAt(before.data, `${ITEM}/reconsignment`, '再委託しない');
  setAt(before.data, `${ITEM}/reconsignmentMatters`, '');
  const diffSeesNothing = computeChanges('yoshiki3', before.data, seed.data).length === 0;
  setAt(seed.data, `${ITEM}/reconsignment`, '再委託する');
  const checksMissDetail = checkAssessment('yoshiki3', seed.data, { today: TODAY }).some(
    (finding) => finding.ruleId === 'consignment.reconsignment' && finding.pointers[0] === `${ITEM}/reconsignmentMatters`,
  );
  return { schemaAccepts, editorHides, diffSeesNothing, checksMissDetail };
};

describe('the schema, the editor, the diff and the checks agree on one definition', () => {
  it.each(['', '　', '―', '－', 'ー', 'なし'])('%j says nothing to all four', async (value) => {
    expect(await verdicts(value)).toEqual({ schemaAccepts: true, editorHides: true, diffSeesNothing: true, checksMissDetail: true });
  });

  it('a written 再委託事項 is an answer to all four', async () => {
    expect(await verdicts('システム保守の一部')).toEqual({
      schemaAccepts: false,
      editorHides: false,
      diffSeesNothing: false,
      checksMissDetail: false,
    });
  });

  it('「－」 and 「なし」 are answers, not empty items: no false ERROR on a published 様式４ (⑤評価書への反映 「－」)', async () => {
    const seed = await seedCopy('001');
    setAt(seed.data, '/procedures/publicComment/reflection', '－');
    setAt(seed.data, '/procedures/publicComment/mainOpinions', 'なし');
    setAt(seed.data, '/disclosure/request/specialProcedure', '―');
    const findings = checkAssessment('yoshiki4', seed.data, { today: TODAY });
    expect(findings.filter((f) => f.ruleId === 'procedure.publicComment' || f.ruleId === 'required.empty')).toEqual([]);
    setAt(seed.data, '/procedures/publicComment/reflection', ' ');
    const blank = checkAssessment('yoshiki4', seed.data, { today: TODAY }).filter((f) => f.ruleId === 'procedure.publicComment');
    expect(blank.map((f) => f.pointers[0])).toEqual(['/procedures/publicComment/reflection']);
  });
});

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.ts$/.test(name) && !name.endsWith('.gen.ts') ? [file] : [];
  });

describe('no second definition of blank', () => {
  // Ad-hoc emptiness tests: trimming to '', or a character class of dashes for "nothing to state".
  const AD_HOC = [/\.trim\(\)\s*[!=]==\s*''/, /\[\\s?[―－ー\\-]/, /\^\[\\s―/, /\^\\s\*\[―/];
  it.each(['src/checks', 'src/diff', 'src/schema', 'src/render', 'ui/form'])('%s tests emptiness only through src/domain/blank.ts', (dir) => {
    const offenders = sources(path.join(ROOT, dir)).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => AD_HOC.some((pattern) => pattern.test(line)))
        .map((line) => `${path.relative(ROOT, file)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the schemas name "must stay empty" with x-blank / x-blankEntries, not a pattern of their own', () => {
    const text = ['common', 'yoshiki3', 'yoshiki4'].map((name) => readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8')).join('\n');
    expect(text).not.toMatch(/"pattern": "\^\\\\s\*\[―/);
    expect(text).not.toMatch(/"maxItems": 0/);
  });
});
