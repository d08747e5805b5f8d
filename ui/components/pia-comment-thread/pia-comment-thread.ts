import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { CommentThread } from '../../../src/server/dto.js';
import { comments } from '../../comments/comment-store.js';
import { CommentWatch } from '../../comments/comment-watch.js';
import { threadStyles, threadView, writeShowingError } from '../../comments/thread-view.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary The comment threads of one item, shown beside it while its badge (<pia-comment-badge>) has them open:
 * read them, reply, resolve or reopen, and write a new comment on exactly this item. Writing is offered to those
 * who may comment; the server refuses everyone else anyway.
 */
export class PiaCommentThread extends LitElement {
  static override properties = { pointer: { type: String }, label: { type: String }, error: { state: true } };
  static override styles = [
    baseStyles,
    threadStyles,
    css`
      :host { display: block; }
      :host([hidden]) { display: none; }
      section {
        margin: 0.4rem 0 0.2rem; padding: 0.4rem 0.75rem 0.6rem; background: #fff;
        border: 1px solid var(--pia-line-strong); border-left: 4px solid var(--pia-accent); border-radius: 4px;
      }
      header { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; }
      h3 { font-size: 0.85rem; margin: 0; color: var(--pia-muted); font-weight: 700; min-width: 0; overflow-wrap: anywhere; }
      header button { min-height: 1.8rem; padding: 0 0.6rem; font-size: 0.8rem; flex: none; }
      ol { margin: 0; padding: 0; }
      form.new { margin-top: 0.4rem; }
      form.new .row { display: flex; justify-content: flex-end; gap: 0.5rem; margin-top: 0.3rem; }
      .empty { font-size: 0.85rem; color: var(--pia-muted); margin: 0.2rem 0; }
    `,
  ];
  declare pointer: string;
  /** The item's label, to name the place the comment goes. */
  declare label: string | undefined;
  declare error: string;
  protected readonly watch = new CommentWatch(this, () => this.pointer);

  constructor() {
    super();
    this.pointer = '';
    this.error = '';
  }

  protected override willUpdate(): void {
    this.hidden = !comments.isOpen(this.pointer);
  }

  /** A write; a refusal (403 …) is shown in the server's words and the text typed stays. */
  private write(action: () => Promise<void>): Promise<void> {
    return writeShowingError(this, action);
  }

  private add(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = (form.elements.namedItem('body') as HTMLTextAreaElement).value;
    void this.write(() => comments.add(this.pointer, body)).then(() => form.reset(), () => undefined);
  }

  private options(writable: boolean) {
    return {
      writable,
      resolve: (thread: CommentThread) => this.write(() => comments.resolve(thread.id, !thread.resolved)).catch(() => undefined),
      reply: (thread: CommentThread, body: string) => this.write(() => comments.reply(thread.id, body)),
    };
  }

  /** Open the threads and put the cursor in the new comment (the keyboard way to comment on an item). */
  async openForWriting(): Promise<void> {
    comments.setOpen(this.pointer, true);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('form.new textarea')?.focus();
  }

  override render(): TemplateResult | typeof nothing {
    if (this.hidden) return nothing;
    const threads = comments.at(this.pointer);
    const writable = comments.writable;
    const heading = this.label ? msg('commentsOn', { label: this.label }) : msg('commentsHeading');
    return html`<section aria-label=${heading}>
      <header>
        <h3>${heading}</h3>
        <button type="button" class="quiet close" @click=${() => comments.setOpen(this.pointer, false)}>${msg('commentClose')}</button>
      </header>
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      ${threads.length === 0 && !writable ? html`<p class="empty">${msg('commentsEmpty')}</p>` : nothing}
      ${threads.length > 0 ? html`<ol>${threads.map((thread) => threadView(thread, this.options(writable)))}</ol>` : nothing}
      ${writable
        ? html`<form class="new" @submit=${(e: SubmitEvent) => this.add(e)}>
            <textarea name="body" aria-label=${msg('commentNew')} placeholder=${msg('commentNew')} required></textarea>
            <div class="row"><button type="submit" class="primary">${msg('commentAdd')}</button></div>
          </form>`
        : nothing}
    </section>`;
  }
}

customElements.define('pia-comment-thread', PiaCommentThread);
declare global {
  interface HTMLElementTagNameMap {
    'pia-comment-thread': PiaCommentThread;
  }
}
