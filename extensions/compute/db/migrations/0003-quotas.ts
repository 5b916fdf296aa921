/**
 * Migration 0003: per-project quota limits (nova's `quotas` table): one row per project and
 * resource a `PUT /os-quota-sets/{project_id}` set; resources without a row use the
 * `[quota]` defaults.
 */
import type { Kysely, Migration } from 'kysely';
import { timestampType, type MigrationDialect } from './column-types.js';

/** Creates `quotas`. */
export function quotas(dialect: MigrationDialect): Migration {
  const timestamp = timestampType(dialect);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('quotas')
        .addColumn('project_id', 'varchar(255)', (col) => col.notNull())
        .addColumn('resource', 'varchar(255)', (col) => col.notNull())
        .addColumn('hard_limit', 'integer', (col) => col.notNull())
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('updated_at', timestamp)
        .addPrimaryKeyConstraint('quotas_pk', ['project_id', 'resource'])
        .execute();
    }
  };
}
