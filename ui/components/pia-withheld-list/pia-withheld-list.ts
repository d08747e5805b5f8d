import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { LocatedWithheld, Span } from '../../../src/withheld/index.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/** Characters of the text shown on each side of a withheld span, so the author sees where it is. */
const AROUND = 24;

/**
 * @summary The 非公表 flags of one text item as the author sees them: each span in its surroundings, marked, with
 * its reason and 「非公表を解除」; a flag whose text changed is shown as no longer applying.
 * @fires pia-withhold-remove
 */
export class PiaWithheldList extends LitElement {
  static override properties = { value: { attribute: false }, flags: { attribute: false } };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      section { margin-top: 0.4rem; padding: 0.4rem 0.6rem; border-left: 4px solid var(--pia-warn); background: var(--pia-label-bg); font-size: 0.9rem; }
      h3 { margin: 0; font-size: 0.85rem; color: var(--pia-muted); }
      ul { margin: 0.2rem 0 0; padding: 0; list-style: none; }
      li { padding: 0.3rem 0; display: flex; gap: 0.75rem; align-items: baseline; flex-wrap: wrap; }
      li + li { border-top: 1px solid var(--pia-line); }
      .excerpt { flex: 1 1 20rem; white-space: pre-wrap; word-break: break-word; }
      mark { background: #fde68a; outline: 1px dashed #92400e; }
      .reason { color: var(--pia-muted); }
      .stale { color: var(--pia-error); }
    `,
  ];
  /** The item's text now. */
  declare value: string;
  declare flags: readonly LocatedWithheld[];

  constructor() {
    super();
    this.value = '';
    this.flags = [];
  }

  /** `…surroundings[span]surroundings…` for each place the flag covers. */
  private excerpt(span: Span): TemplateResult {
    // Within the span's own lines: the neighbouring line would read as part of the same sentence.
    const lineStart = this.value.lastIndexOf('\n', span.start - 1) + 1;
    const newline = this.value.indexOf('\n', span.end);
    const lineEnd = newline < 0 ? this.value.length : newline;
    const from = Math.max(lineStart, span.start - AROUND);
    const to = Math.min(lineEnd, span.end + AROUND);
    return html`<span class="excerpt">${from > lineStart ? '…' : ''}${this.value.slice(from, span.start)}<mark>${this.value.slice(span.start, span.end)}</mark>${this.value.slice(span.end, to)}${to < lineEnd ? '…' : ''}</span>`;
  }

  private flag(flag: LocatedWithheld): TemplateResult {
    const text = flag.entry.text ?? msg('withheldWhole');
    const where =
      flag.state === 'span'
        ? flag.spans.map((span) => this.excerpt(span))
        : html`<span class="excerpt"><mark>${text}</mark>${flag.state === 'stale' || flag.state === 'invalid' ? html` <span class="stale">${msg('withheldStale')}</span>` : nothing}</span>`;
    return html`<li>
      ${where}
      <span class="reason">${msg('withheldReason', { reason: flag.entry.reason })}</span>
      <button type="button" aria-label=${msg('withheldRemoveNamed', { text })}
        @click=${() => emit(this, 'pia-withhold-remove', { index: flag.index })}>${msg('withheldRemove')}</button>
    </li>`;
  }

  override render(): TemplateResult | typeof nothing {
    if (this.flags.length === 0) return nothing;
    return html`<section aria-labelledby="withheld-heading">
      <h3 id="withheld-heading">${msg('withheldListLabel')}</h3>
      <ul>${this.flags.map((flag) => this.flag(flag))}</ul>
    </section>`;
  }
}

customElements.define('pia-withheld-list', PiaWithheldList);
declare global {
  interface HTMLElementTagNameMap {
    'pia-withheld-list': PiaWithheldList;
  }
}
