import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { formatJapanDateTime } from '../../../src/domain/wareki.js';
import { isRevisionStatus } from '../../../src/domain/revision.js';
import { REVISION_STATUS_JA } from '../../../src/messages.ja.js';
import type { AuditEntry } from '../../../src/server/dto.js';
import { AUDIT_EVENT_NAMES_JA } from '../../../src/team/messages.ja.js';
import { api } from '../../api/client.js';
import { downloadLink } from '../../api/download.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/** A state named in the detail (a status step) in Japanese; other values as they are. */
const detailValue = (key: string, value: unknown): string =>
  key === 'status' && isRevisionStatus(value) ? REVISION_STATUS_JA[value] : typeof value === 'object' ? JSON.stringify(value) : String(value);

const detailText = (entry: AuditEntry): string =>
  Object.entries(entry.detail)
    .map(([key, value]) => `${key}: ${detailValue(key, value)}`)
    .join('、');

const hashes = (entry: AuditEntry): string =>
  entry.hashBefore || entry.hashAfter ? `${entry.hashBefore?.slice(0, 12) ?? '—'} → ${entry.hashAfter?.slice(0, 12) ?? '—'}` : '';

/**
 * @summary The audit log of one assessment, oldest first: who did what, when, from where, with the document's hash
 * before and after; exportable as CSV (for Excel) and JSON. The server refuses it to roles without 操作記録の閲覧.
 */
export class PiaAudit extends LitElement {
  static override properties = { assessmentId: { type: String }, entries: { state: true }, error: { state: true }, exportError: { state: true } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; padding: 1rem 1.25rem; }
      h1 { font-size: 1.2rem; margin: 0 0 0.75rem; }
      .exports { display: flex; gap: 1rem; margin-bottom: 0.75rem; }
      table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
      th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--pia-line); vertical-align: top; }
      th { background: var(--pia-label-bg); color: var(--pia-muted); white-space: nowrap; }
      td.hash { font-family: monospace; font-size: 0.75rem; word-break: break-all; color: var(--pia-muted); }
    `,
  ];
  declare assessmentId: string;
  declare entries: readonly AuditEntry[] | undefined;
  declare error: string;
  declare exportError: string;

  constructor() {
    super();
    this.assessmentId = '';
    this.error = '';
    this.exportError = '';
  }

  /** A refused export (e.g. the session ended) is told beside the links, not saved as a file of JSON errors. */
  private readonly exportFailed = downloadLink((error) => {
    this.exportError = error.message;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.entries = (await api.audit(this.assessmentId)).items;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private row(entry: AuditEntry): TemplateResult {
    return html`<tr>
      <td>${entry.seq}</td>
      <td>${formatJapanDateTime(entry.at)}</td>
      <td>${AUDIT_EVENT_NAMES_JA[entry.event] ?? entry.event}</td>
      <td>${entry.userLogin ?? ''}</td>
      <td>${entry.address ?? ''}</td>
      <td>${entry.revision ?? ''}</td>
      <td>${detailText(entry)}</td>
      <td class="hash">${hashes(entry)}</td>
    </tr>`;
  }

  override render(): TemplateResult {
    return html`<h1>${msg('auditHeading')}：${this.assessmentId}</h1>
      ${this.error
        ? html`<p class="issue" role="alert">${this.error}</p>`
        : html`<div class="exports">
              <a href=${api.auditUrl(this.assessmentId, 'csv')} download @click=${this.exportFailed}>${msg('auditExportCsv')}</a>
              <a href=${api.auditUrl(this.assessmentId, 'json')} download=${`audit-${this.assessmentId}.json`} @click=${this.exportFailed}
                >${msg('auditExportJson')}</a
              >
            </div>
            ${this.exportError ? html`<p class="issue" role="alert">${this.exportError}</p>` : nothing}
            ${this.entries === undefined
              ? nothing
              : this.entries.length === 0
                ? html`<p>${msg('auditEmpty')}</p>`
                : html`<table>
                    <thead><tr><th>#</th><th>${msg('auditColAt')}</th><th>${msg('auditColEvent')}</th><th>${msg('auditColUser')}</th>
                      <th>${msg('auditColAddress')}</th><th>${msg('auditColRevision')}</th><th>${msg('auditColDetail')}</th><th>hash</th></tr></thead>
                    <tbody>${this.entries.map((entry) => this.row(entry))}</tbody>
                  </table>`}`}`;
  }
}

customElements.define('pia-audit', PiaAudit);
declare global {
  interface HTMLElementTagNameMap {
    'pia-audit': PiaAudit;
  }
}
