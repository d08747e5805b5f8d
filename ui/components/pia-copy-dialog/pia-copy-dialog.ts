import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { AssessmentSummary, CopyPreviewResponse } from '../../../src/server/dto.js';
import { formRevisions } from '../../../src/schema/validate.js';
import { api } from '../../api/client.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { dialogStyles } from '../dialog-styles.js';

/**
 * @summary 複製: a new assessment from an existing one. The officer names it and picks the form revision; the
 * dialog shows, from the server, what the copy leaves blank and, on another revision, what the move reports.
 * On success the new draft opens.
 * @fires pia-navigate
 */
export class PiaCopyDialog extends LitElement {
  static override properties = {
    source: { state: true },
    preview: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      .cleared { margin: 0.25rem 0 0; padding-left: 1.2rem; max-height: 12rem; overflow: auto; font-size: 0.9rem; }
      .cleared .value { color: var(--pia-muted); }
      .report { margin: 0.25rem 0 0; padding-left: 1.2rem; max-height: 12rem; overflow: auto; font-size: 0.9rem; }
    `,
  ];
  declare source: AssessmentSummary | undefined;
  declare preview: CopyPreviewResponse | undefined;
  declare error: string;
  declare busy: boolean;
  private previewRequest = 0;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Open for one row of the list; the preview is the copy on the source's own form revision. */
  async open(source: AssessmentSummary): Promise<void> {
    this.source = source;
    this.preview = undefined;
    this.error = '';
    await this.updateComplete;
    const title = this.renderRoot.querySelector<HTMLInputElement>('#copy-title');
    if (title) title.value = source.title;
    this.dialog?.showModal();
    await this.loadPreview();
  }

  private async loadPreview(formRevision?: string): Promise<void> {
    if (!this.source) return;
    // Only the answer for the revision chosen last is shown, whatever order the answers arrive in.
    const request = ++this.previewRequest;
    try {
      const preview = await api.copyPreview(this.source.id, formRevision);
      if (request !== this.previewRequest) return;
      this.preview = preview;
      this.error = '';
    } catch (error) {
      if (request === this.previewRequest) this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.source) return;
    const form = event.target as HTMLFormElement;
    const value = (name: string): string => String(new FormData(form).get(name) ?? '').trim();
    this.busy = true;
    try {
      const { id } = await api.copy(this.source.id, {
        ...(value('title') ? { title: value('title') } : {}),
        ...(value('formRevision') ? { formRevision: value('formRevision') } : {}),
      });
      this.dialog?.close();
      emit(this, 'pia-navigate', { path: `/assessments/${encodeURIComponent(id)}` });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  private clearedList(preview: CopyPreviewResponse): TemplateResult {
    if (preview.cleared.length === 0) return html`<p class="hint">${msg('copyNothingCleared')}</p>`;
    return html`<h3>${msg('copyClearedHeading', { count: preview.cleared.length })}</h3>
      <ul class="cleared">
        ${preview.cleared.map((item) => html`<li data-pointer=${item.pointer}>${item.path.join(' > ')}：<span class="value">${item.shown}</span></li>`)}
      </ul>`;
  }

  private migrationReport(preview: CopyPreviewResponse): TemplateResult | typeof nothing {
    const report = preview.migration;
    if (!report) return nothing;
    const heading = msg('migrateReportHeading', { from: report.from, to: report.to, count: report.entries.length, unchanged: report.unchanged });
    return html`<h3>${heading}</h3>
      ${report.entries.length === 0
        ? html`<p class="hint">${msg('migrateNothing')}</p>`
        : html`<ul class="report">${report.entries.map((entry) => html`<li data-pointer=${entry.pointer}>${entry.text}</li>`)}</ul>`}`;
  }

  override render(): TemplateResult {
    const source = this.source;
    const revisions = source ? formRevisions(source.form) : [];
    const preview = this.preview;
    return html`<dialog aria-labelledby="copy-heading">
      <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
        <h2 id="copy-heading">${msg('copyHeading')}</h2>
        <div class="body">
          ${source ? html`<p class="hint">${msg('copyIntro', { title: source.title || source.id })}</p>` : nothing}
          <label for="copy-title">${msg('copyTitleLabel')}</label>
          <input id="copy-title" name="title" type="text" />
          <label for="copy-revision">${msg('copyRevisionLabel')}</label>
          <select id="copy-revision" name="formRevision" @change=${(e: Event) => void this.loadPreview((e.target as HTMLSelectElement).value)}>
            ${revisions.map((revision) => html`<option value=${revision} ?selected=${revision === preview?.formRevision}>${revision}</option>`)}
          </select>
          <div class="preview" aria-live="polite" aria-busy=${preview ? 'false' : 'true'}>
            ${preview ? html`${this.clearedList(preview)}${this.migrationReport(preview)}` : html`<p class="hint">${msg('loading')}</p>`}
          </div>
          ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
        </div>
        <div class="actions">
          <button type="button" @click=${() => this.dialog?.close()}>${msg('cancel')}</button>
          <button type="submit" class="primary" ?disabled=${this.busy || !preview}>${msg('copySubmit')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('pia-copy-dialog', PiaCopyDialog);
declare global {
  interface HTMLElementTagNameMap {
    'pia-copy-dialog': PiaCopyDialog;
  }
}
