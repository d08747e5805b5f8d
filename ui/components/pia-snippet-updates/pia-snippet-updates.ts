import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { changeColumnTitles, citationLine } from '../../../src/diff/index.js';
import type {
  ConfirmedRow,
  FormId,
  LibraryEntry,
  OutdatedAssessmentSummary,
  SnippetUpdateOutcome,
  SpanChoice,
  SpanConflict,
} from '../../../src/server/dto.js';
import { ApiFailure, api } from '../../api/client.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';
import { snippetUpdatesStyles } from './pia-snippet-updates.styles.js';

type Take = SpanChoice['take'] | '';
type Result = { readonly id: string; readonly title: string; readonly outcome: SnippetUpdateOutcome };

/** A text's versions with a newer one: its title, the oldest replaced version and the newest, and the summary. */
type Renewal = { readonly id: string; readonly title: string; readonly from: number; readonly to: number; readonly summary?: string };

const renewalsOf = (snippets: readonly LibraryEntry[]): Renewal[] => {
  const byNewest = new Map<string, Renewal>();
  for (const snippet of snippets) {
    if (!snippet.replacedBy) continue;
    const key = `${snippet.replacedBy.id}@${snippet.replacedBy.version}`;
    const newest = snippets.find((s) => s.id === snippet.replacedBy!.id && s.version === snippet.replacedBy!.version);
    const known = byNewest.get(key);
    if (known && known.from <= snippet.version) continue;
    byNewest.set(key, {
      id: snippet.replacedBy.id,
      title: newest?.title ?? snippet.title,
      from: snippet.version,
      to: snippet.replacedBy.version,
      ...(newest?.changeSummary ? { summary: newest.changeSummary } : {}),
    });
  }
  return [...byNewest.values()];
};

const segments = (parts: SpanConflict['edits']): TemplateResult[] =>
  parts.map((part) => (part.kind === 'added' ? html`<ins>${part.text}</ins>` : part.kind === 'removed' ? html`<del>${part.text}</del>` : html`${part.text}`));

/**
 * @summary 標準文の更新: the assessments whose drafts use an older version of a standard text, with what an update
 * would do (the spans replaced and the 変更箇所 rows grouped under one summary), an action per assessment and one
 * for all. Spans edited by hand are shown three ways (as inserted / as they read / the new version, with the
 * changes of each side marked) with a choice: keep them for later, take the new version, or keep the text as it
 * reads. Each update is a compare-and-swap on the draft version the preview was made from.
 * @fires pia-navigate
 */
export class PiaSnippetUpdates extends LitElement {
  static override properties = {
    items: { state: true },
    renewals: { state: true },
    loading: { state: true },
    busy: { state: true },
    error: { state: true },
    summary: { state: true },
    results: { state: true },
    choices: { state: true },
  };
  static override styles = [baseStyles, snippetUpdatesStyles];
  declare items: readonly OutdatedAssessmentSummary[];
  declare renewals: readonly Renewal[];
  declare loading: boolean;
  declare busy: boolean;
  declare error: string;
  /** The one 変更後 text of the rows; blank: the new versions' own. */
  declare summary: string;
  declare results: readonly Result[];
  /** The officer's choice per assessment and span (record index). */
  declare choices: ReadonlyMap<string, ReadonlyMap<number, Take>>;

  constructor() {
    super();
    this.items = [];
    this.renewals = [];
    this.loading = true;
    this.busy = false;
    this.error = '';
    this.summary = '';
    this.results = [];
    this.choices = new Map();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load().then(() => this.showRequested());
  }

  /** Opened from an editor (`/snippets#<id>`): that assessment's entry, in view with the keyboard on its heading. */
  private async showRequested(): Promise<void> {
    const id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    await this.updateComplete;
    const heading = this.renderRoot.querySelector<HTMLElement>(`article.assessment[data-id="${CSS.escape(id)}"] h3`);
    heading?.setAttribute('tabindex', '-1');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      const [updates, library] = await Promise.all([api.snippetUpdates(), api.snippets()]);
      this.items = updates.items;
      this.renewals = renewalsOf(library.snippets);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }

