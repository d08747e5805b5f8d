/** A4 portrait in points, with margins and type sizes close to the official form's spreadsheet template. */
export const PAGE = { width: 595.28, height: 841.89, marginX: 26, marginTop: 40, marginBottom: 46 } as const;

export const TYPE = {
  body: 8.5,
  lineHeight: 12,
  heading: 11,
  footer: 8,
  cellPadX: 5,
  cellPadY: 3,
  boxGap: 4,
} as const;

export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.marginX;
export const CONTENT_BOTTOM = PAGE.height - PAGE.marginBottom;
