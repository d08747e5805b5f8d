import {
  childNode,
  formRoot,
  isArrayNode,
  keyword,
  printedLabel,
  titleOf,
  type FormId,
  type FormRevision,
  type ResolvedNode,
} from '../../schema/index.js';
import type { FirstYearStyle } from '../../domain/wareki.js';
import { isWithheldValue } from '../../withheld/index.js';
import { markedAll, mergeLines, mergeText } from './redline.js';
import { isRecord, valueView, checkText, countText, type ValueView } from './value-views.js';

/** One label cell of an item row; rows sharing an ancestor's key print it once, as a cell spanning them. */
export type LabelView = { readonly text: string; readonly key: string; readonly width: number; readonly span: '' | 'start' | 'cont' };

/** A row of a form section, in printed order; the templates have one partial per `kind`. */
export type RowView =
  /** A full-width band: a numbered item (level 2 of the outline) or a risk or caption under one (level 3). */
  | { readonly kind: 'band'; readonly text: string; readonly level: 2 | 3 }
  | { readonly kind: 'entry'; readonly label: string; readonly title: string; readonly labelWidth: number }
  | { readonly kind: 'range'; readonly label: string }
  | { readonly kind: 'fulltext'; readonly text: string }
  | { readonly kind: 'item'; readonly labels: readonly LabelView[]; readonly value: ValueView };

export type RowOptions = {
  readonly revision?: FormRevision;
  readonly firstYear?: FirstYearStyle;
  /**
   * Print the unused slots as the official form does: slot 1 of a group without entries (an empty 移転先1 block
   * with its labels, empty boxes and ＜選択肢＞) and the range rows (`システム2～5` …) that open blocks of slots.
   */
  readonly unusedSlots: boolean;
  /** Total width of the label columns in points. */
  readonly labelWidth: number;
  /** Width of a vertical side label such as 再委託. */
  readonly sideLabelWidth: number;
  /** The 公表版: values withheld whole (pointers, a section's too) print as the marker. */
  readonly withheld?: { readonly values: ReadonlySet<string>; readonly marker: string };
  /**
   * A reviewer's copy: the older version's document, whose values are merged with the printed ones (entries of
   * repeated groups matched by id, entries only it has printed struck through).
   */
  readonly against?: unknown;
};

/** A label column on the way down to an item; `width` fixes a narrow column such as the vertical 再委託. */
type Ancestor = { readonly text: string; readonly key: string; readonly width?: number };
type Context = RowOptions & { readonly rows: RowView[] };

// From strings, which the CLI bundle writes in ASCII (\u escapes) as it cannot a regular expression literal; an
// all-ASCII bundle file loads as a one-byte string (bin/code-cache.js).
const BAND_NUMBER = new RegExp('^(?:[０-９0-9]+．|リスク|（別添)');
const SUB_ROW_KINDS = new Set(['checks', 'checkGroups', 'checkWithText', 'provisionStatus']);

const isPrinted = (node: ResolvedNode): boolean => keyword(node, 'x-printed') !== false && keyword<string>(node, 'x-role') !== 'entryTitle';
const hasItems = (node: ResolvedNode): boolean => node.properties.size > 0 && !SUB_ROW_KINDS.has(keyword<string>(node, 'x-kind') ?? '');
const hasBandNumber = (node: ResolvedNode): boolean => BAND_NUMBER.test(keyword<string>(node, 'x-number') ?? '');
const ITEM_NUMBER = new RegExp('^(?:[０-９0-9]+．|（別添)');
/** Numbered items (１．, （別添…）) are the outline's second level; risks and captions under them its third. */
const bandLevel = (node: ResolvedNode): 2 | 3 => (ITEM_NUMBER.test(keyword<string>(node, 'x-number') ?? '') ? 2 : 3);
/**
 * A heading printed as a full-width band: a numbered sub-section or risk (１．, リスク１), or an unnumbered
 * group of items directly under one (様式４ Ⅲ４'s caption listing the 委託 risks).
 */
const isBandLevel = (node: ResolvedNode, parent: ResolvedNode): boolean =>
  hasBandNumber(node) || (keyword<string>(node, 'x-number') === undefined && !node.properties.has('value') && hasBandNumber(parent));