  private choose(id: string, index: number, take: Take): void {
    const next = new Map(this.choices);
    next.set(id, new Map(next.get(id) ?? []).set(index, take));
    this.choices = next;
  }

  private chosen(id: string): SpanChoice[] {
    return [...(this.choices.get(id) ?? [])].flatMap(([index, take]) => (take === '' ? [] : [{ index, take }]));
  }

  private async updateOne(item: OutdatedAssessmentSummary): Promise<boolean> {
    const summary = this.summary.trim();
    const choices = this.chosen(item.id);
    try {
      const outcome = await api.updateSnippets(item.id, item.preview.etag, { ...(summary ? { summary } : {}), ...(choices.length > 0 ? { choices } : {}) });
      this.results = [{ id: item.id, title: item.title || item.id, outcome }, ...this.results.filter((result) => result.id !== item.id)];
      const rest = new Map(this.choices);
      rest.delete(item.id);
      this.choices = rest;
      return true;
    } catch (error) {
      const stale = error instanceof ApiFailure && error.status === 409;
      this.error = stale ? msg('updateStale', { title: item.title || item.id }) : error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  private async run(items: readonly OutdatedAssessmentSummary[]): Promise<void> {
    this.busy = true;
    this.error = '';
    for (const item of items) if (!(await this.updateOne(item))) break;
    await this.load();
    this.busy = false;
    await this.updateComplete;
    // What was done (or why not) is at the top of the page; the button pressed may be far below.
    this.renderRoot.querySelector(this.error ? '[role="alert"]' : '.results')?.scrollIntoView({ block: 'start' });
  }

  private rowsTable(form: FormId, rows: readonly ConfirmedRow[]): TemplateResult {
    const titles = changeColumnTitles(form);
    return html`<table class="rows">
      <thead><tr><th>${titles.item}</th><th>${titles.before}</th><th>${titles.after}</th><th>${titles.timing}</th></tr></thead>
      <tbody>${rows.map((row) => html`<tr data-pointer=${row.pointer ?? ''}>
        <td>${citationLine(row.item)}</td><td class="text"><div class="clip">${row.before}</div></td><td class="text summary">${row.after}</td><td>${row.timing}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  private conflict(item: OutdatedAssessmentSummary, conflict: SpanConflict): TemplateResult {
    const take = this.choices.get(item.id)?.get(conflict.index) ?? '';
    const name = `choice-${item.id}-${conflict.index}`;
    const option = (value: Take, label: string): TemplateResult => html`<label><input type="radio" name=${name} value=${value}
      .checked=${take === value} @change=${() => this.choose(item.id, conflict.index, value)} />${label}</label>`;
    return html`<div class="conflict" data-pointer=${conflict.pointer}>
      <p class="warning">⚠ ${conflict.message}</p>
      <div class="three">
        <section><h5>${msg('threeInserted', { version: conflict.fromVersion })}</h5><div class="text">${conflict.inserted}</div></section>
        <section><h5>${msg('threeCurrent')}</h5><div class="text">${conflict.state === 'edited' ? segments(conflict.edits) : conflict.current}</div></section>
        <section><h5>${msg('threeNext', { version: conflict.to.version })}</h5><div class="text">${conflict.inserted ? segments(conflict.revision) : conflict.next}</div></section>
      </div>
      <fieldset class="choice"><legend>${msg('choiceLabel')}</legend>
        ${option('', msg('choiceLater'))}
        ${conflict.state === 'edited' ? option('next', msg('choiceNext')) : nothing}
        ${option('current', msg('choiceCurrent'))}
      </fieldset>
    </div>`;
  }

  private editorLink(id: string): TemplateResult {
    const path = `/assessments/${encodeURIComponent(id)}`;
    return html`<a href=${path} @click=${(e: Event) => { e.preventDefault(); emit(this, 'pia-navigate', { path }); }}>${msg('openEditor')}</a>`;
  }

  private item(item: OutdatedAssessmentSummary): TemplateResult {
    const { preview } = item;
    return html`<article class="assessment" data-id=${item.id} aria-labelledby=${`title-${item.id}`}>
      <header><h3 id=${`title-${item.id}`}>${item.title || item.id}</h3>${this.editorLink(item.id)}</header>
      <ul class="uses">${item.uses.map((use) => html`<li data-pointer=${use.pointer}>
        <span class="state ${use.state}">${msg(`useState_${use.state}`)}</span>
        ${msg('useLine', { title: use.title, from: use.version, to: use.newest?.version ?? use.version })}
        <span class="path">${use.path.join(' > ')}</span></li>`)}</ul>
      ${preview.rows.length > 0
        ? html`<h4>${msg('previewRowsHeading', { count: preview.rows.length })}</h4>${this.rowsTable(item.form, preview.rows)}`
        : nothing}
      ${preview.conflicts.length > 0
        ? html`<h4>${msg('conflictsHeading', { count: preview.conflicts.length })}</h4>${preview.conflicts.map((c) => this.conflict(item, c))}`
        : nothing}
      <div class="actions"><button type="button" class="primary update-one" ?disabled=${this.busy} @click=${() => void this.run([item])}>
        ${msg('updateOne')}</button></div>
    </article>`;
  }

  private result({ id, title, outcome }: Result): TemplateResult {
    const done = outcome.updated.length > 0 ? msg('resultUpdated', { title, count: outcome.updated.length }) : msg('resultNothing', { title });
    const kept = outcome.kept.length > 0 ? msg('resultKept', { count: outcome.kept.length }) : '';
    return html`<article class="result" role="status" data-id=${id}>
      <p><strong>${done}</strong>${kept}</p>
      ${outcome.rows.length > 0 ? html`<h4>${msg('resultRowsHeading', { count: outcome.rows.length })}</h4>${this.rowsTable(outcome.form, outcome.rows)}` : nothing}
      ${outcome.warnings.map((warning) => html`<p class="warning">⚠ ${warning}</p>`)}
    </article>`;
  }

  override render(): TemplateResult {
    const example = this.renewals.find((renewal) => renewal.summary)?.summary ?? '';
    return html`
      <section class="panel" aria-labelledby="updates-heading">
        <h2 id="updates-heading">${msg('snippetUpdatesHeading')}</h2>
        <p class="hint">${msg('snippetUpdatesIntro')}</p>
        ${this.renewals.length > 0
          ? html`<h3>${msg('newVersionsHeading')}</h3>
              <ul class="renewals">${this.renewals.map((r) => html`<li>${msg('newVersionLine', { title: r.title, from: r.from, to: r.to })}</li>`)}</ul>`
          : nothing}
        <label for="summary">${msg('summaryLabel')}</label>
        <input id="summary" type="text" .value=${this.summary} placeholder=${example}
          @input=${(e: Event) => (this.summary = (e.target as HTMLInputElement).value)} />
        ${example ? html`<p class="hint">${msg('summaryHint', { example })}</p>` : nothing}
        <div class="actions">
          <button type="button" class="primary update-all" ?disabled=${this.busy || this.items.length === 0} @click=${() => void this.run(this.items)}>
            ${msg('updateAll', { count: this.items.length })}</button>
        </div>
      </section>
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      ${this.results.length > 0
        ? html`<section class="results" aria-labelledby="results-heading"><h2 id="results-heading">${msg('updatedHeading')}</h2>
            ${this.results.map((result) => this.result(result))}</section>`
        : nothing}
      <div aria-busy=${this.loading ? 'true' : 'false'}>
        ${!this.loading && this.items.length === 0 ? html`<p class="empty">${msg('noOutdated')}</p>` : this.items.map((item) => this.item(item))}
      </div>
    `;
  }
}

customElements.define('pia-snippet-updates', PiaSnippetUpdates);
declare global {
  interface HTMLElementTagNameMap {
    'pia-snippet-updates': PiaSnippetUpdates;
  }
}
