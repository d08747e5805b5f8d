import type { Block, Cell, CellBox, DocumentBlocks, FontName, Paragraph, Row } from '../layout/types.js';

/**
 * The templates write the document as a small XML vocabulary (document, page-break, title, heading, text, table,
 * row, cell, box, p, image, spacer). Handlebars' HTML escaping keeps data from ever forming a tag; this parser
 * undoes that escaping. Text is kept exactly as written inside p/cell/title/heading, because values carry
 * meaningful full-width spaces and line breaks; whitespace-only text between tags is template indentation.
 */
type Node = { readonly tag: string; readonly attrs: Readonly<Record<string, string>>; readonly children: (Node | string)[] };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x60': '`', '#x3D': '=', '#39': "'" };
const decode = (text: string): string => text.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D|#39);/g, (_, name: string) => ENTITIES[name]!);

const TOKEN = /<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([a-z-]+)="([^"]*)"/g;
const INDENTATION = /^[ \t\r\n]*$/;

export class MarkupError extends Error {}

const parseTree = (markup: string): Node => {
  const root: Node = { tag: '#root', attrs: {}, children: [] };
  const stack: Node[] = [root];
  let consumed = 0;
  for (const match of markup.matchAll(TOKEN)) {
    if (match.index !== consumed) throw new MarkupError(`unexpected markup at ${consumed}: ${markup.slice(consumed, consumed + 40)}`);
    consumed = match.index + match[0].length;
    const [, closing, tag, attrText, selfClosing, text] = match;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      if (!INDENTATION.test(text)) top.children.push(decode(text));
      continue;
    }
    if (closing) {
      if (top.tag !== tag) throw new MarkupError(`</${tag}> closes <${top.tag}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, name, value] of (attrText ?? '').matchAll(ATTR)) attrs[name!] = decode(value!);
    const node: Node = { tag: tag!, attrs, children: [] };
    top.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (consumed !== markup.length) throw new MarkupError(`unexpected markup at ${consumed}`);
  if (stack.length !== 1) throw new MarkupError(`<${stack[stack.length - 1]!.tag}> is not closed`);
  return root;
};

const textOf = (node: Node): string => node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
const number = (node: Node, name: string): number | undefined => (node.attrs[name] === undefined ? undefined : Number(node.attrs[name]));
const flag = (node: Node, name: string): boolean => node.attrs[name] === 'true';
const fontOf = (node: Node): FontName | undefined => {
  const font = node.attrs['font'];
  if (font === undefined) return undefined;
  if (font !== 'mincho' && font !== 'gothic') throw new MarkupError(`unknown font ${font}`);
  return font;
};
const alignOf = (node: Node): Paragraph['align'] => {
  const align = node.attrs['align'];
  return align === 'center' || align === 'right' ? align : 'left';
};

const paragraphsOf = (node: Node): Paragraph[] =>
  node.children.flatMap((child): Paragraph[] => {
    if (typeof child === 'string') return [{ text: child }];
    if (child.tag === 'p') {
      const font = fontOf(child);
      return [{ text: textOf(child), align: alignOf(child), ...(font ? { font } : {}), ...(flag(child, 'nowrap') ? { nowrap: true } : {}) }];
    }
    if (child.tag === 'box') return [];
    throw new MarkupError(`<${child.tag}> cannot stand in <${node.tag}>`);
  });

const cellOf = (node: Node): Cell => {
  const boxNode = node.children.find((child): child is Node => typeof child !== 'string' && child.tag === 'box');
  const box: CellBox | undefined = boxNode && { width: number(boxNode, 'width') ?? 160, title: boxNode.attrs['title'] ?? '', paragraphs: paragraphsOf(boxNode) };
  const span = node.attrs['span'];
  const font = fontOf(node);
  const width = number(node, 'width');
  const scope = node.attrs['scope'];
  if (scope !== undefined && scope !== 'row' && scope !== 'column') throw new MarkupError(`unknown scope ${scope}`);
  return {
    paragraphs: paragraphsOf(node),
    ...(width !== undefined ? { width } : {}),
    ...(box ? { box } : {}),
    ...(span === 'start' || span === 'cont' ? { span } : {}),
    ...(flag(node, 'fill') ? { fill: true } : {}),
    ...(font ? { font } : {}),
    ...(scope ? { scope } : {}),
    ...(flag(node, 'list') ? { list: true } : {}),
  };
};

const headingLevel = (node: Node): Row['heading'] => {
  const level = node.attrs['heading'];
  if (level === undefined || level === '') return undefined;
  if (level !== '2' && level !== '3') throw new MarkupError(`heading rows are of level 2 or 3, not ${level}`);
  return Number(level) as 2 | 3;
};

const childNodes = (node: Node, tag: string): Node[] =>
  node.children.map((child) => {
    if (typeof child === 'string' || child.tag !== tag) throw new MarkupError(`<${node.tag}> holds only <${tag}>`);
    return child;
  });

const rowOf = (node: Node): Row => {
  const heading = headingLevel(node);
  return {
    cells: childNodes(node, 'cell').map(cellOf),
    ...(flag(node, 'header') ? { header: true } : {}),
    // A heading band introduces what follows it, so it is kept with it like any keep row.
    ...(flag(node, 'keep') || heading ? { keep: true } : {}),
    ...(heading ? { heading } : {}),
  };
};

const blockOf = (node: Node): Block => {
  switch (node.tag) {
    case 'page-break':
      return { kind: 'page-break' };
    case 'title':
      return { kind: 'title', text: textOf(node), size: number(node, 'size') ?? 14, align: alignOf(node) ?? 'left' };
    case 'heading':
      return { kind: 'heading', text: textOf(node) };
    case 'text':
      return { kind: 'text', paragraphs: paragraphsOf(node) };
    case 'spacer':
      return { kind: 'spacer', height: number(node, 'height') ?? 12 };
    case 'image':
      return { kind: 'image', src: node.attrs['src'] ?? '', alt: node.attrs['alt'] ?? '' };
    case 'figure-text':
      return { kind: 'figure-text', paragraphs: paragraphsOf(node) };
    case 'table':
      return { kind: 'table', rows: childNodes(node, 'row').map(rowOf), repeatHeader: flag(node, 'repeat-header') };
    default:
      throw new MarkupError(`unknown block <${node.tag}>`);
  }
};

/** Parses the templates' output into the block tree the layout engine lays out. */
export const parseMarkup = (markup: string): DocumentBlocks => {
  const root = parseTree(markup);
  const [documentNode, ...rest] = root.children;
  if (typeof documentNode === 'string' || documentNode?.tag !== 'document' || rest.length > 0) {
    throw new MarkupError('the template must produce exactly one <document>');
  }
  const stamp = documentNode.attrs['stamp'];
  return {
    title: documentNode.attrs['title'] ?? '',
    author: documentNode.attrs['author'] ?? '',
    ...(stamp ? { stamp } : {}),
    blocks: documentNode.children.map((child) => {
      if (typeof child === 'string') throw new MarkupError(`text outside a block: ${child.slice(0, 40)}`);
      return blockOf(child);
    }),
  };
};
