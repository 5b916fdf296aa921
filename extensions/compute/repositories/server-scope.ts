/**
 * The scope rule for server rows, in one place: a caller sees its own project's servers;
 * an administrator asking for all tenants sees every project's. The two are two shapes of
 * every scoped query (the condition, not only its value, differs).
 */
import type { ExpressionBuilder } from 'kysely';
import { QueryShapes } from '../db/prepared-query.js';
import type { ComputeTables } from '../db/schema.js';
import { statement, type Work } from '../db/transaction-work.js';
import { ServerNotFound } from '../errors.js';
import type { Scope } from '../models.js';

/** Whether `scope` sees every project's servers. */
export function seesAll(scope: Scope): boolean {
  return scope.isAdmin && scope.allTenants;
}

/** The where-condition selecting the rows of `projectId`, or every row when `all`. */
export function visibleTo(
  eb: ExpressionBuilder<ComputeTables, 'servers'>,
  all: boolean,
  projectId: string
) {
  return all ? eb.lit(true) : eb('project_id', '=', projectId);
}

/**
 * The where-condition selecting server `id` when it is live and `projectId` sees it (every
 * project's when `all`): the check of every per-server query, joined or not.
 */
export function liveServerVisibleTo(
  eb: ExpressionBuilder<ComputeTables, 'servers'>,
  id: string,
  all: boolean,
  projectId: string
) {
  return eb.and([
    eb('servers.id', '=', id),
    eb('servers.deleted', '=', 0),
    visibleTo(eb, all, projectId)
  ]);
}

const VISIBLE_ID = new QueryShapes(
  (all: boolean) => String(all),
  (all: boolean) => (db, p: { id: string; projectId: string }) =>
    db
      .selectFrom('servers')
      .select('id')
      .where((eb) => liveServerVisibleTo(eb, p.id, all, p.projectId))
);

/**
 * In a transaction's body (transaction-work.ts): throws `ServerNotFound` unless a live
 * server with this id is visible to `scope`.
 */
export function* assertServerVisible(serverId: string, scope: Scope): Work<void> {
  const { rows } = yield* statement(VISIBLE_ID.of(seesAll(scope)), {
    id: serverId,
    projectId: scope.projectId
  });
  if (rows.length === 0) throw new ServerNotFound(serverId);
}
