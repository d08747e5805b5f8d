/**
 * The two trees of the renderer. A `Block` tree is what the templates describe (pages, headings, bordered tables
 * of label/value cells, ＜選択肢＞ boxes); the `DocTree` is what the layout engine makes of it: pages of absolutely
 * positioned text runs, rules and images that the PDF painter draws without deciding anything.
 */
export type FontName = 'mincho' | 'gothic';

export type Paragraph = {
  /** May hold redline marks (./marks.ts): inserted and deleted runs of a reviewer's copy. */
  readonly text: string;
  readonly align?: 'left' | 'center' | 'right';
  readonly font?: FontName;
  /** Kept on one line (a date in the narrow 変更日 column): set smaller when it does not fit, never broken. */
  readonly nowrap?: boolean;
};

/** Right-hand box inside a cell, such as the ＜選択肢＞ list beside a choice. */
export type CellBox = { readonly width: number; readonly title: string; readonly paragraphs: readonly Paragraph[] };

export type Cell = {
  /** Width in points; the last cell of a row takes what is left. */
  readonly width?: number;
  readonly paragraphs: readonly Paragraph[];
  readonly box?: CellBox;
  /** A label cell spanning several rows: `start` prints the label, `cont` continues it without a top rule. */
  readonly span?: 'start' | 'cont';
  readonly fill?: boolean;
  readonly font?: FontName;
  /** A header cell (TH) of its row (a label) or of its column; header rows' cells are column headers anyway. */
  readonly scope?: 'row' | 'column';
  /** Each paragraph is an item of a list (check-box lines, the 項目一覧). */
  readonly list?: boolean;
};

export type Row = {
  readonly cells: readonly Cell[];
  readonly header?: boolean;
  readonly keep?: boolean;
  /** A heading printed as a band of the table (１．…, リスク１：…): level 2 or 3 of the document's outline. */
  readonly heading?: 2 | 3;
};

export type Block =
  | { readonly kind: 'page-break' }
  | { readonly kind: 'title'; readonly text: string; readonly size: number; readonly align: 'left' | 'center' | 'right' }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'text'; readonly paragraphs: readonly Paragraph[] }
  | { readonly kind: 'table'; readonly rows: readonly Row[]; readonly repeatHeader: boolean }
  /** A diagram image; `alt` is its text alternative (the PDF's alt text). */
  | { readonly kind: 'image'; readonly src: string; readonly alt: string }
  /** A figure given as text only (a diagram transcribed without its image): its text printed in a frame. */
  | { readonly kind: 'figure-text'; readonly paragraphs: readonly Paragraph[] }
  | { readonly kind: 'spacer'; readonly height: number };

export type DocumentBlocks = {
  readonly title: string;
  readonly author: string;
  /** Printed in the top-right corner of the first page (the form's revision stamp). */
  readonly stamp?: string;
  readonly blocks: readonly Block[];
};

export type Rect = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };

export type Drawable =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly x: number;
      readonly y: number;
      readonly font: FontName;
      readonly size: number;
      readonly width: number;
      readonly clip: Rect;
      /** Text of a heading block or a heading row (band, group title, 「リスク：」 caption, table header). */
      readonly role?: 'heading';
      /** The structure element (StructNode id) whose content this run is; absent for an artifact. */
      readonly tag?: number;
      /** Printed again on a later page (a repeated header row, the page number): not content of its own. */
      readonly artifact?: 'pagination';
      /** A redline's inserted or deleted run. */
      readonly mark?: MarkKind;
    }
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly width?: number; readonly color?: MarkKind }
  /** A grey cell background, or a redline's bar in the margin beside a changed row. */
  | { readonly kind: 'fill'; readonly rect: Rect; readonly color?: 'bar' }
  | { readonly kind: 'image'; readonly src: string; readonly rect: Rect; readonly alt: string; readonly tag?: number };

export type LaidOutPage = { readonly items: readonly Drawable[] };

/** A redline's kinds of marked text: inserted (underlined, coloured) and deleted (struck through). */
export type MarkKind = 'ins' | 'del';

/** Standard structure types (ISO 32000-1 §14.8.4) the document is tagged with. */
export type StructRole = 'Document' | 'H1' | 'H2' | 'H3' | 'P' | 'Table' | 'TR' | 'TH' | 'TD' | 'L' | 'LI' | 'LBody' | 'Caption' | 'Figure';

/**
 * The logical structure of the document in reading order, the tagged PDF's structure tree: headings, tables of
 * rows of header and data cells, lists, figures. Text runs name the node they belong to (`tag`); a node's own
 * runs come before its children in reading order.
 */
export type StructNode = {
  readonly id: number;
  readonly role: StructRole;
  readonly children: StructNode[];
  /** Text alternative of a figure. */
  readonly alt?: string;
  /** A header cell's scope; `rowSpan` when it spans the rows below it (a nested label column). */
  readonly scope?: 'Row' | 'Column';
  rowSpan?: number;
  /** A heading listed in the document's bookmarks (outline), with its level. */
  readonly bookmark?: { readonly title: string; readonly level: 1 | 2 };
};

export type DocTree = {
  readonly title: string;
  readonly author: string;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly pages: readonly LaidOutPage[];
  /** The root (Document) of the structure tree. */
  readonly structure: StructNode;
};

/** Width in points of `text` set in `font` at `size`; injected so the layout stays pure and testable. */
export type Measure = (text: string, font: FontName, size: number) => number;

/** Width and height in points of an image, injected like `Measure`. */
export type ImageSize = (src: string) => { width: number; height: number };
