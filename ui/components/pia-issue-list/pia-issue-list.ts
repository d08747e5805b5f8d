import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { Finding, ValidationIssue } from '../../../src/server/dto.js';
import { ACKNOWLEDGEMENTS_POINTER, covers, isAcknowledgement } from '../../../src/checks/acknowledgements.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/** The hint the checks give for a stored acknowledgement that covers no WARN (src/checks). */
const STALE_ACKNOWLEDGEMENT_RULE = 'acknowledgement.stale';

/**
 * @summary Every validation issue of the draft with its official item path, then the consistency findings of
 * the saved draft (rules.md); each one jumps to its item. A WARN can be acknowledged with a reason (and the
 * acknowledgement withdrawn): the draft's `acknowledgements` are edited like any field, so autosave and conflicts apply.
 * @fires pia-reveal
 * @fires pia-value-change
 */
export class PiaIssueList extends LitElement {
  static override properties = {
    issues: { attribute: false },
    findings: { attribute: false },
    acknowledgements: { attribute: false },
    editing: { state: true },
    reasonError: { state: true },
  };
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
      .severity.acknowledged { background: var(--pia-ok); }
      summary { cursor: pointer; font-weight: 700; }
      ul { margin: 0.5rem 0 0; padding: 0; list-style: none; max-height: 16rem; overflow: auto; }
      li { padding-bottom: 0.25rem; }
      li button.reveal { border: 0; background: transparent; text-align: left; padding: 0.25rem 0; min-height: 0; width: 100%; }
      li button.reveal:hover { text-decoration: underline; background: transparent; }
      .path { color: var(--pia-muted); font-size: 0.85rem; display: block; }
      .ack { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; font-size: 0.85rem; }
      .ack button { min-height: 0; padding: 0.1rem 0.6rem; font-size: 0.85rem; }
      .ack input { flex: 1 1 16rem; }
      .ack .reason { color: var(--pia-ok); }
      .ack .error { color: var(--pia-error); flex-basis: 100%; }
    `,
  ];
  declare issues: readonly ValidationIssue[];
  declare findings: readonly Finding[];
  /** The draft's `acknowledgements` as written (what the list adds to and withdraws from). */
  declare acknowledgements: readonly unknown[];
  /** Index of the finding whose reason is being typed. */
  declare editing: number | undefined;
  declare reasonError: boolean;

  constructor() {
    super();
    this.issues = [];
    this.findings = [];
    this.acknowledgements = [];
    this.editing = undefined;
    this.reasonError = false;
  }

  /**
   * The draft's acknowledgement of a finding, read from the draft being edited rather than from the findings of the
   * saved draft, so an acknowledgement shows at once and survives until the next check agrees.
   */
  private acknowledgementOf(finding: Finding): { reason: string } | undefined {
    return this.acknowledgements.find((ack) => isAcknowledgement(ack) && covers(ack, finding)) as { reason: string } | undefined;
  }

  private changeAcknowledgements(value: readonly unknown[]): void {
    emit(this, 'pia-value-change', { pointer: ACKNOWLEDGEMENTS_POINTER, value });
  }

  private async startAcknowledging(index: number): Promise<void> {
    this.editing = index;
    this.reasonError = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('.ack input')?.focus();
  }

  private acknowledge(event: Event, finding: Finding): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input');
    const reason = input?.value.trim() ?? '';
    if (reason === '') {
      this.reasonError = true;
      input?.focus();
      return;
    }
    const pointer = finding.pointers[0];
    this.changeAcknowledgements([...this.acknowledgements, { ruleId: finding.ruleId, ...(pointer ? { pointer } : {}), reason }]);
    this.editing = undefined;
  }

  private cancelAcknowledging(): void {
    this.editing = undefined;
    this.reasonError = false;
  }

  /** Removes the stored entry a stale hint points at, unless the draft has changed so it now covers a WARN. */
  private removeStale(finding: Finding): void {
    const index = Number(finding.pointers[0]?.slice(ACKNOWLEDGEMENTS_POINTER.length + 1));
    const entry = this.acknowledgements[index];
    if (entry === undefined || (isAcknowledgement(entry) && this.findings.some((other) => covers(entry, other)))) return;
    this.changeAcknowledgements(this.acknowledgements.filter((_, i) => i !== index));
  }

  private acknowledgementControls(finding: Finding, index: number): TemplateResult | typeof nothing {
    if (finding.ruleId === STALE_ACKNOWLEDGEMENT_RULE)
      return html`<div class="ack"><button type="button" @click=${() => this.removeStale(finding)}>${msg('acknowledgeRemoveStale')}</button></div>`;
    if (finding.severity !== 'WARN') return nothing;
    const ack = this.acknowledgementOf(finding);
    if (ack)
      return html`<div class="ack"><span class="reason">${msg('acknowledged', { reason: ack.reason })}</span>
        <button type="button" class="withdraw"
          @click=${() => this.changeAcknowledgements(this.acknowledgements.filter((other) => !(isAcknowledgement(other) && covers(other, finding))))}>
          ${msg('acknowledgeWithdraw')}</button></div>`;
    if (this.editing !== index)
      return html`<div class="ack"><button type="button" class="acknowledge" @click=${() => void this.startAcknowledging(index)}>
        ${msg('acknowledgeAction')}</button></div>`;
    return html`<form class="ack" @submit=${(event: Event) => this.acknowledge(event, finding)}
        @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && this.cancelAcknowledging()}>
      <label for="ack-reason">${msg('acknowledgeReasonLabel')}</label>
      <input id="ack-reason" type="text" placeholder=${msg('acknowledgeReasonPlaceholder')}
        aria-invalid=${this.reasonError ? 'true' : 'false'} aria-describedby=${this.reasonError ? 'ack-error' : nothing} />
      <button type="submit" class="primary">${msg('acknowledgeSubmit')}</button>
      <button type="button" @click=${() => this.cancelAcknowledging()}>${msg('cancel')}</button>
      ${this.reasonError ? html`<span class="error" id="ack-error" role="alert">${msg('acknowledgeReasonRequired')}</span>` : nothing}
    </form>`;
  }

  private findingList(): TemplateResult {
    const acknowledged = this.findings.filter((f) => this.acknowledgementOf(f)).length;
    const count = (severity: Finding['severity']): number =>
      this.findings.filter((f) => f.severity === severity && !this.acknowledgementOf(f)).length;
    if (this.findings.length === 0) return html`<details class="findings ok"><summary>${msg('noFindings')}</summary></details>`;
    return html`<details class="findings ${count('ERROR') > 0 ? '' : 'advice'}">
      <summary>${msg('findingsSummary', { errors: count('ERROR'), warnings: count('WARN'), infos: count('INFO') })}${
        acknowledged > 0 ? msg('findingsAcknowledged', { count: acknowledged }) : ''}</summary>
      <ul>
        ${this.findings.map((finding, index) => {
          const ack = this.acknowledgementOf(finding);
          return html`<li data-rule=${finding.ruleId}><button type="button" class="reveal"
              @click=${() => emit(this, 'pia-reveal', { pointer: finding.pointers[0] ?? '' })}>
              <span class="path"><span class="severity ${ack ? 'acknowledged' : finding.severity}">${
                ack ? msg('acknowledgedBadge') : msg(`severity${finding.severity}`)}</span>
                ${finding.paths[0] ?? finding.section}</span>${finding.message}</button>
            ${this.acknowledgementControls(finding, index)}</li>`;
        })}
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
          (issue) => html`<li><button type="button" class="reveal" @click=${() => emit(this, 'pia-reveal', { pointer: issue.pointer })}>
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
