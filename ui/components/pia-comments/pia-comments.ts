import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { CommentThread } from '../../../src/server/dto.js';
import { api } from '../../api/client.js';
import { ANY_COMMENT, comments } from '../../comments/comment-store.js';
import { CommentWatch } from '../../comments/comment-watch.js';
import { threadStyles, threadView, writeShowingError } from '../../comments/thread-view.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { signedIn } from '../../session.js';
import { baseStyles } from '../../styles/theme.js';

/** A whole part a comment may be left on, chosen from the 項目一覧 (an item's own comments go beside it). */
export type CommentTarget = { readonly pointer: string; readonly label: string };

/**
 * @summary All comments of the draft (or of a revision) in one list: threads with their official item path (kept as
 * written, so a comment on an item since moved or deleted stays readable), replies, resolve and reopen, filtered to
 * open ones or to those the person took part in, and a jump to each thread's item, where it opens beside the item.
 * A comment on a whole part is written here, on the part chosen. Writing is offered to those who may comment.
 * @fires pia-reveal - jump to a thread's item
 */
export class PiaComments extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    revision: { attribute: false },
    targets: { attribute: false },
    revealable: { attribute: false },
    threads: { state: true },
    openOnly: { state: true },
    mine: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    threadStyles,
    css`
      :host { display: block; border: 1px solid var(--pia-line); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.75rem 0; background: #fff; }
      h2 { font-size: 1rem; margin: 0 0 0.5rem; }
      .filters { display: flex; gap: 1rem; font-size: 0.85rem; margin-bottom: 0.5rem; }
      .filters label { font-weight: 400; display: inline-flex; gap: 0.25rem; }
      ol { list-style: none; margin: 0; padding: 0; max-height: 24rem; overflow-y: auto; }
      textarea { width: 100%; min-height: 3rem; }
      form.new label { display: block; font-weight: 700; margin-top: 0.5rem; font-size: 0.85rem; }
      form.new select { width: 100%; }
    `,
  ];
  declare assessmentId: string;
  declare revision: number | 'draft';
  declare targets: readonly CommentTarget[];
  /** The page can show a thread's item (the editor); the compare page lists the changed items above instead. */
  declare revealable: boolean;
  declare threads: readonly CommentThread[];
  declare openOnly: boolean;
  declare mine: boolean;
  declare error: string;

  constructor() {
    super();
    this.assessmentId = '';
    this.revision = 'draft';
    this.targets = [];
    this.revealable = true;
    this.threads = [];
    this.openOnly = false;
    this.mine = false;
    this.error = '';
  }

  /** A thread written or resolved beside its item changes the list too (its filters are the server's). */
  protected readonly watch = new CommentWatch(this, () => ANY_COMMENT, () => void this.load());

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has('assessmentId') || changed.has('revision')) && this.assessmentId) void this.load();
  }

  async load(): Promise<void> {
    try {
      const status = this.openOnly ? 'open' : 'all';
      this.threads = (await api.comments(this.assessmentId, { revision: this.revision, status, mine: this.mine })).items;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** A write through the page's comment store (the badges beside the items follow); a refusal is shown as said. */
  private write(action: () => Promise<void>): Promise<void> {
    return writeShowingError(this, action);
  }

  private add(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const pointer = (form.elements.namedItem('pointer') as HTMLSelectElement).value;
    const body = (form.elements.namedItem('body') as HTMLTextAreaElement).value;
    void this.write(() => comments.add(pointer, body)).then(() => form.reset(), () => undefined);
  }

  /** Jump to the item with its threads open beside it (they show once the item is rendered). */
  private reveal(pointer: string): void {
    comments.setOpen(pointer, true);
    emit(this, 'pia-reveal', { pointer });
  }

  private thread(thread: CommentThread, writable: boolean): TemplateResult {
    return threadView(thread, {
      writable,
      heading: thread.itemPath.join(' ＞ '),
      actions: this.revealable
        ? html`<button type="button" class="reveal" @click=${() => this.reveal(thread.pointer)}>${msg('commentShowItem')}</button>`
        : nothing,
      resolve: (one) => this.write(() => comments.resolve(one.id, !one.resolved)).catch(() => undefined),
      reply: (one, body) => this.write(() => comments.reply(one.id, body)),
    });
  }

  private newComment(): TemplateResult {
    return html`<form class="new" @submit=${(e: SubmitEvent) => this.add(e)}>
      <label for="comment-item">${msg('commentItem')}</label>
      <select id="comment-item" name="pointer">
        ${this.targets.map((target) => html`<option value=${target.pointer}>${target.label}</option>`)}
      </select>
      <label for="comment-body">${msg('commentBody')}</label>
      <textarea id="comment-body" name="body" required></textarea>
      <button type="submit" class="primary">${msg('commentAdd')}</button>
    </form>`;
  }

  override render(): TemplateResult {
    const writable = comments.writable;
    const toggle = (key: 'openOnly' | 'mine', checked: boolean): void => {
      this[key] = checked;
      void this.load();
    };
    return html`<section aria-labelledby="comments-heading">
      <h2 id="comments-heading">${msg('commentsHeading')}（${this.threads.filter((thread) => !thread.resolved).length}）</h2>
      <div class="filters">
        <label><input type="checkbox" .checked=${this.openOnly} @change=${(e: Event) => toggle('openOnly', (e.target as HTMLInputElement).checked)} />
          ${msg('commentsFilterOpen')}</label>
        ${signedIn()
          ? html`<label><input type="checkbox" .checked=${this.mine} @change=${(e: Event) => toggle('mine', (e.target as HTMLInputElement).checked)} />
              ${msg('commentsFilterMine')}</label>`
          : nothing}
      </div>
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      ${this.threads.length === 0
        ? html`<p class="meta">${msg('commentsEmpty')}</p>`
        : html`<ol>${this.threads.map((thread) => this.thread(thread, writable))}</ol>`}
      ${writable && this.targets.length > 0 ? this.newComment() : nothing}
    </section>`;
  }
}

customElements.define('pia-comments', PiaComments);
declare global {
  interface HTMLElementTagNameMap {
    'pia-comments': PiaComments;
  }
}
