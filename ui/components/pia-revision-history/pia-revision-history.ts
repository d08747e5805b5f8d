import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { formatJapanDateTime, formatWareki } from '../../../src/domain/wareki.js';
import { TERMINATION_LABELS } from '../../../src/domain/revision.js';
import { STEP_NAMES_JA } from '../../../src/messages.ja.js';
import type { Finding, OfferedStep, RevisionMeta, StepFieldView } from '../../../src/server/dto.js';
import { ApiFailure, api } from '../../api/client.js';
import { downloadLink } from '../../api/download.js';
import { msg } from '../../messages.ja.js';
import { rememberName, rememberedName } from '../../person.js';
import { currentSession, may, mayTake, signedIn } from '../../session.js';
import { phaseLabel, statusLabel } from '../../status.js';
import { baseStyles } from '../../styles/theme.js';
import { modalCardStyles } from '../dialog-styles.js';

const blockingFindings = (error: unknown): readonly Finding[] => {
  const details = error instanceof ApiFailure ? (error.details as { findings?: Finding[] } | undefined) : undefined;
  return details?.findings ?? [];
};

/** What the dialog asks for and does: a step of the state table, or 事業終了 (which commits a new revision). */
type Action = {
  readonly meta: RevisionMeta;
  readonly name: string;
  readonly fields: readonly StepFieldView[];
  readonly reasonRequired: boolean;
  /** Does it; the notice to show. */
  readonly run: (values: Record<string, string>, note: { by?: string; reason?: string; remark?: string }) => Promise<string>;
};

/** An input for a value the step asks for (the form item it fills is named by its label). */
const fieldInput = (field: StepFieldView): TemplateResult => {
  const id = `step-${field.key}`;
  const input =
    field.kind === 'multiline'
      ? html`<textarea id=${id} name=${id} ?required=${field.required}></textarea>`
      : field.kind === 'choice'
        ? html`<select id=${id} name=${id} ?required=${field.required}>${(field.options ?? []).map((option) => html`<option>${option}</option>`)}</select>`
        : html`<input id=${id} name=${id} ?required=${field.required}
            type=${field.kind === 'date' ? 'date' : field.kind === 'count' ? 'number' : 'text'} min=${field.kind === 'count' ? '0' : nothing} />`;
  return html`<label for=${id}>${field.label}${field.required ? '' : msg('optionalMark')}</label>${input}`;
};

/**
 * @summary The committed revisions with their 変更日, message, author, status and status log; each revision's PDF,
 * and the steps the server's state table offers for it that this person may take (確認を依頼する, 差し戻す, 承認する
 * — not of one's own work —, the procedure with the items it fills, 提出, 公表, 取下げ with a reason). The server
 * refuses a step, with its findings, while ERROR-level checks remain.
 * @fires pia-revision-update - a revision's status changed (detail: RevisionMeta)
 */
export class PiaRevisionHistory extends LitElement {
  static override properties = {
    assessmentId: { type: String },
    revisions: { attribute: false },
    error: { state: true },
    findings: { state: true },
    notice: { state: true },
    step: { state: true },
    busy: { state: true },
  };
  static override styles = [
    baseStyles,
    modalCardStyles,
    css`
      :host { display: block; overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
      th, td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--pia-line); vertical-align: top; }
      th { background: var(--pia-label-bg); font-size: 0.85rem; color: var(--pia-muted); white-space: nowrap; }
      td.nowrap { white-space: nowrap; }
      td.actions button { display: block; margin-top: 0.3rem; }
      td.actions a { display: block; margin-top: 0.2rem; }
      td.actions a.bundle { font-weight: 700; }
      .tag { display: inline-block; font-size: 0.8rem; padding: 0 0.5rem; border-radius: 3px; border: 1px solid var(--pia-line-strong); white-space: nowrap; }
      .phase { display: inline-block; font-size: 0.8rem; padding: 0 0.5rem; margin-right: 0.3rem; border-radius: 3px; white-space: nowrap;
        background: var(--pia-accent); color: #fff; }
      .log { list-style: none; margin: 0.3rem 0 0; padding: 0; font-size: 0.8rem; color: var(--pia-muted); }
      .log li + li { margin-top: 0.15rem; }
      ul { margin: 0.25rem 0 0; }
      dialog { width: min(32rem, 94vw); }
      dialog h2 { margin: 0 0 0.75rem; font-size: 1.1rem; }
      dialog input, dialog textarea, dialog select { width: 100%; }
      .dialog-actions { display: flex; gap: 0.75rem; justify-content: flex-end; margin-top: 1.25rem; }
    `,
  ];
  declare assessmentId: string;
  declare revisions: readonly RevisionMeta[];
  declare error: string;
  declare findings: readonly Finding[];
  declare notice: string;
  /** The step (or 事業終了) being confirmed in the dialog. */
  declare step: Action | undefined;
  declare busy: boolean;
  /** A refused download (a PDF, 公表版, 提出版 or bundle) is said under the table, not saved as a file. */
  private readonly downloadFailed = downloadLink((error) => {
    this.notice = '';
    this.error = error.message;
    this.findings = blockingFindings(error);
  });

