import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { WithholdRequestDetail } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { modalCardStyles } from '../dialog-styles.js';

/**
 * @summary Asks the reason for flagging a selected text 非公表 (rules.md §8), showing the text and what the 公表版
 * prints instead; `confirm` gets the request and the reason.
 */
export class PiaWithholdDialog extends LitElement {
  static override properties = {
    marker: { type: String },
    confirm: { attribute: false },
    request: { state: true },
  };
  static override styles = [
    baseStyles,
    modalCardStyles,
    css`
      dialog { width: min(34rem, 94vw); }
      h2 { margin: 0 0 0.75rem; font-size: 1.15rem; }
      textarea { width: 100%; }
      blockquote { margin: 0.25rem 0 0; padding: 0.4rem 0.6rem; background: #fde68a; white-space: pre-wrap; word-break: break-word; max-height: 8rem; overflow-y: auto; }
      .actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1.25rem; }
    `,
  ];
  /** What the 公表版 prints instead (the document's marker). */
  declare marker: string;
  declare confirm: (request: WithholdRequestDetail, reason: string) => void;
  declare request: WithholdRequestDetail | undefined;

  constructor() {
    super();
    this.marker = '';
    this.confirm = () => undefined;
  }

  async open(request: WithholdRequestDetail): Promise<void> {
    this.request = request;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog?.open) dialog?.showModal();
    this.renderRoot.querySelector<HTMLTextAreaElement>('#withhold-reason')?.focus();
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
    this.request = undefined;
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const reason = this.renderRoot.querySelector<HTMLTextAreaElement>('#withhold-reason')?.value.trim() ?? '';
    if (!this.request || reason === '') return;
    this.confirm(this.request, reason);
    this.close();
  }

  override render(): TemplateResult {
    const request = this.request;
    return html`<dialog aria-labelledby="withhold-heading" @close=${() => (this.request = undefined)}>
      ${request
        ? html`<form @submit=${(e: SubmitEvent) => this.submit(e)}>
            <h2 id="withhold-heading">${msg('withholdHeading')}</h2>
            <p>${msg('withholdLead', { marker: this.marker })}</p>
            <span>${msg('withholdSelected')}</span>
            <blockquote>${request.value.slice(request.start, request.end)}</blockquote>
            <label for="withhold-reason">${msg('withholdReason')}</label>
            <textarea id="withhold-reason" name="reason" required rows="3"></textarea>
            <div class="actions">
              <button type="button" @click=${() => this.close()}>${msg('cancel')}</button>
              <button type="submit" class="primary">${msg('withholdSubmit')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

customElements.define('pia-withhold-dialog', PiaWithholdDialog);
declare global {
  interface HTMLElementTagNameMap {
    'pia-withhold-dialog': PiaWithholdDialog;
  }
}
