/** Terminal columns a character takes: East Asian wide and full-width characters take two. */
const widthOf = (char: string): number => (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(char) ? 2 : 1);

const displayWidth = (text: string): number => [...text].reduce((sum, char) => sum + widthOf(char), 0);

/** Break a cell's text into lines of at most `width` terminal columns, keeping its own line breaks. */
const wrap = (text: string, width: number): string[] =>
  text.split('\n').flatMap((line) => {
    const lines: string[] = [];
    let current = '';
    for (const char of line) {
      if (displayWidth(current) + widthOf(char) > width) {
        lines.push(current);
        current = '';
      }
      current += char;
    }
    lines.push(current);
    return lines;
  });

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/**
 * A box-drawn table whose cells wrap within fixed column widths, so long Japanese texts stay readable
 * in a terminal (`pia diff`, `pia history`).
 */
export const renderTable = (headers: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): string[] => {
  const rule = (left: string, middle: string, right: string): string => left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right;
  const renderRow = (cells: readonly string[]): string[] => {
    const wrapped = widths.map((width, i) => wrap(cells[i] ?? '', width));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    return Array.from({ length: height }, (_, line) => `│ ${wrapped.map((lines, i) => pad(lines[line] ?? '', widths[i]!)).join(' │ ')} │`);
  };
  const body = rows.flatMap((row, index) => [...(index > 0 ? [rule('├', '┼', '┤')] : []), ...renderRow(row)]);
  return [rule('┌', '┬', '┐'), ...renderRow(headers), rule('╞', '╪', '╡').replaceAll('─', '═'), ...body, rule('└', '┴', '┘')];
};

/** Column widths that fill the terminal: fixed ones as given, the flexible ones (0) share the rest. */
export const fitWidths = (spec: readonly number[], total: number): number[] => {
  const fixed = spec.reduce((sum, w) => sum + w, 0);
  const flexible = spec.filter((w) => w === 0).length;
  const borders = spec.length * 3 + 1;
  const share = Math.max(12, Math.floor((total - fixed - borders) / Math.max(1, flexible)));
  return spec.map((w) => (w === 0 ? share : w));
};
