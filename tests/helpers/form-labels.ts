import {
  childNode,
  choiceOptions,
  formRoot,
  isArrayNode,
  itemLabel,
  keyword,
  printedLabel,
  titleOf,
  type FormId,
  type ResolvedNode,
} from '../../src/schema/index.js';

const SLOT_RANGES = ['2～5', '6～10', '11～15', '16～20'];

/**
 * Every text the schema lets UI and renderer print as a label: item labels with and without ※, titles,
 * ＜選択肢＞ options (bare and numbered), check-box labels for every revision, group labels and slot ranges,
 * and the revision stamps.
 */
export const formLabels = (form: FormId): Set<string> => {
  const labels = new Set<string>();
  const add = (text: string | undefined): void => {
    // Width variants (（別添1） / （別添１）) are the same printed label; compare NFKC-normalised.
    if (text) labels.add(text.normalize('NFKC').replace(/\s+/g, ''));
  };
  const root = formRoot(form);
  const revisions = choiceOptions(childNode(root, 'formRevision')!) ?? [];
  const formName = keyword<{ name: string }>(root, 'x-form')?.name ?? '';
  for (const revision of revisions) add(`[${revision}　${formName}]`);
  add(titleOf(root));

  const visit = (node: ResolvedNode, seen: Set<ResolvedNode>): void => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const revision of [undefined, ...revisions]) {
      add(printedLabel(node, revision));
      add(itemLabel(node, revision));
      add(titleOf(node, revision));
    }
    for (const name of ['x-number', 'x-mark', 'x-sideLabel']) add(keyword<string>(node, name)?.trim());
    // The side label 再委託 is printed vertically, one character per line.
    for (const char of keyword<string>(node, 'x-sideLabel') ?? '') add(char);
    for (const part of keyword<string>(node, 'x-printFormat')?.split('{value}') ?? []) add(part);
    // A multi-line caption (Ⅲ４ of 様式４ names five risks in one band) is printed line by line.
    for (const line of titleOf(node)?.split('\n') ?? []) add(line);
    const options = choiceOptions(node) ?? [];
    const paren = keyword<string>(node, 'x-optionNumbering') ?? '）';
    options.forEach((option, index) => {
      add(option);
      add(`${index + 1}${paren} ${option}`);
    });
    const itemName = keyword<string>(node, 'x-itemLabel');
    if (itemName && isArrayNode(node)) {
      for (let n = 1; n <= 20; n += 1) add(`${itemName}${n}`);
      for (const range of SLOT_RANGES) add(`${itemName}${range}`);
    }
    for (const key of node.properties.keys()) visit(childNode(node, key)!, seen);
    if (isArrayNode(node)) visit(childNode(node, '0')!, seen);
  };
  visit(root, new Set());
  return labels;
};