/** Heading check boxes printed at the end of a band: `４．特定個人情報ファイルの取扱いの委託 [ ] 委託しない`. */
const bandText = (node: ResolvedNode, value: unknown, revision?: FormRevision): string => {
  const record = isRecord(value) ? value : {};
  const flags = [...node.properties.keys()]
    .filter((key) => keyword<string>(childNode(node, key)!, 'x-kind') === 'flag')
    .map((key) => checkText(childNode(node, key)!, record[key], revision));
  // A caption written on several lines (様式４ Ⅲ４'s list of 委託 risks) keeps its lines, as the form prints them.
  const title = titleOf(node, revision) ?? '';
  const label = keyword<string>(node, 'x-number') === undefined && title.includes('\n') ? title : (printedLabel(node, revision) ?? '');
  return [label, ...flags].join(' ');
};

/** Text the form prints behind an item's value in the same cell: a count (委託の有無), x-printFormat sub-items. */
const inlineAfter = (node: ResolvedNode, record: Record<string, unknown>, ctx: Pick<RowOptions, 'withheld'>, pointer: string): string[] =>
  [...node.properties.keys()].flatMap((key) => {
    const child = childNode(node, key)!;
    const format = keyword<string>(child, 'x-printFormat');
    const printed =
      format !== undefined
        ? record[key] ? [format.replace('{value}', String(record[key]))] : []
        : key === 'count' && node.properties.has('value') && keyword<string>(child, 'x-kind') === 'count' ? [countText(record[key])] : [];
    const withheld = ctx.withheld && printed.length > 0 && isWithheldValue(ctx.withheld.values, `${pointer}/${key}`);
    return withheld ? [ctx.withheld!.marker] : printed;
  });

const isInline = (parent: ResolvedNode, key: string): boolean => {
  const child = childNode(parent, key)!;
  return (
    key === 'value' ||
    keyword<string>(child, 'x-printFormat') !== undefined ||
    (key === 'count' && parent.properties.has('value') && keyword<string>(child, 'x-kind') === 'count') ||
    keyword<string>(child, 'x-kind') === 'flag'
  );
};

const pushItem = (ctx: Context, chain: readonly Ancestor[], value: ValueView): void => {
  ctx.rows.push({ kind: 'item', labels: chain.map((a) => ({ text: a.text, key: a.key, width: a.width ?? 0, span: '' })), value });
};

const isRedline = (ctx: Context): boolean => ctx.against !== undefined;

/** A text of the newer version merged with the older one's in a reviewer's copy; the text itself otherwise. */
const merged = (ctx: Context, before: string, after: string): string => (isRedline(ctx) ? mergeText(before, after) : after);

/**
 * The value at `pointer` as printed: the marker when withheld, merged with the older version's in a reviewer's
 * copy. `after` / `afterBefore` are what the form prints behind the value in the same cell, now and before.
 */
const viewOf = (
  ctx: Context,
  node: ResolvedNode,
  value: unknown,
  before: unknown,
  pointer: string,
  after: readonly string[] = [],
  afterBefore: readonly string[] = [],
): ValueView => {
  const view = valueView(node, value, ctx, after);
  if (ctx.withheld && isWithheldValue(ctx.withheld.values, pointer)) return { ...view, lines: [ctx.withheld.marker], list: false };
  if (!isRedline(ctx)) return view;
  return { ...view, lines: mergeLines(valueView(node, before, ctx, afterBefore).lines, view.lines) };
};

const slotRangeLabels = (itemLabel: string, count: number): Map<number, string> => {
  const ranges = new Map<number, string>();
  const last = Math.max(20, Math.ceil(count / 5) * 5);
  ranges.set(1, `${itemLabel}2～5`);
  for (let start = 6; start <= last; start += 5) ranges.set(start - 1, `${itemLabel}${start}～${start + 4}`);
  return ranges;
};

const idOf = (entry: unknown): unknown => (isRecord(entry) ? entry['id'] : undefined);

/** The older version's entry an entry continues: the one with its id, else (entries without ids) the one at its place. */
const beforeEntry = (olds: readonly unknown[], entry: unknown, index: number): unknown =>
  idOf(entry) === undefined ? olds[index] : olds.find((old) => idOf(old) === idOf(entry));

