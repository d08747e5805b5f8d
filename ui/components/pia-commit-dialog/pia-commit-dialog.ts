import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { api } from '../../api/client.js';
import type { RevisionMeta } from '../../../src/server/dto.js';
import { localIsoDate } from '../../dates.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

const AUTHOR_KEY = 'pia-author';


/**
 * @summary Commits the draft as a new revision with a message and 変更日. Saves the draft first, and names the
 * newest revision as the base so a commit racing another one is refused by the server rather than lost.
 * @fires pia-revision-commit - after a revision was created (detail: RevisionMeta)
 */
export class PiaCommitDialog extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    prepare: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      dialog { width: min(36rem, 94vw); border: 0; border-radius: 8px; padding: 1.25rem 1.5rem; box-shadow: 0 10px 40px rgb(0 0 0 / 0.35); }
      dialog::backdrop { background: rgb(15 23 42 / 0.45); }
      h2 { margin: 0 0 1rem; font-size: 1.15rem; }
      label { display: block; font-weight: 700; margin-top: 0.75rem; }
      input[type='text'], textarea { width: 100%; }
      .actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1.25rem; }
    `,
  ];
  declare assessmentId: string;
  /** Runs before the commit (the editor saves the draft); rejects to stop. */
  declare prepare: () => Promise<void>;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
    this.prepare = () => Promise.resolve();
  }

  open(): void {
    this.error = '';
    const dialog = this.renderRoot.querySelector('dialog');
    const date = this.renderRoot.querySelector<HTMLInputElement>('#change-date');
    if (date && !date.value) date.value = localIsoDate();
    dialog?.showModal();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    this.busy = true;
    this.error = '';
    try {
      await this.prepare();
      const { items } = await api.revisions(this.assessmentId);
      const newest = items.reduce<number | null>((max, meta) => Math.max(max ?? 0, meta.number), null);
      localStorage.setItem(AUTHOR_KEY, field('author'));
      const meta: RevisionMeta = await api.commit(this.assessmentId, {
        message: field('message'),
        changeDate: field('changeDate'),
        author: field('author'),
        baseRevision: newest,
      });
      form.reset();
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new CustomEvent('pia-revision-commit', { detail: meta, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  override render(): TemplateResult {
    return html`<dialog aria-labelledby="commit-heading">
      <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
        <h2 id="commit-heading">${msg('commitHeading')}</h2>
        <label for="message">${msg('commitMessageLabel')}</label>
        <textarea id="message" name="message" required></textarea>
        <label for="change-date">${msg('commitDateLabel')}</label>
        <input id="change-date" name="changeDate" type="date" required />
        <label for="author">${msg('commitAuthorLabel')}</label>
        <input id="author" name="author" type="text" required .value=${localStorage.getItem(AUTHOR_KEY) ?? ''} />
        ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${msg('cancel')}</button>
          <button type="submit" class="primary" ?disabled=${this.busy}>${msg('commitSubmit')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('pia-commit-dialog', PiaCommitDialog);
declare global {
  interface HTMLElementTagNameMap {
    'pia-commit-dialog': PiaCommitDialog;
  }
  interface GlobalEventHandlersEventMap {
    'pia-revision-commit': CustomEvent<RevisionMeta>;
  }
}
