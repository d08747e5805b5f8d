import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { PiaFieldBase } from '../field-base.js';
import { fieldRow, fieldStyles } from '../field-styles.js';

/** Long ＜選択肢＞ lists read better in a drop-down; short ones as radio buttons, like the printed box. */
const MAX_RADIO_OPTIONS = 4;

/**
 * @summary A ＜選択肢＞ answer: the options exactly as the schema lists them, numbered as on the form.
 * @fires pia-value-change
 */
export class PiaFieldChoice extends PiaFieldBase<string | null> {
  static override properties = {
    ...PiaFieldBase.properties,
    options: { attribute: false },
    numbers: { attribute: false },
  };
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
      legend { font-size: 0.8rem; color: var(--pia-muted); padding: 0; margin-bottom: 0.2rem; }
      label.option { display: inline-flex; align-items: center; gap: 0.4rem; min-height: 2rem; cursor: pointer; }
      input[type='radio'] { width: 1.1rem; height: 1.1rem; margin: 0; }
      .clear { font-size: 0.85rem; padding: 0 0.4rem; min-height: 1.8rem; }
    `,
  ];
  declare options: readonly string[];
  /** The number printed before each option, as the PDF's ＜選択肢＞ box prints it (`1）`, `2)` …). */
  declare numbers: readonly string[];

  constructor() {
    super();
    this.options = [];
    this.numbers = [];
    this.value = null;
  }

  private optionText(option: string, index: number): string {
    const number = this.numbers[index];
    return number ? `${number} ${option}` : option;
  }

  private radios(): TemplateResult {
    return html`
      <fieldset aria-labelledby="label" aria-describedby=${this.issues.length > 0 ? 'issues' : nothing}>
        <legend>${msg('choicesHeading')}</legend>
        ${this.options.map(
          (option, index) => html`<label class="option">
            <input type="radio" ?disabled=${this.locked} name="choice" .value=${option} .checked=${this.value === option}
              @change=${() => this.change(option)} />${this.optionText(option, index)}</label>`,
        )}
        ${this.value !== null && !this.locked
          ? html`<button type="button" class="quiet clear" @click=${() => this.change(null)}>${msg('clearChoice')}</button>`
          : nothing}
      </fieldset>
    `;
  }

  private select(): TemplateResult {
    return html`
      <select id="input" ?disabled=${this.locked} aria-describedby=${this.issues.length > 0 ? 'issues' : nothing}
        @change=${(e: Event) => {
          const index = (e.target as HTMLSelectElement).selectedIndex;
          this.change(index === 0 ? null : (this.options[index - 1] ?? null));
        }}>
        <option .selected=${this.value === null}>${msg('notAnswered')}</option>
        ${this.options.map(
          (option, index) => html`<option .selected=${this.value === option}>${this.optionText(option, index)}</option>`,
        )}
      </select>
    `;
  }

  override render(): TemplateResult {
    const asRadios = this.options.length <= MAX_RADIO_OPTIONS;
    return fieldRow(this.label, asRadios ? undefined : 'input', asRadios ? this.radios() : this.select(), this.issues);
  }
}

customElements.define('pia-field-choice', PiaFieldChoice);
declare global {
  interface HTMLElementTagNameMap {
    'pia-field-choice': PiaFieldChoice;
  }
}
