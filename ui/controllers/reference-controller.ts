import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CitationContext } from '../../src/diff/index.js';
import { changedItems, type ItemChange } from '../../src/merge/index.js';
import type { FormId } from '../../src/schema/documents.js';
import { formRevisionOf } from '../../src/schema/validate.js';
import type { RevisionMeta } from '../../src/server/dto.js';
import { api } from '../api/client.js';
import { referenceMarks, type ReferenceMarks, type ReferenceRevision } from '../form/reference-marks.js';
import { sectionFor, type SectionSpec } from '../form/sections.js';

/** The draft the comparison reads (the editor's AssessmentController). */
export type DraftSource = { readonly id: string; readonly form: FormId | undefined; readonly data: Record<string, unknown> | undefined };

const COMPARE_DELAY_MS = 250;

/**
 * The revision the editor compares the draft with (「版の記載と比べる」): loads it, finds the items that differ,
 * after each edit again (debounced), and hands each section the marks for its items, the same object while that
 * section's differences stay the same so untouched sections do not re-render.
 */
export class ReferenceController implements ReactiveController {
  revisions: readonly RevisionMeta[] = [];
  reference: ReferenceRevision | undefined;
  changes: readonly ItemChange[] = [];
  error = '';
  private compared: Record<string, unknown> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private marks = new Map<string, { key: string; marks: ReferenceMarks }>();
  private selecting = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly draft: DraftSource,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.reference && this.draft.data !== this.compared) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.compare(), COMPARE_DELAY_MS);
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  async loadRevisions(): Promise<void> {
    try {
      this.revisions = (await api.revisions(this.draft.id)).items;
    } catch {
      this.revisions = [];
    }
    this.host.requestUpdate();
  }

  /** Compare with revision `number` (undefined: stop comparing). */
  async select(number: number | undefined): Promise<void> {
    const ticket = ++this.selecting;
    this.reference = undefined;
    this.changes = [];
    this.marks.clear();
    this.error = '';
    if (number !== undefined) {
      try {
        const loaded = await api.revision(this.draft.id, number);
        if (ticket !== this.selecting) return;
        this.reference = { number, data: loaded.data };
        this.compare();
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    }
    this.host.requestUpdate();
  }

  /** The marks of one section, or undefined while not comparing. */
  marksFor(section: SectionSpec): ReferenceMarks | undefined {
    const { reference, draft } = this;
    if (!reference || !draft.form || !draft.data) return undefined;
    const mine = this.changes.filter((change) => sectionFor([section], change.pointer));
    const key = `${reference.number}|${this.contextKey()}|${mine.map((c) => `${c.kind}${c.pointer}>${c.beforePointer ?? ''}`).join('|')}`;
    const cached = this.marks.get(section.pointer);
    if (cached?.key === key) return cached.marks;
    const marks = referenceMarks(draft.form, reference, mine, this.context());
    this.marks.set(section.pointer, { key, marks });
    return marks;
  }

  private context(): CitationContext {
    const data = this.draft.data;
    const revision = formRevisionOf(data);
    const files = data?.['files'];
    return { ...(revision ? { revision } : {}), fileCount: Array.isArray(files) ? files.length : 1 };
  }

  private contextKey(): string {
    const context = this.context();
    return `${context.revision ?? ''}/${context.fileCount ?? 1}`;
  }

  private compare(): void {
    const { reference, draft } = this;
    if (!reference || !draft.form || !draft.data) return;
    this.compared = draft.data;
    this.changes = changedItems(draft.form, reference.data, draft.data);
    this.host.requestUpdate();
  }
}
