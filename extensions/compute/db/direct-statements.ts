/**
 * The SQLite databases whose prepared queries skip Kysely's executor. better-sqlite3 runs a
 * statement synchronously to its end, so a statement run while no transaction is open on
 * the connection cannot land inside another request's transaction: it can run at once on
 * the statement cache, without the executor's connection mutex and its promises (which
 * cost more than the statement itself on the short queries of a request). While a Kysely
 * transaction holds the connection, statements go through Kysely and wait for it.
 */
import type { Kysely } from 'kysely';
import type { ComputeTables } from './schema.js';
import type { StatementCache } from './statement-cache.js';

const direct = new WeakMap<Kysely<ComputeTables>, StatementCache>();

/** Lets the prepared queries run on `db` (a SQLite database, never a transaction) through `statements`. */
export function runDirectly(db: Kysely<ComputeTables>, statements: StatementCache): void {
  direct.set(db, statements);
}

/** The statement cache of `db` when it is a SQLite database registered by `runDirectly`. */
export function directStatements(db: Kysely<ComputeTables>): StatementCache | undefined {
  return direct.get(db);
}
