import { html, nothing, type TemplateResult } from 'lit';
import { formatWareki } from '../../../src/domain/wareki.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { PiaFieldBase } from '../field-base.js';
import { fieldRow, fieldStyles } from '../field-styles.js';

export type TextMode = 'text' | 'multiline' | 'count' | 'number' | 'date' | 'lines';

const toNumber = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * @summary A typed-in answer: one line, a growing text box, a count （ ）件, a number, a date (shown in 和暦 too)
 * or a list written one item per line.
 * @fires pia-value-change
 */
export class PiaFieldText extends PiaFieldBase<unknown> {
  static override properties = { ...PiaFieldBase.properties, mode: { type: String } };
  static override styles = [baseStyles, fieldStyles];
  declare mode: TextMode;

  constructor() {
    super();
    this.mode = 'text';
  }

  private control(): TemplateResult {
    const describedBy = this.issues.length > 0 ? 'issues' : nothing;
    const value = this.value;
    switch (this.mode) {
      case 'multiline':
        return html`<textarea id="input" ?readonly=${this.locked} aria-describedby=${describedBy} .value=${String(value ?? '')}
          @input=${(e: Event) => this.change((e.target as HTMLTextAreaElement).value)}></textarea>`;
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
          .value=${String(value ?? '')} @input=${(e: Event) => this.change((e.target as HTMLInputElement).value)} />`;
    }
  }

  override render(): TemplateResult {
    return fieldRow(this.label, 'input', this.control(), this.issues);
  }
}

customElements.define('pia-field-text', PiaFieldText);
declare global {
  interface HTMLElementTagNameMap {
    'pia-field-text': PiaFieldText;
  }
}
