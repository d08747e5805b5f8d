import { CONTENT_BOTTOM, CONTENT_WIDTH, PAGE, TYPE } from './geometry.js';
import type { PageBuilder } from './page-builder.js';
import { rowSpans, type CellTags, type StructureBuilder } from './structure.js';
import { setParagraphs, type Line } from './text-lines.js';
import type { Cell, Measure, Row } from './types.js';

type SetBox = { readonly x: number; readonly width: number; readonly lines: readonly Line[] };

type SetCell = {
  readonly x: number;
  readonly width: number;
  readonly lines: readonly Line[];
  readonly box?: SetBox;
  readonly cell: Cell;
};

type SetRow = { readonly cells: readonly SetCell[]; readonly lineCount: number; readonly row: Row };

/**
 * What the text of a row part is tagged as: its cells' structure elements, or a running artifact (a header row
 * printed again on a later page).
 */
type RowTags = { readonly cells: readonly CellTags[] } | { readonly artifact: true };

/** How the text of some lines is tagged: the element of each line's paragraph, or a running artifact. */
type LineTags = ((line: Line) => number) | 'artifact';

/** A redline's bar in the left margin beside a changed row, and the rules under and through marked runs. */
const BAR = { x: PAGE.marginX - 8, width: 2.5 } as const;
const UNDERLINE_BELOW = 1.2;
const DECORATION_WIDTH = 0.6;

const MIN_SPLIT_LINES = 2;
// Rows up to this many lines move to the next page whole rather than being split.
const UNSPLIT_LINES = 6;

const heightOf = (lineCount: number): number => lineCount * TYPE.lineHeight + 2 * TYPE.cellPadY;

const setCell = (cell: Cell, x: number, width: number, measure: Measure): SetCell => {
  // A cell continuing a spanning label prints nothing, so it must not make its row taller.
  if (cell.span === 'cont') return { x, width, cell, lines: [] };
  const inner = width - 2 * TYPE.cellPadX;
  const defaults = { font: cell.font ?? 'mincho', size: TYPE.body } as const;
  if (!cell.box) return { x, width, cell, lines: setParagraphs(cell.paragraphs, inner, defaults, measure) };
  // The box never takes more than two thirds of the cell, so the chosen value keeps room beside it.
  const boxWidth = Math.min(cell.box.width, (inner * 2) / 3);
  const boxX = x + width - TYPE.cellPadX - boxWidth;
  const boxLines = setParagraphs(
    [{ text: cell.box.title }, ...cell.box.paragraphs],
    boxWidth - 2 * TYPE.cellPadX,
    defaults,
    measure,
  );
  const lines = setParagraphs(cell.paragraphs, inner - boxWidth - TYPE.boxGap, defaults, measure);
  return { x, width, cell, lines, box: { x: boxX, width: boxWidth, lines: boxLines } };
};

const setRow = (row: Row, measure: Measure): SetRow => {
  let x = PAGE.marginX;
  const cells = row.cells.map((cell, index) => {
    const isLast = index === row.cells.length - 1;
    const width = isLast ? PAGE.marginX + CONTENT_WIDTH - x : (cell.width ?? 100);
    const set = setCell(cell, x, width, measure);
    x += width;
    return set;
  });
  // A choice box needs a line of padding inside its frame at the bottom.
  const lineCount = Math.max(1, ...cells.map((c) => Math.max(c.lines.length, c.box ? c.box.lines.length + 1 : 0)));
  return { cells, lineCount, row };
};

const lineX = (line: Line, x: number, width: number, measure: Measure): number => {
  if (line.align === 'left') return x;
  const free = width - measure(line.text, line.font, line.size);
  return line.align === 'center' ? x + free / 2 : x + free;
};

/**
 * A line's text runs: the whole line, or, in a redline, its unmarked and marked parts one after another, each
 * marked run with its rule (underlined when inserted, struck through when deleted).
 */
const addLineText = (
  page: PageBuilder,
  line: Line,
  x: number,
  y: number,
  clip: { x: number; y: number; width: number; height: number },
  measure: Measure,
  extra: { role?: 'heading'; tag?: number; artifact?: 'pagination' },
): void => {
  const run = (text: string, runX: number, mark?: 'ins' | 'del'): void => {
    const width = measure(text, line.font, line.size);
    page.add({ kind: 'text', text, x: runX, y, font: line.font, size: line.size, width, clip, ...extra, ...(mark ? { mark } : {}) });
    if (!mark) return;
    const ruleY = mark === 'ins' ? y + line.size + UNDERLINE_BELOW : y + line.size * 0.55;
    page.add({ kind: 'line', x1: runX, y1: ruleY, x2: runX + width, y2: ruleY, width: DECORATION_WIDTH, color: mark });
  };
  if (!line.marks || line.marks.length === 0) return run(line.text, x);
  let at = 0;
  let runX = x;
  const advance = (to: number, mark?: 'ins' | 'del'): void => {
    if (to <= at) return;
    const text = line.text.slice(at, to);
    run(text, runX, mark);
    runX += measure(text, line.font, line.size);
    at = to;
  };
  for (const mark of line.marks) {
    advance(mark.start);
    advance(mark.end, mark.kind);
  }
  advance(line.text.length);
};

