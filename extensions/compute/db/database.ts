/**
 * Opening the compute database: SQLite through better-sqlite3 by default (WAL, busy_timeout,
 * foreign keys, each SQL text prepared once: statement-cache.ts, the prepared queries run on
 * it directly outside transactions: direct-statements.ts), PostgreSQL through pg for
 * a postgres URL (a pool per process whose outages answer 503: postgres-pool.ts). Both sit behind one Kysely instance with the same typed tables, so the
 * repositories run the same queries on either.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import { parseConnectionString, SQLITE_MEMORY, type DatabaseTarget } from './connection-string.js';
import type { Logger } from 'wharf';
import { migrateToLatest } from './migrator.js';
import { retryWhileBusy } from './busy-retry.js';
import {
  DEFAULT_POOL_OPTIONS,
  openPostgresPool,
  type PostgresPoolOptions
} from './postgres-pool.js';
import type { ComputeTables } from './schema.js';
import { runDirectly } from './direct-statements.js';
import { SharedSqliteDialect } from './sqlite-dialect.js';
import { StatementCache } from './statement-cache.js';

/** An open compute database. */
export interface ComputeDatabase {
  /** The typed query builder. */
  readonly db: Kysely<ComputeTables>;
  /** Which backend serves it; the few dialect differences (migration locking) key on this. */
  readonly dialect: DatabaseTarget['dialect'];
  /** Closes every connection. */
  close(): Promise<void>;
}

/** Options of `openDatabase`. */
export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning (logged when any ran). Default false. */
  migrate?: boolean;
  /** How long a SQLite connection waits for another one's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size and deadlines. Default `DEFAULT_POOL_OPTIONS`. */
  pool?: PostgresPoolOptions;
  /** Where a PostgreSQL outage is logged (once when it starts, once when it ends). */
  logger?: Logger;
}

/**
 * Opens `sqlite:PATH`, `sqlite:///abs/path`, `sqlite::memory:` or a `postgresql://` URL.
 * A SQLite file's folder is created on first open.
 */
export async function openDatabase(
  connection: string,
  options: OpenDatabaseOptions = {}
): Promise<ComputeDatabase> {
  const target = parseConnectionString(connection);
  const db =
    target.dialect === 'sqlite'
      ? sqliteDatabase(
          new StatementCache(await openSqlite(target.filename, options.busyTimeoutMs ?? 5000))
        )
      : new Kysely<ComputeTables>({
          dialect: new PostgresDialect({
            pool: await openPostgresPool(
              target.url,
              options.pool ?? DEFAULT_POOL_OPTIONS,
              options.logger
            )
          })
        });
  const database: ComputeDatabase = {
    db,
    dialect: target.dialect,
    close: () => db.destroy()
  };
  if (options.migrate) {
    try {
      const applied = await migrateToLatest(database);
      if (applied.length > 0)
        options.logger?.info(`compute database migrated: ${applied.join(', ')}`);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/**
 * Kysely over a SQLite connection whose prepared queries run directly on its statements
 * when no transaction is open (direct-statements.ts).
 */
export function sqliteDatabase(statements: StatementCache): Kysely<ComputeTables> {
  const db = new Kysely<ComputeTables>({
    dialect: new SharedSqliteDialect(statements)
  });
  runDirectly(db, statements);
  return db;
}

/**
 * Opens the file in WAL mode. Turning WAL on in a new file is the one step of the open that
 * SQLite's busy handler does not cover when another process turns it on at the same moment,
 * so it is retried for up to the busy timeout (busy-retry.ts).
 */
async function openSqlite(filename: string, busyTimeoutMs: number): Promise<Sqlite.Database> {
  if (filename !== SQLITE_MEMORY) mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new Sqlite(filename);
  try {
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    if (filename !== SQLITE_MEMORY)
      await retryWhileBusy('turning on WAL (journal_mode = WAL)', busyTimeoutMs, () =>
        sqlite.pragma('journal_mode = WAL')
      );
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}