const emitGroup = (ctx: Context, node: ResolvedNode, value: unknown, before: unknown, pointer: string, chain: readonly Ancestor[]): void => {
  const given = Array.isArray(value) ? value : [];
  const olds = isRedline(ctx) && Array.isArray(before) ? before : [];
  const itemLabel = keyword<string>(node, 'x-itemLabel') ?? '';
  const label = printedLabel(node, ctx.revision);
  if (label !== undefined && keyword<string>(node, 'x-number')) ctx.rows.push({ kind: 'band', text: label, level: bandLevel(node) });
  const slots = ctx.unusedSlots && keyword<boolean>(node, 'x-slotRanges') === true;
  // A group nobody uses still prints its first slot, empty, so a range row never stands without slot 1 above it.
  const entries = slots && given.length === 0 ? [{}] : given;
  const ranges = slots ? slotRangeLabels(itemLabel, entries.length) : new Map<number, string>();
  const entryNode = childNode(node, '0')!;
  const titleKey = [...entryNode.properties.keys()].find((key) => keyword<string>(childNode(entryNode, key)!, 'x-role') === 'entryTitle');
  const titleOfEntry = (entry: unknown): string => {
    const record = isRecord(entry) ? entry : {};
    return titleKey !== undefined && typeof record[titleKey] === 'string' ? (record[titleKey] as string) : '';
  };
  const continued = new Set<unknown>();
  entries.forEach((entry, index) => {
    const range = ranges.get(index);
    if (range) ctx.rows.push({ kind: 'range', label: range });
    const old = beforeEntry(olds, entry, index);
    if (old !== undefined) continued.add(old);
    const title = merged(ctx, titleOfEntry(old), titleOfEntry(entry));
    ctx.rows.push({ kind: 'entry', label: `${itemLabel}${index + 1}`, title, labelWidth: ctx.labelWidth });
    emitChildren(ctx, entryNode, entry, old, `${pointer}/${index}`, chain);
  });
  for (const [index, range] of ranges) if (index >= entries.length) ctx.rows.push({ kind: 'range', label: range });
  // A reviewer's copy prints the entries the newer version deleted after the others, their texts struck through.
  olds.forEach((old, index) => {
    if (continued.has(old)) return;
    ctx.rows.push({ kind: 'entry', label: markedAll('del', `${itemLabel}${index + 1}`), title: markedAll('del', titleOfEntry(old)), labelWidth: ctx.labelWidth });
    emitChildren(ctx, entryNode, undefined, old, `${pointer}/deleted-${index}`, chain);
  });
};

const emitObject = (
  ctx: Context,
  parent: ResolvedNode,
  node: ResolvedNode,
  value: unknown,
  before: unknown,
  pointer: string,
  chain: readonly Ancestor[],
): void => {
  const record = isRecord(value) ? value : {};
  const old = isRecord(before) ? before : {};
  if (isBandLevel(node, parent)) {
    ctx.rows.push({ kind: 'band', text: merged(ctx, bandText(node, before, ctx.revision), bandText(node, value, ctx.revision)), level: bandLevel(node) });
    const valueNode = childNode(node, 'value');
    if (valueNode) {
      const own = titleOf(valueNode, ctx.revision) ?? '';
      const view = viewOf(ctx, valueNode, record['value'], old['value'], `${pointer}/value`, inlineAfter(node, record, ctx, pointer), inlineAfter(node, old, ctx, pointer));
      pushItem(ctx, [...chain, { text: own, key: `${pointer}/value` }], view);
    }
    emitChildren(ctx, node, value, before, pointer, chain);
    return;
  }
  const own: Ancestor = { text: printedLabel(node, ctx.revision) ?? '', key: pointer };
  const valueNode = childNode(node, 'value');
  if (valueNode) {
    pushItem(ctx, [...chain, own], viewOf(ctx, valueNode, record['value'], old['value'], `${pointer}/value`, inlineAfter(node, record, ctx, pointer), inlineAfter(node, old, ctx, pointer)));
  }
  emitChildren(ctx, node, value, before, pointer, [...chain, own]);
};

