import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { FormId } from '../../../src/schema/documents.js';
import { formRevisionOf } from '../../../src/schema/validate.js';
import type { MergeConflict, Side } from '../../../src/merge/index.js';
import type { Conflict } from '../../controllers/assessment-controller.js';
import { emit } from '../../events.js';
import { shownValue } from '../../form/shown-value.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

const SIDES = ['mine', 'theirs', 'base'] as const satisfies readonly Side[];
const SIDE_LABEL = { mine: 'conflictMine', theirs: 'conflictTheirs', base: 'conflictBase' } as const;

/**
 * @summary Shown when a save meets a newer version and some items were changed on both sides: only those items,
 * each with your edit, the other person's and the version you both started from side by side, and a choice per
 * item. Every other change of both sides is already merged and stays whatever is chosen here.
 * @fires pia-conflict-resolve
 */
export class PiaConflictDialog extends LitElement {
  static override properties = { conflict: { attribute: false }, form: { type: String }, choices: { state: true } };
  static override styles = [
    baseStyles,
    css`
      dialog { width: min(80rem, 96vw); max-height: 92vh; border: 0; border-radius: 8px; padding: 1.25rem 1.5rem;
        box-shadow: 0 10px 40px rgb(0 0 0 / 0.35); }
      dialog::backdrop { background: rgb(15 23 42 / 0.55); }
      h2 { margin: 0 0 0.5rem; font-size: 1.2rem; color: var(--pia-error); }
      .items { max-height: 60vh; overflow: auto; }
      fieldset { border: 1px solid var(--pia-line); border-radius: 6px; margin: 0 0 0.75rem; padding: 0.5rem 0.75rem 0.75rem; }
      legend { font-weight: 700; padding: 0 0.25rem; }
      .sides { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.5rem; }
      label.side { display: flex; flex-direction: column; gap: 0.25rem; border: 1px solid var(--pia-line); border-radius: 4px;
        padding: 0.4rem 0.5rem; cursor: pointer; min-width: 0; }
      label.side:has(input:checked) { border-color: var(--pia-accent); box-shadow: 0 0 0 2px var(--pia-accent) inset; }
      .side-name { font-size: 0.85rem; font-weight: 700; display: flex; gap: 0.35rem; align-items: center; }
      .value { white-space: pre-wrap; word-break: break-word; font-size: 0.9rem; max-height: 14rem; overflow: auto; }
      .all { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.5rem 0; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; margin-top: 1rem; justify-content: flex-end; align-items: center; }
      @media (max-width: 760px) { .sides { grid-template-columns: 1fr; } }
    `,
  ];
  declare conflict: Conflict | undefined;
  declare form: FormId;
  /** The side chosen per conflicting item (by MergeConflict.key). */
  declare choices: Record<string, Side>;

  constructor() {
    super();
    this.choices = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('conflict')) this.choices = {};
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('conflict')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (this.conflict && !dialog?.open) dialog?.showModal();
    if (!this.conflict && dialog?.open) dialog.close();
  }

  private choose(key: string, side: Side): void {
    this.choices = { ...this.choices, [key]: side };
  }

  private chooseAll(side: Side): void {
    this.choices = Object.fromEntries((this.conflict?.merge.conflicts ?? []).map((item) => [item.key, side]));
  }

  private item(conflict: Conflict, item: MergeConflict, index: number): TemplateResult {
    const revision = formRevisionOf(conflict.mine);
    return html`<fieldset class="conflict" data-pointer=${item.pointer}>
      <legend id=${`item-${index}`}>${item.label}</legend>
      <div class="sides">
        ${SIDES.map(
          (side) => html`<label class="side ${side}">
            <span class="side-name"><input type="radio" name=${`choice-${index}`} value=${side}
              .checked=${this.choices[item.key] === side} @change=${() => this.choose(item.key, side)} />${msg(SIDE_LABEL[side])}</span>
            <span class="value">${item.kind === 'entry' && item[side] === undefined
              ? msg('conflictDeleted')
              : shownValue(this.form, item.pointer, item[side], revision)}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  override render(): TemplateResult {
    const conflict = this.conflict;
    const items = conflict?.merge.conflicts ?? [];
    const merged = conflict?.merge.incoming.length ?? 0;
    const missing = items.filter((item) => !this.choices[item.key]).length;
    // Escape would close the dialog without a decision; the choice must be explicit.
    return html`<dialog aria-labelledby="conflict-heading" @cancel=${(e: Event) => e.preventDefault()}>
      <h2 id="conflict-heading">${msg('conflictHeading')}</h2>
      <p>${msg('conflictIntro', { count: items.length })}</p>
      ${merged > 0 ? html`<p>${msg('conflictMerged', { count: merged })}</p>` : nothing}
      <div class="all">
        <button type="button" @click=${() => this.chooseAll('mine')}>${msg('conflictAllMine')}</button>
        <button type="button" @click=${() => this.chooseAll('theirs')}>${msg('conflictAllTheirs')}</button>
      </div>
      <div class="items">${conflict ? items.map((item, index) => this.item(conflict, item, index)) : nothing}</div>
      <div class="actions">
        ${missing > 0 ? html`<span role="status">${msg('conflictChooseRemaining', { count: missing })}</span>` : nothing}
        <button type="button" class="primary" ?disabled=${missing > 0}
          @click=${() => emit(this, 'pia-conflict-resolve', { choices: this.choices })}>${msg('conflictSave')}</button>
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
