/**
 * Plain-text tables for command output: one header row, columns padded to their widest cell,
 * cells never wrapped (a long error stays on its line, so grep and less work).
 */

/** Renders rows of cells under a header as aligned columns. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return (
    [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n') +
    '\n'
  );
}
