/**
 * The few column definitions that differ between SQLite and PostgreSQL, so the migrations
 * themselves stay one text for both backends.
 */
import type { ColumnDataType, CreateTableBuilder } from 'kysely';

/** The backend a migration runs on. */
export type MigrationDialect = 'sqlite' | 'postgres';

/** A timestamp: `timestamptz` on PostgreSQL, ISO-8601 text on SQLite (it sorts as text). */
export function timestampType(dialect: MigrationDialect): ColumnDataType {
  return dialect === 'postgres' ? 'timestamptz' : 'text';
}

/** Adds an autoincrement integer primary key: `serial` or SQLite's `autoincrement`. */
export function addAutoIncrementKey<T extends string>(
  table: CreateTableBuilder<T>,
  name: string,
  dialect: MigrationDialect
): CreateTableBuilder<T, string> {
  return dialect === 'postgres'
    ? table.addColumn(name, 'serial', (col) => col.primaryKey())
    : table.addColumn(name, 'integer', (col) => col.primaryKey().autoIncrement());
}
