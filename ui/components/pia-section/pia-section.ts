import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FormId } from '../../../src/schema/documents.js';
import type { ValidationIssue } from '../../../src/schema/issues.js';
import type { FormRevision } from '../../../src/schema/labels.js';
import { printedLabel } from '../../../src/schema/labels.js';
import { childNode, isArrayNode, isObjectNode, type ResolvedNode } from '../../../src/schema/resolve.js';
import { estimateHeight } from '../../form/estimate.js';
import { IssueSubsets } from '../../form/issue-subsets.js';
import { firstScreenHasRoom, whenNearWindow } from '../../form/near-window.js';
import { childPointer } from '../../form/pointer.js';
import { ReferenceSubsets, type ReferenceMarks } from '../../form/reference-marks.js';
import { WithheldSubsets } from '../../form/withheld-subsets.js';
import { childItems, type ChildItem } from '../../form/render-node.js';
import { baseStyles } from '../../styles/theme.js';
import type { LocatedWithheld } from '../../../src/withheld/index.js';
import type { PiaItem } from '../pia-item/pia-item.js';
import { sectionStyles } from './pia-section.styles.js';
import '../pia-item/pia-item.js';

const under = (pointer: string, at: string): boolean => at === pointer || at.startsWith(`${pointer}/`);

/**
 * @summary One part of the form (Ⅰ 基本情報, Ⅱ per file, 別添 …) generated from its schema node: its heading
 * and one <pia-item> per item, each rendered when it comes near the window. A part that starts below the first
 * screen holds one placeholder of its items' estimated heights until it comes near the window or a jump targets
 * it: the items of 001's nine parts below the first screen were ~25 ms of the editor's first render.
 * @slot actions - buttons in the section header (e.g. for a 特定個人情報ファイル)
 * @fires pia-value-change
 */
export class PiaSection extends LitElement {
  static override properties = {
    form: { type: String },
    revision: { type: String },
    heading: { type: String },
    node: { attribute: false },
    pointer: { type: String },
    value: { attribute: false },
    issues: { attribute: false },
    only: { attribute: false },
    reference: { attribute: false },
    withheld: { attribute: false },
    shown: { state: true },
  };
  static override styles = [baseStyles, sectionStyles];

  declare form: FormId;
  declare revision: FormRevision | undefined;
  declare heading: string;
  declare node: ResolvedNode;
  declare pointer: string;
  declare value: unknown;
  declare issues: readonly ValidationIssue[];
  /** Render only these keys of the node (the cover part of the root). */
  declare only: readonly string[] | undefined;
  /** Marks where the draft differs from the revision it is compared with, if any. */
  declare reference: ReferenceMarks | undefined;
  /** Each item's issues and reference marks, the same while they are the same, so an untouched item skips re-rendering. */
  private readonly itemIssues = new IssueSubsets();
  private readonly itemReference = new ReferenceSubsets();
  /** The part's 非公表 flags (rules.md §8); each item gets its own, the same array while they are unchanged. */
  declare withheld: readonly LocatedWithheld[];
  private readonly itemWithheld = new WithheldSubsets();
  /** Its items are created (see the summary); once true, it stays. */
  declare shown: boolean;
  private stopWatching: (() => void) | undefined;

  constructor() {
    super();
    this.issues = [];
    this.withheld = [];
    this.shown = false;
  }

  protected override willUpdate(): void {
    // Decided at the first update, not on connecting: the parts above have created their items by then (the
    // updates run in the document's order), and the first screen is counted by items.
    if (this.shown || this.stopWatching) return;
    if (firstScreenHasRoom()) this.shown = true;
    else this.stopWatching = whenNearWindow(this, () => (this.shown = true));
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('shown') && this.shown) this.stopWatching?.();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }


  /** The part's items in the form's order, and what the part's own rules rule out below them. */
  private items(): { items: ChildItem[]; hidden: Set<string> } {
    const hidden = new Set<string>();
    if (isArrayNode(this.node)) {
      return { items: [{ node: this.node, value: this.value, pointer: this.pointer, label: undefined }], hidden };
    }
    if (!this.only) return { items: childItems(this.node, this.value, this.pointer, this.revision, hidden), hidden };
    // The cover part gathers top-level items under one heading, so its own object needs no second heading.
    const record = (this.value ?? {}) as Record<string, unknown>;
    const items = this.only.flatMap((key) => {
      const child = childNode(this.node, key);
      if (!child) return [];
      const pointer = childPointer(this.pointer, key);
      return isObjectNode(child)
        ? childItems(child, record[key], pointer, this.revision, hidden)
        : [{ node: child, value: record[key], pointer, label: printedLabel(child, this.revision) }];
    });
    return { items, hidden };
  }

  /** Scroll to the deepest item at or above this pointer (rendering it first) and put the keyboard focus in it. */
  async reveal(pointer: string): Promise<boolean> {
    this.shown = true;
    await this.updateComplete;
    if (pointer === this.pointer) {
      this.scrollIntoView({ block: 'start' });
      return false;
    }
    const item = [...this.renderRoot.querySelectorAll<PiaItem>('pia-item')].find((element) => under(element.pointer, pointer));
    if (item && (await item.reveal(pointer))) return true;
    this.scrollIntoView({ block: 'start' });
    return false;
  }

  override render(): TemplateResult {
    const { items, hidden } = this.items();
    return html`
      <header>
        <h2 id="heading" tabindex="-1">${this.heading}</h2>
        <slot name="actions"></slot>
      </header>
      <div class="body">
        ${this.shown ? this.itemElements(items, hidden) : this.placeholder(items)}
      </div>
    `;
  }

  /** As tall as its items' placeholders together, so nothing moves when they replace it. */
  private placeholder(items: readonly ChildItem[]): TemplateResult {
    const height = items.reduce((sum, item) => sum + estimateHeight(item.node, item.value), 0);
    return html`<div class="placeholder" aria-hidden="true" style="height: ${height}px"></div>`;
  }

  private itemElements(items: readonly ChildItem[], hidden: ReadonlySet<string>): TemplateResult {
    return html`${repeat(
      items,
      (item) => item.pointer,
      (item) => html`<pia-item .form=${this.form} .revision=${this.revision} .node=${item.node}
        .value=${item.value} .pointer=${item.pointer} .label=${item.label}
        .issues=${this.itemIssues.of(item.pointer, this.issues.filter((issue) => under(item.pointer, issue.pointer)))}
        .reference=${this.itemReference.of(item.pointer, this.reference)} .withheld=${this.itemWithheld.of(item.pointer, this.withheld.filter((flag) => under(item.pointer, flag.entry.pointer)))}
        .hiddenBelow=${[...hidden].filter((at) => at.startsWith(`${item.pointer}/`)).sort().join('\n')}></pia-item>`,
    )}`;
  }
}

customElements.define('pia-section', PiaSection);
declare global {
  interface HTMLElementTagNameMap {
    'pia-section': PiaSection;
  }
}
