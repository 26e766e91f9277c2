/**
 * Aligns rows into columns the way kubectl's tab writer does: each column as wide as its widest cell plus
 * `padding` (at least `minWidth`); the last cell is written as is, so no line carries trailing blanks.
 * `styleFirstLine` (a header's colour) wraps the first line once aligned, so escapes never count as width.
 */
export function alignColumns(rows: string[][], padding: number, minWidth = 0, styleFirstLine?: (line: string) => string): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths: number[] = [];
  for (let column = 0; column < columns - 1; column++) {
    const widest = Math.max(0, ...rows.map((row) => (row[column] ?? '').length));
    widths.push(Math.max(widest + padding, minWidth));
  }
  return rows
    .map((row) => row.map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column]) : cell)).join('').trimEnd())
    .map((line, index) => (index === 0 && styleFirstLine ? styleFirstLine(line) : line))
    .join('\n');
}
