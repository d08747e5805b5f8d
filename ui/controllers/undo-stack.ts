import type { FormId } from '../../src/schema/documents.js';
import { merge3, type Doc } from '../../src/merge/index.js';

/** One undoable edit of the draft: the whole draft before and after it (structurally shared, so cheap to keep). */
export type EditStep = { readonly before: Doc; readonly after: Doc; readonly label: string };

/** Keystrokes in one field within this time of each other are one step, as a text box's own undo groups them. */
const COALESCE_MS = 2000;

/** At least the last 50 steps must be undoable (issue 17); a few more cost nothing. */
export const UNDO_LIMIT = 100;

/**
 * The editor's undo and redo stacks across items. Typing into one field in a row is one step; adding, deleting,
 * moving or restoring an entry, a restore from a revision and applying a merge are one step each.
 */
export class UndoStack {
  private done: EditStep[] = [];
  private undone: EditStep[] = [];
  private lastKey: string | undefined;
  private lastTime = 0;

  constructor(private readonly limit = UNDO_LIMIT) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** What the next undo (redo) takes back (does again), for the buttons' titles. */
  get undoLabel(): string | undefined {
    return this.done.at(-1)?.label;
  }

  get redoLabel(): string | undefined {
    return this.undone.at(-1)?.label;
  }

  /** `coalesceKey`: the field typed into; a step with the same key right after the last one extends it. */
  record(step: EditStep, coalesceKey?: string, now = Date.now()): void {
    const top = this.done.at(-1);
    if (top && coalesceKey !== undefined && coalesceKey === this.lastKey && now - this.lastTime < COALESCE_MS && top.after === step.before) {
      this.done[this.done.length - 1] = { ...top, after: step.after };
    } else {
      this.done.push(step);
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone = [];
    this.lastKey = coalesceKey;
    this.lastTime = now;
  }

  /** The step to take back; it moves to the redo stack. */
  takeUndo(): EditStep | undefined {
    const step = this.done.pop();
    if (step) this.undone.push(step);
    this.lastKey = undefined;
    return step;
  }

  /** The step to do again; it moves back to the undo stack. */
  takeRedo(): EditStep | undefined {
    const step = this.undone.pop();
    if (step) this.done.push(step);
    this.lastKey = undefined;
    return step;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.lastKey = undefined;
  }
}

/**
 * `current` with one step's change replaced by `to` (its before for undo, its after for redo). When nothing
 * happened since the step, that is `to` itself; otherwise a three-way merge keeps what changed since (another
 * person's merged edits), and where that touched the same item the later change stays.
 */
const replay = (form: FormId, from: Doc, to: Doc, current: Doc): Doc =>
  current === from ? to : merge3(form, from, current, to, { otherwise: 'mine' }).merged;

export const undoStep = (form: FormId, step: EditStep, current: Doc): Doc => replay(form, step.after, step.before, current);
export const redoStep = (form: FormId, step: EditStep, current: Doc): Doc => replay(form, step.before, step.after, current);
