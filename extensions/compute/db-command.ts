/**
 * `wharf db migrate` (namespace `wharf.commands`): applies the compute schema's pending
 * migrations to `[database] connection` and prints what ran. Serving applies them at start
 * too; this runs them ahead of a deployment. The work is in db-migrate.ts, imported when the
 * command runs.
 */
import type { CommandPlugin } from 'wharf';

/** Registers `db migrate`. */
export const dbCommand: CommandPlugin = (program, { withCommonOptions, configFrom }) => {
  const db = program.command('db').description('the compute database');
  withCommonOptions(db.command('migrate'))
    .description('apply pending schema migrations to [database] connection')
    .action(async (options: Parameters<typeof configFrom>[0]) => {
      const { migrateDatabase } = await import('./db-migrate.js');
      await migrateDatabase(await configFrom(options));
    });
};