  constructor() {
    super();
    this.revisions = [];
    this.error = '';
    this.findings = [];
    this.notice = '';
    this.busy = false;
  }

  private stepAction(meta: RevisionMeta, offered: OfferedStep): Action {
    return {
      meta,
      name: STEP_NAMES_JA[offered.step],
      fields: offered.fields,
      reasonRequired: offered.reasonRequired,
      run: async (record, note) => {
        const updated = await api.setStatus(this.assessmentId, meta.number, {
          status: offered.to,
          ...note,
          ...(Object.keys(record).length > 0 ? { record } : {}),
        });
        this.dispatchEvent(new CustomEvent('pia-revision-update', { detail: updated, bubbles: true, composed: true }));
        return msg('stepDone', { number: meta.number, step: STEP_NAMES_JA[offered.step], status: statusLabel(offered.to) });
      },
    };
  }

  /** 事業終了 (rules.md §6.4), offered on the newest revision once it is 公表済み, to those who may commit. */
  private terminationAction(meta: RevisionMeta): Action | undefined {
    const newest = this.revisions.at(-1);
    if (meta !== newest || meta.status !== 'published' || meta.kind === 'termination' || !may('revision.commit', this.assessmentId))
      return undefined;
    const date = (key: string, label: string): StepFieldView => ({ key, kind: 'date', label, required: true });
    return {
      meta,
      name: msg('terminationButton'),
      fields: [
        date('endDate', msg('terminationEnd')),
        date('publishedOn', msg('terminationPublished')),
        { key: 'label', kind: 'choice', label: msg('terminationLabel'), required: true, options: TERMINATION_LABELS },
      ],
      reasonRequired: false,
      run: async (values, note) => {
        const { revision } = await api.terminate(this.assessmentId, {
          endDate: values['endDate'] ?? '',
          publishedOn: values['publishedOn'] ?? '',
          ...(values['label'] ? { label: values['label'] } : {}),
          ...(note.by ? { by: note.by } : {}),
        });
        this.dispatchEvent(new CustomEvent('pia-revision-commit', { detail: revision, bubbles: true, composed: true }));
        return msg('terminationDone', { number: revision.number });
      },
    };
  }

  private async begin(step: Action): Promise<void> {
    this.step = step;
    this.error = '';
    this.findings = [];
    this.notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
    this.step = undefined;
  }

  private async take(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const step = this.step;
    if (!step) return;
    const form = event.target as HTMLFormElement;
    const field = (name: string): string => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const values = Object.fromEntries(
      step.fields.flatMap((one) => (field(`step-${one.key}`) ? [[one.key, field(`step-${one.key}`)]] : [])),
    );
    this.busy = true;
    try {
      if (!signedIn()) rememberName(field('by'));
      const notice = await step.run(values, {
        ...(signedIn() ? {} : { by: field('by') }),
        ...(field('reason') ? { reason: field('reason') } : {}),
        ...(field('remark') ? { remark: field('remark') } : {}),
      });
      this.close();
      this.notice = notice;
    } catch (error) {
      this.close();
      this.error = error instanceof Error ? error.message : String(error);
      this.findings = blockingFindings(error);
    } finally {
      this.busy = false;
    }
  }

