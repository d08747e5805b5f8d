import type { FormId } from '../../src/schema/documents.js';
import { itemLabel, sectionHeading, titleOf, type FormRevision } from '../../src/schema/labels.js';
import { childNode, formRoot, keyword, type ResolvedNode } from '../../src/schema/resolve.js';
import type { ValidationIssue } from '../../src/schema/issues.js';
import { childPointer } from './pointer.js';

/** One part of the editor page: a schema node rendered under its own heading. */
export type SectionSpec = {
  readonly pointer: string;
  readonly heading: string;
  readonly node: ResolvedNode;
  /** Index in the 特定個人情報ファイル list for a per-file part. */
  readonly fileIndex?: number;
  readonly only?: readonly string[];
};

/** One line of the left outline (項目一覧). */
export type OutlineEntry = { readonly pointer: string; readonly label: string; readonly depth: number };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parts in printed order (x-toc): the cover, Ⅰ, 別添, Ⅱ and Ⅲ of every file, … each headed as its page prints it. */
export const sectionsOf = (form: FormId, data: Record<string, unknown>, revision?: FormRevision): SectionSpec[] => {
  const root = formRoot(form);
  const toc = keyword<string[]>(root, 'x-toc') ?? [];
  const tocKeys = new Set(toc.map((pointer) => pointer.split('/')[1]));
  const coverKeys = [...root.properties.keys()].filter(
    (key) => !tocKeys.has(key) && keyword<unknown>(childNode(root, key)!, 'x-printed') !== false && key !== 'form',
  );
  const coverNode = childNode(root, 'cover');
  const sections: SectionSpec[] = [
    { pointer: '', heading: (coverNode && titleOf(coverNode, revision)) ?? '', node: root, only: coverKeys },
  ];
  for (const entry of toc) {
    const [, key = '', part] = entry.split('/');
    const node = childNode(root, key);
    if (!node) continue;
    if (part === undefined) {
      sections.push({ pointer: `/${key}`, heading: sectionHeading(node, revision) || key, node });
      continue;
    }
    const files = Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
    const partNode = childNode(childNode(node, '0')!, part)!;
    files.forEach((_, index) => {
      // As the PDF prints it (Ⅲ with its ※（７．②を除く。）), so officers see which edits are 重要な変更; the editor
      // adds the file's name after it.
      sections.push({
        pointer: `/${key}/${index}/${part}`,
        heading: sectionHeading(partNode, revision) || part,
        node: partNode,
        fileIndex: index,
      });
    });
  }
  return sections;
};

/** The outline: each part, then its numbered items one level down. */
export const outlineOf = (sections: readonly SectionSpec[], revision?: FormRevision): OutlineEntry[] =>
  sections.flatMap((section) => {
    const children = section.only
      ? []
      : [...section.node.properties.keys()].flatMap((key) => {
          const child = childNode(section.node, key)!;
          const label = keyword<string>(child, 'x-number') ? itemLabel(child, revision) : undefined;
          return label ? [{ pointer: childPointer(section.pointer, key), label, depth: 1 }] : [];
        });
    return [{ pointer: section.pointer, label: section.heading, depth: 0 }, ...children];
  });

/** How many issues lie at or under a pointer ('' is the whole document). */
export const countIssuesUnder = (issues: readonly ValidationIssue[], pointer: string, only?: readonly string[]): number =>
  issues.filter((issue) =>
    only
      ? only.some((key) => issue.pointer === `/${key}` || issue.pointer.startsWith(`/${key}/`))
      : issue.pointer === pointer || issue.pointer.startsWith(`${pointer}/`),
  ).length;

/** The section a pointer belongs to. */
export const sectionFor = (sections: readonly SectionSpec[], pointer: string): SectionSpec | undefined =>
  sections.find((section) =>
    section.only
      ? section.only.some((key) => pointer === `/${key}` || pointer.startsWith(`/${key}/`))
      : pointer === section.pointer || pointer.startsWith(`${section.pointer}/`),
  );

export const fileNameOf = (data: Record<string, unknown>, index: number): string => {
  const files = Array.isArray(data['files']) ? data['files'] : [];
  const file = files[index];
  const overview = isRecord(file) && isRecord(file['overview']) ? file['overview'] : {};
  return typeof overview['fileName'] === 'string' ? overview['fileName'] : '';
};
