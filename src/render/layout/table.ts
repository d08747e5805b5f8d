import { CONTENT_BOTTOM, CONTENT_WIDTH, PAGE, TYPE } from './geometry.js';
import type { PageBuilder } from './page-builder.js';
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

const drawLines = (
  page: PageBuilder,
  lines: readonly Line[],
  x: number,
  width: number,
  top: number,
  clipHeight: number,
  measure: Measure,
  role?: 'heading',
): void => {
  const clip = { x, y: top - TYPE.cellPadY, width, height: clipHeight };
  lines.forEach((line, index) => {
    if (line.text === '') return;
    const textWidth = measure(line.text, line.font, line.size);
    page.add({
      kind: 'text',
      text: line.text,
      x: lineX(line, x, width, measure),
      y: top + index * TYPE.lineHeight + (TYPE.lineHeight - line.size) / 2,
      font: line.font,
      size: line.size,
      width: textWidth,
      clip,
      ...(role ? { role } : {}),
    });
  });
};

/** Draws `count` lines of a row starting at line `from`; `topRule` false continues a cell from the row above. */
const drawRowPart = (page: PageBuilder, row: SetRow, from: number, count: number, firstOnPage: boolean, measure: Measure): void => {
  const top = page.y;
  const height = heightOf(count);
  for (const cell of row.cells) {
    const continuing = cell.cell.span === 'cont';
    if (cell.cell.fill) page.add({ kind: 'fill', rect: { x: cell.x, y: top, width: cell.width, height } });
    if (!continuing || firstOnPage) page.add({ kind: 'line', x1: cell.x, y1: top, x2: cell.x + cell.width, y2: top });
    page.add({ kind: 'line', x1: cell.x, y1: top, x2: cell.x, y2: top + height });
    page.add({ kind: 'line', x1: cell.x + cell.width, y1: top, x2: cell.x + cell.width, y2: top + height });
    const printsText = !continuing;
    if (printsText) {
      const textX = cell.x + TYPE.cellPadX;
      const textWidth = (cell.box ? cell.box.x - TYPE.boxGap : cell.x + cell.width - TYPE.cellPadX) - textX;
      drawLines(page, cell.lines.slice(from, from + count), textX, textWidth, top + TYPE.cellPadY, height, measure, isHeading(row) ? 'heading' : undefined);
    }
    if (cell.box) drawBoxPart(page, cell.box, from, count, top, measure);
  }
  page.y = top + height;
};

const drawBoxPart = (page: PageBuilder, box: SetBox, from: number, count: number, top: number, measure: Measure): void => {
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
  drawLines(page, lines, box.x + TYPE.cellPadX, box.width - 2 * TYPE.cellPadX, top + TYPE.cellPadY, boxHeight + TYPE.cellPadY, measure);
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
export const layoutTable = (page: PageBuilder, rows: readonly Row[], repeatHeader: boolean, measure: Measure): void => {
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
    for (const header of headers) {
      drawRowPart(page, header, 0, header.lineCount, firstOnPage, measure);
      firstOnPage = false;
    }
  };

  setRows.forEach((row, index) => {
    let from = 0;
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
      drawRowPart(page, row, from, count, firstOnPage, measure);
      firstOnPage = false;
      from += count;
      if (from < row.lineCount) breakPage();
    }
  });
  closeTable(page, left, right);
};