const drawLines = (
  page: PageBuilder,
  lines: readonly Line[],
  x: number,
  width: number,
  top: number,
  clipHeight: number,
  measure: Measure,
  tags: LineTags,
  role?: 'heading',
): void => {
  const clip = { x, y: top - TYPE.cellPadY, width, height: clipHeight };
  lines.forEach((line, index) => {
    if (line.text === '') return;
    const y = top + index * TYPE.lineHeight + (TYPE.lineHeight - line.size) / 2;
    const tagging = tags === 'artifact' ? { artifact: 'pagination' as const } : { tag: tags(line) };
    addLineText(page, line, lineX(line, x, width, measure), y, clip, measure, { ...(role ? { role } : {}), ...tagging });
  });
};

const hasMarks = (lines: readonly Line[]): boolean => lines.some((line) => line.marks !== undefined);

/** Draws `count` lines of a row starting at line `from`; `topRule` false continues a cell from the row above. */
const drawRowPart = (page: PageBuilder, row: SetRow, from: number, count: number, firstOnPage: boolean, measure: Measure, tags: RowTags): void => {
  const top = page.y;
  const height = heightOf(count);
  let changed = false;
  row.cells.forEach((cell, index) => {
    const continuing = cell.cell.span === 'cont';
    const cellTags: CellTags | undefined = 'cells' in tags ? tags.cells[index] : undefined;
    if (cell.cell.fill) page.add({ kind: 'fill', rect: { x: cell.x, y: top, width: cell.width, height } });
    if (!continuing || firstOnPage) page.add({ kind: 'line', x1: cell.x, y1: top, x2: cell.x + cell.width, y2: top });
    page.add({ kind: 'line', x1: cell.x, y1: top, x2: cell.x, y2: top + height });
    page.add({ kind: 'line', x1: cell.x + cell.width, y1: top, x2: cell.x + cell.width, y2: top + height });
    const printsText = !continuing;
    if (printsText) {
      const textX = cell.x + TYPE.cellPadX;
      const textWidth = (cell.box ? cell.box.x - TYPE.boxGap : cell.x + cell.width - TYPE.cellPadX) - textX;
      const lines = cell.lines.slice(from, from + count);
      changed ||= hasMarks(lines);
      const lineTags: LineTags = cellTags ? (line) => cellTags.line(line.paragraph) : 'artifact';
      drawLines(page, lines, textX, textWidth, top + TYPE.cellPadY, height, measure, lineTags, isHeading(row) ? 'heading' : undefined);
    }
    if (cell.box) {
      changed ||= hasMarks(cell.box.lines.slice(from, from + count));
      drawBoxPart(page, cell.box, from, count, top, measure, cellTags ? (line) => cellTags.box(line.paragraph) : 'artifact');
    }
  });
  if (changed) page.add({ kind: 'fill', rect: { x: BAR.x, y: top, width: BAR.width, height }, color: 'bar' });
  page.y = top + height;
};

const drawBoxPart = (page: PageBuilder, box: SetBox, from: number, count: number, top: number, measure: Measure, tags: LineTags): void => {
  const lines = box.lines.slice(from, from + count);
  if (lines.length === 0) return;
  const boxTop = top + TYPE.cellPadY / 2;
  const boxHeight = lines.length * TYPE.lineHeight + TYPE.cellPadY;
  const right = box.x + box.width;
  const isFirst = from === 0;
  const isLast = from + count >= box.lines.length;
  if (isFirst) page.add({ kind: 'line', x1: box.x, y1: boxTop, x2: right, y2: boxTop });
  if (isLast) page.add({ kind: 'line', x1: box.x, y1: boxTop + boxHeight, x2: right, y2: boxTop + boxHeight });
  page.add({ kind: 'line', x1: box.x, y1: boxTop, x2: box.x, y2: boxTop + boxHeight });
  page.add({ kind: 'line', x1: right, y1: boxTop, x2: right, y2: boxTop + boxHeight });
  drawLines(page, lines, box.x + TYPE.cellPadX, box.width - 2 * TYPE.cellPadX, top + TYPE.cellPadY, boxHeight + TYPE.cellPadY, measure, tags);
};

const closeTable = (page: PageBuilder, left: number, right: number): void => {
  page.add({ kind: 'line', x1: left, y1: page.y, x2: right, y2: page.y });
};

/**
 * How many lines of a row to put on this page: as many as fit, but preferably ending every cell at the end of
 * a line of its source text, so that a page break never falls inside a sentence when it need not.
 */
const breakAt = (row: SetRow, from: number, fitting: number): number => {
  const endsCleanly = (count: number): boolean =>
    row.cells.every((cell) => cell.lines.length <= from + count || cell.lines[from + count - 1]!.end);
  for (let count = fitting; count >= Math.ceil(fitting / 2); count -= 1) if (endsCleanly(count)) return count;
  return fitting;
};

