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
import { isRecord, valueView, checkText, countText, type ValueView } from './value-views.js';

/** One label cell of an item row; rows sharing an ancestor's key print it once, as a cell spanning them. */
export type LabelView = { readonly text: string; readonly key: string; readonly width: number; readonly span: '' | 'start' | 'cont' };

/** A row of a form section, in printed order; the templates have one partial per `kind`. */
export type RowView =
  | { readonly kind: 'band'; readonly text: string }
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
};

/** A label column on the way down to an item; `width` fixes a narrow column such as the vertical 再委託. */
type Ancestor = { readonly text: string; readonly key: string; readonly width?: number };
type Context = RowOptions & { readonly rows: RowView[] };

const BAND_NUMBER = /^(?:[０-９0-9]+．|リスク|（別添)/;
const SUB_ROW_KINDS = new Set(['checks', 'checkGroups', 'checkWithText', 'provisionStatus']);

const isPrinted = (node: ResolvedNode): boolean => keyword(node, 'x-printed') !== false && keyword<string>(node, 'x-role') !== 'entryTitle';
const hasItems = (node: ResolvedNode): boolean => node.properties.size > 0 && !SUB_ROW_KINDS.has(keyword<string>(node, 'x-kind') ?? '');
const hasBandNumber = (node: ResolvedNode): boolean => BAND_NUMBER.test(keyword<string>(node, 'x-number') ?? '');
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
const inlineAfter = (node: ResolvedNode, record: Record<string, unknown>): string[] =>
  [...node.properties.keys()].flatMap((key) => {
    const child = childNode(node, key)!;
    const format = keyword<string>(child, 'x-printFormat');
    if (format !== undefined) return record[key] ? [format.replace('{value}', String(record[key]))] : [];
    if (key === 'count' && node.properties.has('value') && keyword<string>(child, 'x-kind') === 'count') return [countText(record[key])];
    return [];
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

const slotRangeLabels = (itemLabel: string, count: number): Map<number, string> => {
  const ranges = new Map<number, string>();
  const last = Math.max(20, Math.ceil(count / 5) * 5);
  ranges.set(1, `${itemLabel}2～5`);
  for (let start = 6; start <= last; start += 5) ranges.set(start - 1, `${itemLabel}${start}～${start + 4}`);
  return ranges;
};

const emitGroup = (ctx: Context, node: ResolvedNode, value: unknown, pointer: string, chain: readonly Ancestor[]): void => {
  const given = Array.isArray(value) ? value : [];
  const itemLabel = keyword<string>(node, 'x-itemLabel') ?? '';
  const label = printedLabel(node, ctx.revision);
  if (label !== undefined && keyword<string>(node, 'x-number')) ctx.rows.push({ kind: 'band', text: label });
  const slots = ctx.unusedSlots && keyword<boolean>(node, 'x-slotRanges') === true;
  // A group nobody uses still prints its first slot, empty, so a range row never stands without slot 1 above it.
  const entries = slots && given.length === 0 ? [{}] : given;
  const ranges = slots ? slotRangeLabels(itemLabel, entries.length) : new Map<number, string>();
  const entryNode = childNode(node, '0')!;
  const titleKey = [...entryNode.properties.keys()].find((key) => keyword<string>(childNode(entryNode, key)!, 'x-role') === 'entryTitle');
  entries.forEach((entry, index) => {
    const range = ranges.get(index);
    if (range) ctx.rows.push({ kind: 'range', label: range });
    const record = isRecord(entry) ? entry : {};
    const title = titleKey !== undefined && typeof record[titleKey] === 'string' ? (record[titleKey] as string) : '';
    ctx.rows.push({ kind: 'entry', label: `${itemLabel}${index + 1}`, title, labelWidth: ctx.labelWidth });
    emitChildren(ctx, entryNode, entry, `${pointer}/${index}`, chain);
  });
  for (const [index, range] of ranges) if (index >= entries.length) ctx.rows.push({ kind: 'range', label: range });
};

const emitObject = (ctx: Context, parent: ResolvedNode, node: ResolvedNode, value: unknown, pointer: string, chain: readonly Ancestor[]): void => {
  const record = isRecord(value) ? value : {};
  if (isBandLevel(node, parent)) {
    ctx.rows.push({ kind: 'band', text: bandText(node, value, ctx.revision) });
    const valueNode = childNode(node, 'value');
    if (valueNode) {
      const own = titleOf(valueNode, ctx.revision) ?? '';
      pushItem(ctx, [...chain, { text: own, key: `${pointer}/value` }], valueView(valueNode, record['value'], ctx, inlineAfter(node, record)));
    }
    emitChildren(ctx, node, value, pointer, chain);
    return;
  }
  const own: Ancestor = { text: printedLabel(node, ctx.revision) ?? '', key: pointer };
  const valueNode = childNode(node, 'value');
  if (valueNode) pushItem(ctx, [...chain, own], valueView(valueNode, record['value'], ctx, inlineAfter(node, record)));
  emitChildren(ctx, node, value, pointer, [...chain, own]);
};

const emitChild = (ctx: Context, parent: ResolvedNode, key: string, value: unknown, pointer: string, chain: readonly Ancestor[]): void => {
  const node = childNode(parent, key)!;
  if (!isPrinted(node) || isInline(parent, key)) return;
  const side = keyword<string>(node, 'x-sideLabel');
  // The vertical 再委託 label spans the items that carry it; its key ties those rows together.
  const here = side ? [...chain, { text: side, key: `${pointer.slice(0, pointer.lastIndexOf('/'))}#${side}`, width: ctx.sideLabelWidth }] : chain;
  if (isArrayNode(node) && keyword<string>(node, 'x-itemLabel')) return emitGroup(ctx, node, value, pointer, here);
  if (keyword<string>(node, 'x-layout') === 'band') {
    ctx.rows.push({ kind: 'band', text: printedLabel(node, ctx.revision) ?? '' });
    ctx.rows.push({ kind: 'fulltext', text: typeof value === 'string' ? value : '' });
    return;
  }
  if (hasItems(node)) return emitObject(ctx, parent, node, value, pointer, here);
  pushItem(ctx, [...here, { text: printedLabel(node, ctx.revision) ?? '', key: pointer }], valueView(node, value, ctx));
};

function emitChildren(ctx: Context, node: ResolvedNode, value: unknown, pointer: string, chain: readonly Ancestor[]): void {
  const record = isRecord(value) ? value : {};
  for (const key of node.properties.keys()) emitChild(ctx, node, key, record[key], `${pointer}/${key}`, chain);
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
  for (const segment of segments) {
    node = childNode(node, segment)!;
    value = isRecord(value) ? value[segment] : Array.isArray(value) ? value[Number(segment)] : undefined;
  }
  const ctx: Context = { ...options, rows: [] };
  emitChildren(ctx, node, value, pointer, []);
  return settleLabels(ctx.rows, options.labelWidth);
};
