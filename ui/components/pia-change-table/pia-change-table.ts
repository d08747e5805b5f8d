import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { applyException, timingWarning } from '../../../src/diff/rows.js';
import { EXCEPTION_CODES, type ExceptionCode } from '../../../src/domain/revision.js';
import { formatWareki } from '../../../src/domain/wareki.js';
import { EXCEPTION_REASONS_JA } from '../../../src/messages.ja.js';
import type { ConfirmedRow } from '../../../src/server/dto.js';
import type { FormId } from '../../../src/schema/documents.js';
import { CHANGE_COLUMNS, changeColumnTitle, timingOptions, type ChangeColumn } from '../../form/change-columns.js';
import { editRow, mergeWithAbove, rowAbove, setDropped, splitMerged, type RowEntry } from '../../form/change-rows.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

type TextColumn = 'item' | 'before' | 'after' | 'explanation';

/**
 * @summary The 変更箇所 table (変更日 / 項目 / 変更前 / 変更後 / 提出時期 / 提出時期に係る説明). Every row is the
 * officer's legal judgement: when editable they rewrite its texts, set 提出時期 or an exception reason, drop it
 * (undoable until saved) or merge it into the row above. A 提出時期 that contradicts the ※ rule is flagged in words.
 * @fires pia-rows-change - the rows after an edit (detail: RowEntry[])
 */
