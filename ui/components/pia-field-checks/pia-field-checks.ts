import { css, html, nothing, type TemplateResult } from 'lit';
import { titleOf, type FormRevision } from '../../../src/schema/labels.js';
import { childNode, keyword, type ResolvedNode } from '../../../src/schema/resolve.js';
import { msg } from '../../messages.ja.js';
import { childPointer } from '../../form/pointer.js';
import { baseStyles } from '../../styles/theme.js';
import { PiaFieldBase } from '../field-base.js';
import { fieldRow, fieldStyles } from '../field-styles.js';

type Record_ = Record<string, unknown>;
const isRecord = (value: unknown): value is Record_ => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @summary Check boxes as the form prints them ([ ○ ]): a group with its その他（　）text, a single box, or
 * 提供・移転の有無 with its counts. Box labels come from the schema.
 * @fires pia-value-change
 */
export class PiaFieldChecks extends PiaFieldBase<unknown> {
  static override properties = {
    ...PiaFieldBase.properties,
    node: { attribute: false },
    revision: { type: String },
  };
  static override styles = [
    baseStyles,
    fieldStyles,
    css`
      fieldset { border: 0; margin: 0; padding: 0; }
      .line { display: flex; flex-wrap: wrap; gap: 0.2rem 1.5rem; }
      label.box { display: inline-flex; align-items: center; gap: 0.45rem; min-height: 2rem; cursor: pointer; }
      input[type='checkbox'] { width: 1.15rem; height: 1.15rem; margin: 0; accent-color: var(--pia-accent); }
      .with-text { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.2rem; }
      .with-text label.box { margin-right: 0.2rem; }
      .with-text input[type='text'] { min-width: 14rem; }
      .count { width: 6rem; }
    `,
  ];
  declare node: ResolvedNode;
  declare revision: FormRevision | undefined;

  private boxTitle(key: string): string {
    const child = childNode(this.node, key);
    return (child && titleOf(child, this.revision)) ?? key;
  }

  private box(checked: boolean, text: string, pointer: string): TemplateResult {
    return html`<label class="box"><input type="checkbox" ?disabled=${this.locked} .checked=${checked}
      @change=${(e: Event) => this.change((e.target as HTMLInputElement).checked, pointer)} />${text}</label>`;
  }

  /** A box with a （　）text, e.g. その他（健康管理システム）. */
  private boxWithText(value: unknown, text: string, pointer: string): TemplateResult {
    const entry = isRecord(value) ? value : { checked: false, text: '' };
    return html`<span class="with-text">
      ${this.box(entry['checked'] === true, text, childPointer(pointer, 'checked'))}
      <span aria-hidden="true">（</span><input type="text" ?readonly=${this.locked} aria-label=${`${text}${msg('otherText')}`} .value=${String(entry['text'] ?? '')}
        @input=${(e: Event) => this.change((e.target as HTMLInputElement).value, childPointer(pointer, 'text'))} /><span
        aria-hidden="true">）</span>
    </span>`;
  }

  private member(key: string, value: Record_): TemplateResult {
    const pointer = childPointer(this.pointer, key);
    const child = childNode(this.node, key);
    return child && keyword<string>(child, 'x-kind') === 'checkWithText'
      ? this.boxWithText(value[key], this.boxTitle(key), pointer)
      : this.box(value[key] === true, this.boxTitle(key), pointer);
  }

  private group(): TemplateResult {
    const value = isRecord(this.value) ? this.value : {};
    const rows = keyword<string[][]>(this.node, 'x-rows') ?? [[...this.node.properties.keys()]];
    return html`${rows.map((row) => html`<div class="line">${row.map((key) => this.member(key, value))}</div>`)}`;
  }

  private count(key: string, value: Record_): TemplateResult {
    const current = value[key];
    return html`<span>（<input type="number" ?readonly=${this.locked} min="0" class="count" aria-label=${this.boxTitle(key)}
      .value=${current === null || current === undefined ? '' : String(current)}
      @input=${(e: Event) => {
        const text = (e.target as HTMLInputElement).value;
        this.change(text === '' ? null : Number(text), childPointer(this.pointer, key));
      }} />）${msg('countUnit')}</span>`;
  }

  private provisionStatus(): TemplateResult {
    const value = isRecord(this.value) ? this.value : {};
    return html`
      <div class="line">${this.member('providing', value)}${this.count('providingCount', value)}</div>
      <div class="line">${this.member('transferring', value)}${this.count('transferringCount', value)}</div>
      <div class="line">${this.member('none', value)}</div>
    `;
  }

  private control(): TemplateResult {
    const kind = keyword<string>(this.node, 'x-kind');
    const body =
      kind === 'checks'
        ? this.group()
        : kind === 'provisionStatus'
          ? this.provisionStatus()
          : kind === 'checkWithText'
            ? this.boxWithText(this.value, titleOf(this.node, this.revision) ?? '', this.pointer)
            : this.box(this.value === true, titleOf(this.node, this.revision) ?? '', this.pointer);
    return html`<fieldset aria-labelledby="label" aria-describedby=${this.issues.length > 0 ? 'issues' : nothing}>
      ${body}
    </fieldset>`;
  }

  override render(): TemplateResult {
    return fieldRow(this.label, undefined, this.control(), this.issues);
  }
}

customElements.define('pia-field-checks', PiaFieldChecks);
declare global {
  interface HTMLElementTagNameMap {
    'pia-field-checks': PiaFieldChecks;
  }
}