  private log(meta: RevisionMeta): TemplateResult | typeof nothing {
    if (meta.statusLog.length === 0) return nothing;
    return html`<ul class="log">
      ${meta.statusLog.map(
        (change) => html`<li>
          ${msg('statusLogEntry', { status: statusLabel(change.status), at: change.at ? formatJapanDateTime(change.at) : '', by: change.by })}
          ${change.reason ? html`<br />${msg('statusLogReason', { reason: change.reason })}` : nothing}
          ${change.remark ? html`<br />${msg('statusLogRemark', { remark: change.remark })}` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  private row(meta: RevisionMeta): TemplateResult {
    return html`<tr>
      <td class="nowrap">${msg('revisionNumber', { number: meta.number })}</td>
      <td class="nowrap">${formatWareki(meta.changeDate)}</td>
      <td>${meta.message}</td>
      <td>${meta.author}</td>
      <td>${meta.phase ? html`<span class="phase">${phaseLabel(meta)}</span>` : nothing}<span class="tag">${statusLabel(meta.status)}</span>${this.log(meta)}</td>
      <td class="nowrap actions">
        <a href=${api.pdfUrl(this.assessmentId, { revision: meta.number, download: true })} download @click=${this.downloadFailed}>${msg('revisionPdf')}</a>
        ${this.publication(meta)}
        ${meta.transitions
          .filter((offered) => mayTake(offered, this.assessmentId))
          .map(
            (offered) =>
              html`<button type="button" data-step=${offered.step} @click=${() => void this.begin(this.stepAction(meta, offered))}>
                ${STEP_NAMES_JA[offered.step]}</button>`,
          )}
        ${this.terminationButton(meta)}
      </td>
    </tr>`;
  }

  /**
   * A submitted or published revision's 公表版 and 提出版 (stamped for verification) and its bundle; the other
   * states have nothing to publish yet, or nothing any more.
   */
  private publication(meta: RevisionMeta): TemplateResult | typeof nothing {
    if (meta.status !== 'submitted' && meta.status !== 'published') return nothing;
    const print = (variant: 'public' | 'submission') => api.printUrl(this.assessmentId, variant, { revision: meta.number, download: true });
    return html`<a href=${print('public')} download @click=${this.downloadFailed}>${msg('publicPdf')}</a>
      <a href=${print('submission')} download @click=${this.downloadFailed}>${msg('submissionPdf')}</a>
      <a class="bundle" href=${api.bundleUrl(this.assessmentId, meta.number)} download title=${msg('bundleHint')} @click=${this.downloadFailed}
        aria-label=${`${msg('revisionNumber', { number: meta.number })} ${msg('bundleDownload')}`}>${msg('bundleDownload')}</a>`;
  }

  private terminationButton(meta: RevisionMeta): TemplateResult | typeof nothing {
    const action = this.terminationAction(meta);
    return action
      ? html`<button type="button" data-step="terminate" @click=${() => void this.begin(action)}>${action.name}</button>`
      : nothing;
  }

  private dialog(): TemplateResult {
    const step = this.step;
    return html`<dialog aria-labelledby="status-heading" @close=${() => (this.step = undefined)}>
      ${step
        ? html`<form @submit=${(e: SubmitEvent) => void this.take(e)}>
            <h2 id="status-heading">${msg('stepDialogHeading', { number: step.meta.number, step: step.name })}</h2>
            ${signedIn()
              ? html`<p>${msg('stepAsSignedIn', { name: currentSession()?.user?.displayName ?? '' })}</p>`
              : html`<label for="status-by">${msg('statusByLabel')}</label>
                  <input id="status-by" name="by" type="text" required .value=${rememberedName()} />`}
            ${step.fields.map(fieldInput)}
            <label for="status-reason">${step.reasonRequired ? msg('statusReasonLabel') : msg('statusRemarkLabel')}</label>
            <textarea id="status-reason" name=${step.reasonRequired ? 'reason' : 'remark'} ?required=${step.reasonRequired}></textarea>
            <div class="dialog-actions">
              <button type="button" @click=${() => this.close()}>${msg('cancel')}</button>
              <button type="submit" class="primary" ?disabled=${this.busy}>${step.name}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  override render(): TemplateResult {
    return html`
      <table>
        <thead><tr>
          <th>${msg('colRevision')}</th><th>${msg('commitDateLabel')}</th><th>${msg('colMessage')}</th>
          <th>${msg('colAuthor')}</th><th>${msg('colStatus')}</th><th></th>
        </tr></thead>
        <tbody>${[...this.revisions].reverse().map((meta) => this.row(meta))}</tbody>
      </table>
      ${this.dialog()}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.error
        ? html`<div role="alert"><p class="issue">${this.error}</p>
            ${this.findings.length > 0
              ? html`<ul>${this.findings.map((finding) => html`<li>${finding.paths[0] ?? finding.section}：${finding.message}</li>`)}</ul>`
              : nothing}</div>`
        : nothing}
    `;
  }
}

customElements.define('pia-revision-history', PiaRevisionHistory);
declare global {
  interface HTMLElementTagNameMap {
    'pia-revision-history': PiaRevisionHistory;
  }
  interface GlobalEventHandlersEventMap {
    'pia-revision-update': CustomEvent<RevisionMeta>;
  }
}
