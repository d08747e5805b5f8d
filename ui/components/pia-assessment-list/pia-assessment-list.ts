import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { AssessmentStatus, AssessmentSummary, FormId } from '../../../src/server/dto.js';
import { FORM_IDS } from '../../../src/schema/documents.js';
import { formName, formRevisions } from '../../../src/schema/validate.js';
import { formatWareki, isoDateInJapan } from '../../../src/domain/wareki.js';
import { api } from '../../api/client.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { STATUSES, lifecycleLabel, statusLabel } from '../../status.js';
import { baseStyles } from '../../styles/theme.js';
import type { PiaCopyDialog } from '../pia-copy-dialog/pia-copy-dialog.js';
import { loadReuse } from '../../reuse/load.js';

const SEARCH_DELAY_MS = 250;
/** Rows per page: a portfolio may hold 10,000 assessments, and the page asks the server for one page at a time. */
export const LIST_PAGE_SIZE = 100;
const numberFormat = new Intl.NumberFormat('ja-JP');

/**
 * @summary The list of assessments with search by name or organisation, filters by form and status, paged
 * (前へ / 次へ, `pageSize` rows a request), and creation of a new 重点項目評価書 or 全項目評価書.
 * @fires pia-navigate
 */
export class PiaAssessmentList extends LitElement {
  static override properties = {
    pageSize: { type: Number },
    items: { state: true },
    total: { state: true },
    offset: { state: true },
    loading: { state: true },
    error: { state: true },
    query: { state: true },
    createForm: { state: true },
  };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; max-width: 82rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
      h2 { font-size: 1.25rem; margin: 0 0 1rem; }
      .panel { background: var(--pia-surface); border: 1px solid var(--pia-line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1.5rem; }
      .filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: end; }
      .filters label, .create label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.9rem; font-weight: 700; }
      .filters input[type='search'] { width: min(26rem, 80vw); }
      table { width: 100%; border-collapse: collapse; background: var(--pia-surface); }
      th, td { text-align: left; padding: 0.65rem 0.75rem; border-bottom: 1px solid var(--pia-line); vertical-align: top; }
      th { background: var(--pia-label-bg); font-size: 0.85rem; color: var(--pia-muted); font-weight: 700; }
      td a { font-weight: 700; text-decoration: none; }
      td a:hover { text-decoration: underline; }
      .tag { display: inline-block; font-size: 0.8rem; padding: 0 0.5rem; border-radius: 3px; border: 1px solid var(--pia-line-strong); white-space: nowrap; }
      .tag.draft { background: #fdf3dc; border-color: #ecd08c; }
      .tag.submitted { background: var(--pia-accent-soft); border-color: #a9c1e0; }
      .tag.published { background: #e8f4ec; border-color: #b7d8c1; }
      .issues { color: var(--pia-error); white-space: nowrap; }
      .ok { color: var(--pia-ok); }
      .create { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: end; }
      .create fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
      .create fieldset label { flex-direction: row; align-items: center; font-weight: 400; gap: 0.4rem; }
      .create legend { font-weight: 700; font-size: 0.9rem; margin-bottom: 0.2rem; }
      .create input[type='text'] { width: min(22rem, 80vw); }
      .nowrap { white-space: nowrap; }
      button.copy { white-space: nowrap; padding: 0.3rem 0.8rem; }
      .pager { display: flex; align-items: center; justify-content: center; gap: 1rem; margin-top: 1rem; flex-wrap: wrap; }
      .pager .range { color: var(--pia-muted); }
      @media (max-width: 760px) {
        thead { display: none; }
        tr { display: block; border-bottom: 1px solid var(--pia-line-strong); padding: 0.5rem 0; }
        td { display: block; border: 0; padding: 0.15rem 0.75rem; }
        td[data-label]::before { content: attr(data-label) '：'; color: var(--pia-muted); font-size: 0.85rem; }
      }
    `,
  ];
  /** Rows per request and page. */
  declare pageSize: number;
  declare items: AssessmentSummary[];
  /** How many assessments match the search and filters, across all pages. */
  declare total: number;
  /** Where the page shown starts among the matches. */
  declare offset: number;
  declare loading: boolean;
  declare error: string;
  declare query: { q: string; form: FormId | ''; status: AssessmentStatus | '' };
  /** The form chosen for a new assessment: its revisions (from the schema) fill the 様式の版 choice. */
  declare createForm: FormId;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Only the newest request's answer is shown (a slow page must not replace a later search's). */
  private requested = 0;

  constructor() {
    super();
    this.pageSize = LIST_PAGE_SIZE;
    this.items = [];
    this.total = 0;
    this.offset = 0;
    this.loading = true;
    this.error = '';
    this.query = { q: '', form: '', status: '' };
    this.createForm = FORM_IDS[0];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.get('pageSize') !== undefined) this.filter({});
  }

  private async load(): Promise<void> {
    this.loading = true;
    const request = (this.requested += 1);
    try {
      const { q, form, status } = this.query;
      const query = { q, ...(form ? { form } : {}), ...(status ? { status } : {}) };
      const page = await api.list({ ...query, offset: this.offset, limit: this.pageSize });
      if (request !== this.requested) return;
      this.items = page.items;
      this.total = page.total ?? page.items.length;
      this.error = '';
    } catch (error) {
      if (request === this.requested) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (request === this.requested) this.loading = false;
    }
  }

  private filter(patch: Partial<PiaAssessmentList['query']>, delay = 0): void {
    this.query = { ...this.query, ...patch };
    this.offset = 0;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.load(), delay);
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string): string => String(new FormData(form).get(name) ?? '').trim();
    try {
      const { id } = await api.create({
        form: value('form') as FormId,
        ...(value('formRevision') ? { formRevision: value('formRevision') } : {}),
        ...(value('title') ? { title: value('title') } : {}),
        ...(value('organization') ? { organization: value('organization') } : {}),
      });
      emit(this, 'pia-navigate', { path: `/assessments/${encodeURIComponent(id)}` });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** 複製 of one row: the dialog comes with the reuse chunk, loaded on the first use. */
  private async openCopy(item: AssessmentSummary): Promise<void> {
    await loadReuse();
    await this.renderRoot.querySelector<PiaCopyDialog>('pia-copy-dialog')?.open(item);
  }

  private turnPage(offset: number): void {
    this.offset = offset;
    clearTimeout(this.searchTimer);
    void this.load().then(() => this.renderRoot.querySelector('table')?.scrollIntoView({ block: 'start' }));
  }

  /** 全N件中 a〜b件 with 前へ / 次へ; nothing while every match fits on one page. */
  private pager(): TemplateResult | typeof nothing {
    if (this.total <= this.pageSize && this.offset === 0) return nothing;
    const from = this.items.length === 0 ? 0 : this.offset + 1;
    const to = this.offset + this.items.length;
    const next = this.offset + this.pageSize;
    return html`<nav class="pager" aria-label=${msg('listPager')}>
      <button type="button" class="previous" ?disabled=${this.loading || this.offset === 0}
        @click=${() => this.turnPage(Math.max(0, this.offset - this.pageSize))}>${msg('listPrevious', { count: this.pageSize })}</button>
      <span class="range" role="status">${msg('listRange', { total: numberFormat.format(this.total), from: numberFormat.format(from), to: numberFormat.format(to) })}</span>
      <button type="button" class="next" ?disabled=${this.loading || next >= this.total}
        @click=${() => this.turnPage(next)}>${msg('listNext', { count: next < this.total ? Math.min(this.pageSize, this.total - next) : this.pageSize })}</button>
    </nav>`;
  }

  private row(item: AssessmentSummary): TemplateResult {
    const path = `/assessments/${encodeURIComponent(item.id)}`;
    return html`<tr>
      <td><a href=${path} @click=${(e: Event) => { e.preventDefault(); emit(this, 'pia-navigate', { path }); }}>${item.title || item.id}</a></td>
      <td data-label=${msg('colOrganization')}>${item.organization}</td>
      <td data-label=${msg('colForm')}>${item.formName}</td>
      <td data-label=${msg('colStatus')}><span class="tag ${item.status}">${lifecycleLabel(item)}</span></td>
      <td data-label=${msg('colIssues')}>${item.issueCount > 0
        ? html`<span class="issues">${msg('issuesCount', { count: item.issueCount })}</span>`
        : html`<span class="ok">${msg('noIssues')}</span>`}</td>
      <td data-label=${msg('colRevisions')} class="nowrap">${item.revisionCount > 0 ? msg('revisionsCount', { count: item.revisionCount }) : msg('noRevisionsYet')}</td>
      <td data-label=${msg('colUpdated')} class="nowrap">${formatWareki(isoDateInJapan(new Date(item.updatedAt)))}</td>
      <td class="nowrap"><button type="button" class="copy" aria-label=${msg('copyActionLabel', { title: item.title || item.id })}
        @click=${() => void this.openCopy(item)}>${msg('copyAction')}</button></td>
    </tr>`;
  }

  override render(): TemplateResult {
    return html`
      <section class="panel" aria-labelledby="list-heading">
        <h2 id="list-heading">${msg('listHeading')}</h2>
        <div class="filters" role="search">
          <label>${msg('searchLabel')}
            <input type="search" placeholder=${msg('searchPlaceholder')} .value=${this.query.q}
              @input=${(e: Event) => this.filter({ q: (e.target as HTMLInputElement).value }, SEARCH_DELAY_MS)} /></label>
          <label>${msg('formFilter')}
            <select @change=${(e: Event) => this.filter({ form: (e.target as HTMLSelectElement).value as FormId | '' })}>
              <option value="">${msg('all')}</option>
              ${FORM_IDS.map((id) => html`<option value=${id}>${formName(id)}</option>`)}
            </select></label>
          <label>${msg('statusFilter')}
            <select @change=${(e: Event) => this.filter({ status: (e.target as HTMLSelectElement).value as AssessmentStatus | '' })}>
              <option value="">${msg('all')}</option>
              ${STATUSES.map((status) => html`<option value=${status}>${statusLabel(status)}</option>`)}
            </select></label>
        </div>
      </section>
      ${this.error ? html`<p class="issue" role="alert">${this.error}</p>` : nothing}
      <table aria-busy=${this.loading ? 'true' : 'false'}>
        <thead><tr>
          <th>${msg('colTitle')}</th><th>${msg('colOrganization')}</th><th>${msg('colForm')}</th><th>${msg('colStatus')}</th>
          <th>${msg('colIssues')}</th><th>${msg('colRevisions')}</th><th>${msg('colUpdated')}</th><th><span class="visually-hidden">${msg('copyAction')}</span></th>
        </tr></thead>
        <tbody>${this.items.map((item) => this.row(item))}</tbody>
      </table>
      ${this.pager()}
      ${!this.loading && this.items.length === 0 ? html`<p>${msg('emptyList')}</p>` : nothing}
      <section class="panel" aria-labelledby="create-heading" style="margin-top: 1.5rem">
        <h2 id="create-heading">${msg('createHeading')}</h2>
        <form class="create" @submit=${(e: SubmitEvent) => void this.create(e)}>
          <fieldset>
            <legend>${msg('formFilter')}</legend>
            ${FORM_IDS.map((id) => html`<label><input type="radio" name="form" value=${id} ?checked=${id === this.createForm}
              @change=${() => (this.createForm = id)} />${formName(id)}</label>`)}
          </fieldset>
          <label>${msg('createRevisionLabel')}
            <select name="formRevision">
              ${formRevisions(this.createForm).map((revision, index) => html`<option value=${revision} ?selected=${index === 0}>${revision}</option>`)}
            </select></label>
          <label>${msg('createTitleLabel')}<input type="text" name="title" /></label>
          <label>${msg('createOrganizationLabel')}<input type="text" name="organization" /></label>
          <button type="submit" class="primary">${msg('createButton')}</button>
        </form>
      </section>
      <pia-copy-dialog></pia-copy-dialog>
    `;
  }
}

customElements.define('pia-assessment-list', PiaAssessmentList);
declare global {
  interface HTMLElementTagNameMap {
    'pia-assessment-list': PiaAssessmentList;
  }
}
