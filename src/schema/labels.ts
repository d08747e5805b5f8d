import type { FormId } from './documents.js';
import { childNode, formRoot, isArrayNode, keyword, type ResolvedNode } from './resolve.js';

/** A form revision as printed in the stamp, e.g. 令和７年５月. */
export type FormRevision = string;

// From a string, which the CLI bundle writes in \u escapes (a regular expression literal it cannot): see tests/cli/smoke.test.ts.
const ROMAN_SECTION = new RegExp('^[ⅠⅡⅢⅣⅤⅥ]$');

/** Official label text for this revision (a few check-box labels changed between revisions). */
export const titleOf = (node: ResolvedNode, revision?: FormRevision): string | undefined => {
  const byRevision = keyword<Record<string, string>>(node, 'x-titleByRevision');
  return (revision && byRevision?.[revision]) || keyword<string>(node, 'title');
};

const numberSeparator = (node: ResolvedNode, number: string): string => {
  const explicit = keyword<string>(node, 'x-numberSeparator');
  if (explicit !== undefined) return explicit;
  if (ROMAN_SECTION.test(number)) return '　';
  if (number.startsWith('リスク')) return '：　';
  if (number.startsWith('（別添')) return ' ';
  return '';
};

/**
 * Number + title as cited in paths and 変更箇所 rows: `④再委託の有無`, `Ⅱ　特定個人情報ファイルの概要`.
 * A repeated group without a number of its own (委託事項, 提供先 …) prints no heading: its entries
 * (委託事項1 …) are the labels.
 */
export const itemLabel = (node: ResolvedNode, revision?: FormRevision, fileNumber?: number): string | undefined => {
  const title = titleOf(node, revision);
  const number = keyword<string>(node, 'x-number');
  if (title === undefined || (!number && keyword<string>(node, 'x-itemLabel'))) return undefined;
  if (!number) return title.replace(/\n/g, '　');
  const numbered = fileNumber !== undefined && ROMAN_SECTION.test(number) ? `${number}（${fileNumber}）` : number;
  return numbered + numberSeparator(node, number) + title.replace(/\n/g, '　');
};

/** The label exactly as printed on the form, with its ※ mark and 【任意】-style suffix. */
export const printedLabel = (node: ResolvedNode, revision?: FormRevision): string | undefined => {
  const label = itemLabel(node, revision);
  if (label === undefined) return undefined;
  return label + (keyword<string>(node, 'x-mark') ?? '') + (keyword<string>(node, 'x-suffix') ?? '');
};

/**
 * A part's heading as its own page prints it: the label with its ※ mark and suffix, and the page's own spelling
 * where it differs from the 項目一覧 (`x-headingNumber` （別添1）, `x-headingSeparator` in （別添３）変更箇所). The form
 * prints no file number here: with several 特定個人情報ファイル, Ⅱ and Ⅲ are told apart by their １．ファイル名.
 */
export const sectionHeading = (node: ResolvedNode, revision?: FormRevision): string => {
  const title = titleOf(node, revision);
  const number = keyword<string>(node, 'x-headingNumber') ?? keyword<string>(node, 'x-number');
  if (title === undefined || number === undefined) return printedLabel(node, revision) ?? '';
  const separator = keyword<string>(node, 'x-headingSeparator') ?? numberSeparator(node, number);
  return number + separator + title + (keyword<string>(node, 'x-mark') ?? '') + (keyword<string>(node, 'x-suffix') ?? '');
};

/**
 * A part's line in the 項目一覧: number and title without the ※ marks the section pages print, the 別添 lines
 * indented with U+3000 where the form indents them (`x-tocIndent`), and `x-tocSeparator` where the line spaces its
 * number differently (　（別添２）　変更箇所).
 */
export const tocLabel = (node: ResolvedNode, revision?: FormRevision): string => {
  const title = titleOf(node, revision) ?? '';
  const number = keyword<string>(node, 'x-number') ?? '';
  const separator = keyword<string>(node, 'x-tocSeparator') ?? numberSeparator(node, number);
  return (keyword<boolean>(node, 'x-tocIndent') ? '　' : '') + number + separator + title;
};

type PathContext = { revision?: FormRevision; fileCount?: number };

/**
 * The official item path of a JSON Pointer, one label per level, e.g.
 * ['Ⅱ　特定個人情報ファイルの概要', '４．特定個人情報ファイルの取扱いの委託', '委託事項1', '④再委託の有無'].
 * Levels without a printed label (the `value` of an item with sub-rows, ids, the file list itself) are skipped;
 * with several 特定個人情報ファイル the section numeral carries the file number, Ⅱ（2）, as the published tables cite it.
 */
export const itemPath = (form: FormId, segments: readonly string[], context: PathContext = {}): string[] => {
  const labels: string[] = [];
  let node: ResolvedNode | undefined = formRoot(form);
  let pendingFileNumber: number | undefined;
  for (const segment of segments) {
    const parent: ResolvedNode = node;
    node = childNode(parent, segment);
    if (!node) {
      labels.push(segment);
      break;
    }
    if (isArrayNode(parent)) {
      const index = Number(segment) + 1;
      if (keyword<boolean>(parent, 'x-fileGroup')) {
        if ((context.fileCount ?? 1) > 1) pendingFileNumber = index;
      } else {
        labels.push(`${keyword<string>(parent, 'x-itemLabel') ?? ''}${index}`);
      }
      continue;
    }
    if (keyword<boolean>(node, 'x-fileGroup')) continue;
    const label = itemLabel(node, context.revision, pendingFileNumber);
    if (label === undefined) continue;
    if (pendingFileNumber !== undefined && keyword<string>(node, 'x-number')) pendingFileNumber = undefined;
    labels.push(label);
  }
  return labels;
};

/**
 * Whether a change at this place is a 重要な変更 by the form's ※ marks: the nearest explicit `x-important`
 * on the way down decides, so a section-wide ※ and its exceptions (Ⅲ７② / ７．リスク１⑨) both hold.
 */
export const isImportant = (form: FormId, segments: readonly string[]): boolean => {
  let node: ResolvedNode | undefined = formRoot(form);
  let important = keyword<boolean>(node, 'x-important') ?? false;
  for (const segment of segments) {
    node = childNode(node, segment);
    if (!node) break;
    important = keyword<boolean>(node, 'x-important') ?? important;
  }
  return important;
};
