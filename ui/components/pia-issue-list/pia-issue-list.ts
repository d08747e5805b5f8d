import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { Finding, ValidationIssue } from '../../../src/server/dto.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary Every validation issue of the draft with its official item path, then the consistency findings of
 * the saved draft (rules.md); each one jumps to its item.
 * @fires pia-reveal
 */
export class PiaIssueList extends LitElement {
  static override properties = { issues: { attribute: false }, findings: { attribute: false } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      details { background: var(--pia-error-soft); border: 1px solid #e8b4b0; border-radius: 6px; padding: 0.5rem 1rem; }
      :host { display: grid; gap: 0.5rem; }
      details.ok { background: #e8f4ec; border-color: #b7d8c1; color: var(--pia-ok); }
      details.advice { background: #fdf8ea; border-color: #ecd08c; }
      .severity { display: inline-block; font-size: 0.75rem; padding: 0 0.4rem; border-radius: 3px; margin-right: 0.3rem; color: #fff; }
      .severity.ERROR { background: var(--pia-error); }
      .severity.WARN { background: var(--pia-warn); }
      .severity.INFO { background: var(--pia-muted); }
      summary { cursor: pointer; font-weight: 700; }
      ul { margin: 0.5rem 0 0; padding: 0; list-style: none; max-height: 16rem; overflow: auto; }
      li button { border: 0; background: transparent; text-align: left; padding: 0.25rem 0; min-height: 0; width: 100%; }
      li button:hover { text-decoration: underline; background: transparent; }
      .path { color: var(--pia-muted); font-size: 0.85rem; display: block; }
    `,
  ];
  declare issues: readonly ValidationIssue[];
  declare findings: readonly Finding[];

  constructor() {
    super();
    this.issues = [];
    this.findings = [];
  }

  private findingList(): TemplateResult {
    const count = (severity: Finding['severity']): number => this.findings.filter((f) => f.severity === severity).length;
    if (this.findings.length === 0) return html`<details class="findings ok"><summary>${msg('noFindings')}</summary></details>`;
    return html`<details class="findings ${count('ERROR') > 0 ? '' : 'advice'}">
      <summary>${msg('findingsSummary', { errors: count('ERROR'), warnings: count('WARN'), infos: count('INFO') })}</summary>
      <ul>
        ${this.findings.map(
          (finding) => html`<li><button type="button"
            @click=${() => emit(this, 'pia-reveal', { pointer: finding.pointers[0] ?? '' })}>
            <span class="path"><span class="severity ${finding.severity}">${msg(`severity${finding.severity}`)}</span>
              ${finding.paths[0] ?? finding.section}</span>${finding.message}
            ${finding.acknowledged ? html`<span class="path">${msg('acknowledged', { reason: finding.acknowledged.reason })}</span>` : nothing}
          </button></li>`,
        )}
      </ul>
    </details>`;
  }

  override render(): TemplateResult {
    return html`${this.issueList()}${this.findingList()}`;
  }

  private issueList(): TemplateResult {
    if (this.issues.length === 0) return html`<details class="issues ok"><summary>${msg('noIssuesSummary')}</summary></details>`;
    return html`<details class="issues">
      <summary>${msg('issuesSummary', { count: this.issues.length })}</summary>
      <ul>
        ${this.issues.map(
          (issue) => html`<li><button type="button" @click=${() => emit(this, 'pia-reveal', { pointer: issue.pointer })}>
            <span class="path">${issue.path.join(' ＞ ')}</span>${issue.message}</button></li>`,
        )}
      </ul>
    </details>`;
  }
}

customElements.define('pia-issue-list', PiaIssueList);
declare global {
  interface HTMLElementTagNameMap {
    'pia-issue-list': PiaIssueList;
  }
}
