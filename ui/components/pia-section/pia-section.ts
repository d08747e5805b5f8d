import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import type { FormId } from '../../../src/schema/documents.js';
import type { FormRevision } from '../../../src/schema/labels.js';
import { printedLabel } from '../../../src/schema/labels.js';
import { childNode, isArrayNode, isObjectNode, type ResolvedNode } from '../../../src/schema/resolve.js';
import { childPointer } from '../../form/pointer.js';
import type { ValidationIssue } from '../../../src/schema/issues.js';
import { renderChildren, renderNode, type RenderContext } from '../../form/render-node.js';
import type { ReferenceMarks } from '../../form/reference-marks.js';
import { baseStyles } from '../../styles/theme.js';
import { sectionStyles } from './pia-section.styles.js';
import '../pia-field-text/pia-field-text.js';
import '../pia-field-choice/pia-field-choice.js';
import '../pia-field-checks/pia-field-checks.js';

const messagesByPointer = (issues: readonly ValidationIssue[]): Map<string, string[]> => {
  const map = new Map<string, string[]>();
  for (const issue of issues) map.set(issue.pointer, [...(map.get(issue.pointer) ?? []), issue.message]);
  return map;
};

/**
 * @summary One part of the form (Ⅰ 基本情報, Ⅱ per file, 別添 …) generated from its schema node.
 * @slot actions - buttons in the section header (e.g. for a 特定個人情報ファイル)
 * @fires pia-value-change
 */
export class PiaSection extends LitElement {
  static override properties = {
    form: { type: String },
    revision: { type: String },
    heading: { type: String },
    node: { attribute: false },
    pointer: { type: String },
    value: { attribute: false },
    issues: { attribute: false },
    only: { attribute: false },
    reference: { attribute: false },
  };
  static override styles = [baseStyles, sectionStyles];

  declare form: FormId;
  declare revision: FormRevision | undefined;
  declare heading: string;
  declare node: ResolvedNode;
  declare pointer: string;
  declare value: unknown;
  declare issues: readonly ValidationIssue[];
  /** Render only these keys of the node (the cover part of the root). */
  declare only: readonly string[] | undefined;
  /** Marks where the draft differs from the revision it is compared with, if any. */
  declare reference: ReferenceMarks | undefined;
  private messages = new Map<string, string[]>();

  constructor() {
    super();
    this.issues = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('issues')) this.messages = messagesByPointer(this.issues);
  }

  private context(): RenderContext {
    const messages = this.messages;
    return {
      form: this.form,
      revision: this.revision,
      host: this,
      hidden: new Set(),
      reference: this.reference,
      issuesAt: (pointer) => messages.get(pointer) ?? [],
      issuesUnder: (pointer) => {
        const found: string[] = [];
        for (const [at, texts] of messages) if (at === pointer || at.startsWith(`${pointer}/`)) found.push(...texts);
        return found;
      },
    };
  }

  private body(): TemplateResult | TemplateResult[] {
    const ctx = this.context();
    if (isArrayNode(this.node)) return renderNode(ctx, this.node, this.value, this.pointer, undefined, 1);
    if (!this.only) return renderChildren(ctx, this.node, this.value, this.pointer, 1);
    // The cover part gathers top-level items under one heading, so its own object needs no second heading.
    const record = (this.value ?? {}) as Record<string, unknown>;
    return this.only.flatMap((key) => {
      const child = childNode(this.node, key);
      if (!child) return [];
      const pointer = childPointer(this.pointer, key);
      return isObjectNode(child)
        ? renderChildren(ctx, child, record[key], pointer, 1)
        : [renderNode(ctx, child, record[key], pointer, printedLabel(child, this.revision), 1)];
    });
  }

  /** Scroll to the deepest rendered item at or above this pointer and put the keyboard focus in it. */
  reveal(pointer: string): boolean {
    const candidates = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-pointer]')].filter(
      (element) => pointer === element.dataset['pointer'] || pointer.startsWith(`${element.dataset['pointer']}/`),
    );
    const target = candidates.sort((a, b) => (b.dataset['pointer']?.length ?? 0) - (a.dataset['pointer']?.length ?? 0))[0];
    const scrollTo = target ?? this;
    scrollTo.scrollIntoView({ block: 'start' });
    const focusable = target?.matches('pia-field-text, pia-field-choice, pia-field-checks')
      ? target
      : target?.querySelector<HTMLElement>('pia-field-text, pia-field-choice, pia-field-checks');
    focusable?.focus();
    return target !== undefined;
  }

  override render(): TemplateResult {
    return html`
      <header>
        <h2 id="heading" tabindex="-1">${this.heading}</h2>
        <slot name="actions"></slot>
      </header>
      <div class="body">${this.body()}</div>
    `;
  }
}

customElements.define('pia-section', PiaSection);
declare global {
  interface HTMLElementTagNameMap {
    'pia-section': PiaSection;
  }
}
