/**
 * The migration runner behind `openDatabase({ migrate: true })` and `wharf db migrate`.
 * Kysely's Migrator records what ran in `compute_migration` and serialises concurrent
 * runners: PostgreSQL through an advisory lock, SQLite through one immediate transaction
 * around all pending migrations (see sqlite-dialect.ts). Running it again does nothing; a
 * database a newer version migrated (a migration this one does not know) is refused with
 * `SchemaNewer`, so an old host never serves a schema it does not understand. On SQLite a
 * schema already current is found by a read first and left alone: Kysely's Migrator would
 * take the write lock (`BEGIN IMMEDIATE`) even with nothing to run, so a worker (re)starting
 * while another one held that lock past busy_timeout failed to start.
 */
import { Migrator, sql, type MigrationResult } from 'kysely';
import { MigrationFailed, SchemaNewer } from '../errors.js';
import type { ComputeDatabase } from './database.js';
import { computeMigrations } from './migrations/index.js';

/** The table recording applied migrations (and its lock table, with `_lock`). */
export const MIGRATION_TABLE = 'compute_migration';

/**
 * Applies every pending migration and returns the names of those that ran, in order (empty
 * when the schema was already current). Throws `MigrationFailed` (COMPUTE_MIGRATION_FAILED).
 */
export async function migrateToLatest(database: ComputeDatabase): Promise<string[]> {
  // Processes that both see pending migrations still serialise in the migrator below.
  // PostgreSQL's advisory lock waits for no writer: its runs go straight to the migrator.
  if (database.dialect === 'sqlite' && (await isCurrent(database))) return [];
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => computeMigrations(database.dialect) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
    migrationTableSchema: await currentSchema(database)
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const unknown = await unknownMigrations(database);
    if (unknown.length > 0) throw new SchemaNewer(unknown, { cause: error });
    // Pending migrations run in one transaction on both backends: a failure applies none.
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const cause = error instanceof Error ? error.message : String(error);
    throw new MigrationFailed(`compute migration ${failed ?? '(setup)'} failed: ${cause}`, {
      cause: error
    });
  }
  return applied(results);
}

/** Whether the database records exactly this version's migrations (a read, no lock). */
async function isCurrent(database: ComputeDatabase): Promise<boolean> {
  const known = Object.keys(computeMigrations(database.dialect));
  const recorded = new Set(await recordedMigrations(database));
  return recorded.size === known.length && known.every((name) => recorded.has(name));
}

/**
 * Migrations the database records that this version does not have: a newer wharf migrated
 * it. Empty when the table is missing or every recorded migration is known.
 */
async function unknownMigrations(database: ComputeDatabase): Promise<string[]> {
  const known = new Set(Object.keys(computeMigrations(database.dialect)));
  const recorded = await recordedMigrations(database);
  return recorded.filter((name) => !known.has(name)).sort();
}

/** The migrations the database records, by name; none when it cannot be read (no table yet). */
async function recordedMigrations(database: ComputeDatabase): Promise<string[]> {
  return sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`
    .execute(database.db)
    .then(({ rows }) => rows.map((row) => row.name))
    .catch(() => []);
}

function applied(results: readonly MigrationResult[]): string[] {
  return results.filter((result) => result.status === 'Success').map((r) => r.migrationName);
}

/**
 * On PostgreSQL, the schema the connection's search_path creates tables in: naming it keeps
 * the migrator from mistaking another schema's `compute_migration` table for this one's.
 */
async function currentSchema(database: ComputeDatabase): Promise<string | undefined> {
  if (database.dialect !== 'postgres') return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    database.db
  );
  return rows[0]?.schema;
}
