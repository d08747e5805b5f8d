import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { FormId } from '../../../src/server/dto.js';
import { migrate, type MigrationReport } from '../../../src/reuse/index.js';
import { formRevisionOf, formRevisions } from '../../../src/schema/validate.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { dialogStyles } from '../dialog-styles.js';
import '../pia-migration-report/pia-migration-report.js';

/** `to`: the form revision the officer chose. */
export type MigrateApplyDetail = { to: string };

/**
 * @summary 様式の版を移行: the officer picks another revision of the form and sees, before applying, what the move
 * reports (computed in the browser by the same src/reuse the CLI and the API run); the editor applies it as one
 * undoable edit. A link in the report closes the dialog and goes to the item.
 * @fires pia-migrate-apply
 * @fires pia-reveal
 */
export class PiaMigrateDialog extends LitElement {
  static override properties = { form: { attribute: false }, data: { attribute: false }, target: { state: true } };
  static override styles = [baseStyles, dialogStyles];
  declare form: FormId | undefined;
  declare data: Record<string, unknown> | undefined;
  /** The chosen revision; the preview follows it. */
  declare target: string;

  constructor() {
    super();
    this.target = '';
    // Going to an item from the report: the dialog gives way so the item can be seen.
    this.addEventListener('pia-reveal', () => this.dialog?.close());
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private others(): string[] {
    const current = this.data ? formRevisionOf(this.data) : undefined;
    return this.form ? formRevisions(this.form).filter((revision) => revision !== current) : [];
  }

  open(): void {
    this.target = this.others()[0] ?? '';
    this.dialog?.showModal();
  }

  private preview(): MigrationReport | undefined {
    const from = this.data ? formRevisionOf(this.data) : undefined;
    if (!this.form || !this.data || !from || !this.target) return undefined;
    return migrate(this.form, from, this.target, this.data).report;
  }

  private apply(event: SubmitEvent): void {
    event.preventDefault();
    this.dialog?.close();
    this.dispatchEvent(new CustomEvent<MigrateApplyDetail>('pia-migrate-apply', { detail: { to: this.target }, bubbles: true, composed: true }));
  }

  override render(): TemplateResult {
    const others = this.others();
    const current = this.data ? formRevisionOf(this.data) : undefined;
    return html`<dialog aria-labelledby="migrate-heading">
      <form @submit=${(e: SubmitEvent) => this.apply(e)}>
        <h2 id="migrate-heading">${msg('migrateHeading')}</h2>
        <div class="body">
          <p>${msg('migrateCurrent', { revision: current ?? '' })}</p>
          <p class="hint">${msg('migrateIntro')}</p>
          ${others.length === 0
            ? html`<p>${msg('migrateNoOther')}</p>`
            : html`<label for="migrate-target">${msg('migrateTargetLabel')}</label>
                <select id="migrate-target" name="to" @change=${(e: Event) => (this.target = (e.target as HTMLSelectElement).value)}>
                  ${others.map((revision) => html`<option value=${revision} ?selected=${revision === this.target}>${revision}</option>`)}
                </select>
                ${this.dialog?.open ? html`<pia-migration-report .report=${this.preview()}></pia-migration-report>` : nothing}`}
        </div>
        <div class="actions">
          <button type="button" @click=${() => this.dialog?.close()}>${msg('cancel')}</button>
          <button type="submit" class="primary" ?disabled=${others.length === 0}>${msg('migrateSubmit')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('pia-migrate-dialog', PiaMigrateDialog);
declare global {
  interface HTMLElementTagNameMap {
    'pia-migrate-dialog': PiaMigrateDialog;
  }
  interface GlobalEventHandlersEventMap {
    'pia-migrate-apply': CustomEvent<MigrateApplyDetail>;
  }
}
