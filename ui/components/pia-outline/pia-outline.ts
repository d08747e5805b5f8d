import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/** `commentCount`: open comment threads on the item or under it. */
export type OutlineItem = { pointer: string; label: string; depth: number; issueCount: number; commentCount?: number };

/**
 * @summary The 項目一覧: the parts and numbered items of the form; a click (or Enter) jumps to the item.
 * Red badges count the items still to be corrected; blue ones the open comment threads.
 * @fires pia-reveal
 */
export class PiaOutline extends LitElement {
  static override properties = { items: { attribute: false }, current: { type: String } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; font-size: 0.9rem; }
      h2 { font-size: 0.95rem; margin: 0 0 0.5rem; color: var(--pia-muted); letter-spacing: 0.1em; }
      ol { list-style: none; margin: 0; padding: 0; }
      button {
        display: flex; width: 100%; align-items: flex-start; justify-content: space-between; gap: 0.4rem;
        text-align: left; border: 0; border-radius: 3px; background: transparent; padding: 0.3rem 0.5rem;
        line-height: 1.5; min-height: 0;
      }
      li.depth-0 > button { font-weight: 700; margin-top: 0.4rem; }
      li.depth-1 > button { padding-left: 1.2rem; color: var(--pia-muted); font-size: 0.85rem; }
      button:hover { background: var(--pia-surface-hover); color: var(--pia-ink); }
      .badge, .comments { flex: none; }
      .comments { font-size: 0.75rem; color: #fff; background: var(--pia-accent); border-radius: 9px; padding: 0 0.4rem; }
      button[aria-current='location'] { background: var(--pia-accent-soft); color: var(--pia-accent-dark); box-shadow: inset 3px 0 0 var(--pia-accent); }
    `,
  ];
  declare items: readonly OutlineItem[];
  /** Pointer of the part in view. */
  declare current: string | undefined;

  constructor() {
    super();
    this.items = [];
  }

  override render(): TemplateResult {
    return html`<nav aria-labelledby="outline-heading">
      <h2 id="outline-heading">${msg('outlineHeading')}</h2>
      <ol>
        ${this.items.map(
          (item) => html`<li class="depth-${item.depth}">
            <button type="button" aria-current=${item.depth === 0 && item.pointer === this.current ? 'location' : 'false'} @click=${() => emit(this, 'pia-reveal', { pointer: item.pointer })}>
              <span>${item.label}</span>
              ${item.issueCount > 0
                ? html`<span class="badge" aria-label=${msg('issueBadge', { count: item.issueCount })}>${item.issueCount}</span>`
                : nothing}
              ${item.commentCount
                ? html`<span class="comments" aria-label=${msg('commentBadge', { count: item.commentCount })}>${item.commentCount}</span>`
                : nothing}
            </button>
          </li>`,
        )}
      </ol>
    </nav>`;
  }
}

customElements.define('pia-outline', PiaOutline);
declare global {
  interface HTMLElementTagNameMap {
    'pia-outline': PiaOutline;
  }
}
