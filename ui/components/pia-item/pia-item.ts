import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import type { FormId } from '../../../src/schema/documents.js';
import type { ValidationIssue } from '../../../src/schema/issues.js';
import type { FormRevision } from '../../../src/schema/labels.js';
import type { ResolvedNode } from '../../../src/schema/resolve.js';
import { estimateHeight } from '../../form/estimate.js';
import type { ReferenceMarks } from '../../form/reference-marks.js';
import type { LocatedWithheld } from '../../../src/withheld/index.js';
import { renderContext, renderNode } from '../../form/render-node.js';
import { revealIn } from '../../form/reveal.js';
import { onFirstScreen, whenNearWindow } from '../../form/near-window.js';
import '../pia-entry-table/pia-entry-table.js';
import '../pia-field-checks/pia-field-checks.js';
import '../pia-field-choice/pia-field-choice.js';
import '../pia-field-text/pia-field-text.js';
import '../pia-withheld-list/pia-withheld-list.js';

/** Items of a part are rendered one level below the part's heading. */
const DEPTH = 1;

/**
 * @summary One item of a part (a numbered item and everything under it). It is rendered with the first screen if it
 * falls in its window, else when it comes near the window, or at once when a jump (outline, issue list) targets a
 * place inside it; until then it holds a placeholder of about its height. It re-renders only when its own value,
 * issues, applicability or reference marks change, so a keystroke elsewhere costs it nothing. Renders into the
 * light DOM: the part's styles apply as before.
 * @fires pia-value-change
 */
export class PiaItem extends LitElement {
  static override properties = {
    form: { type: String },
    revision: { type: String },
    node: { attribute: false },
    value: { attribute: false },
    pointer: { type: String },
    label: { type: String },
    issues: { attribute: false },
    /** Places under this item that a rule of the part rules out, one per line. */
    hiddenBelow: { type: String },
    reference: { attribute: false },
    withheld: { attribute: false },
    shown: { state: true },
  };

  declare form: FormId;
  declare revision: FormRevision | undefined;
  declare node: ResolvedNode;
  declare value: unknown;
  declare pointer: string;
  declare label: string | undefined;
  declare issues: readonly ValidationIssue[];
  declare hiddenBelow: string;
  /** Where this item differs from the revision the draft is compared with (marks and 「この版の記載に戻す」). */
  declare reference: ReferenceMarks | undefined;
  /** The 非公表 flags under this item (rules.md §8). */
  declare withheld: readonly LocatedWithheld[];
  declare shown: boolean;
  private stopWatching: (() => void) | undefined;

  constructor() {
    super();
    this.issues = [];
    this.hiddenBelow = '';
    this.withheld = [];
    this.shown = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.shown && onFirstScreen(estimateHeight(this.node, this.value))) this.shown = true;
    if (!this.shown) this.stopWatching = whenNearWindow(this, () => (this.shown = true));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('shown') && this.shown) this.stopWatching?.();
  }

  /** Render now if needed, then scroll to the place and focus it. False when nothing inside matches. */
  async reveal(pointer: string): Promise<boolean> {
    this.shown = true;
    await this.updateComplete;
    return revealIn(this, pointer);
  }

  override render(): TemplateResult {
    if (!this.shown) {
      return html`<div class="placeholder" aria-hidden="true"
        style="height: ${estimateHeight(this.node, this.value)}px"></div>`;
    }
    const hidden = this.hiddenBelow === '' ? [] : this.hiddenBelow.split('\n');
    const ctx = renderContext({ form: this.form, revision: this.revision, host: this, reference: this.reference, withheld: this.withheld }, this.issues, hidden);
    return renderNode(ctx, this.node, this.value, this.pointer, this.label, DEPTH);
  }
}

customElements.define('pia-item', PiaItem);
declare global {
  interface HTMLElementTagNameMap {
    'pia-item': PiaItem;
  }
}
