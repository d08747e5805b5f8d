import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { api, conflictOf } from '../../api/client.js';
import type { IncomingChange, StoredVersion } from '../../../src/merge/index.js';
import type { CommitPlanResponse, RevisionMeta } from '../../../src/server/dto.js';
import { msg } from '../../messages.ja.js';
import { rememberName, rememberedName } from '../../person.js';
import { signedIn } from '../../session.js';
import { baseStyles } from '../../styles/theme.js';
import { modalCardStyles } from '../dialog-styles.js';

/** The draft version a commit was refused for (saved by someone else after the one it named); not a stale base revision. */
const draftMoved = (error: unknown): StoredVersion | undefined => {
  const details = conflictOf(error);
  return details && typeof details.data === 'object' && details.data !== null ? details : undefined;
};

/**
 * @summary Commits the draft as a new revision with a message, 変更日 and author. The 変更日 starts at the server's
 * default (the cover's 公表日, else today in Japan) and the server's warnings are shown as it changes (a date before
 * the previous revision's or before rows already printed). Saves the draft first, and names the newest revision as
 * the base and the draft version saved, so a commit racing another one, or a save of the draft by someone else, is
 * refused by the server rather than frozen unseen: the other save is then merged into the editor and the officer
 * commits again after looking at it.
 * @fires pia-revision-commit - after a revision was created (detail: RevisionMeta)
 */
export class PiaCommitDialog extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    prepare: { attribute: false },
    takeIn: { attribute: false },
    movedIn: { state: true },
    error: { state: true },
    busy: { state: true },
    plan: { state: true },
    author: { state: true },
    built: { state: true },
  };
  static override styles = [
    baseStyles,
    modalCardStyles,
    css`
      dialog { width: min(36rem, 94vw); }
      h2 { margin: 0 0 1rem; font-size: 1.15rem; }
      input[type='text'], textarea { width: 100%; }
      .hint { margin: 0.25rem 0 0; font-size: 0.85rem; color: var(--pia-muted); }
      .warnings { margin: 0.5rem 0 0; padding: 0.5rem 0.75rem; color: var(--pia-warn); background: #fdf3dc; border-left: 4px solid var(--pia-warn); }
      .warnings p { margin: 0.2rem 0; }
      .actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1.25rem; }
      .moved-in { margin: 0.25rem 0 0; padding-left: 2.75rem; font-size: 0.9rem; }
    `,
  ];
  declare assessmentId: string;
  /** Runs before the commit (the editor saves the draft) and gives the etag of the draft saved; rejects to stop. */
  declare prepare: () => Promise<string>;
  /** A version of the draft saved by someone else, which refused the commit: merged into the editor (undefined: conflicts). */
  declare takeIn: (current: StoredVersion) => readonly IncomingChange[] | undefined;
  /** What came in from a save that refused the last commit, listed with the message. */
  declare movedIn: readonly IncomingChange[];
  declare error: string;
  declare busy: boolean;
  /** The server's answer for the date shown: base, default 変更日, warnings. */
  declare plan: CommitPlanResponse | undefined;
  /** The name last used for a commit on this computer, shown when the dialog opens. */
  declare author: string;
  /**
   * The form is built when the dialog first opens: closed, it was ~7 ms of the editor's first screen (its date
   * input above all), for a dialog most visits never open.
   */
  declare built: boolean;

  constructor() {
    super();
    this.error = '';
    this.busy = false;
    this.prepare = () => Promise.resolve('');
    this.takeIn = () => [];
    this.movedIn = [];
    this.author = '';
    this.built = false;
  }

  private get dateInput(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#change-date');
  }

  async open(): Promise<void> {
    this.error = '';
    this.plan = undefined;
    // Read when asked for: the page's first read of localStorage waits for the browser to load it (~5-10 ms).
    this.author = rememberedName();
    this.built = true;
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
    try {
      this.plan = await api.commitPlan(this.assessmentId);
      const date = this.dateInput;
      if (date) date.value = this.plan.changeDate;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** The warnings follow the date: the server applies the one rule the CLI applies too. */
  private async dateChanged(): Promise<void> {
    const value = this.dateInput?.value ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    try {
      this.plan = await api.commitPlan(this.assessmentId, value);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    this.busy = true;
    this.error = '';
    this.movedIn = [];
    try {
      const draftEtag = await this.prepare();
      // Signed in, the server records the account's name as the author.
      if (!signedIn()) rememberName(field('author'));
      const { revision } = await api.commit(this.assessmentId, {
        message: field('message'),
        changeDate: field('changeDate'),
        ...(signedIn() ? {} : { author: field('author') }),
        baseRevision: this.plan?.baseRevision ?? (await api.commitPlan(this.assessmentId)).baseRevision,
        ...(draftEtag ? { draftEtag } : {}),
      });
      form.reset();
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new CustomEvent('pia-revision-commit', { detail: revision, bubbles: true, composed: true }));
    } catch (error) {
      const moved = draftMoved(error);
      const incoming = moved && this.takeIn(moved);
      this.movedIn = incoming ?? [];
      if (moved) this.error = msg(incoming ? 'commitDraftMoved' : 'commitDraftConflict');
      else this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  private warnings(): TemplateResult | typeof nothing {
    const warnings = this.plan?.warnings ?? [];
    if (warnings.length === 0) return nothing;
    return html`<div class="warnings" role="status" aria-label=${msg('commitWarningsHeading')}>
      ${warnings.map((warning) => html`<p>⚠ ${warning}</p>`)}
    </div>`;
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.built) return nothing;
    return html`<dialog aria-labelledby="commit-heading">
      <form @submit=${(e: SubmitEvent) => void this.submit(e)}>
        <h2 id="commit-heading">${msg('commitHeading')}</h2>
        <label for="message">${msg('commitMessageLabel')}</label>
        <textarea id="message" name="message" required></textarea>
        <label for="change-date">${msg('commitDateLabel')}</label>
        <input id="change-date" name="changeDate" type="date" required @change=${() => void this.dateChanged()} />
        <p class="hint">${msg('commitDateDefault')}</p>
        ${this.warnings()}
        ${signedIn()
          ? nothing
          : html`<label for="author">${msg('commitAuthorLabel')}</label>
              <input id="author" name="author" type="text" required .value=${this.author} />`}
        ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
        ${this.movedIn.length > 0
          ? html`<ul class="moved-in">${[...new Set(this.movedIn.map((change) => change.label))].map((label) => html`<li>${label}</li>`)}</ul>`
          : nothing}
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
