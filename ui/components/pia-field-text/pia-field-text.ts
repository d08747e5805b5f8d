import { css, html, nothing, type TemplateResult } from 'lit';
import { formatWareki } from '../../../src/domain/wareki.js';
import type { LocatedWithheld } from '../../../src/withheld/index.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { PiaFieldBase } from '../field-base.js';
import { fieldRow, fieldStyles } from '../field-styles.js';
import '../pia-withheld-list/pia-withheld-list.js';

export type TextMode = 'text' | 'multiline' | 'count' | 'number' | 'date' | 'lines';

const toNumber = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * @summary A typed-in answer: one line, a growing text box, a count （ ）件, a number, a date (shown in 和暦 too)
 * or a list written one item per line.
 * @fires pia-value-change
 */
export class PiaFieldText extends PiaFieldBase<unknown> {
  static override properties = {
    ...PiaFieldBase.properties,
    mode: { type: String },
    withholdable: { type: Boolean },
    withheld: { attribute: false },
    selection: { state: true },
  };
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      /* Sticks to the bottom of the window while a tall box runs below it: the action is seen beside the selection. */
      .withhold { position: sticky; bottom: 0.5rem; z-index: 1; width: fit-content; margin-top: 0.3rem; font-size: 0.85rem; }
      .withhold button { box-shadow: 0 1px 4px rgb(0 0 0 / 25%); }
    `,
  ];
  declare mode: TextMode;
  /** A free-text item: a selection of it may be flagged 非公表 (rules.md §8). */
  declare withholdable: boolean;
  /** The draft's 非公表 flags of this item, each with what it covers now. */
  declare withheld: readonly LocatedWithheld[];
  declare selection: { readonly start: number; readonly end: number } | undefined;

  constructor() {
    super();
    this.mode = 'text';
    this.withholdable = false;
    this.withheld = [];
    this.selection = undefined;
  }

  /**
   * The text the author has selected in the box, recorded as it changes (by mouse or keyboard): the 「非公表にする」
   * action acts on it, and stays usable after Tab moves the focus from the box to the action.
   */
  private noteSelection(event: Event): void {
    // Only where the action is offered; and a range unchanged is no update (keyup follows every keystroke).
    if (!this.offersWithhold) return;
    const input = event.target as HTMLInputElement | HTMLTextAreaElement;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    if (this.selection?.start === start && this.selection.end === end) return;
    this.selection = start !== end && input.value.slice(start, end).trim() !== '' ? { start, end } : undefined;
  }

  /** The selection is no longer the author's once the focus leaves the box and its action. */
  private leave(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.renderRoot.contains(next)) this.selection = undefined;
  }

  /** 「非公表にする」: the recorded selection, for the editor's dialog to ask the reason. */
  private requestWithhold(): void {
    if (!this.selection) return;
    const { start, end } = this.selection;
    this.selection = undefined;
    emit(this, 'pia-withhold-request', { pointer: this.pointer, value: String(this.value ?? ''), start, end });
  }

  /** Whether a selection of this box may be flagged 非公表 here: a free text, by someone who may edit the draft. */
  private get offersWithhold(): boolean {
    return this.withholdable && (this.mode === 'text' || this.mode === 'multiline') && !this.locked;
  }

  /** The action shows only while there is a selection to act on: under every box it would be noise. */
  private withholdControls(): TemplateResult | typeof nothing {
    return html`
      ${this.offersWithhold && this.selection
        ? html`<div class="withhold">
            <button type="button" @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.requestWithhold()}
              @focusout=${this.leave}>${msg('withholdButton')}</button>
          </div>`
        : nothing}
      ${this.withheld.length > 0 ? html`<pia-withheld-list .value=${String(this.value ?? '')} .flags=${this.withheld}></pia-withheld-list>` : nothing}
    `;
  }

  private control(): TemplateResult {
    const describedBy = this.issues.length > 0 ? 'issues' : nothing;
    const value = this.value;
    switch (this.mode) {
      case 'multiline':
        return html`<textarea id="input" ?readonly=${this.locked} aria-describedby=${describedBy} .value=${String(value ?? '')}
          @input=${(e: Event) => this.change((e.target as HTMLTextAreaElement).value)}
          @select=${this.noteSelection} @keyup=${this.noteSelection} @mouseup=${this.noteSelection} @focusout=${this.leave}></textarea>`;
      case 'lines':
        return html`<textarea id="input" ?readonly=${this.locked} aria-describedby=${describedBy}
          .value=${Array.isArray(value) ? value.join('\n') : ''}
          @input=${(e: Event) => this.change((e.target as HTMLTextAreaElement).value.split('\n'))}></textarea>
          <p class="hint">${msg('listOnePerLine')}</p>`;
      case 'count':
      case 'number':
        return html`<input id="input" ?readonly=${this.locked} type="number" inputmode="numeric" min="0" step="1" aria-describedby=${describedBy}
          style="width: 9rem" .value=${value === null || value === undefined ? '' : String(value)}
          @input=${(e: Event) => this.change(toNumber((e.target as HTMLInputElement).value))} />
          ${this.mode === 'count' ? html`<span>${msg('countUnit')}</span>` : nothing}`;
      case 'date':
        return html`<input id="input" ?readonly=${this.locked} type="date" aria-describedby=${describedBy} .value=${String(value ?? '')}
          @input=${(e: Event) => this.change((e.target as HTMLInputElement).value || null)} />
          ${typeof value === 'string' && value ? html`<span class="hint">${formatWareki(value)}</span>` : nothing}`;
      default:
        return html`<input id="input" ?readonly=${this.locked} type="text" style="width: 100%" aria-describedby=${describedBy}
          .value=${String(value ?? '')} @input=${(e: Event) => this.change((e.target as HTMLInputElement).value)}
          @select=${this.noteSelection} @keyup=${this.noteSelection} @mouseup=${this.noteSelection} @focusout=${this.leave} />`;
    }
  }

  override render(): TemplateResult {
    return fieldRow(this.label, 'input', html`${this.control()}${this.withholdControls()}`, this.issues);
  }
}

customElements.define('pia-field-text', PiaFieldText);
declare global {
  interface HTMLElementTagNameMap {
    'pia-field-text': PiaFieldText;
  }
}
