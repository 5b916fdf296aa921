/**
 * The `project_usage` row of a project: what its live servers use (instances, cores, RAM),
 * read by the quota checks in one primary-key lookup instead of a count over every server
 * of the project. The server repository adds to it in the transaction that inserts servers
 * and takes from it in the one that deletes a server, so it never drifts from the rows it
 * sums. Adding is one upsert, which on PostgreSQL locks the row until the transaction ends:
 * two creates of one project take turns, and the second sees what the first added.
 */
import { sql, type Kysely } from 'kysely';
import { PreparedQuery } from '../db/prepared-query.js';
import type { ComputeTables } from '../db/schema.js';
import { perform, statement, type Work } from '../db/transaction-work.js';
import type { QuotaUsage } from '../quotas.js';

/** The part of a project's usage its servers make up. */
export type ServerUsage = Pick<QuotaUsage, 'instances' | 'cores' | 'ram'>;

const NONE: ServerUsage = { instances: 0, cores: 0, ram: 0 };

/** The project's server usage; zero for a project without servers. */
export function readServerUsage(
  db: Kysely<ComputeTables>,
  projectId: string
): Promise<ServerUsage> {
  return perform(db, serverUsage(projectId));
}

/** In a transaction's body (transaction-work.ts): the project's server usage. */
export function* serverUsage(projectId: string): Work<ServerUsage> {
  return (yield* statement(READ_USAGE, { projectId })).rows[0] ?? { ...NONE };
}

/**
 * In a transaction's body: adds `count` servers of `flavorId` to the project's usage,
 * creating its row, and holds the row's lock (PostgreSQL) until the transaction ends.
 */
export function* addServers(projectId: string, flavorId: string, count: number): Work<void> {
  yield* statement(ADD_SERVERS, { projectId, flavorId, count });
}

/**
 * The project's server usage, its row created if missing and locked (PostgreSQL) until the
 * transaction ends: a create of the project waits for the caller's transaction.
 */
export async function lockServerUsage(
  db: Kysely<ComputeTables>,
  projectId: string
): Promise<ServerUsage> {
  return (await LOCK_USAGE.first(db, { projectId }))!;
}

/** Takes one server of `flavorId` off the project's usage (the server was deleted). */
export async function releaseServer(
  db: Kysely<ComputeTables>,
  projectId: string,
  flavorId: string
): Promise<void> {
  await RELEASE_SERVER.run(db, { projectId, flavorId });
}

const READ_USAGE = new PreparedQuery((db, p: { projectId: string }) =>
  db
    .selectFrom('project_usage')
    .select(['instances', 'cores', 'ram'])
    .where('project_id', '=', p.projectId)
);

const ADD_SERVERS = new PreparedQuery(
  (db, p: { projectId: string; flavorId: string; count: number }) =>
    db
      .insertInto('project_usage')
      .columns(['project_id', 'instances', 'cores', 'ram'])
      .expression(
        db
          .selectFrom('flavors')
          .select((eb) => [
            // Typed: PostgreSQL reads an untyped parameter in a select list as text.
            eb.val(p.projectId).as('project_id'),
            eb.cast<number>(eb.val(p.count), 'integer').as('instances'),
            eb('vcpus', '*', p.count).as('cores'),
            eb('ram', '*', p.count).as('ram')
          ])
          .where('id', '=', p.flavorId)
      )
      .onConflict((conflict) =>
        conflict.column('project_id').doUpdateSet((eb) => ({
          instances: eb('project_usage.instances', '+', eb.ref('excluded.instances')),
          cores: eb('project_usage.cores', '+', eb.ref('excluded.cores')),
          ram: eb('project_usage.ram', '+', eb.ref('excluded.ram'))
        }))
      )
);

const LOCK_USAGE = new PreparedQuery((db, p: { projectId: string }) =>
  db
    .insertInto('project_usage')
    .values({ project_id: p.projectId, ...NONE })
    .onConflict((conflict) =>
      conflict.column('project_id').doUpdateSet({ instances: sql<number>`project_usage.instances` })
    )
    .returning(['instances', 'cores', 'ram'])
);

const RELEASE_SERVER = new PreparedQuery((db, p: { projectId: string; flavorId: string }) => {
  const flavor = db.selectFrom('flavors').where('flavors.id', '=', p.flavorId);
  return db
    .updateTable('project_usage')
    .set((eb) => ({
      instances: eb('instances', '-', 1),
      cores: eb('cores', '-', eb.fn.coalesce(flavor.select('vcpus'), eb.lit(0))),
      ram: eb('ram', '-', eb.fn.coalesce(flavor.select('ram'), eb.lit(0)))
    }))
    .where('project_id', '=', p.projectId);
});
