import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { formatWareki } from '../../../src/domain/wareki.js';
import type { Finding, RevisionMeta } from '../../../src/server/dto.js';
import { ApiFailure, api } from '../../api/client.js';
import { msg } from '../../messages.ja.js';
import { nextStatus, statusLabel } from '../../status.js';
import { baseStyles } from '../../styles/theme.js';

const blockingFindings = (error: unknown): readonly Finding[] => {
  const details = error instanceof ApiFailure ? (error.details as { findings?: Finding[] } | undefined) : undefined;
  return details?.findings ?? [];
};

/**
 * @summary The committed revisions with their 変更日, message, author and status; each revision's PDF, and the
 * step to 提出済み / 公表済み, which the server refuses (with its findings) while ERROR-level checks remain.
 * @fires pia-revision-update - a revision's status changed (detail: RevisionMeta)
 */
export class PiaRevisionHistory extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    revisions: { attribute: false },
    error: { state: true },
    findings: { state: true },
    notice: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--pia-line); vertical-align: top; }
      th { background: var(--pia-label-bg); font-size: 0.85rem; color: var(--pia-muted); white-space: nowrap; }
      td.nowrap { white-space: nowrap; }
      .tag { display: inline-block; font-size: 0.8rem; padding: 0 0.5rem; border-radius: 3px; border: 1px solid var(--pia-line-strong); white-space: nowrap; }
      ul { margin: 0.25rem 0 0; }
    `,
  ];
  declare assessmentId: string;
  declare revisions: readonly RevisionMeta[];
  declare error: string;
  declare findings: readonly Finding[];
  declare notice: string;

  constructor() {
    super();
    this.revisions = [];
    this.error = '';
    this.findings = [];
    this.notice = '';
  }

  private async advance(meta: RevisionMeta): Promise<void> {
    const status = nextStatus(meta.status);
    if (!status) return;
    this.error = '';
    this.findings = [];
    this.notice = '';
    try {
      const updated = await api.setStatus(this.assessmentId, meta.number, status);
      this.notice = msg('statusChanged', { number: meta.number, status: statusLabel(status) });
      this.dispatchEvent(new CustomEvent('pia-revision-update', { detail: updated, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.findings = blockingFindings(error);
    }
  }

  private row(meta: RevisionMeta): TemplateResult {
    const next = nextStatus(meta.status);
    return html`<tr>
      <td class="nowrap">${msg('revisionNumber', { number: meta.number })}</td>
      <td class="nowrap">${formatWareki(meta.changeDate)}</td>
      <td>${meta.message}</td>
      <td>${meta.author}</td>
      <td class="nowrap"><span class="tag">${statusLabel(meta.status)}</span></td>
      <td class="nowrap">
        <a href=${api.pdfUrl(this.assessmentId, { revision: meta.number, download: true })} download>${msg('revisionPdf')}</a>
        ${next
          ? html`<button type="button" @click=${() => void this.advance(meta)}>${msg('markStatus', { status: statusLabel(next) })}</button>`
          : nothing}
      </td>
    </tr>`;
  }

  override render(): TemplateResult {
    return html`
      <table>
        <thead><tr>
          <th>${msg('colRevision')}</th><th>${msg('commitDateLabel')}</th><th>${msg('colMessage')}</th>
          <th>${msg('colAuthor')}</th><th>${msg('colStatus')}</th><th></th>
        </tr></thead>
        <tbody>${[...this.revisions].reverse().map((meta) => this.row(meta))}</tbody>
      </table>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.error
        ? html`<div role="alert"><p class="issue">${this.error}</p>
            ${this.findings.length > 0
              ? html`<ul>${this.findings.map((finding) => html`<li>${finding.paths[0] ?? finding.section}：${finding.message}</li>`)}</ul>`
              : nothing}</div>`
        : nothing}
    `;
  }
}

customElements.define('pia-revision-history', PiaRevisionHistory);
declare global {
  interface HTMLElementTagNameMap {
    'pia-revision-history': PiaRevisionHistory;
  }
  interface GlobalEventHandlersEventMap {
    'pia-revision-update': CustomEvent<RevisionMeta>;
  }
}
