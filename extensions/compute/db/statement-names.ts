/**
 * The names of the prepared queries' statements on PostgreSQL. pg prepares a query that
 * carries a `name` once per connection and then only binds and executes it, so the server
 * parses and plans it once; without a name every run is parsed and planned again. A name
 * is derived from the SQL text (two texts never share one, which pg refuses on a
 * connection), and only the texts prepared-query.ts compiled get one: the few ad hoc
 * statements (migrations, BEGIN) stay unnamed.
 */
import { createHash } from 'node:crypto';

const names = new Map<string, string>();

/** Gives `sql` a statement name (prepared-query.ts, once per compiled text). */
export function nameStatement(sql: string): void {
  if (!names.has(sql))
    names.set(sql, `wharf_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`);
}

/** The statement name of `sql`, if it is a prepared query's. */
export function statementName(sql: string): string | undefined {
  return names.get(sql);
}
