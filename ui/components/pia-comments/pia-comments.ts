import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { formatJapanDateTime } from '../../../src/domain/wareki.js';
import type { CommentThread } from '../../../src/server/dto.js';
import { api } from '../../api/client.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { may, signedIn } from '../../session.js';
import { baseStyles } from '../../styles/theme.js';

/** An item a comment may be left on: the one last focused in the form, or a part of the 項目一覧. */
export type CommentTarget = { readonly pointer: string; readonly label: string };

/**
 * @summary The comments on the items of the draft (or of a revision): threads with their official item path,
 * replies, resolve and reopen, filtered to open ones or to those the person took part in; a new comment goes on the
 * item last focused in the form or on a part chosen from the 項目一覧. Writing is offered to those who may comment.
 * @fires pia-reveal - jump to a thread's item
 * @fires pia-comments-change - a thread was added or changed (the 項目一覧 recounts)
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
    css`
      :host { display: block; border: 1px solid var(--pia-line); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.75rem 0; background: #fff; }
      h2 { font-size: 1rem; margin: 0 0 0.5rem; }
      .filters { display: flex; gap: 1rem; font-size: 0.85rem; margin-bottom: 0.5rem; }
      .filters label { font-weight: 400; display: inline-flex; gap: 0.25rem; }
      ol { list-style: none; margin: 0; padding: 0; }
      li.thread { border-top: 1px solid var(--pia-line); padding: 0.5rem 0; }
      li.thread.resolved { opacity: 0.75; }
      .path { font-size: 0.8rem; color: var(--pia-muted); }
      .comment { margin: 0.3rem 0 0 0; white-space: pre-wrap; }
      .meta { font-size: 0.75rem; color: var(--pia-muted); }
      .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 0.3rem; }
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

  /** The item last focused comes first and is chosen: a comment goes where the person was. */
  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('targets')) return;
    const select = this.renderRoot.querySelector<HTMLSelectElement>('#comment-item');
    if (select && this.targets[0]) select.value = this.targets[0].pointer;
  }

  /** A write, then the list again; a refusal (403 …) is shown in the server's words. */
  private async write(action: () => Promise<unknown>): Promise<void> {
    this.error = '';
    try {
      await action();
      emit(this, 'pia-comments-change', {});
      await this.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private add(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const pointer = (form.elements.namedItem('pointer') as HTMLSelectElement).value;
    const body = (form.elements.namedItem('body') as HTMLTextAreaElement).value;
    void this.write(async () => {
      await api.comment(this.assessmentId, { revision: this.revision, pointer, body });
      form.reset();
    });
  }

  private reply(event: SubmitEvent, thread: CommentThread): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = (form.elements.namedItem('body') as HTMLTextAreaElement).value;
    void this.write(() => api.reply(this.assessmentId, thread.id, body));
  }

  private thread(thread: CommentThread, writable: boolean): TemplateResult {
    return html`<li class="thread ${thread.resolved ? 'resolved' : ''}" data-pointer=${thread.pointer}>
      <div class="path">${thread.itemPath.join(' ＞ ')}
        ${thread.resolved ? html` — ${msg('commentResolved', { by: thread.resolved.by })}` : nothing}</div>
      ${thread.comments.map(
        (comment) => html`<p class="comment">${comment.body}</p>
          <div class="meta">${comment.authorName}・${formatJapanDateTime(comment.createdAt)}</div>`,
      )}
      <div class="actions">
        ${this.revealable
          ? html`<button type="button" @click=${() => emit(this, 'pia-reveal', { pointer: thread.pointer })}>${msg('commentShowItem')}</button>`
          : nothing}
        ${writable
          ? html`<button type="button" @click=${() => void this.write(() => api.resolve(this.assessmentId, thread.id, !thread.resolved))}>
              ${thread.resolved ? msg('commentReopen') : msg('commentResolve')}</button>`
          : nothing}
      </div>
      ${writable && !thread.resolved
        ? html`<form class="reply" @submit=${(e: SubmitEvent) => this.reply(e, thread)}>
            <textarea name="body" aria-label=${msg('commentReply')} required></textarea>
            <button type="submit">${msg('commentReplySubmit')}</button>
          </form>`
        : nothing}
    </li>`;
  }

  private newComment(): TemplateResult {
    return html`<form class="new" @submit=${(e: SubmitEvent) => this.add(e)}>
      <label for="comment-item">${msg('commentItem')}</label>
      <select id="comment-item" name="pointer">
        ${this.targets.map((target, index) => html`<option value=${target.pointer} .selected=${index === 0}>${target.label}</option>`)}
      </select>
      <label for="comment-body">${msg('commentBody')}</label>
      <textarea id="comment-body" name="body" required></textarea>
      <button type="submit" class="primary">${msg('commentAdd')}</button>
    </form>`;
  }

  override render(): TemplateResult {
    const writable = may('comment.write', this.assessmentId);
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
