/**
 * Builds the document's logical structure (the tagged PDF's structure tree) while the layout places blocks, in
 * reading order: the form's titles and part headings (H1), its numbered items (H2) and risks (H3) printed as bands,
 * the rows between them as tables of header (TH) and data (TD) cells, check-box lines and the ＜選択肢＞ as lists,
 * figures with their text alternative. A band splits the printed table into one logical table per item, so a
 * screen reader can jump from heading to heading and read each item's rows as a table.
 */
import { unmarked } from './marks.js';
import type { Cell, Row, StructNode, StructRole } from './types.js';

/** Which structure node each line of a cell (and of its ＜選択肢＞ box) belongs to. */
export type CellTags = { readonly line: (paragraph: number) => number; readonly box: (paragraph: number) => number };

export class StructureBuilder {
  readonly root: StructNode = { id: 0, role: 'Document', children: [] };
  private nextId = 1;
  private table: StructNode | undefined;

  private node(parent: StructNode, role: StructRole, extra: Partial<Omit<StructNode, 'id' | 'role' | 'children'>> = {}): StructNode {
    const node: StructNode = { id: this.nextId++, role, children: [], ...extra };
    parent.children.push(node);
    return node;
  }

  /** A heading of the document; levels 1 and 2 are listed in the bookmarks. */
  heading(level: 1 | 2 | 3, title: string): number {
    this.closeTable();
    const text = unmarked(title).replace(/\s*\n\s*/g, ' ').trim();
    const bookmark = level <= 2 && text !== '' ? { bookmark: { title: text, level: level as 1 | 2 } } : {};
    return this.node(this.root, `H${level}`, bookmark).id;
  }

  paragraph(): number {
    this.closeTable();
    return this.node(this.root, 'P').id;
  }

  figure(alt: string): number {
    this.closeTable();
    return this.node(this.root, 'Figure', { alt }).id;
  }

  /** The table a printed table's rows belong to ends here (a heading band, or the printed table's end). */
  closeTable(): void {
    this.table = undefined;
  }

  /**
   * A printed row: its cells as header and data cells of the open table (opened if need be). A cell continuing a
   * label from the row above has no element: the label's cell spans it (`rowSpan`).
   */
  row(row: Row, spans: readonly number[]): CellTags[] {
    this.table ??= this.node(this.root, 'Table');
    const tr = this.node(this.table, 'TR');
    return row.cells.map((cell, index) => {
      if (cell.span === 'cont') return { line: () => tr.id, box: () => tr.id };
      const header = row.header === true || cell.scope !== undefined;
      const scope = row.header === true || cell.scope === 'column' ? 'Column' : 'Row';
      const node = this.node(tr, header ? 'TH' : 'TD', header ? { scope, ...(spans[index]! > 1 ? { rowSpan: spans[index]! } : {}) } : {});
      return { line: cell.list ? this.listItems(node) : () => node.id, box: this.box(node, cell) };
    });
  }

  /** A list inside `parent`, an item per paragraph (an empty paragraph prints nothing and gets no item). */
  private listItems(parent: StructNode, caption = false): (paragraph: number) => number {
    const list = this.node(parent, 'L');
    const ids = new Map<number, number>();
    return (paragraph) => {
      let id = ids.get(paragraph);
      if (id === undefined) {
        id = caption && paragraph === 0 ? this.node(list, 'Caption').id : this.node(this.node(list, 'LI'), 'LBody').id;
        ids.set(paragraph, id);
      }
      return id;
    };
  }

  /** The ＜選択肢＞ box: a list of the options, its title as the list's caption. */
  private box(parent: StructNode, cell: Cell): (paragraph: number) => number {
    if (!cell.box) return () => parent.id;
    let items: ((paragraph: number) => number) | undefined;
    return (paragraph) => (items ??= this.listItems(parent, true))(paragraph);
  }

  /** The same row in a heading band: all its cells' text is the heading's. */
  headingRow(row: Row): CellTags[] {
    const text = unmarked(row.cells.flatMap((cell) => cell.paragraphs.map((p) => p.text)).join(' '));
    const id = this.heading(row.heading!, text);
    return row.cells.map(() => ({ line: () => id, box: () => id }));
  }
}

/** How many rows each cell of `rows[index]` spans: 1, or more for a label the rows below continue (`span: cont`). */
export const rowSpans = (rows: readonly Row[], index: number): number[] =>
  rows[index]!.cells.map((cell, column) => {
    if (cell.span !== 'start') return 1;
    let span = 1;
    while (rows[index + span]?.cells[column]?.span === 'cont') span += 1;
    return span;
  });
