/**
 * Migration 0004: what each project's live servers use (nova's `quota_usages`, for servers
 * only): one row per project with its instances, cores and RAM, changed in the transaction
 * of every server create and delete, so the quota check of a create reads one row instead
 * of counting every server of the project. Filled from the live servers when it runs.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** Creates `project_usage` and fills it from the live servers and their flavors. */
export function projectUsage(): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('project_usage')
        .addColumn('project_id', 'varchar(255)', (col) => col.primaryKey())
        .addColumn('instances', 'integer', (col) => col.notNull())
        .addColumn('cores', 'integer', (col) => col.notNull())
        .addColumn('ram', 'integer', (col) => col.notNull())
        .execute();
      await sql`
        insert into project_usage (project_id, instances, cores, ram)
        select servers.project_id, count(*), sum(flavors.vcpus), sum(flavors.ram)
        from servers inner join flavors on flavors.id = servers.flavor_id
        where servers.deleted = 0
        group by servers.project_id`.execute(db);
    }
  };
}
