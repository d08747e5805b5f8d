import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import type { FormId } from '../../../src/schema/documents.js';
import { itemPath } from '../../../src/schema/labels.js';
import { splitPointer } from '../../../src/schema/resolve.js';
import type { Conflict } from '../../controllers/assessment-controller.js';
import { emit } from '../../events.js';
import { differences, shownValue } from '../../form/differences.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary Shown when a save hits a newer version: the items that differ, theirs beside mine, and the choice
 * of which to keep. The user's edit is also shown in full so it can be copied whatever they choose.
 * @fires pia-conflict-resolve
 */
export class PiaConflictDialog extends LitElement {
  static override properties = { conflict: { attribute: false }, form: { type: String } };
  static override styles = [
    baseStyles,
    css`
      dialog { width: min(70rem, 96vw); max-height: 92vh; border: 0; border-radius: 8px; padding: 1.25rem 1.5rem;
        box-shadow: 0 10px 40px rgb(0 0 0 / 0.35); }
      dialog::backdrop { background: rgb(15 23 42 / 0.55); }
      h2 { margin: 0 0 0.5rem; font-size: 1.2rem; color: var(--pia-error); }
      .table { max-height: 45vh; overflow: auto; border: 1px solid var(--pia-line); }
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      th, td { border: 1px solid var(--pia-line); padding: 0.4rem 0.5rem; vertical-align: top; text-align: left; white-space: pre-wrap; word-break: break-word; }
      th { background: var(--pia-label-bg); position: sticky; top: 0; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1rem; justify-content: flex-end; }
      details { margin-top: 0.75rem; }
      textarea { font-family: monospace; font-size: 0.8rem; min-height: 8rem; max-height: 30vh; field-sizing: fixed; }
    `,
  ];
  declare conflict: Conflict | undefined;
  declare form: FormId;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('conflict')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.conflict && !dialog?.open) dialog?.showModal();
    if (!this.conflict && dialog?.open) dialog.close();
  }

  private rows(conflict: Conflict): TemplateResult[] {
    return differences(conflict.theirs, conflict.mine).map(
      (difference) => html`<tr>
        <th scope="row">${itemPath(this.form, splitPointer(difference.pointer)).join(' ＞ ')}</th>
        <td class="theirs">${shownValue(difference.theirs)}</td>
        <td class="mine">${shownValue(difference.mine)}</td>
      </tr>`,
    );
  }

  override render(): TemplateResult {
    const conflict = this.conflict;
    const rows = conflict ? this.rows(conflict) : [];
    // Escape would close the dialog without a decision; the choice must be explicit.
    return html`<dialog aria-labelledby="conflict-heading" @cancel=${(e: Event) => e.preventDefault()}>
      <h2 id="conflict-heading">${msg('conflictHeading')}</h2>
      <p>${msg('conflictIntro')}</p>
      <p>${msg('conflictDifferences', { count: rows.length })}</p>
      <div class="table" tabindex="0">
        <table>
          <thead><tr><th>${msg('colItem')}</th><th>${msg('conflictTheirs')}</th><th>${msg('conflictMine')}</th></tr></thead>
          <tbody>${rows}</tbody>
        </table>
      </div>
      <details>
        <summary>${msg('conflictMineCopy')}</summary>
        <textarea readonly aria-label=${msg('conflictMineCopy')} .value=${conflict ? JSON.stringify(conflict.mine, null, 2) : ''}></textarea>
      </details>
      <div class="actions">
        <button type="button" @click=${() => emit(this, 'pia-conflict-resolve', { keep: 'theirs' })}>${msg('conflictKeepTheirs')}</button>
        <button type="button" class="primary" @click=${() => emit(this, 'pia-conflict-resolve', { keep: 'mine' })}>${msg('conflictKeepMine')}</button>
      </div>
    </dialog>`;
  }
}

customElements.define('pia-conflict-dialog', PiaConflictDialog);
declare global {
  interface HTMLElementTagNameMap {
    'pia-conflict-dialog': PiaConflictDialog;
  }
}
