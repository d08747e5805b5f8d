import { FORM_IDS, type FormId } from './documents.js';
import { childNode, choiceOptions, formRoot, keyword, splitPointer, type ResolvedNode } from './resolve.js';

/** The schema node at a pointer; entries of repeated groups (`/files/*`, `…/items/3`) all share one item node. */
export const nodeAtPointer = (form: FormId, pointer: string): ResolvedNode | undefined => {
  let node: ResolvedNode | undefined = formRoot(form);
  for (const segment of splitPointer(pointer)) node = node && childNode(node, segment === '*' ? '0' : segment);
  return node;
};

/**
 * A ＜選択肢＞ option that code reasons about (委託する, 発生なし …), named by its text. Checked against every given
 * form's schema when the naming module loads, so a renamed option fails at startup rather than never matching.
 * `*` in the pointer stands for any entry of a repeated group.
 */
export const namedOption = <const T extends string>(pointer: string, value: T, forms: readonly FormId[] = FORM_IDS): T => {
  for (const form of forms) {
    const node = nodeAtPointer(form, pointer);
    if (!node || !(choiceOptions(node) ?? []).includes(value)) {
      throw new Error(`the ${form} schema has no option 「${value}」 at ${pointer}`);
    }
  }
  return value;
};

/**
 * The number printed before each option in the ＜選択肢＞ box, as the form prints it: `1）` by default, `1)` where
 * `x-optionNumbering` says so, and per option where the form mixes them (`x-optionNumbers`: `1）`, `2)`).
 */
export const optionNumbers = (node: ResolvedNode): string[] => {
  const numbering = keyword<string>(node, 'x-optionNumbering') ?? '）';
  const numbers = keyword<string[]>(node, 'x-optionNumbers');
  return (choiceOptions(node) ?? []).map((_, index) => numbers?.[index] ?? `${index + 1}${numbering}`);
};
