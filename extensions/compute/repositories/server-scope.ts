/**
 * The scope rule for server rows, in one place: a caller sees its own project's servers;
 * an administrator asking for all tenants sees every project's.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ComputeTables } from '../db/schema.js';
import { ServerNotFound } from '../errors.js';
import type { Scope } from '../models.js';

/** The where-condition selecting the server rows `scope` may see. */
export function visibleTo(eb: ExpressionBuilder<ComputeTables, 'servers'>, scope: Scope) {
  return scope.isAdmin && scope.allTenants ? eb.lit(true) : eb('project_id', '=', scope.projectId);
}

/** Throws `ServerNotFound` unless a live server with this id is visible to `scope`. */
export async function assertServerVisible(
  db: Kysely<ComputeTables>,
  serverId: string,
  scope: Scope
): Promise<void> {
  const row = await db
    .selectFrom('servers')
    .select('id')
    .where('id', '=', serverId)
    .where('deleted', '=', 0)
    .where((eb) => visibleTo(eb, scope))
    .executeTakeFirst();
  if (!row) throw new ServerNotFound(serverId);
}
