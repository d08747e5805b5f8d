import { LitElement, css, html, type TemplateResult } from 'lit';
import { formatWareki } from '../../../src/domain/wareki.js';
import type { ConfirmedRow } from '../../../src/server/dto.js';
import type { FormId } from '../../../src/schema/documents.js';
import { CHANGE_COLUMNS, changeColumnTitle, timingOptions } from '../../form/change-columns.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary The 変更箇所 table (変更日 / 項目 / 変更前 / 変更後 / 提出時期 / 提出時期に係る説明) with the
 * explanation editable, since it is the officer's judgement.
 * @fires pia-rows-change - the rows after an edit (detail: ConfirmedRow[])
 */
export class PiaChangeTable extends LitElement {
  static override properties = { rows: { attribute: false }, editable: { type: Boolean }, form: { type: String } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; min-width: 56rem; background: #fff; font-size: 0.9rem; }
      th, td { border: 1px solid var(--pia-line-strong); padding: 0.45rem 0.55rem; vertical-align: top; text-align: left; }
      th { background: var(--pia-label-bg); white-space: nowrap; }
      td { white-space: pre-wrap; word-break: break-word; }
      td.date, td.timing { white-space: nowrap; }
      td.before, td.after { width: 22%; }
      td.explanation { width: 22%; }
      textarea { min-height: 3.5em; }
      .timing-事前 { color: var(--pia-error); font-weight: 700; }
    `,
  ];
  declare rows: readonly ConfirmedRow[];
  declare editable: boolean;
  declare form: FormId;

  constructor() {
    super();
    this.rows = [];
    this.editable = false;
    this.form = 'yoshiki3';
  }

  private edit(index: number, patch: Partial<Pick<ConfirmedRow, 'timing' | 'explanation'>>): void {
    const rows = this.rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
    this.rows = rows;
    this.dispatchEvent(new CustomEvent('pia-rows-change', { detail: rows, bubbles: true, composed: true }));
  }

  /** 提出時期 is the officer's judgement too: the rule proposes it, they may overrule it. */
  private timingSelect(row: ConfirmedRow, index: number): TemplateResult {
    return html`<select aria-label=${`${changeColumnTitle(this.form, 'timing')}（${row.item}）`}
      @change=${(e: Event) => this.edit(index, { timing: (e.target as HTMLSelectElement).value as ConfirmedRow['timing'] })}>
      ${timingOptions(this.form).map((option) => html`<option value=${option} ?selected=${row.timing === option}>${option || '―'}</option>`)}
    </select>`;
  }

  override render(): TemplateResult {
    return html`<table>
      <thead><tr>${CHANGE_COLUMNS.map((column) => html`<th>${changeColumnTitle(this.form, column)}</th>`)}</tr></thead>
      <tbody>
        ${this.rows.map(
          (row, index) => html`<tr>
            <td class="date">${row.date ? formatWareki(row.date) : ''}</td>
            <td class="item">${row.item}</td>
            <td class="before">${row.before}</td>
            <td class="after">${row.after}</td>
            <td class="timing timing-${row.timing}">${this.editable ? this.timingSelect(row, index) : row.timing}</td>
            <td class="explanation">${this.editable
              ? html`<textarea aria-label=${`${changeColumnTitle(this.form, 'explanation')}（${row.item}）`} .value=${row.explanation}
                  @input=${(e: Event) => this.edit(index, { explanation: (e.target as HTMLTextAreaElement).value })}></textarea>`
              : row.explanation}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

customElements.define('pia-change-table', PiaChangeTable);
declare global {
  interface HTMLElementTagNameMap {
    'pia-change-table': PiaChangeTable;
  }
  interface GlobalEventHandlersEventMap {
    'pia-rows-change': CustomEvent<ConfirmedRow[]>;
  }
}