const emitChild = (ctx: Context, parent: ResolvedNode, key: string, value: unknown, before: unknown, pointer: string, chain: readonly Ancestor[]): void => {
  const node = childNode(parent, key)!;
  if (!isPrinted(node) || isInline(parent, key)) return;
  const side = keyword<string>(node, 'x-sideLabel');
  // The vertical 再委託 label spans the items that carry it; its key ties those rows together.
  const here = side ? [...chain, { text: side, key: `${pointer.slice(0, pointer.lastIndexOf('/'))}#${side}`, width: ctx.sideLabelWidth }] : chain;
  if (isArrayNode(node) && keyword<string>(node, 'x-itemLabel')) return emitGroup(ctx, node, value, before, pointer, here);
  if (keyword<string>(node, 'x-layout') === 'band') {
    ctx.rows.push({ kind: 'band', text: printedLabel(node, ctx.revision) ?? '', level: bandLevel(node) });
    const text = (version: unknown): string => (typeof version === 'string' ? version : '');
    const withheld = ctx.withheld && isWithheldValue(ctx.withheld.values, pointer);
    ctx.rows.push({ kind: 'fulltext', text: withheld ? ctx.withheld!.marker : merged(ctx, text(before), text(value)) });
    return;
  }
  if (hasItems(node)) return emitObject(ctx, parent, node, value, before, pointer, here);
  pushItem(ctx, [...here, { text: printedLabel(node, ctx.revision) ?? '', key: pointer }], viewOf(ctx, node, value, before, pointer));
};

function emitChildren(ctx: Context, node: ResolvedNode, value: unknown, before: unknown, pointer: string, chain: readonly Ancestor[]): void {
  const record = isRecord(value) ? value : {};
  const old = isRecord(before) ? before : {};
  for (const key of node.properties.keys()) emitChild(ctx, node, key, record[key], old[key], `${pointer}/${key}`, chain);
}

/**
 * Label widths and spans: the label columns share `labelWidth`; an ancestor repeated on consecutive rows is
 * printed once and continued (`span: cont`) on the rows below it.
 */
const settleLabels = (rows: RowView[], labelWidth: number): RowView[] => {
  let previous: readonly LabelView[] = [];
  return rows.map((row, rowIndex) => {
    if (row.kind !== 'item') {
      previous = [];
      return row;
    }
    // An item whose sub-rows follow is printed as their spanning parent: its value cell takes the sub-label column.
    const next = rows[rowIndex + 1];
    const own = row.labels[row.labels.length - 1]!;
    const isParent = next?.kind === 'item' && next.labels.length > row.labels.length && next.labels[row.labels.length - 1]?.key === own.key;
    const columns = isParent ? [...row.labels, own] : row.labels;
    const fixed = columns.slice(0, -1).reduce((sum, label) => sum + label.width, 0);
    const flexible = columns.slice(0, -1).filter((label) => label.width === 0).length;
    const ancestorWidth = flexible === 0 ? 0 : Math.round(((labelWidth - fixed) * (flexible === 1 ? 0.5 : 0.6)) / flexible);
    const labels = row.labels.map((label, index): LabelView => {
      const isLast = index === columns.length - 1;
      const continues = !isLast && previous[index]?.key === label.key && previous.slice(0, index).every((p, i) => p.key === row.labels[i]!.key);
      const width = isLast ? labelWidth - fixed - ancestorWidth * flexible : label.width || ancestorWidth;
      return { ...label, width, span: isLast ? '' : continues ? 'cont' : 'start' };
    });
    previous = labels;
    return { ...row, labels };
  });
};

/** The rows of one printed section (`/basicInfo`, or a per-file part such as `/files/0/overview`). */
export const sectionRows = (form: FormId, data: unknown, pointer: string, options: RowOptions): RowView[] => {
  const segments = pointer.split('/').slice(1);
  let node: ResolvedNode = formRoot(form);
  let value: unknown = data;
  let before: unknown = options.against;
  const step = (from: unknown, segment: string): unknown => (isRecord(from) ? from[segment] : Array.isArray(from) ? from[Number(segment)] : undefined);
  for (const segment of segments) {
    node = childNode(node, segment)!;
    value = step(value, segment);
    before = step(before, segment);
  }
  const ctx: Context = { ...options, rows: [] };
  emitChildren(ctx, node, value, before, pointer, []);
  return settleLabels(ctx.rows, options.labelWidth);
};
