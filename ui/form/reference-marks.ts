import { html, nothing, type TemplateResult } from 'lit';
import { citationLine, citePointer, entryName, type CitationContext } from '../../src/diff/index.js';
import type { ItemChange } from '../../src/merge/index.js';
import type { FormId } from '../../src/schema/documents.js';
import { formRoot, nodeAt } from '../../src/schema/resolve.js';
import { msg } from '../messages.ja.js';
import { shownValue } from './shown-value.js';
import '../components/pia-reference-mark/pia-reference-mark.js';

/**
 * What the form renderer shows where the draft differs from a revision it is compared with (render-node calls
 * these; each returns nothing where the draft reads as the revision).
 */
export type ReferenceMarks = {
  /** Under a field: the revision's value and 「この版の記載に戻す」. */
  readonly item: (pointer: string) => TemplateResult | typeof nothing;
  /** In an entry's head: that the entry differs from the revision, or is not in it. */
  readonly entry: (pointer: string) => TemplateResult | typeof nothing;
  /** After a group's entries: the revision's entries the draft no longer has. */
  readonly missing: (groupPointer: string) => TemplateResult | typeof nothing;
  /** What the marks at and under a place depend on: the same text means they read the same. */
  readonly keyUnder: (pointer: string) => string;
};

/** The revision the draft is compared with. */
export type ReferenceRevision = { readonly number: number; readonly data: Record<string, unknown> };

/** The pointers of the containers above a place (`/a/b/c` → `/a`, `/a/b`). */
const parentsOf = (pointer: string): string[] => {
  const parts = pointer.split('/');
  return parts.slice(2).map((_, index) => parts.slice(0, index + 2).join('/'));
};

/**
 * The marks for a set of differences (one section's). `context` cites the draft's items (its form revision and
 * file count); entries the draft no longer has are cited at their place in the revision.
 */
export const referenceMarks = (
  form: FormId,
  reference: ReferenceRevision,
  changes: readonly ItemChange[],
  context: CitationContext,
): ReferenceMarks => {
  const revisionName = msg('revisionNumber', { number: reference.number });
  const contextKey = `${reference.number}|${context.revision ?? ''}|${context.fileCount ?? ''}`;
  const cite = (pointer: string): string => citationLine(citePointer(form, pointer, context));
  const changed = new Map(changes.filter((change) => change.kind === 'changed').map((change) => [change.pointer, change]));
  const added = new Set(changes.filter((change) => change.kind === 'added').map((change) => change.pointer));
  const differing = new Set(changes.filter((change) => change.kind !== 'removed').flatMap((change) => parentsOf(change.pointer)));
  const mark = (kind: 'item' | 'entry' | 'missing', pointer: string, text: string, where: 'draft' | 'reference', label: string): TemplateResult =>
    html`<pia-reference-mark kind=${kind} data-pointer=${pointer} .revision=${revisionName} .text=${text} .pointer=${pointer}
      .in=${where} .label=${label}></pia-reference-mark>`;
  return {
    item: (pointer) => {
      const change = changed.get(pointer);
      if (!change) return nothing;
      return mark('item', pointer, shownValue(form, change.beforePointer ?? pointer, change.before, context.revision), 'draft', cite(pointer));
    },
    entry: (pointer) => {
      if (added.has(pointer)) return mark('entry', pointer, msg('referenceEntryAbsent', { revision: revisionName }), 'draft', cite(pointer));
      if (!differing.has(pointer)) return nothing;
      return mark('entry', pointer, msg('referenceEntryDiffers', { revision: revisionName }), 'draft', cite(pointer));
    },
    missing: (groupPointer) => {
      const gone = changes.filter((change) => change.kind === 'removed' && change.pointer === groupPointer);
      if (gone.length === 0) return nothing;
      const entryNode = nodeAt(formRoot(form), `${groupPointer}/0`);
      return html`${gone.map((change) => {
        const at = change.beforePointer!;
        const slot = citePointer(form, at, context).split('\n').at(-1) ?? '';
        const name = entryNode ? entryName(entryNode, change.before) : '';
        return mark('missing', at, name ? `${slot}　${name}` : slot, 'reference', citationLine(citePointer(form, at, context)));
      })}`;
    },
    keyUnder: (pointer) =>
      [
        contextKey,
        ...changes
          .filter((change) => change.pointer === pointer || change.pointer.startsWith(`${pointer}/`))
          .map((change) => `${change.kind}${change.pointer}>${change.beforePointer ?? ''}`),
      ].join('\n'),
  };
};

/**
 * The marks handed to each place (an item of a part, a row of a table), kept as the same object while the
 * differences under that place stay the same: Lit compares properties by identity, so a place a new comparison
 * did not change is not re-rendered.
 */
export class ReferenceSubsets {
  private readonly kept = new Map<string, { key: string; marks: ReferenceMarks }>();

  of(place: string, marks: ReferenceMarks | undefined): ReferenceMarks | undefined {
    if (!marks) {
      this.kept.clear();
      return undefined;
    }
    const key = marks.keyUnder(place);
    const kept = this.kept.get(place);
    if (kept?.key === key) return kept.marks;
    this.kept.set(place, { key, marks });
    return marks;
  }
}
