import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { formatWareki } from '../../../src/domain/wareki.js';
import { api, rowsConflictOf } from '../../api/client.js';
import { downloadLink } from '../../api/download.js';
import type { ChangedItem, DiffResponse, FormId, RevisionMeta } from '../../../src/server/dto.js';
import { CompareRestore } from '../../controllers/compare-restore.js';
import { currentSession, may } from '../../session.js';
import '../pia-comments/pia-comments.js';
import '../pia-comment-badge/pia-comment-badge.js';
import '../pia-comment-thread/pia-comment-thread.js';
import { comments } from '../../comments/comment-store.js';
import { emit } from '../../events.js';
import { entriesOf, flaggedCount, keptRows, type RowEntry } from '../../form/change-rows.js';
import { msg } from '../../messages.ja.js';
import { statusLabel } from '../../status.js';
import { baseStyles } from '../../styles/theme.js';
import '../pia-change-table/pia-change-table.js';
import '../pia-revision-history/pia-revision-history.js';

type Side = 'before' | 'after';

/** One side of a text diff: the shared text plus what this side alone has, marked as deleted or inserted. */
const sideOf = (item: ChangedItem, side: Side): TemplateResult => {
  if (!item.segments || item.segments.length === 0) return html`${side === 'before' ? item.before : item.after}`;
  return html`${item.segments.map((segment) => {
    if (segment.added) return side === 'after' ? html`<ins>${segment.value}</ins>` : nothing;
    if (segment.removed) return side === 'before' ? html`<del>${segment.value}</del>` : nothing;
    return segment.value;
  })}`;
};

/**
 * @summary Compare two revisions (or a revision and the draft): the 変更箇所 rows and each changed item before/after
 * side by side. A revision's rows are confirmed, edited, merged or dropped only against its own predecessor and while
 * its state allows (the server says so: `editable`); any other pair, and a submitted or published revision, is a
 * read-only view, so no change is ever recorded in two revisions.
 * @fires pia-navigate
 */
