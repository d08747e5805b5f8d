import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { FormId } from '../../src/schema/documents.js';
import type { ValidationIssue } from '../../src/schema/issues.js';
import { printedLabel, titleOf, type FormRevision } from '../../src/schema/labels.js';
import { optionNumbers } from '../../src/schema/options.js';
import {
  childNode,
  choiceOptions,
  isArrayNode,
  isObjectNode,
  keyword,
  typesOf,
  type ResolvedNode,
} from '../../src/schema/resolve.js';
import type { TextMode } from '../components/pia-field-text/pia-field-text.js';
import { comments } from '../comments/comment-store.js';
import '../components/pia-comment-badge/pia-comment-badge.js';
import '../components/pia-comment-thread/pia-comment-thread.js';
import { emit } from '../events.js';
import { msg } from '../messages.ja.js';
import { hiddenItems } from './conditions.js';
import { entryActions } from './entry-actions.js';
import { draftIsLocked } from '../session.js';
import { entryKey, withEntryAdded, withEntryMoved, withEntryRemoved } from './entries.js';
import { childPointer } from './pointer.js';
import type { ReferenceMarks } from './reference-marks.js';
import { spanPointerAllowed, type LocatedWithheld } from '../../src/withheld/index.js';

/** What the item renderers need besides the node and value: labels' revision, messages and who gets events. */
export type RenderContext = {
  readonly form: FormId;
  readonly revision: FormRevision | undefined;
  /** The validation issues at or under the place being rendered. */
  readonly issues: readonly ValidationIssue[];
  /** Messages for an item, including those of its parts (その他 text, counts). */
  readonly issuesUnder: (pointer: string) => readonly string[];
  /** Messages about exactly this place (e.g. a group that must be empty). */
  readonly issuesAt: (pointer: string) => readonly string[];
  readonly host: HTMLElement;
  /** Items that do not apply, gathered while rendering (a rule may hide an item deeper than its own object). */
  readonly hidden: Set<string>;
  /** Where the draft differs from a revision it is compared with (「この版の記載に戻す」); absent when not comparing. */
  readonly reference?: ReferenceMarks | undefined;
  /** The draft's 非公表 flags of an item (rules.md §8). */
  readonly withheld?: readonly LocatedWithheld[] | undefined;
};

const messagesByPointer = (issues: readonly ValidationIssue[]): Map<string, string[]> => {
  const map = new Map<string, string[]>();
  for (const issue of issues) map.set(issue.pointer, [...(map.get(issue.pointer) ?? []), issue.message]);
  return map;
};

/** A context over these issues; `hidden` starts with the items a rule above this place has ruled out. */
export const renderContext = (
  base: Pick<RenderContext, 'form' | 'revision' | 'host' | 'reference' | 'withheld'>,
  issues: readonly ValidationIssue[],
  hidden: Iterable<string> = [],
): RenderContext => {
  const messages = messagesByPointer(issues);
  return {
    ...base,
    issues,
    hidden: new Set(hidden),
    issuesAt: (pointer) => messages.get(pointer) ?? [],
    issuesUnder: (pointer) => {
      const found: string[] = [];
      for (const [at, texts] of messages) if (at === pointer || at.startsWith(`${pointer}/`)) found.push(...texts);
      return found;
    },
  };
};

