/**
 * Optimistic state transitions of a server row: the states the row must still be in for
 * an UPDATE to apply, and the columns it writes. Two workers racing one action both issue
 * `UPDATE ... WHERE id = ? AND vm_state IN (...) AND task_state ...`; the database lets
 * only the first match.
 */
import type { ExpressionBuilder } from 'kysely';
import type { ComputeTables, ServerChanges } from '../db/schema.js';
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

/** The where-condition a row must meet for the transition to apply. */
export function expectedStates(
  eb: ExpressionBuilder<ComputeTables, 'servers'>,
  expected: StateExpectation
) {
  const conditions = [];
  if (expected.vmStates) conditions.push(eb('vm_state', 'in', [...expected.vmStates]));
  if (expected.taskStates) {
    const tasks = expected.taskStates.filter((task): task is string => task !== null);
    const options = tasks.length > 0 ? [eb('task_state', 'in', tasks)] : [];
    if (expected.taskStates.includes(null)) options.push(eb('task_state', 'is', null));
    conditions.push(eb.or(options));
  }
  return eb.and(conditions);
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
