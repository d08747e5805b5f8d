import { LitElement, css, html, type TemplateResult } from 'lit';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

export type ReferenceMarkKind = 'item' | 'entry' | 'missing';

/**
 * @summary Where the draft differs from the revision it is compared with: that revision's text of an item (or the
 * note that an entry differs, is new, or was there) and 「この版の記載に戻す」.
 * @fires pia-restore
 */
export class PiaReferenceMark extends LitElement {
  static override properties = {
    kind: { type: String, reflect: true },
    revision: { type: String },
    text: { type: String },
    pointer: { type: String },
    in: { type: String },
    label: { type: String },
  };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      :host([kind='entry']) { display: inline-flex; }
      .mark { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; font-size: 0.88rem; font-weight: 400;
        background: var(--pia-ref-bg); border-left: 4px solid var(--pia-warn); padding: 0.35rem 0.75rem; }
      /* Under a field, in its answer column: the same columns as the field rows (field-styles). */
      .row { display: grid; grid-template-columns: minmax(10rem, 17rem) 1fr; }
      .gutter { background: var(--pia-label-bg); }
      :host([kind='entry']) .mark { border-left: 0; border-radius: 3px; padding: 0.1rem 0.4rem; }
      :host([kind='missing']) .mark { margin: 0.5rem 0.75rem; }
      .what { font-weight: 700; color: var(--pia-muted); }
      .value { white-space: pre-wrap; word-break: break-word; flex: 1 1 16rem; min-width: 0; max-height: 12rem; overflow: auto; }
      button { font-size: 0.85rem; padding: 0.15rem 0.5rem; }
      @media (max-width: 760px) { .row { grid-template-columns: 1fr; } .gutter { display: none; } }
    `,
  ];
  declare kind: ReferenceMarkKind;
  /** The compared revision as named on screen, e.g. 第1版. */
  declare revision: string;
  /** Its value of the item, or the entry's name. */
  declare text: string;
  declare pointer: string;
  declare in: 'draft' | 'reference';
  /** The item's official label, for the button's accessible name and the notice after restoring. */
  declare label: string;

  constructor() {
    super();
    this.kind = 'item';
    this.text = '';
    this.in = 'draft';
  }

  private what(): string {
    if (this.kind === 'item') return `${msg('referenceValue', { revision: this.revision })}：`;
    if (this.kind === 'missing') return msg('referenceEntryMissing', { revision: this.revision });
    return this.text;
  }

  override render(): TemplateResult {
    const mark = html`<div class="mark">
      <span class="what">${this.what()}</span>
      ${this.kind === 'entry' ? '' : html`<span class="value">${this.text}</span>`}
      <button type="button" aria-label=${msg('referenceRestoreNamed', { label: this.label })}
        @click=${() => emit(this, 'pia-restore', { pointer: this.pointer, in: this.in, label: this.label })}>${msg('referenceRestore')}</button>
    </div>`;
    return this.kind === 'item' ? html`<div class="row"><div class="gutter"></div>${mark}</div>` : mark;
  }
}

customElements.define('pia-reference-mark', PiaReferenceMark);
declare global {
  interface HTMLElementTagNameMap {
    'pia-reference-mark': PiaReferenceMark;
  }
}
