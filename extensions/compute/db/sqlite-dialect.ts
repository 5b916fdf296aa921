/**
 * Kysely's SQLite dialect with two changes that make several processes sharing one file
 * safe. Transactions start with `BEGIN IMMEDIATE`, so a transaction that reads then writes
 * takes the write lock first (waiting up to busy_timeout) instead of failing when another
 * process wrote in between. And the adapter declares transactional DDL (SQLite has it), so
 * the migrator runs every pending migration in one such transaction: a second process
 * starting at the same moment waits, then finds nothing left to run. Its connection runs
 * every statement through the statement cache's `execute`, like the direct statements, so
 * a lock held past busy_timeout is answered the same on either path (statement-cache.ts).
 */
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult
} from 'kysely';
import type { StatementCache } from './statement-cache.js';

/** Kysely's connection over the statement cache. */
class StatementCacheConnection implements DatabaseConnection {
  constructor(private readonly statements: StatementCache) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.statements.execute<R>(query.sql, query.parameters));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the compute database does not stream queries');
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  readonly #connection: StatementCacheConnection;

  constructor(statements: StatementCache) {
    super({ database: statements });
    this.#connection = new StatementCacheConnection(statements);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    // Kysely's lock on the one connection, then ours in place of its own.
    await super.acquireConnection();
    return this.#connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** SQLite for several processes: immediate transactions, transactional migrations. */
export class SharedSqliteDialect extends SqliteDialect {
  readonly #statements: StatementCache;

  constructor(statements: StatementCache) {
    super({ database: statements });
    this.#statements = statements;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#statements);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
