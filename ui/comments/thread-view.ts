/**
 * One comment thread as people read it, in the list and beside its item: the comments with who and when, whether it
 * is resolved, and for those who may comment 解決にする / 再開する and a reply. One template, so both places agree.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { formatJapanDateTime } from '../../src/domain/wareki.js';
import type { CommentThread } from '../../src/server/dto.js';
import { msg } from '../messages.ja.js';

export type ThreadOptions = {
  readonly writable: boolean;
  /** Shown above the comments (the official item path, in the list). */
  readonly heading?: TemplateResult | string;
  /** More buttons beside 解決にする (項目へ移動, in the list). */
  readonly actions?: TemplateResult | typeof nothing;
  readonly resolve: (thread: CommentThread) => Promise<void>;
  readonly reply: (thread: CommentThread, body: string) => Promise<void>;
};

export const threadStyles = css`
  li.thread { list-style: none; border-top: 1px solid var(--pia-line); padding: 0.5rem 0; }
  li.thread:first-child { border-top: 0; }
  li.thread.resolved { opacity: 0.75; }
  .path { font-size: 0.8rem; color: var(--pia-muted); }
  .comment { margin: 0.3rem 0 0 0; white-space: pre-wrap; word-break: break-word; }
  .meta { font-size: 0.75rem; color: var(--pia-muted); }
  .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin-top: 0.3rem; }
  form.reply { display: flex; gap: 0.5rem; align-items: flex-end; margin-top: 0.4rem; }
  form.reply textarea { flex: 1; min-height: 2.4em; min-width: 0; }
  textarea { width: 100%; }
`;

/** Runs a comment write; a refusal (403 …) goes to `target.error` in the server's words and is rethrown. */
export const writeShowingError = async (target: { error: string }, action: () => Promise<void>): Promise<void> => {
  target.error = '';
  try {
    await action();
  } catch (error) {
    target.error = error instanceof Error ? error.message : String(error);
    throw error;
  }
};

const submitReply = (event: SubmitEvent, thread: CommentThread, reply: ThreadOptions['reply']): void => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const body = (form.elements.namedItem('body') as HTMLTextAreaElement).value;
  void reply(thread, body).then(() => form.reset());
};

export const threadView = (thread: CommentThread, options: ThreadOptions): TemplateResult => {
  const { writable } = options;
  return html`<li class="thread ${thread.resolved ? 'resolved' : ''}" data-item=${thread.pointer} data-thread=${thread.id}>
    ${options.heading || thread.resolved
      ? html`<div class="path">${options.heading ?? nothing}${thread.resolved
          ? html`${options.heading ? ' — ' : ''}${msg('commentResolved', { by: thread.resolved.by })}`
          : nothing}</div>`
      : nothing}
    ${thread.comments.map(
      (comment) => html`<p class="comment">${comment.body}</p>
        <div class="meta">${comment.authorName}・${formatJapanDateTime(comment.createdAt)}</div>`,
    )}
    ${writable || options.actions
      ? html`<div class="actions">
          ${options.actions ?? nothing}
          ${writable
            ? html`<button type="button" class="resolve" @click=${() => void options.resolve(thread)}>
                ${thread.resolved ? msg('commentReopen') : msg('commentResolve')}</button>`
            : nothing}
        </div>`
      : nothing}
    ${writable && !thread.resolved
      ? html`<form class="reply" @submit=${(e: SubmitEvent) => submitReply(e, thread, options.reply)}>
          <textarea name="body" aria-label=${msg('commentReply')} required></textarea>
          <button type="submit">${msg('commentReplySubmit')}</button>
        </form>`
      : nothing}
  </li>`;
};