export class PiaChangeTable extends LitElement {
  static override properties = { entries: { attribute: false }, editable: { type: Boolean }, form: { type: String } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; min-width: 72rem; background: #fff; font-size: 0.9rem; }
      th, td { border: 1px solid var(--pia-line-strong); padding: 0.45rem 0.55rem; vertical-align: top; text-align: left; }
      th { background: var(--pia-label-bg); white-space: nowrap; }
      td { white-space: pre-wrap; word-break: break-word; }
      td.date { white-space: nowrap; }
      td.item { width: 15%; }
      td.before, td.after { width: 20%; }
      td.explanation { width: 14%; }
      /* Controls, not printed text: the template's line breaks must not become blank lines. */
      td.timing, td.actions { white-space: normal; }
      td.timing > * { min-width: 11.5rem; }
      td.actions > * { min-width: 8.75rem; }
      textarea { max-height: 18em; overflow-y: auto; }
      select { width: 100%; }
      .timing-事前 { font-weight: 700; }
      .field { display: block; font-size: 0.8rem; color: var(--pia-muted); margin-top: 0.5rem; white-space: normal; }
      .flag { margin: 0.5rem 0 0; padding: 0.35rem 0.5rem; white-space: normal; font-size: 0.85rem;
        color: var(--pia-warn); background: #fdf3dc; border-left: 4px solid var(--pia-warn); }
      .flag strong { margin-right: 0.25rem; }
      .actions button { display: block; width: 100%; margin-bottom: 0.4rem; line-height: 1.4; font-size: 0.85rem; padding: 0.2rem 0.4rem; }
      tr.dropped td:not(.actions) { text-decoration: line-through; color: var(--pia-muted); background: #f7f7f7; }
      .dropped-note { font-size: 0.85rem; white-space: normal; margin: 0 0 0.4rem; }
    `,
  ];
  declare entries: readonly RowEntry[];
  declare editable: boolean;
  declare form: FormId;

  constructor() {
    super();
    this.entries = [];
    this.editable = false;
    this.form = 'yoshiki3';
  }

  private change(entries: RowEntry[], focus?: string): void {
    this.entries = entries;
    this.dispatchEvent(new CustomEvent('pia-rows-change', { detail: entries, bubbles: true, composed: true }));
    // The control the officer used may be gone (a merged or dropped row): keep the keyboard focus in the table.
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }

  private edit(entry: RowEntry, row: ConfirmedRow): void {
    this.change(editRow(this.entries, entry.key, row));
  }

  private label(column: ChangeColumn | 'exception', index: number): string {
    const title = column === 'exception' ? msg('exceptionLabel') : changeColumnTitle(this.form, column);
    return msg('rowLabel', { column: title, row: index + 1 });
  }

  private textArea(entry: RowEntry, index: number, column: TextColumn): TemplateResult {
    return html`<textarea aria-label=${this.label(column, index)} .value=${entry.row[column]}
      @input=${(e: Event) => this.edit(entry, { ...entry.row, [column]: (e.target as HTMLTextAreaElement).value })}></textarea>`;
  }

  /** 提出時期 is the officer's judgement too: the rule proposes it, they may overrule it (and are told when they do). */
  private timingCell(entry: RowEntry, index: number, warning: string | undefined): TemplateResult {
    const { row } = entry;
    const flagId = `flag-${entry.key}`;
    return html`<select aria-label=${this.label('timing', index)} aria-describedby=${warning ? flagId : nothing}
        @change=${(e: Event) => this.edit(entry, { ...row, timing: (e.target as HTMLSelectElement).value as ConfirmedRow['timing'] })}>
        ${timingOptions(this.form).map((option) => html`<option value=${option} ?selected=${row.timing === option}>${option || '―'}</option>`)}
      </select>
      ${row.important ? this.exceptionSelect(entry, index) : nothing}
      ${this.flag(warning, flagId)}`;
  }

  /** In words and with a sign, not colour alone; the 提出時期 select points at it with aria-describedby. */
  private flag(warning: string | undefined, id?: string): TemplateResult | typeof nothing {
    return warning ? html`<p class="flag" id=${id ?? nothing}><strong>⚠ ${msg('timingFlag')}</strong>${warning}</p>` : nothing;
  }

  /** Only a ※ row can be excused from being a 重要な変更 (rules.md §5.1). */
  private exceptionSelect(entry: RowEntry, index: number): TemplateResult {
    const id = `exception-${entry.key}`;
    return html`<label class="field" for=${id}>${msg('exceptionLabel')}</label>
      <select id=${id} aria-label=${this.label('exception', index)}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          this.edit(entry, applyException(entry.row, value === '' ? undefined : (value as ExceptionCode)));
        }}>
        <option value="" ?selected=${entry.row.exception === undefined}>${msg('exceptionNone')}</option>
        ${EXCEPTION_CODES.map((code) => html`<option value=${code} ?selected=${entry.row.exception === code}>${EXCEPTION_REASONS_JA[code]}</option>`)}
      </select>`;
  }

  private actions(entry: RowEntry, index: number): TemplateResult {
    const row = index + 1;
    if (entry.dropped) {
      return html`<p class="dropped-note">${msg('droppedRow')}</p>
        <button type="button" data-restore=${entry.key} aria-label=${msg('rowLabel', { column: msg('restoreRow'), row })}
          @click=${() => this.change(setDropped(this.entries, entry.key, false), `[data-drop="${entry.key}"]`)}>${msg('restoreRow')}</button>`;
    }
    const merge = (): void => {
      const merged = mergeWithAbove(this.entries, entry.key);
      if (merged) this.change(merged.entries, `[data-drop="${merged.key}"]`);
    };
    return html`
      <button type="button" ?disabled=${rowAbove(this.entries, entry.key) === undefined}
        aria-label=${msg('rowLabel', { column: msg('mergeRow'), row })} @click=${merge}>${msg('mergeRow')}</button>
      ${entry.parts
        ? html`<button type="button" aria-label=${msg('rowLabel', { column: msg('splitRow'), row })}
            @click=${() => this.change(splitMerged(this.entries, entry.key), `[data-drop="${entry.parts![0].key}"]`)}>${msg('splitRow')}</button>`
        : nothing}
      <button type="button" class="danger" data-drop=${entry.key} aria-label=${msg('rowLabel', { column: msg('dropRow'), row })}
        @click=${() => this.change(setDropped(this.entries, entry.key, true), `[data-restore="${entry.key}"]`)}>${msg('dropRow')}</button>`;
  }

  private editableRow(entry: RowEntry, index: number): TemplateResult {
    const { row } = entry;
    if (entry.dropped) return this.plainRow(entry, this.actions(entry, index));
    return html`<tr>
      <td class="date">${row.date ? formatWareki(row.date) : ''}</td>
      <td class="item">${this.textArea(entry, index, 'item')}</td>
      <td class="before">${this.textArea(entry, index, 'before')}</td>
      <td class="after">${this.textArea(entry, index, 'after')}</td>
      <td class="timing timing-${row.timing}">${this.timingCell(entry, index, timingWarning(row))}</td>
      <td class="explanation">${this.textArea(entry, index, 'explanation')}</td>
      <td class="actions">${this.actions(entry, index)}</td>
    </tr>`;
  }

  /** A row as printed: read-only tables, and a dropped row (struck through, with its undo button). */
  private plainRow(entry: RowEntry, actions?: TemplateResult): TemplateResult {
    const { row } = entry;
    return html`<tr class=${entry.dropped ? 'dropped' : ''}>
      <td class="date">${row.date ? formatWareki(row.date) : ''}</td>
      <td class="item">${row.item}</td>
      <td class="before">${row.before}</td>
      <td class="after">${row.after}</td>
      <td class="timing timing-${row.timing}">${row.timing}${entry.dropped ? nothing : this.flag(timingWarning(row))}</td>
      <td class="explanation">${row.explanation}</td>
      ${actions ? html`<td class="actions">${actions}</td>` : nothing}
    </tr>`;
  }

  override render(): TemplateResult {
    return html`<table>
      <thead><tr>
        ${CHANGE_COLUMNS.map((column) => html`<th scope="col">${changeColumnTitle(this.form, column)}</th>`)}
        ${this.editable ? html`<th scope="col">${msg('colRowActions')}</th>` : nothing}
      </tr></thead>
      <tbody>
        ${repeat(
          this.entries,
          (entry) => entry.key,
          (entry, index) => (this.editable ? this.editableRow(entry, index) : this.plainRow(entry)),
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
    'pia-rows-change': CustomEvent<RowEntry[]>;
  }
}
