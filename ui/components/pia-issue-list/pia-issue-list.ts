import { LitElement, css, html, type TemplateResult } from 'lit';
import type { ValidationIssue } from '../../../src/schema/issues.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary Every validation issue of the draft with its official item path; each one jumps to its item.
 * @fires pia-reveal
 */
export class PiaIssueList extends LitElement {
  static override properties = { issues: { attribute: false } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      details { background: var(--pia-error-soft); border: 1px solid #e8b4b0; border-radius: 6px; padding: 0.5rem 1rem; }
      details.ok { background: #e8f4ec; border-color: #b7d8c1; color: var(--pia-ok); }
      summary { cursor: pointer; font-weight: 700; }
      ul { margin: 0.5rem 0 0; padding: 0; list-style: none; max-height: 16rem; overflow: auto; }
      li button { border: 0; background: transparent; text-align: left; padding: 0.25rem 0; min-height: 0; width: 100%; }
      li button:hover { text-decoration: underline; background: transparent; }
      .path { color: var(--pia-muted); font-size: 0.85rem; display: block; }
    `,
  ];
  declare issues: readonly ValidationIssue[];

  constructor() {
    super();
    this.issues = [];
  }

  override render(): TemplateResult {
    if (this.issues.length === 0) return html`<details class="ok"><summary>${msg('noIssuesSummary')}</summary></details>`;
    return html`<details>
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
