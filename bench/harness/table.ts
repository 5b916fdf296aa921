/** Plain-text tables for the benchmark report: text left-aligned, numbers right-aligned. */

/** A cell: text as is, numbers right-aligned. */
export type Cell = string | number;

/** Renders a titled table with a header row, columns padded to their widest cell. */
export function renderTable(
  title: string,
  header: readonly string[],
  rows: readonly Cell[][]
): string {
  const texts = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) =>
    Math.max(...texts.map((row) => (row[column] ?? '').length))
  );
  const numericColumn = header.map((_, column) => typeof rows[0]?.[column] === 'number');
  const line = (row: readonly string[], source: readonly Cell[] | null): string =>
    row
      .map((text, column) => {
        const numeric =
          source === null ? numericColumn[column] : typeof source[column] === 'number';
        return numeric ? text.padStart(widths[column]!) : text.padEnd(widths[column]!);
      })
      .join('  ')
      .trimEnd();
  const body = rows.map((row) => line(row.map(String), row));
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width, 2 * (widths.length - 1)));
  return [title, line(header, null), rule, ...body].join('\n');
}
