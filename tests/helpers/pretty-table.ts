/**
 * Reads the tables `nova` prints (Python's prettytable), which has no JSON output:
 *
 *     +----+---------+
 *     | ID | Name    |
 *     +----+---------+
 *     | 1  | m1.tiny |
 *     +----+---------+
 *
 * Columns are cut at the `+` of the border, so a cell may contain `|`.
 */

/** One table row, keyed by the column headers. */
export type TableRow = Record<string, string>;

/** Every table in the text, in order, each as its rows. */
export function parseTables(text: string): TableRow[][] {
  const tables: TableRow[][] = [];
  let cuts: number[] | undefined;
  let headers: string[] | undefined;
  let rows: TableRow[] = [];
  for (const line of text.split('\n')) {
    if (/^\+[-+]+\+$/.test(line)) {
      const border = [...line].flatMap((char, index) => (char === '+' ? [index] : []));
      // A border of other columns starts the next table (nova limits prints two, touching).
      if (!cuts || border.join() !== cuts.join()) {
        cuts = border;
        headers = undefined;
        rows = [];
        tables.push(rows);
      }
      continue;
    }
    if (!cuts || !line.startsWith('|')) {
      cuts = undefined;
      continue;
    }
    const cells = cuts.slice(1).map((end, index) => line.slice(cuts![index] + 1, end).trim());
    if (!headers) headers = cells;
    else rows.push(Object.fromEntries(headers.map((header, index) => [header, cells[index]])));
  }
  return tables;
}

/** The rows of the last table in the text (nova prints notices before some tables). */
export function tableRows(text: string): TableRow[] {
  const tables = parseTables(text);
  if (tables.length === 0) throw new Error(`no table in:\n${text}`);
  return tables[tables.length - 1];
}

/**
 * The first `Property | Value` table as a record. A row with an empty property continues
 * the value above it (nova splits multi-line values over rows).
 */
export function propertiesOf(text: string): Record<string, string> {
  const table = parseTables(text).find((rows) => rows.length > 0 && 'Property' in rows[0]);
  if (!table) throw new Error(`no Property/Value table in:\n${text}`);
  const properties: Record<string, string> = {};
  let last = '';
  for (const row of table) {
    if (row.Property === '' && last !== '') properties[last] += `\n${row.Value}`;
    else {
      last = row.Property;
      properties[last] = row.Value;
    }
  }
  return properties;
}
