/**
 * Kysely's SQLite dialect with two changes that make several processes sharing one file
 * safe. Transactions start with `BEGIN IMMEDIATE`, so a transaction that reads then writes
 * takes the write lock first (waiting up to busy_timeout) instead of failing when another
 * process wrote in between. And the adapter declares transactional DDL (SQLite has it), so
 * the migrator runs every pending migration in one such transaction: a second process
 * starting at the same moment waits, then finds nothing left to run.
 */
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig
} from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
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
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
