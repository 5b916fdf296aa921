/**
 * The rows of a SQLite statement as objects, built in JavaScript. better-sqlite3 builds each
 * row object in C++, one `Object::Set` per column with the column's name made anew (and
 * looked up in V8's string table) for every row: on a server row of 26 columns that was
 * about half of what running the statement cost. Here the statement answers its rows as
 * arrays (`raw`), and a function compiled once per statement, an object literal of its
 * columns, makes each object: the same keys in the same order with the same values.
 */
import type Sqlite from 'better-sqlite3';

/** Makes one row object from the values of a raw row. */
type RowBuilder = (values: readonly unknown[]) => Record<string, unknown>;

interface StatementRows {
  /** How many columns the builder was made for. */
  readonly width: number;
  readonly build: RowBuilder;
}

const builders = new WeakMap<Sqlite.Statement, StatementRows>();

/**
 * Every row `statement` (a reader) answers for `parameters`, as objects keyed by column
 * name, exactly as `statement.all(parameters)` answers them.
 */
export function allRows(
  statement: Sqlite.Statement,
  parameters: readonly unknown[]
): Record<string, unknown>[] {
  let values: unknown[][];
  statement.raw(true);
  try {
    values = statement.all(parameters) as unknown[][];
  } finally {
    statement.raw(false);
  }
  if (values.length === 0) return [];
  let rows = builders.get(statement);
  // SQLite prepares a statement again after a schema change: `select *` may widen.
  if (rows === undefined || rows.width !== values[0]!.length) {
    const names = statement.columns().map((column) => column.name);
    rows = { width: names.length, build: rowBuilder(names) };
    builders.set(statement, rows);
  }
  const objects = new Array<Record<string, unknown>>(values.length);
  for (let i = 0; i < values.length; i++) objects[i] = rows.build(values[i]!);
  return objects;
}

/**
 * An object literal of `names` over a raw row. A later column of the same name overwrites
 * an earlier one, keeping the first one's place, as setting them one by one does; a column
 * named `__proto__` would set the prototype in a literal, so those rows are set key by key.
 */
function rowBuilder(names: readonly string[]): RowBuilder {
  if (names.includes('__proto__')) {
    return (values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
      return row;
    };
  }
  const properties = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`);
  return new Function('values', `return { ${properties.join(', ')} };`) as RowBuilder;
}