const CHECK_KINDS = new Set(['checks', 'check', 'flag', 'checkWithText', 'provisionStatus']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const textMode = (node: ResolvedNode): TextMode => {
  const kind = keyword<string>(node, 'x-kind');
  if (kind === 'count' || kind === 'date') return kind;
  const types = typesOf(node);
  if (types.includes('integer') || types.includes('number')) return 'number';
  const multiline = keyword<boolean>(node, 'x-multiline') || keyword<string>(node, 'x-layout') === 'band';
  return multiline ? 'multiline' : 'text';
};

const issueList = (messages: readonly string[]): TemplateResult | typeof nothing =>
  messages.length > 0 ? html`<div role="alert">${messages.map((text) => html`<p class="issue">${text}</p>`)}</div>` : nothing;

const isChoiceField = (node: ResolvedNode): boolean => keyword<string>(node, 'x-kind') === 'choice';
const isCheckField = (node: ResolvedNode): boolean => {
  const kind = keyword<string>(node, 'x-kind');
  return (kind !== undefined && CHECK_KINDS.has(kind)) || typesOf(node).join() === 'boolean';
};

/** Whether a text field offers 「非公表にする」: the schema walk, once per form and place (items re-render on every edit). */
const withholdable = new Map<string, boolean>();
const isWithholdable = (form: FormId, pointer: string): boolean => {
  const key = `${form}\u0000${pointer}`;
  let allowed = withholdable.get(key);
  if (allowed === undefined) withholdable.set(key, (allowed = spanPointerAllowed(form, pointer)));
  return allowed;
};

const flagsAt = (ctx: RenderContext, pointer: string): LocatedWithheld[] => ctx.withheld?.filter((flag) => flag.entry.pointer === pointer) ?? [];

/**
 * The 非公表 flags of a value that is not a text (a ＜選択肢＞, check boxes, an item with sub-rows, a group): flagged
 * whole in the YAML or with `pia withhold --all`, shown to the author like a text field's (which lists its own).
 */
const withheldWhole = (ctx: RenderContext, pointer: string): TemplateResult | typeof nothing => {
  const flags = flagsAt(ctx, pointer);
  return flags.length === 0 ? nothing : html`<pia-withheld-list .flags=${flags}></pia-withheld-list>`;
};

/**
 * The comment badge beside the item's label and its threads under the answer, when the page shows comments. Each
 * listens to its own item in the comment store, so a comment never re-renders the form.
 */
const commentSlots = (pointer: string, label: string | undefined): TemplateResult | typeof nothing =>
  comments.active
    ? html`<pia-comment-badge slot="comments" .pointer=${pointer}></pia-comment-badge><pia-comment-thread slot="thread"
        .pointer=${pointer} .label=${label}></pia-comment-thread>`
    : nothing;

/** One answer: the field editor that fits the schema node's x-kind and type. */
const fieldEditor = (
  ctx: RenderContext,
  node: ResolvedNode,
  value: unknown,
  pointer: string,
  label: string | undefined,
): TemplateResult => {
  const issues = ctx.issuesUnder(pointer);
  if (isChoiceField(node)) {
    return html`<pia-field-choice data-pointer=${pointer} .pointer=${pointer} .label=${label}
      .value=${(value ?? null) as string | null} .issues=${issues} .options=${choiceOptions(node) ?? []}
      .numbers=${optionNumbers(node)}>${commentSlots(pointer, label)}</pia-field-choice>`;
  }
  if (isCheckField(node)) {
    return html`<pia-field-checks data-pointer=${pointer} .pointer=${pointer} .label=${label} .value=${value}
      .issues=${issues} .node=${node} .revision=${ctx.revision}>${commentSlots(pointer, label)}</pia-field-checks>`;
  }
  const items = isArrayNode(node) ? childNode(node, '0') : undefined;
  const mode: TextMode = items ? 'lines' : textMode(node);
  return html`<pia-field-text data-pointer=${pointer} .pointer=${pointer} .label=${label} .value=${value}
    .issues=${issues} .mode=${mode} ?withholdable=${!items && isWithholdable(ctx.form, pointer)}
    .withheld=${flagsAt(ctx, pointer)}>${commentSlots(pointer, label)}</pia-field-text>`;
};

/** A field, with its 非公表 flags if it is not a text, and the compared revision's text under it where that differs. */
const renderField = (ctx: RenderContext, node: ResolvedNode, value: unknown, pointer: string, label: string | undefined): TemplateResult =>
  html`${fieldEditor(ctx, node, value, pointer, label)}${isChoiceField(node) || isCheckField(node) ? withheldWhole(ctx, pointer) : nothing}${ctx.reference?.item(pointer) ?? nothing}`;

const entryTitleKey = (itemNode: ResolvedNode): string | undefined =>
  [...itemNode.properties.keys()].find((key) => keyword<string>(childNode(itemNode, key)!, 'x-role') === 'entryTitle');

/** What one entry of a repeated group is called, numbered after it (委託事項 → 委託事項2). */
export const entryNoun = (node: ResolvedNode, revision: FormRevision | undefined): string =>
  keyword<string>(node, 'x-itemLabel') ?? titleOf(childNode(node, '0')!, revision) ?? titleOf(node, revision) ?? '';

/** A repeated group (システム, 委託事項, 提供先 …): its entries, each with move and remove buttons, and an add button. */
const renderGroup = (
  ctx: RenderContext,
  node: ResolvedNode,
  value: unknown,
  pointer: string,
  label: string | undefined,
  depth: number,
): TemplateResult => {
  const entries = Array.isArray(value) ? value : [];
  // x-layout: table (the imported 変更箇所 history): hundreds of rows read far more often than edited, shown as a
  // read-only table with an edit action per row.
  if (keyword<string>(node, 'x-layout') === 'table') {
    return html`<section class="group depth-${depth}" data-pointer=${pointer}>
      ${label ? html`<div class="heading">${label}</div>` : nothing}
      ${ctx.reference?.item(pointer) ?? nothing}
      ${issueList(ctx.issuesAt(pointer))}
      <pia-entry-table data-reveals .form=${ctx.form} .revision=${ctx.revision} .node=${node} .pointer=${pointer}
        .depth=${depth} .value=${entries} .issues=${ctx.issues} .withheld=${ctx.withheld ?? []}></pia-entry-table>
    </section>`;
  }
  const itemNode = childNode(node, '0')!;
  const noun = entryNoun(node, ctx.revision);
  const titleKey = entryTitleKey(itemNode);
  const change = (next: unknown[]): void => emit(ctx.host, 'pia-value-change', { pointer, value: next });
  return html`
    <section class="group depth-${depth}" data-pointer=${pointer}>
      ${label ? html`<div class="heading">${label}</div>` : nothing}
      ${ctx.reference?.item(pointer) ?? nothing}
      ${issueList(ctx.issuesAt(pointer))}
      ${withheldWhole(ctx, pointer)}
      ${repeat(
        entries,
        (entry, index) => entryKey(entry, index),
        (entry, index) => {
          const entryPointer = childPointer(pointer, index);
          const entryLabel = `${noun}${index + 1}`;
          const named = titleKey && isRecord(entry) && entry[titleKey] ? `${entryLabel}　${String(entry[titleKey])}` : entryLabel;
          return html`<div class="entry" data-pointer=${entryPointer}>
            <div class="entry-head">
              <span class="entry-title">${named}</span>
              <span class="entry-actions">${draftIsLocked()
                ? nothing
                : entryActions({
                    label: entryLabel,
                    index,
                    count: entries.length,
                    move: (offset) => change(withEntryMoved(entries, index, offset)),
                    remove: () => change(withEntryRemoved(entries, index)),
                    removeText: msg('remove'),
                  })}
              ${ctx.reference?.entry(entryPointer) ?? nothing}
              </span>
            </div>
            ${isObjectNode(itemNode)
              ? renderChildren(ctx, itemNode, entry, entryPointer, depth + 1)
              : renderField(ctx, itemNode, entry, entryPointer, undefined)}
          </div>`;
        },
      )}
      ${entries.length === 0 ? html`<p class="empty">${msg('noEntries')}</p>` : nothing}
      ${ctx.reference?.missing(pointer) ?? nothing}
      ${draftIsLocked()
        ? nothing
        : html`<button type="button" class="add" @click=${() => change(withEntryAdded(node, entries))}>
            ＋ ${msg('addEntry', { label: noun })}</button>`}
    </section>
  `;
};

/** Any schema node: a field, a repeated group, or a heading with its items. */
export const renderNode = (
  ctx: RenderContext,
  node: ResolvedNode,
  value: unknown,
  pointer: string,
  label: string | undefined,
  depth: number,
): TemplateResult => {
  const kind = keyword<string>(node, 'x-kind');
  if (kind && kind !== 'checkGroups') return renderField(ctx, node, value, pointer, label);
  if (isArrayNode(node)) {
    const itemNode = childNode(node, '0');
    return itemNode && isObjectNode(itemNode)
      ? renderGroup(ctx, node, value, pointer, label, depth)
      : renderField(ctx, node, value, pointer, label);
  }
  if (!isObjectNode(node)) return renderField(ctx, node, value, pointer, label);
  // An item with sub-rows: its own answer sits on its label row, the sub-rows follow indented.
  const own = childNode(node, 'value');
  const record = isRecord(value) ? value : {};
  return html`
    <section class="group depth-${depth}" data-pointer=${pointer}>
      ${own
        ? renderField(ctx, own, record['value'], childPointer(pointer, 'value'), label)
        : label
          ? html`<div class="heading">${label}</div>`
          : nothing}
      ${issueList(ctx.issuesAt(pointer))}
      ${withheldWhole(ctx, pointer)}
      <div class=${own ? 'subrows' : 'items'}>${renderChildren(ctx, node, value, pointer, depth + 1, own ? ['value'] : [])}</div>
    </section>
  `;
};

/** One item of an object as the form shows it: its node, value, place and printed label. */
export type ChildItem = { node: ResolvedNode; value: unknown; pointer: string; label: string | undefined };

/**
 * The items of an object in the schema's (the form's) order, leaving out what does not apply now; the items its
 * rules rule out at any depth are added to `hidden`.
 */
export const childItems = (
  node: ResolvedNode,
  value: unknown,
  pointer: string,
  revision: FormRevision | undefined,
  hidden: Set<string>,
  skip: readonly string[] = [],
): ChildItem[] => {
  const record = isRecord(value) ? value : {};
  for (const at of hiddenItems(node, pointer, value)) hidden.add(at);
  const items: ChildItem[] = [];
  for (const key of node.properties.keys()) {
    const child = childNode(node, key)!;
    const at = childPointer(pointer, key);
    if (skip.includes(key) || hidden.has(at) || keyword<boolean>(child, 'x-printed') === false) continue;
    const side = keyword<string>(child, 'x-sideLabel');
    const label = printedLabel(child, revision);
    items.push({ node: child, value: record[key], pointer: at, label: side && label ? `${side}　${label}` : label });
  }
  return items;
};

/** The items of an object rendered in the form's order (see childItems). */
export const renderChildren = (
  ctx: RenderContext,
  node: ResolvedNode,
  value: unknown,
  pointer: string,
  depth: number,
  skip: readonly string[] = [],
): TemplateResult[] =>
  childItems(node, value, pointer, ctx.revision, ctx.hidden, skip).map((item) =>
    renderNode(ctx, item.node, item.value, item.pointer, item.label, depth),
  );
