import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { comments } from '../../comments/comment-store.js';
import { CommentWatch } from '../../comments/comment-watch.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary The comment affordance beside an item's label: 「コメント」 with the number of threads on the item, which
 * opens the item's threads beside it (<pia-comment-thread> with the same pointer). On an item without comments it is
 * marked `idle` (the form shows it on hover and focus) and is offered only to those who may comment.
 */
export class PiaCommentBadge extends LitElement {
  static override properties = { pointer: { type: String } };
  static override styles = [
    baseStyles,
    css`
      :host { display: inline-block; }
      :host([hidden]) { display: none; }
      button {
        min-height: 1.6rem; padding: 0 0.45rem; font-size: 0.75rem; line-height: 1.5; border-radius: 999px;
        white-space: nowrap; color: var(--pia-accent); border-color: var(--pia-accent); background: #fff;
      }
      button.open { background: var(--pia-accent); color: #fff; }
      button.resolved { color: var(--pia-muted); border-color: var(--pia-line-strong); }
      button[aria-expanded='true'] { box-shadow: 0 0 0 2px var(--pia-focus); }
      .count { font-weight: 700; margin-left: 0.2rem; }
    `,
  ];
  declare pointer: string;
  protected readonly watch = new CommentWatch(this, () => this.pointer);

  constructor() {
    super();
    this.pointer = '';
  }

  protected override willUpdate(): void {
    const threads = comments.at(this.pointer);
    this.toggleAttribute('idle', threads.length === 0);
    this.hidden = !comments.active || (threads.length === 0 && !comments.writable);
  }

  override render(): TemplateResult | typeof nothing {
    if (this.hidden) return nothing;
    const threads = comments.at(this.pointer);
    const open = threads.filter((thread) => !thread.resolved).length;
    const expanded = comments.isOpen(this.pointer);
    const label = threads.length === 0 ? msg('commentOnItem') : msg('commentCountLabel', { open, total: threads.length });
    // Without comments the badge is no tab stop (one per item would double the form's); Ctrl+Alt+M in the item opens it.
    return html`<button type="button" class=${open > 0 ? 'open' : threads.length > 0 ? 'resolved' : 'new'}
      tabindex=${threads.length === 0 ? '-1' : nothing} aria-label=${label} title=${threads.length === 0 ? msg('commentOnItemHint') : label}
      aria-expanded=${expanded ? 'true' : 'false'}
      @click=${() => comments.setOpen(this.pointer, !expanded)}>${msg('commentsHeading')}${threads.length > 0
        ? html`<span class="count">${open > 0 ? open : threads.length}</span>`
        : nothing}</button>`;
  }
}

customElements.define('pia-comment-badge', PiaCommentBadge);
declare global {
  interface HTMLElementTagNameMap {
    'pia-comment-badge': PiaCommentBadge;
  }
}