/** A row that introduces what follows it: a band, a group title row, a 「リスク：」 caption, a header row. */
const isHeading = (row: SetRow): boolean => row.row.keep === true || row.row.header === true;

/**
 * The height a row needs to begin on a page: all of it when it is short (it moves whole rather than split), two
 * lines when it may be split, one line when it is taller than a page anyway.
 */
const startHeight = (row: SetRow, fullPageLines: number): number => {
  if (row.lineCount >= fullPageLines) return heightOf(1);
  return heightOf(row.lineCount <= UNSPLIT_LINES ? row.lineCount : MIN_SPLIT_LINES);
};

/**
 * The height the rows from `index` on must find together on one page: a chain of heading rows (however many and
 * however tall) with the start of the content they introduce, so no heading is ever left at the bottom of a page.
 */
const leadHeight = (rows: readonly SetRow[], index: number, fullPageLines: number): number => {
  let height = 0;
  let next = index;
  for (; next < rows.length && isHeading(rows[next]!); next += 1) height += heightOf(rows[next]!.lineCount);
  return height + (next < rows.length ? startHeight(rows[next]!, fullPageLines) : 0);
};

const fullPageLinesOf = (headers: readonly SetRow[]): number =>
  Math.floor((CONTENT_BOTTOM - PAGE.marginTop - headers.reduce((h, r) => h + heightOf(r.lineCount), 0) - 2 * TYPE.cellPadY) / TYPE.lineHeight);

/**
 * What a table needs at the point it starts: its heading rows with the first content they introduce. A heading
 * block above the table adds this to its own height, so a heading, the bands below it and the first line of
 * content always share a page.
 */
export const tableLeadHeight = (rows: readonly Row[], repeatHeader: boolean, measure: Measure): number => {
  const lead: SetRow[] = [];
  for (const row of rows) {
    lead.push(setRow(row, measure));
    if (!isHeading(lead.at(-1)!)) break;
  }
  const headers = repeatHeader ? lead.filter((row) => row.row.header) : [];
  return leadHeight(lead, 0, fullPageLinesOf(headers));
};

/**
 * Lays a bordered table out across pages. A row starts on a page only with room for its start (whole when short,
 * two lines when it may be split), and a chain of heading rows only together with the start of what it introduces;
 * the rest of a long row continues on the next page. The table's bottom rule is drawn before each page break and
 * the header rows are repeated on the next page when `repeatHeader` is set.
 */
export const layoutTable = (
  page: PageBuilder,
  rows: readonly Row[],
  repeatHeader: boolean,
  measure: Measure,
  structure: StructureBuilder,
  /** All the table's text is the content of this element (a figure given as text). */
  owner?: number,
): void => {
  const setRows = rows.map((row) => setRow(row, measure));
  const headers = repeatHeader ? setRows.filter((row) => row.row.header) : [];
  const left = PAGE.marginX;
  const right = PAGE.marginX + CONTENT_WIDTH;
  const fullPageLines = fullPageLinesOf(headers);
  // What a page holds below the repeated headers: a unit taller than that cannot be kept together anywhere.
  const capacity = heightOf(fullPageLines);
  let firstOnPage = true;

  const breakPage = (): void => {
    closeTable(page, left, right);
    page.newPage();
    firstOnPage = true;
    // Header rows printed again are running artifacts: the structure has them once, where they first stand.
    for (const header of headers) {
      drawRowPart(page, header, 0, header.lineCount, firstOnPage, measure, { artifact: true });
      firstOnPage = false;
    }
  };

  const tagsOf = (row: SetRow, index: number): RowTags => {
    if (owner !== undefined) return { cells: row.row.cells.map(() => ({ line: () => owner, box: () => owner })) };
    return { cells: row.row.heading ? structure.headingRow(row.row) : structure.row(row.row, rowSpans(rows, index)) };
  };

  setRows.forEach((row, index) => {
    let from = 0;
    let tags: RowTags | undefined;
    const startsChain = isHeading(row) && (index === 0 || !isHeading(setRows[index - 1]!));
    // Inside a chain the first row has already made room for the rest.
    const needed = startsChain ? leadHeight(setRows, index, fullPageLines) : isHeading(row) ? 0 : startHeight(row, fullPageLines);
    const unit = needed <= capacity ? needed : startHeight(row, fullPageLines);
    if (unit > page.remaining && !page.isAtTop) breakPage();
    while (from < row.lineCount) {
      const fitting = Math.floor((page.remaining - 2 * TYPE.cellPadY) / TYPE.lineHeight);
      if (fitting < 1) {
        breakPage();
        continue;
      }
      const count = row.lineCount - from <= fitting ? row.lineCount - from : breakAt(row, from, fitting);
      // Tagged once the row's start is placed: a page break before it happens first, so order stays reading order.
      tags ??= tagsOf(row, index);
      drawRowPart(page, row, from, count, firstOnPage, measure, tags);
      firstOnPage = false;
      from += count;
      if (from < row.lineCount) breakPage();
    }
  });
  closeTable(page, left, right);
  structure.closeTable();
};
