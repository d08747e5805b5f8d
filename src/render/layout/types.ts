/**
 * The two trees of the renderer. A `Block` tree is what the templates describe (pages, headings, bordered tables
 * of label/value cells, ＜選択肢＞ boxes); the `DocTree` is what the layout engine makes of it: pages of absolutely
 * positioned text runs, rules and images that the PDF painter draws without deciding anything.
 */
export type FontName = 'mincho' | 'gothic';

export type Paragraph = {
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
};

export type Row = { readonly cells: readonly Cell[]; readonly header?: boolean; readonly keep?: boolean };

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
    }
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number }
  | { readonly kind: 'fill'; readonly rect: Rect }
  | { readonly kind: 'image'; readonly src: string; readonly rect: Rect; readonly alt: string };

export type LaidOutPage = { readonly items: readonly Drawable[] };

export type DocTree = {
  readonly title: string;
  readonly author: string;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly pages: readonly LaidOutPage[];
};

/** Width in points of `text` set in `font` at `size`; injected so the layout stays pure and testable. */
export type Measure = (text: string, font: FontName, size: number) => number;

/** Width and height in points of an image, injected like `Measure`. */
export type ImageSize = (src: string) => { width: number; height: number };
