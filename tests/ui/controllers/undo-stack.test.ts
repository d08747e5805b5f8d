import { beforeAll, describe, expect, it } from 'vitest';
import type { Yoshiki3Assessment } from '../../../src/domain/assessment.gen.js';
import { merge3, type Doc } from '../../../src/merge/index.js';
import { loadAssessment } from '../../../src/store/index.js';
import { UndoStack, redoStep, undoStep } from '../../../ui/controllers/undo-stack.js';
import { withValueAt } from '../../../ui/form/pointer.js';
import { seedFile } from '../../helpers/seeds.js';

let ise: Doc;
beforeAll(async () => {
  ise = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data;
});

const NAME = '/basicInfo/department/name';
const HEAD = '/basicInfo/department/headTitle';
const department = (doc: Doc) => (doc as unknown as Yoshiki3Assessment).basicInfo.department;

describe('UndoStack', () => {
  it('joins keystrokes into one field into one step, and starts a new step for another field', () => {
    const stack = new UndoStack();
    const a = withValueAt(ise, NAME, '健');
    const b = withValueAt(a, NAME, '健康');
    const c = withValueAt(b, HEAD, '課長');
    stack.record({ before: ise, after: a, label: '' }, NAME, 0);
    stack.record({ before: a, after: b, label: '' }, NAME, 500);
    stack.record({ before: b, after: c, label: '' }, HEAD, 700);
    expect(stack.takeUndo()).toEqual({ before: b, after: c, label: '' });
    expect(stack.takeUndo()).toEqual({ before: ise, after: b, label: '' });
    expect(stack.canUndo).toBe(false);
    expect(stack.canRedo).toBe(true);
  });

  it('keeps at least the last 50 steps, and a new edit clears what was undone', () => {
    const stack = new UndoStack();
    let doc = ise;
    for (let n = 0; n < 120; n += 1) {
      const next = withValueAt(doc, NAME, `部署${n}`);
      stack.record({ before: doc, after: next, label: '' });
      doc = next;
    }
    let undone = 0;
    while (stack.takeUndo()) undone += 1;
    expect(undone).toBeGreaterThanOrEqual(50);
    stack.takeRedo();
    stack.record({ before: doc, after: withValueAt(doc, HEAD, 'x'), label: '' });
    expect(stack.canRedo).toBe(false);
  });
});

describe('undoStep / redoStep', () => {
  it('gives the exact version before (after) the step when nothing happened since', () => {
    const after = withValueAt(ise, NAME, '変更');
    const step = { before: ise, after, label: '' };
    expect(undoStep('yoshiki3', step, after)).toBe(ise);
    expect(redoStep('yoshiki3', step, ise)).toBe(after);
  });

  it('takes back only the step when other changes were merged in since, and keeps a later change of the same item', () => {
    const after = withValueAt(ise, NAME, '変更');
    const step = { before: ise, after, label: '' };
    // Someone else's 所属長 came in by a merge after the step.
    const merged = merge3('yoshiki3', ise, after, withValueAt(ise, HEAD, '他の人の所属長')).merged;
    const undone = undoStep('yoshiki3', step, merged);
    expect(department(undone)).toEqual({ name: '健康福祉部健康課', headTitle: '他の人の所属長' });
    // The item was edited again since: undoing the older step leaves the later edit.
    expect(department(undoStep('yoshiki3', step, withValueAt(after, NAME, 'さらに変更'))).name).toBe('さらに変更');
  });
});
