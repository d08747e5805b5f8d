import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { IncomingChange } from '../../../src/merge/index.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary What came in from someone else's save when the editor merged it: each item with its official label
 * (a link to it). Does not block editing; closed by the user.
 * @fires pia-reveal
 * @fires pia-merge-notice-dismiss
 */
export class PiaMergeNotice extends LitElement {
  static override properties = { items: { attribute: false } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      .notice { border: 1px solid var(--pia-accent); background: var(--pia-accent-soft); border-radius: 6px; padding: 0.6rem 1rem;
        margin-bottom: 1rem; }
      .head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; font-weight: 700; }
      ul { margin: 0.4rem 0 0; padding-left: 1.25rem; max-height: 10rem; overflow: auto; }
      li { margin: 0.15rem 0; }
      .kind { font-size: 0.8rem; color: var(--pia-muted); margin-right: 0.4rem; }
      a { cursor: pointer; }
    `,
  ];
  declare items: readonly IncomingChange[];

  constructor() {
    super();
    this.items = [];
  }

  override render(): TemplateResult | typeof nothing {
    if (this.items.length === 0) return nothing;
    return html`<section class="notice" role="status" aria-labelledby="incoming-heading">
      <div class="head">
        <span id="incoming-heading">${msg('incomingHeading', { count: this.items.length })}</span>
        <button type="button" class="quiet" @click=${() => emit(this, 'pia-merge-notice-dismiss', null)}>
          ${msg('incomingDismiss')}</button>
      </div>
      <ul>
        ${this.items.map(
          (item) => html`<li data-pointer=${item.pointer}><span class="kind">${msg(`incomingKind_${item.kind}`)}</span><a href="#"
            @click=${(event: Event) => {
              event.preventDefault();
              emit(this, 'pia-reveal', { pointer: item.pointer });
            }}>${item.label}</a></li>`,
        )}
      </ul>
    </section>`;
  }
}

customElements.define('pia-merge-notice', PiaMergeNotice);
declare global {
  interface HTMLElementTagNameMap {
    'pia-merge-notice': PiaMergeNotice;
  }
}
