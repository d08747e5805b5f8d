import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { LibraryEntry } from '../../../src/server/dto.js';
import { api } from '../../api/client.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { dialogStyles } from '../dialog-styles.js';

/** Where the text goes: a text item and the cursor or selection in it, with its official path. */
export type SnippetTarget = { readonly pointer: string; readonly path: string; readonly start: number; readonly end: number };
export type SnippetInsertDetail = { snippet: LibraryEntry; target: SnippetTarget };

/** Full-width and half-width letters match each other, and case does not matter. */
const normalize = (text: string): string => text.normalize('NFKC').toLocaleLowerCase('ja');

/**
 * @summary The standard-text picker: the data folder's library by title, issuer and version (the newest of each
 * text unless asked for older ones), searchable, with the chosen text's body as a preview. Inserting is the
 * editor's edit (one undoable step); the dialog only says what and where.
 * @fires pia-snippet-insert
 */
export class PiaSnippetPicker extends LitElement {
  static override properties = {
    target: { attribute: false },
    /** Why nothing can be inserted (no text item chosen, or not a text item). */
    refusal: { attribute: false },
    snippets: { state: true },
    query: { state: true },
    showOld: { state: true },
    chosen: { state: true },
    error: { state: true },
  };
  static override styles = [
    baseStyles,
    dialogStyles,
    css`
      .columns { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 1rem; margin-top: 0.75rem; }
      .list { max-height: 50vh; overflow: auto; border: 1px solid var(--pia-line); border-radius: 4px; }
      .list label { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.5rem; margin: 0; padding: 0.45rem 0.6rem;
        border-bottom: 1px solid var(--pia-line); font-weight: 400; cursor: pointer; }
      .list label:hover, .list label.chosen { background: var(--pia-accent-soft); }
      .list input { grid-row: span 2; margin-top: 0.35rem; }
      .title { font-weight: 700; }
      .meta { font-size: 0.8rem; color: var(--pia-muted); }
      .old { font-size: 0.75rem; color: var(--pia-warn); margin-left: 0.4rem; }
      .preview { max-height: 50vh; overflow: auto; border: 1px solid var(--pia-line); border-radius: 4px; padding: 0.5rem 0.75rem;
        white-space: pre-wrap; font-family: inherit; font-size: 0.9rem; background: var(--pia-label-bg); margin: 0; }
      .preview-heading { font-weight: 700; font-size: 0.9rem; margin: 0 0 0.25rem; }
      .target { margin: 0; }
      .toggle { display: flex; align-items: center; gap: 0.4rem; font-weight: 400; margin-top: 0.5rem; }
      @media (max-width: 760px) { .columns { grid-template-columns: 1fr; } }
    `,
  ];
  declare target: SnippetTarget | undefined;
  declare refusal: string;
  declare snippets: readonly LibraryEntry[];
  declare query: string;
  declare showOld: boolean;
  declare chosen: LibraryEntry | undefined;
  declare error: string;

  constructor() {
    super();
    this.refusal = '';
    this.snippets = [];
    this.query = '';
    this.showOld = false;
    this.error = '';
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Open with the library as the server has it now. */
  async open(): Promise<void> {
    this.chosen = undefined;
    this.error = '';
    this.dialog?.showModal();
    try {
      this.snippets = (await api.snippets()).snippets;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private shown(): LibraryEntry[] {
    const q = normalize(this.query.trim());
    return this.snippets.filter(
      (snippet) =>
        (this.showOld || !snippet.replacedBy) &&
        (q === '' || [snippet.title, snippet.issuer, snippet.id].some((text) => normalize(text).includes(q))),
    );
  }

  private insert(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.chosen || !this.target) return;
    this.dialog?.close();
    const detail: SnippetInsertDetail = { snippet: this.chosen, target: this.target };
    this.dispatchEvent(new CustomEvent('pia-snippet-insert', { detail, bubbles: true, composed: true }));
  }

  private option(snippet: LibraryEntry): TemplateResult {
    const key = `${snippet.id}@${snippet.version}`;
    const chosen = this.chosen?.id === snippet.id && this.chosen.version === snippet.version;
    return html`<label class=${chosen ? 'chosen' : ''} data-snippet=${key}>
      <input type="radio" name="snippet" value=${key} .checked=${chosen} @change=${() => (this.chosen = snippet)} />
      <span class="title">${snippet.title}${snippet.replacedBy
        ? html`<span class="old">${msg('snippetReplaced', { version: snippet.replacedBy.version })}</span>`
        : nothing}</span>
      <span class="meta">${snippet.issuer}・${msg('snippetVersion', { version: snippet.version })}${snippet.date ? `・${snippet.date}` : ''}</span>
    </label>`;
  }

  private targetLine(): TemplateResult {
    const target = this.target;
    if (this.refusal || !target) return html`<p class="issue" role="alert">${this.refusal || msg('snippetNoTarget')}</p>`;
    const where = target.start === target.end
      ? msg('snippetAtCursor', { offset: target.start })
      : msg('snippetOverSelection', { start: target.start, end: target.end });
    return html`<p class="target"><strong>${msg('snippetTarget', { path: target.path })}</strong></p><p class="hint">${where}</p>`;
  }

  override render(): TemplateResult {
    const shown = this.shown();
    const chosen = this.chosen;
    return html`<dialog aria-labelledby="picker-heading">
      <form @submit=${(e: SubmitEvent) => this.insert(e)}>
        <h2 id="picker-heading">${msg('snippetPickerHeading')}</h2>
        <div class="body">
          ${this.targetLine()}
          <label for="snippet-search">${msg('snippetSearchLabel')}</label>
          <input id="snippet-search" type="search" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
          <label class="toggle"><input type="checkbox" .checked=${this.showOld} @change=${(e: Event) => (this.showOld = (e.target as HTMLInputElement).checked)} />
            ${msg('snippetShowOld')}</label>
          <div class="columns">
            <div class="list" role="radiogroup" aria-label=${msg('snippetColTitle')}>
              ${shown.length === 0 ? html`<p class="hint" style="padding: 0.5rem">${msg('snippetNone')}</p>` : shown.map((snippet) => this.option(snippet))}
            </div>
            <div>
              ${chosen
                ? html`<p class="preview-heading">${msg('snippetPreviewHeading', { title: chosen.title, version: chosen.version })}</p>
                    <pre class="preview" aria-label=${msg('snippetPreviewHeading', { title: chosen.title, version: chosen.version })}>${chosen.body}</pre>`
                : html`<p class="hint">${msg('snippetChoose')}</p>`}
            </div>
          </div>
          ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
        </div>
        <div class="actions">
          <button type="button" @click=${() => this.dialog?.close()}>${msg('cancel')}</button>
          <button type="submit" class="primary" ?disabled=${!chosen || !this.target || this.refusal !== ''}>${msg('snippetInsertSubmit')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('pia-snippet-picker', PiaSnippetPicker);
declare global {
  interface HTMLElementTagNameMap {
    'pia-snippet-picker': PiaSnippetPicker;
  }
  interface GlobalEventHandlersEventMap {
    'pia-snippet-insert': CustomEvent<SnippetInsertDetail>;
  }
}
