/**
 * What `wharf db migrate` does, apart from its registration (db-command.ts) so that listing
 * the commands loads neither the database drivers nor Kysely.
 */
import type { WharfConfig } from 'wharf';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { busyTimeoutMsOf, COMPUTE_OPTIONS, poolOptionsOf } from './options.js';

/**
 * Applies the pending migrations to `[database] connection` and prints what ran; on
 * PostgreSQL within `[database]`'s pool size and deadlines, as serving does (a migration
 * blocked past `statement_timeout` fails instead of waiting).
 */
export async function migrateDatabase(config: WharfConfig): Promise<void> {
  const { database: section } = COMPUTE_OPTIONS.of(config);
  const database = await openDatabase(section.connection, {
    pool: poolOptionsOf(section),
    busyTimeoutMs: busyTimeoutMsOf(section)
  });
  try {
    const applied = await migrateToLatest(database);
    process.stdout.write(
      applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date: nothing to apply\n'
    );
  } finally {
    await database.close();
  }
}
