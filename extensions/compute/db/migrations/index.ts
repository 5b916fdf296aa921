/**
 * The compute migrations in order. Names sort in the order they must run; a new migration
 * gets the next number and is never edited once released.
 */
import type { Migration } from 'kysely';
import { initialSchema } from './0001-initial-schema.js';
import { seedCatalogue } from './0002-seed-catalogue.js';
import { quotas } from './0003-quotas.js';
import { projectUsage } from './0004-project-usage.js';
import type { MigrationDialect } from './column-types.js';

/** Every compute migration by name, built for one backend. */
export function computeMigrations(dialect: MigrationDialect): Record<string, Migration> {
  return {
    '0001-initial-schema': initialSchema(dialect),
    '0002-seed-catalogue': seedCatalogue(),
    '0003-quotas': quotas(dialect),
    '0004-project-usage': projectUsage()
  };
}
