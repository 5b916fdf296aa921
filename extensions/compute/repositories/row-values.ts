/**
 * Conversions between what the backends store and what the domain records hold: flags are
 * 0/1 integers, timestamps are ISO strings on the way in and strings (SQLite) or Dates
 * (PostgreSQL) on the way out.
 */

/** The current time as the ISO string every timestamp column is written with. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A timestamp column's value as a Date. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A nullable timestamp column's value as a Date or null. */
export function toDateOrNull(value: string | Date | null): Date | null {
  return value === null ? null : toDate(value);
}

/** A boolean as the 0/1 integer flag columns hold. */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/**
 * The pairs of a key/value table as one null-prototype object. Keys are the caller's
 * (metadata, extra specs): `__proto__` or `constructor` must be plain keys, never the
 * prototype's accessors or methods.
 */
export function toRecord(rows: readonly { key: string; value: string }[]): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  for (const row of rows) record[row.key] = row.value;
  return record;
}

/**
 * The pairs of an owner LEFT JOIN its key/value rows (`toRecord`): undefined when there is
 * no row (no such owner), an empty record for the one row of null key (an owner without
 * pairs).
 */
export function joinedRecord(
  rows: readonly { key: string | null; value: string | null }[]
): Record<string, string> | undefined {
  if (rows.length === 0) return undefined;
  return toRecord(rows.filter((row): row is { key: string; value: string } => row.key !== null));
}

/** A null-prototype copy of a caller's key/value object (see `toRecord`). */
export function copyRecord(items: Readonly<Record<string, string>> = {}): Record<string, string> {
  return toRecord(Object.entries(items).map(([key, value]) => ({ key, value })));
}
