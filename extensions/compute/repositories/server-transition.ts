/**
 * Optimistic state transitions of a server row: the states the row must still be in for
 * an UPDATE to apply, and the columns it writes. Two workers racing one action both issue
 * `UPDATE ... WHERE id = ? AND vm_state IN (...) AND task_state ...`; the database lets
 * only the first match. Each shape of transition (the columns it writes, how many states it
 * expects) is a prepared query: the values are its parameters.
 */
import type { Compilable, Kysely } from 'kysely';
import {
  listParameters,
  listPlaceholders,
  QueryShapes,
  type QueryParameters
} from '../db/prepared-query.js';
import type { ComputeTables, ServerChanges, ServerRow } from '../db/schema.js';
import { nowIso, toFlag } from './row-values.js';

/** The states a transition requires the row to still be in. */
export interface StateExpectation {
  /** Allowed vm_states; null means any. */
  readonly vmStates: readonly string[] | null;
  /** Allowed task_states (null = no task); undefined or null means any. */
  readonly taskStates?: readonly (string | null)[] | null;
}

/** What a transition writes. */
export interface StateChange {
  readonly vmState?: string;
  readonly taskState?: string | null;
  readonly powerState?: number;
  readonly host?: string | null;
  readonly hypervisorHostname?: string | null;
  readonly launchedAt?: Date;
  readonly locked?: boolean;
  readonly lockedBy?: string | null;
}

/** The columns a transition sets, `updated_at` included. */
export function stateColumns(changes: StateChange): ServerChanges {
  const columns: ServerChanges = { updated_at: nowIso() };
  if (changes.vmState !== undefined) columns.vm_state = changes.vmState;
  if (changes.taskState !== undefined) columns.task_state = changes.taskState;
  if (changes.powerState !== undefined) columns.power_state = changes.powerState;
  if (changes.host !== undefined) columns.host = changes.host;
  if (changes.hypervisorHostname !== undefined) {
    columns.hypervisor_hostname = changes.hypervisorHostname;
  }
  if (changes.launchedAt !== undefined) columns.launched_at = changes.launchedAt.toISOString();
  if (changes.locked !== undefined) columns.locked = toFlag(changes.locked);
  if (changes.lockedBy !== undefined) columns.locked_by = changes.lockedBy;
  return columns;
}

/**
 * Applies `changes` to the live server `id` if it is still in the `expected` states; with
 * `returning`, answers the row as the update left it. Returns the rows it changed.
 */
export async function applyTransition(
  db: Kysely<ComputeTables>,
  id: string,
  expected: StateExpectation,
  changes: StateChange,
  returning: boolean
): Promise<{ changed: bigint; row: ServerRow | undefined }> {
  const columns = stateColumns(changes);
  const tasks = expected.taskStates?.filter((task): task is string => task !== null) ?? null;
  const shape: TransitionShape = {
    columns: Object.keys(columns) as (keyof ServerChanges)[],
    vmStates: expected.vmStates?.length ?? null,
    taskStates: tasks?.length ?? null,
    nullTask: expected.taskStates?.includes(null) ?? false,
    returning
  };
  const parameters: Record<string, unknown> = { id };
  for (const [column, value] of Object.entries(columns)) parameters[`set_${column}`] = value;
  listParameters('vm', expected.vmStates ?? [], parameters);
  listParameters('task', tasks ?? [], parameters);
  const result = await TRANSITIONS.of(shape).run(db, parameters);
  return { changed: result.numAffectedRows ?? 0n, row: result.rows[0] };
}

/** What a transition's SQL depends on. */
interface TransitionShape {
  readonly columns: readonly (keyof ServerChanges)[];
  /** How many vm_states it expects; null for any. */
  readonly vmStates: number | null;
  /** How many non-null task_states it expects; null for any. */
  readonly taskStates: number | null;
  /** Whether no task is among the expected ones. */
  readonly nullTask: boolean;
  readonly returning: boolean;
}

const TRANSITIONS = new QueryShapes(
  (shape: TransitionShape) => JSON.stringify(shape),
  (shape: TransitionShape) => (db, p: QueryParameters) => {
    const set: Record<string, unknown> = {};
    for (const column of shape.columns) set[column] = p[`set_${column}`];
    const query = db
      .updateTable('servers')
      .set(set as ServerChanges)
      .where('id', '=', p.id as string)
      .where('deleted', '=', 0)
      .where((eb) => {
        const conditions = [];
        if (shape.vmStates !== null)
          conditions.push(eb('vm_state', 'in', listPlaceholders<string>('vm', shape.vmStates, p)));
        if (shape.taskStates !== null) {
          const options =
            shape.taskStates > 0
              ? [eb('task_state', 'in', listPlaceholders<string>('task', shape.taskStates, p))]
              : [];
          if (shape.nullTask) options.push(eb('task_state', 'is', null));
          conditions.push(eb.or(options));
        }
        return eb.and(conditions);
      });
    // Without RETURNING it answers no rows, only how many it changed.
    return shape.returning ? query.returningAll() : (query as unknown as Compilable<ServerRow>);
  }
);
