/**
 * `wharf db migrate` (namespace `wharf.commands`): applies the compute schema's pending
 * migrations to `[database] connection` and prints what ran. Serving applies them at start
 * too; this runs them ahead of a deployment.
 */
import type { CommandPlugin } from 'wharf';
import { openDatabase } from './db/database.js';
import { COMPUTE_OPTIONS } from './options.js';
import { migrateToLatest } from './db/migrator.js';

/** Registers `db migrate`. */
export const dbCommand: CommandPlugin = (program, { withCommonOptions, configFrom }) => {
  const db = program.command('db').description('the compute database');
  withCommonOptions(db.command('migrate'))
    .description('apply pending schema migrations to [database] connection')
    .action(async (options: Parameters<typeof configFrom>[0]) => {
      const { database: section } = COMPUTE_OPTIONS.of(await configFrom(options));
      const database = await openDatabase(section.connection);
      try {
        const applied = await migrateToLatest(database);
        process.stdout.write(
          applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date: nothing to apply\n'
        );
      } finally {
        await database.close();
      }
    });
};
