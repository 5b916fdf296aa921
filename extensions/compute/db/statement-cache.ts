/**
 * better-sqlite3 as Kysely's SQLite dialect sees it, with every SQL text prepared once:
 * Kysely's SQLite connection calls `prepare(sql)` for every query it runs, and preparing
 * (parsing and planning the SQL) was a good part of a request's storage cost. Statements
 * are kept by their SQL text, at most `limit` of them (the oldest is dropped first), since
 * a few queries vary their text with their input (`IN (?, ?, ...)`). A better-sqlite3
 * statement runs synchronously to its end, so one statement can serve every query of its
 * text; SQLite re-prepares it by itself after a schema change. Every statement of the
 * compute database runs through `execute` (directly, or as Kysely's connection:
 * sqlite-dialect.ts), the one place where SQLITE_BUSY past busy_timeout, another
 * connection holding the write lock that long, becomes a 503 `DatabaseBusy`.
 */
import type Sqlite from 'better-sqlite3';
import type { QueryResult, SqliteDatabase } from 'kysely';
import { DatabaseBusy } from '../errors.js';
import { isBusy } from './busy-retry.js';
import { allRows } from './row-objects.js';

/** How many statements a cache keeps by default. */
export const DEFAULT_STATEMENT_LIMIT = 512;

/** A better-sqlite3 database whose `prepare` answers from a cache. */
export class StatementCache implements SqliteDatabase {
  private readonly statements = new Map<string, Sqlite.Statement>();

  constructor(
    private readonly sqlite: Sqlite.Database,
    private readonly limit = DEFAULT_STATEMENT_LIMIT
  ) {}

  /** How many statements are prepared and kept. */
  get size(): number {
    return this.statements.size;
  }

  /** The statement of `sql`, prepared on its first use. */
  prepare(sql: string): Sqlite.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.sqlite.prepare(sql);
      if (this.statements.size >= this.limit)
        this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Whether a transaction is open on the database (BEGIN run, COMMIT or ROLLBACK not yet). */
  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  /**
   * Runs `sql` with `parameters` now, answering what Kysely's SQLite connection would: the
   * rows of a statement that returns rows (built by row-objects.ts), else how many rows it
   * changed. SQLITE_BUSY (the busy timeout spent waiting for another connection's lock) is
   * thrown as `DatabaseBusy`, the SQLite error its cause.
   */
  execute<R>(sql: string, parameters: readonly unknown[]): QueryResult<R> {
    try {
      const statement = this.prepare(sql);
      if (statement.reader) return { rows: allRows(statement, parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    } catch (error) {
      throw isBusy(error) ? new DatabaseBusy({ cause: error }) : error;
    }
  }

  /** Forgets the statements and closes the database. */
  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}
