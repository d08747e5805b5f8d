import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { formatWareki } from '../../../src/domain/wareki.js';
import type { RevisionMeta } from '../../../src/server/dto.js';
import { emit } from '../../events.js';
import { msg } from '../../messages.ja.js';
import { baseStyles } from '../../styles/theme.js';

/**
 * @summary 「版の記載と比べる」: picks a committed revision to compare the draft with; the items that differ then
 * show that revision's text and 「この版の記載に戻す」.
 * @fires pia-reference-select
 */
export class PiaReferenceBar extends LitElement {
  static override properties = {
    revisions: { attribute: false },
    selected: { attribute: false },
    differences: { type: Number },
  };
  static override styles = [
    baseStyles,
    css`
      :host { display: block; margin-bottom: 1rem; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
      label { font-weight: 700; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      select { max-width: 100%; }
      .count { color: var(--pia-warn); font-weight: 700; }
    `,
  ];
  declare revisions: readonly RevisionMeta[];
  declare selected: number | undefined;
  declare differences: number;

  constructor() {
    super();
    this.revisions = [];
    this.differences = 0;
  }

  override render(): TemplateResult | typeof nothing {
    if (this.revisions.length === 0) return nothing;
    const onChange = (event: Event): void => {
      const value = (event.target as HTMLSelectElement).value;
      emit(this, 'pia-reference-select', { revision: value === '' ? undefined : Number(value) });
    };
    return html`<div class="bar">
      <label>${msg('referenceLabel')}
        <select name="reference" @change=${onChange}>
          <option value="" ?selected=${this.selected === undefined}>${msg('referenceNone')}</option>
          ${this.revisions.map(
            (meta) => html`<option value=${meta.number} ?selected=${meta.number === this.selected}>
              ${msg('revisionOption', { number: meta.number, date: formatWareki(meta.changeDate), message: meta.message })}</option>`,
          )}
        </select>
      </label>
      ${this.selected !== undefined
        ? html`<span class="count" role="status">${msg('referenceDifferences', {
            revision: msg('revisionNumber', { number: this.selected }),
            count: this.differences,
          })}</span>`
        : nothing}
    </div>`;
  }
}

customElements.define('pia-reference-bar', PiaReferenceBar);
declare global {
  interface HTMLElementTagNameMap {
    'pia-reference-bar': PiaReferenceBar;
  }
}