export class PiaCompare extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    revisions: { state: true },
    from: { state: true },
    to: { state: true },
    diff: { state: true },
    rows: { state: true },
    dirty: { state: true },
    error: { state: true },
    notice: { state: true },
    title: { state: true },
    form: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; max-width: 96rem; margin: 0 auto; padding: 1.25rem; }
      .top { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; margin-bottom: 1rem; }
      h1 { font-size: 1.3rem; margin: 0; }
      .doc-title { display: block; font-size: 0.95rem; font-weight: 400; color: var(--pia-muted); }
      .panel { background: var(--pia-surface); border: 1px solid var(--pia-line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1.5rem; }
      .pick { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: end; }
      .pick label { display: flex; flex-direction: column; font-weight: 700; font-size: 0.9rem; gap: 0.2rem; max-width: 100%; min-width: 0; }
      .pick select { max-width: 100%; }
      h2 { font-size: 1.1rem; margin: 0 0 0.75rem; }
      .row-actions { display: flex; gap: 1rem; align-items: center; margin-top: 0.75rem; flex-wrap: wrap; }
      .flag-count { font-weight: 700; color: var(--pia-warn); }
      .flag-count.none { font-weight: 400; color: var(--pia-ok); }
      .read-only { margin: 0 0 0.75rem; padding: 0.4rem 0.75rem; background: var(--pia-label-bg); border-left: 4px solid var(--pia-line-strong); }
      article { border: 1px solid var(--pia-line); border-radius: 4px; margin-bottom: 1rem; overflow: hidden; }
      article h3 { margin: 0; font-size: 0.95rem; padding: 0.5rem 0.75rem; background: var(--pia-label-bg); }
      article h3 pia-comment-badge { float: right; margin-left: 0.5rem; font-weight: 400; }
      article:not(:hover):not(:focus-within) pia-comment-badge[idle] { opacity: 0; }
      article pia-comment-thread { margin: 0 0.75rem 0.6rem; }
      .sides { display: grid; grid-template-columns: 1fr 1fr; }
      .side { padding: 0.6rem 0.75rem; white-space: pre-wrap; word-break: break-word; min-width: 0; }
      .side + .side { border-left: 1px solid var(--pia-line); }
      .side-label { display: block; font-size: 0.8rem; color: var(--pia-muted); margin-bottom: 0.25rem; }
      ins { background: var(--pia-ins); text-decoration: underline 2px; text-decoration-color: #1e6b3a; padding: 0 1px; }
      .side .restore { display: block; margin-top: 0.5rem; font-size: 0.85rem; }
      del { background: var(--pia-del); text-decoration: line-through 2px; text-decoration-color: var(--pia-error); padding: 0 1px; }
      @media (max-width: 760px) { .sides { grid-template-columns: 1fr; } .side + .side { border-left: 0; border-top: 1px solid var(--pia-line); } }
    `,
  ];
  declare assessmentId: string;
  declare revisions: RevisionMeta[];
  declare from: number | undefined;
  /** A refused download (e.g. the redline of a draft with issues) is said above, not saved as a file. */
  private readonly downloadFailed = downloadLink((error) => {
    this.error = error.message;
  });
  declare to: number | 'draft';
  declare diff: DiffResponse | undefined;
  /** The rows being confirmed, dropped ones included until saved. */
  declare rows: RowEntry[];
  /** Rows edited since they were loaded or saved. */
  declare dirty: boolean;
  declare error: string;
  declare notice: string;
  /** 評価書名, for the heading. */
  declare title: string;
  declare form: FormId | undefined;
  /** 「この版の記載に戻す」 of a changed item into the draft. */
  private readonly restorer = new CompareRestore(this, () => this.compare());

  constructor() {
    super();
    this.revisions = [];
    this.to = 'draft';
    this.rows = [];
    this.dirty = false;
    this.error = '';
    this.notice = '';
    this.title = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const loaded = await api.get(this.assessmentId);
      const cover = loaded.data['cover'] as { title?: unknown } | undefined;
      this.title = typeof cover?.title === 'string' ? cover.title : '';
      this.form = loaded.form;
      this.revisions = (await api.revisions(this.assessmentId)).items.sort((a, b) => a.number - b.number);
      // The newest revision against the revision its rows were proposed against: the pair whose rows can be saved.
      const newest = this.revisions.at(-1);
      const predecessor = newest && newest.predecessor > 0 ? newest.predecessor : undefined;
      this.from = predecessor ?? newest?.number;
      this.to = predecessor !== undefined && newest ? newest.number : 'draft';
      if (this.from !== undefined) await this.compare();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private async compare(): Promise<void> {
    if (this.from === undefined) return;
    this.notice = '';
    try {
      this.diff = await api.diff(this.assessmentId, this.from, this.to);
      // Comments beside the changed items are those on the version compared to (the draft or a revision).
      void comments.use({ assessmentId: this.assessmentId, revision: this.diff.to }).catch((error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
      });
      this.rows = entriesOf(this.diff.rows);
      this.dirty = false;
      this.error = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private async saveRows(): Promise<void> {
    const diff = this.diff;
    if (this.to === 'draft' || !diff?.editable || diff.rowsEtag === undefined) return;
    try {
      const saved = await api.saveRows(this.assessmentId, this.to, diff.rowsEtag, keptRows(this.rows));
      // Saved: dropped rows are gone for good and merges can no longer be undone.
      this.rows = entriesOf(saved.rows);
      this.diff = { ...diff, rows: [...saved.rows], rowsEtag: saved.rowsEtag };
      this.revisions = this.revisions.map((meta) => (meta.number === saved.number ? saved : meta));
      this.dirty = false;
      this.error = '';
      this.notice = msg('rowsSaved');
    } catch (error) {
      this.error = rowsConflictOf(error) ? msg('rowsConflict') : error instanceof Error ? error.message : String(error);
    }
  }

  /** Why the rows shown cannot be saved here, in words. */
  private readOnlyNote(diff: DiffResponse): string {
    if (diff.rowsSource === 'proposal') return msg('rowsProposal');
    if (diff.rowsSource === 'range') {
      return diff.rowsOf.length > 0 ? msg('rowsRange', { numbers: diff.rowsOf.join('・') }) : msg('rowsRangeEmpty');
    }
    const meta = this.revisions.find((revision) => revision.number === diff.to);
    return meta ? msg('rowsFrozen', { number: meta.number, status: statusLabel(meta.status) }) : msg('rowsNeedRevision');
  }

  /** How many rows the officer still has to look at before the table is published. */
  private flagCount(): TemplateResult {
    const count = flaggedCount(this.rows);
    return count > 0
      ? html`<span class="flag-count">⚠ ${msg('flaggedRows', { count })}</span>`
      : html`<span class="flag-count none">${msg('noFlaggedRows')}</span>`;
  }

  private option(meta: RevisionMeta, selected: boolean): TemplateResult {
    const text = msg('revisionOption', { number: meta.number, date: formatWareki(meta.changeDate), message: meta.message });
    return html`<option value=${meta.number} ?selected=${selected}>${text}</option>`;
  }

  private picker(): TemplateResult {
    return html`<div class="pick">
      <label>${msg('compareFrom')}
        <select name="from" @change=${(e: Event) => { this.from = Number((e.target as HTMLSelectElement).value); }}>
          ${this.revisions.map((meta) => this.option(meta, meta.number === this.from))}
        </select></label>
      <label>${msg('compareTo')}
        <select name="to" @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          this.to = value === 'draft' ? 'draft' : Number(value);
        }}>
          ${this.revisions.map((meta) => this.option(meta, meta.number === this.to))}
          <option value="draft" ?selected=${this.to === 'draft'}>${msg('compareDraft')}</option>
        </select></label>
      <button type="button" class="primary" @click=${() => void this.compare()}>${msg('compareButton')}</button>
      ${this.from !== undefined
        ? html`<a class="redline" href=${api.redlineUrl(this.assessmentId, this.from, this.to)} download title=${msg('redlineHint')}
            @click=${this.downloadFailed}>${msg('redlinePdf')}</a>`
        : nothing}
    </div>`;
  }

  private results(diff: DiffResponse): TemplateResult {
    return html`
      <section class="panel" aria-labelledby="rows-heading">
        <h2 id="rows-heading">${msg('changeRowsHeading')}</h2>
        ${diff.editable ? nothing : html`<p class="read-only" role="note">${this.readOnlyNote(diff)}</p>`}
        ${this.rows.length === 0
          ? html`<p>${msg('noChanges')}</p>`
          : html`<pia-change-table .form=${this.form} .entries=${this.rows} ?editable=${this.rowsEditable(diff)}
              @pia-rows-change=${(e: CustomEvent<RowEntry[]>) => {
                this.rows = e.detail;
                this.dirty = true;
                this.notice = '';
              }}></pia-change-table>
            <div class="row-actions">
              ${this.rowsEditable(diff)
                ? html`<button type="button" class="primary" @click=${() => void this.saveRows()}>${msg('saveRows')}</button>`
                : nothing}
              ${this.flagCount()}
              ${this.dirty ? html`<span>${msg('unsavedState')}</span>` : nothing}
              ${this.notice ? html`<span role="status">${this.notice}</span>` : nothing}
            </div>`}
      </section>
      <section class="panel" aria-labelledby="items-heading">
        <h2 id="items-heading">${msg('changedItemsHeading')}</h2>
        ${this.restorer.notice(this.assessmentId)}
        ${diff.items.length === 0 ? html`<p>${msg('noChanges')}</p>` : nothing}
        ${diff.items.map(
          (item) => html`<article data-pointer=${item.pointer}>
            <h3>${comments.active ? html`<pia-comment-badge .pointer=${item.pointer}></pia-comment-badge>` : nothing}${item.citation}</h3>
            <div class="sides">
              <div class="side before"><span class="side-label">${msg('before')}</span>${sideOf(item, 'before')}
                ${this.restoreButton(diff, item)}</div>
              <div class="side after"><span class="side-label">${msg('after')}</span>${sideOf(item, 'after')}</div>
            </div>
            ${comments.active ? html`<pia-comment-thread .pointer=${item.pointer} .label=${item.citation}></pia-comment-thread>` : nothing}
          </article>`,
        )}
      </section>
    `;
  }

  /** The state allows it (not submitted, not a distant view) and the person may edit rows. */
  private rowsEditable(diff: DiffResponse): boolean {
    return diff.editable && may('rows.edit', this.assessmentId);
  }

  /** Restores from the revision the shown diff starts at (not the pickers, which may have moved since). */
  private restoreButton(diff: DiffResponse, item: ChangedItem): TemplateResult | typeof nothing {
    if (!may('draft.edit', this.assessmentId)) return nothing;
    const pair = { id: this.assessmentId, from: diff.from, to: diff.to };
    return html`<button type="button" class="restore" data-pointer=${item.pointer}
      aria-label=${msg('referenceRestoreNamed', { label: item.citation })}
      @click=${() => void this.restorer.restore(pair, item)}>${msg('referenceRestore')}</button>`;
  }

  override render(): TemplateResult {
    const editor = `/assessments/${encodeURIComponent(this.assessmentId)}`;
    return html`
      <div class="top">
        <a href=${editor} @click=${(e: Event) => { e.preventDefault(); emit(this, 'pia-navigate', { path: editor }); }}>${msg('backToEditor')}</a>
        <h1>${msg('compareHeading')}<span class="doc-title">${this.title}</span></h1>
      </div>
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      <section class="panel">${this.revisions.length === 0 ? html`<p>${msg('noRevisions')}</p>` : this.picker()}</section>
      ${this.diff && this.form ? this.results(this.diff) : nothing}
      ${this.diff && currentSession()?.features.comments
        ? html`<pia-comments .assessmentId=${this.assessmentId} .revision=${this.diff.to} .revealable=${false}></pia-comments>`
        : nothing}
      ${this.revisions.length > 0
        ? html`<section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading">${msg('historyHeading')}</h2>
            <pia-revision-history .assessmentId=${this.assessmentId} .revisions=${this.revisions}
              @pia-revision-commit=${() => void this.load()}
              @pia-revision-update=${(e: CustomEvent<RevisionMeta>) => {
                this.revisions = this.revisions.map((meta) => (meta.number === e.detail.number ? e.detail : meta));
                // A status step can freeze the rows on screen: ask the server again which pair is editable.
                if (e.detail.number === this.to) void this.compare();
              }}></pia-revision-history>
          </section>`
        : nothing}
    `;
  }
}

customElements.define('pia-compare', PiaCompare);
declare global {
  interface HTMLElementTagNameMap {
    'pia-compare': PiaCompare;
  }
}
