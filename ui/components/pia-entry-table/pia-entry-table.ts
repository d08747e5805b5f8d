import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { isBlank } from '../../../src/domain/blank.js';
import type { FormId } from '../../../src/schema/documents.js';
import type { ValidationIssue } from '../../../src/schema/issues.js';
import { titleOf, type FormRevision } from '../../../src/schema/labels.js';
import { formatValue } from '../../../src/schema/outline.js';
import { childNode, keyword, type ResolvedNode } from '../../../src/schema/resolve.js';
import type { LocatedWithheld } from '../../../src/withheld/index.js';
import { emit } from '../../events.js';
import { entryActions } from '../../form/entry-actions.js';
import { entryKey, withEntryAdded, withEntryMoved, withEntryRemoved } from '../../form/entries.js';
import { childPointer } from '../../form/pointer.js';
import { entryNoun, renderChildren, renderContext } from '../../form/render-node.js';
import { revealIn } from '../../form/reveal.js';
import { msg } from '../../messages.ja.js';
import { formStyles } from '../../styles/form.js';
import { baseStyles } from '../../styles/theme.js';
import '../pia-field-checks/pia-field-checks.js';
import '../pia-field-choice/pia-field-choice.js';
import '../pia-field-text/pia-field-text.js';

type Column = { key: string; node: ResolvedNode; title: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A cell as the form prints it: dates in 和暦 (or, for a row that keeps its imported document's spelling of the
 * date, x-role printedDate, that spelling), texts with their line breaks.
 */
const cellText = (column: Column, entry: unknown, revision: FormRevision | undefined, printedDate: string | undefined): string => {
  const record = isRecord(entry) ? entry : {};
  const value = record[column.key];
  const kind = keyword<string>(column.node, 'x-kind');
  const spelled = printedDate === undefined ? undefined : record[printedDate];
  if (kind === 'date' && typeof spelled === 'string' && !isBlank(spelled)) return spelled;
  if (kind) return formatValue(column.node, value, { revision }) ?? '';
  return value === null || value === undefined ? '' : String(value);
};

/**
 * @summary A repeated group as a read-only table, one row per entry, with an edit action per row that opens the
 * entry's fields in place (and closes them again). Used for the imported 変更箇所 history (x-layout: table),
 * which runs to hundreds of rows that are read far more often than edited.
 * @fires pia-value-change
 */
export class PiaEntryTable extends LitElement {
  static override properties = {
    form: { type: String },
    revision: { type: String },
    node: { attribute: false },
    value: { attribute: false },
    pointer: { type: String },
    depth: { type: Number },
    issues: { attribute: false },
    withheld: { attribute: false },
    open: { state: true },
  };
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host { display: block; }
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      th, td { border: 1px solid var(--pia-line); padding: 0.4rem 0.5rem; vertical-align: top; text-align: left; }
      th { background: var(--pia-label-bg); font-weight: 700; }
      td { white-space: pre-wrap; word-break: break-word; }
      td.number, td.date, th.timing, td.timing { white-space: nowrap; }
      td.item { width: 12%; }
      td.before, td.after { width: 27%; }
      td.explanation { width: 14%; }
      td.number { text-align: right; color: var(--pia-muted); }
      td.actions { white-space: nowrap; }
      tr.invalid td.number { box-shadow: inset 4px 0 0 var(--pia-error); color: var(--pia-error); font-weight: 700; }
      tr.issues td { border-top: 0; white-space: normal; }
      tr.issues .issue { margin: 0; }
      td.editing { padding: 0; white-space: normal; background: var(--pia-surface); }
      td.editing .entry { margin: 0.5rem; }
      .add { margin: 0.75rem 0.75rem 0.25rem; }
      /* A narrow window: each row becomes a card, each cell headed by its column's title. */
      @media (max-width: 760px) {
        thead { display: none; }
        table, tbody, tr, td { display: block; width: 100%; }
        tr { border-top: 2px solid var(--pia-line-strong); }
        td { border: 0; border-top: 1px solid var(--pia-line); }
        td[data-title]::before { content: attr(data-title); display: block; color: var(--pia-muted); font-size: 0.8rem; }
        td.item, td.before, td.after, td.explanation { width: auto; }
        td.number { text-align: left; font-weight: 700; color: var(--pia-ink); background: var(--pia-label-bg); }
        td.number::before { content: attr(data-noun); }
        td.actions { padding-top: 0; border-top: 0; }
      }
    `,
  ];

  declare form: FormId;
  declare revision: FormRevision | undefined;
  declare node: ResolvedNode;
  declare value: readonly unknown[];
  declare pointer: string;
  declare depth: number;
  declare issues: readonly ValidationIssue[];
  /** The 非公表 flags of the rows' texts (rules.md §8), shown under the fields of a row opened for editing. */
  declare withheld: readonly LocatedWithheld[];
  /** Keys of the entries open for editing. */
  declare open: ReadonlySet<string>;
  private columns: Column[] = [];
  /** The key of the date's printed spelling: shown in the date's column, edited in the opened row. */
  private printedDate: string | undefined;
  private noun = '';
  /** An entry being added: opened, and its first field focused, once it arrives as part of the value. */
  private adding: number | undefined;

  constructor() {
    super();
    this.value = [];
    this.depth = 1;
    this.issues = [];
    this.withheld = [];
    this.open = new Set();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.adding !== undefined && this.adding < this.value.length) {
      this.open = new Set([...this.open, entryKey(this.value[this.adding], this.adding)]);
    }
    if (!changed.has('node') && !changed.has('revision')) return;
    const itemNode = childNode(this.node, '0')!;
    this.noun = entryNoun(this.node, this.revision);
    const roleOf = (key: string): string | undefined => keyword<string>(childNode(itemNode, key)!, 'x-role');
    this.printedDate = [...itemNode.properties.keys()].find((key) => roleOf(key) === 'printedDate');
    this.columns = [...itemNode.properties.keys()].flatMap((key) => {
      const node = childNode(itemNode, key)!;
      if (keyword<boolean>(node, 'x-printed') === false || key === this.printedDate) return [];
      return [{ key, node, title: titleOf(node, this.revision) ?? key }];
    });
  }

  protected override updated(): void {
    const added = this.adding;
    if (added === undefined || added >= this.value.length) return;
    this.adding = undefined;
    // Once this update is over, the new row's fields have rendered too.
    void this.updateComplete.then(() => this.focusRow(added));
  }

  /** Open the row of a place inside the table, then scroll to the place and focus it. */
  async reveal(pointer: string): Promise<boolean> {
    const index = Number(pointer.slice(this.pointer.length + 1).split('/')[0]);
    if (!Number.isInteger(index) || index < 0 || index >= this.value.length) return false;
    await this.setOpen(index, true);
    return revealIn(this.renderRoot, pointer);
  }

  private async setOpen(index: number, open: boolean): Promise<void> {
    const key = entryKey(this.value[index], index);
    const keys = new Set(this.open);
    if (open) keys.add(key);
    else keys.delete(key);
    this.open = keys;
    await this.updateComplete;
  }

  /**
   * Emit the group's new entries; `newIndexOf` says where each old entry goes (undefined: removed), so the rows
   * open for editing stay open on the same entries whatever keys identify them.
   */
  private change(next: unknown[], newIndexOf: (index: number) => number | undefined = (index) => index): void {
    const entries = this.value;
    const open = new Set<string>();
    entries.forEach((entry, index) => {
      const to = newIndexOf(index);
      if (to !== undefined && this.open.has(entryKey(entry, index))) open.add(entryKey(entry, to));
    });
    this.open = open;
    emit(this, 'pia-value-change', { pointer: this.pointer, value: next });
  }

  private focusRow(index: number): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-row="${index}"] :is(pia-field-text, pia-field-choice, pia-field-checks)`)?.focus();
  }

  private async edit(index: number): Promise<void> {
    await this.setOpen(index, true);
    this.focusRow(index);
  }

  private async close(index: number): Promise<void> {
    await this.setOpen(index, false);
    this.renderRoot.querySelector<HTMLElement>(`[data-row="${index}"] button.edit`)?.focus();
  }

  private add(): void {
    this.adding = this.value.length;
    this.change(withEntryAdded(this.node, this.value));
  }

  private moveEntry(index: number, offset: -1 | 1): void {
    const target = index + offset;
    this.change(withEntryMoved(this.value, index, offset), (i) => (i === index ? target : i === target ? index : i));
  }

  private removeEntry(index: number): void {
    this.change(withEntryRemoved(this.value, index), (i) => (i < index ? i : i === index ? undefined : i - 1));
  }

  private rowIssues(rowPointer: string): ValidationIssue[] {
    return this.issues.filter((issue) => issue.pointer === rowPointer || issue.pointer.startsWith(`${rowPointer}/`));
  }

  /** An issue of a row, named by its column: 変更日：日付は YYYY-MM-DD の形式で… */
  private issueText(issue: ValidationIssue, rowPointer: string): string {
    const key = issue.pointer.slice(rowPointer.length + 1).split('/')[0];
    const column = this.columns.find((candidate) => candidate.key === key);
    return column ? `${column.title}：${issue.message}` : issue.message;
  }

  private readRow(entry: unknown, index: number, issues: readonly ValidationIssue[]): TemplateResult {
    const label = `${this.noun}${index + 1}`;
    const rowPointer = childPointer(this.pointer, index);
    return html`<tr data-row=${index} class=${issues.length > 0 ? 'invalid' : ''}>
        <td class="number" data-noun=${this.noun}>${index + 1}</td>
        ${this.columns.map(
          (column) => html`<td class=${column.key} data-title=${column.title}>${cellText(column, entry, this.revision, this.printedDate)}</td>`,
        )}
        <td class="actions">
          <button type="button" class="edit" aria-label=${msg('editEntry', { label })} @click=${() => void this.edit(index)}>
            ${msg('editAction')}</button>
        </td>
      </tr>
      ${issues.length > 0
        ? html`<tr class="issues"><td colspan=${this.columns.length + 2}>
            ${issues.map((issue) => html`<p class="issue">${this.issueText(issue, rowPointer)}</p>`)}</td></tr>`
        : nothing}`;
  }

  private editRow(entry: unknown, index: number, issues: readonly ValidationIssue[]): TemplateResult {
    const label = `${this.noun}${index + 1}`;
    const rowPointer = childPointer(this.pointer, index);
    const ctx = renderContext({ form: this.form, revision: this.revision, host: this, withheld: this.withheld }, issues);
    return html`<tr data-row=${index}><td class="editing" colspan=${this.columns.length + 2}>
      <div class="entry" data-pointer=${rowPointer}>
        <div class="entry-head">
          <span class="entry-title">${label}</span>
          <span class="entry-actions">${entryActions({
            label,
            index,
            count: this.value.length,
            move: (offset) => this.moveEntry(index, offset),
            remove: () => this.removeEntry(index),
            removeText: msg('remove'),
          })}
            <button type="button" class="close" aria-label=${msg('closeEntry', { label })} @click=${() => void this.close(index)}>
              ${msg('closeAction')}</button>
          </span>
        </div>
        ${renderChildren(ctx, childNode(this.node, '0')!, entry, rowPointer, this.depth + 1)}
      </div>
    </td></tr>`;
  }

  override render(): TemplateResult {
    const entries = this.value;
    return html`
      <table>
        <thead>
          <tr>
            <th scope="col"><span class="visually-hidden">${this.noun}</span></th>
            ${this.columns.map((column) => html`<th scope="col" class=${column.key}>${column.title}</th>`)}
            <th scope="col"><span class="visually-hidden">${msg('colRowActions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            entries,
            (entry, index) => entryKey(entry, index),
            (entry, index) => {
              const isOpen = this.open.has(entryKey(entry, index));
              const issues = this.rowIssues(childPointer(this.pointer, index));
              const issueKey = issues.map((issue) => `${issue.pointer}\u0000${issue.message}`).join('\u0001');
              // A row is rebuilt only when its entry, place, state or issues change (not on every keystroke elsewhere).
              return guard([entry, index, isOpen && entries.length, issueKey, this.columns], () =>
                isOpen ? this.editRow(entry, index, issues) : this.readRow(entry, index, issues),
              );
            },
          )}
        </tbody>
      </table>
      ${entries.length === 0 ? html`<p class="empty">${msg('noEntries')}</p>` : nothing}
      <button type="button" class="add" @click=${() => this.add()}>＋ ${msg('addEntry', { label: this.noun })}</button>
    `;
  }
}

customElements.define('pia-entry-table', PiaEntryTable);
declare global {
  interface HTMLElementTagNameMap {
    'pia-entry-table': PiaEntryTable;
  }
}
