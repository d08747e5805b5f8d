import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { describeMigrationEntry, type MigrationEntry, type MigrationReport } from '../../../src/reuse/index.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary What a move to another form revision asks the officer to look at, one sentence per item (src/reuse),
 * each a link to the item. Shown before applying (in the dialog) and after (in the editor, until closed).
 * @fires pia-reveal
 * @fires pia-migration-report-dismiss - the officer closed the report shown after applying
 */
export class PiaMigrationReport extends LitElement {
  static override properties = { report: { attribute: false }, applied: { type: Boolean } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      section { border: 1px solid var(--pia-line-strong); border-radius: 6px; padding: 0.6rem 1rem; margin: 0.75rem 0 1rem; background: var(--pia-surface); }
      :host([applied]) section { border-color: var(--pia-accent); background: var(--pia-accent-soft); }
      .head { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; font-weight: 700; }
      ul { margin: 0.4rem 0 0; padding-left: 1.25rem; max-height: 16rem; overflow: auto; }
      li { margin: 0.25rem 0; }
      a { cursor: pointer; }
      .hint { margin: 0.25rem 0 0; font-size: 0.85rem; color: var(--pia-muted); }
      .mentions { font-size: 0.9rem; margin-top: 0.2rem; }
      .mentions ul { max-height: none; margin: 0.1rem 0 0; }
    `,
  ];
  declare report: MigrationReport | undefined;
  /** After the move: the report stays in the editor as a to-do list until closed. */
  declare applied: boolean;

  constructor() {
    super();
    this.applied = false;
  }

  private heading(report: MigrationReport): string {
    const values = { from: report.from, to: report.to, count: report.entries.length, unchanged: report.unchanged };
    return this.applied ? msg('migrateDone', values) : msg('migrateReportHeading', values);
  }

  private link(pointer: string, text: string): TemplateResult {
    return html`<a href="#" @click=${(event: Event) => {
      event.preventDefault();
      emit(this, 'pia-reveal', { pointer });
    }}>${text}</a>`;
  }

  /** One sentence per item; the texts that still use a relabelled item's old word are links of their own. */
  private entry(entry: MigrationEntry): TemplateResult {
    if (entry.kind !== 'label' || entry.mentions.length === 0) {
      return html`<li data-pointer=${entry.pointer}>${this.link(entry.pointer, describeMigrationEntry(entry))}</li>`;
    }
    return html`<li data-pointer=${entry.pointer}>${this.link(entry.pointer, describeMigrationEntry({ ...entry, mentions: [] }))}
      <div class="mentions">${msg('migrateMentions', { word: entry.word, count: entry.mentions.length })}
        <ul>${entry.mentions.map((mention) => html`<li data-pointer=${mention.pointer}>${this.link(mention.pointer, mention.path.join(' > '))}</li>`)}</ul>
      </div></li>`;
  }

  override render(): TemplateResult | typeof nothing {
    const report = this.report;
    if (!report) return nothing;
    return html`<section role=${this.applied ? 'status' : 'region'} aria-labelledby="report-heading">
      <div class="head">
        <span id="report-heading">${this.heading(report)}</span>
        ${this.applied
          ? html`<button type="button" class="quiet" @click=${() => this.dispatchEvent(new CustomEvent('pia-migration-report-dismiss', { bubbles: true, composed: true }))}>
              ${msg('dismiss')}</button>`
          : nothing}
      </div>
      ${report.entries.length === 0
        ? html`<p class="hint">${msg('migrateNothing')}</p>`
        : html`<ul>${report.entries.map((entry) => this.entry(entry))}</ul>`}
    </section>`;
  }
}

customElements.define('pia-migration-report', PiaMigrationReport);
declare global {
  interface HTMLElementTagNameMap {
    'pia-migration-report': PiaMigrationReport;
  }
  interface GlobalEventHandlersEventMap {
    'pia-migration-report-dismiss': CustomEvent<null>;
  }
}
