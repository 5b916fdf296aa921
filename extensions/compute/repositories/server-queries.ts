/**
 * The prepared queries of ServerRepository (prepared-query.ts): each shape is built and
 * compiled once, and a request only supplies its values. Scoped queries have two shapes,
 * one per scope rule (server-scope.ts); `IN` lists and multi-row inserts one per length.
 */
import type { Compilable, Insertable } from 'kysely';
import {
  listPlaceholders,
  PreparedQuery,
  QueryShapes,
  type QueryParameters
} from '../db/prepared-query.js';
import type { ServerChanges, ServerRow, ServersTable } from '../db/schema.js';
import { PowerState, VmState } from '../server-states.js';
import type { ScannedRow } from './name-scan.js';
import { afterMarker } from './newest-first.js';
import { visibleTo } from './server-scope.js';

/** A live server by id, if the scope (`all`: every project's, else `projectId`'s) sees it. */
export const SERVER = new QueryShapes(
  (all: boolean) => String(all),
  (all: boolean) => (db, p: { id: string; projectId: string }) =>
    db
      .selectFrom('servers')
      .selectAll()
      .where('id', '=', p.id)
      .where('deleted', '=', 0)
      .where((eb) => visibleTo(eb, all, p.projectId))
);

/** What a page of a server listing's SQL depends on. */
export interface ListingShape {
  /** Every project's servers, or `projectId`'s. */
  readonly all: boolean;
  /** How many vm_states the status filter allows (`vm0`, ...); null for no filter. */
  readonly vmStates: number | null;
  /** How many task_states it allows (`task0`, ...); null for any. */
  readonly taskStates: number | null;
  /** Whether the page starts after a row (`createdAt`, `afterId`). */
  readonly after: boolean;
  /** Whole rows, or the three columns a name scan reads. */
  readonly columns: 'all' | 'scan';
}

/** A page (`limit` rows) of a listing, newest first. */
export const LISTINGS = new QueryShapes(
  (shape: ListingShape) => JSON.stringify(shape),
  (shape: ListingShape) => (db, p: QueryParameters) => {
    let query = db
      .selectFrom('servers')
      .selectAll()
      .where('deleted', '=', 0)
      .where((eb) => visibleTo(eb, shape.all, p.projectId as string));
    if (shape.vmStates !== null)
      query = query.where('vm_state', 'in', listPlaceholders<string>('vm', shape.vmStates, p));
    if (shape.taskStates !== null)
      query = query.where(
        'task_state',
        'in',
        listPlaceholders<string>('task', shape.taskStates, p)
      );
    if (shape.after)
      query = query.where(
        afterMarker({ created_at: p.createdAt as string, id: p.afterId as string })
      );
    query = query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(p.limit as number);
    return (
      shape.columns === 'all' ? query : query.clearSelect().select(['id', 'name', 'created_at'])
    ) as Compilable<ServerRow | ScannedRow>;
  }
);

/** The live rows of `count` ids (`id0`, ...). */
export const ROWS_OF = new QueryShapes(
  (count: number) => String(count),
  (count: number) => (db, p: QueryParameters) =>
    db
      .selectFrom('servers')
      .selectAll()
      .where('id', 'in', listPlaceholders<string>('id', count, p))
      .where('deleted', '=', 0)
);

/** The metadata items of `count` servers (`id0`, ...). */
export const METADATA_OF = new QueryShapes(
  (count: number) => String(count),
  (count: number) => (db, p: QueryParameters) =>
    db
      .selectFrom('server_metadata')
      .select(['server_id', 'key', 'value'])
      .where('server_id', 'in', listPlaceholders<string>('id', count, p))
);

/** What `ServerRepository.update`'s SQL depends on. */
interface UpdateShape {
  readonly all: boolean;
  /** The columns it sets, each a parameter of its name. */
  readonly columns: readonly (keyof ServerChanges)[];
}

/** An update of a live, visible server's columns (`id`, `projectId`). */
export const UPDATES = new QueryShapes(
  (shape: UpdateShape) => JSON.stringify(shape),
  (shape: UpdateShape) => (db, p: QueryParameters) => {
    const set: Record<string, unknown> = {};
    for (const column of shape.columns) set[column] = p[column];
    return db
      .updateTable('servers')
      .set(set as ServerChanges)
      .where('id', '=', p.id as string)
      .where('deleted', '=', 0)
      .where((eb) => visibleTo(eb, shape.all, p.projectId as string));
  }
);

/** Marks a live server deleted at `now`; answers its project and flavor. */
export const SOFT_DELETE = new PreparedQuery((db, p: { id: string; now: string }) =>
  db
    .updateTable('servers')
    .set({
      deleted: 1,
      deleted_at: p.now,
      terminated_at: p.now,
      updated_at: p.now,
      vm_state: VmState.DELETED,
      task_state: null,
      power_state: PowerState.NOSTATE
    })
    .where('id', '=', p.id)
    .where('deleted', '=', 0)
    .returning(['project_id', 'flavor_id'])
);

/** The columns a create writes, each a parameter `r<row>_<column>`. */
export const SERVER_COLUMNS = [
  'id',
  'name',
  'project_id',
  'user_id',
  'vm_state',
  'task_state',
  'power_state',
  'image_ref',
  'flavor_id',
  'key_name',
  'availability_zone',
  'access_ipv4',
  'access_ipv6',
  'config_drive',
  'disk_config',
  'created_at'
] as const satisfies readonly (keyof Insertable<ServersTable>)[];

// Per row index of an insert, its parameter names: made once, not per create (a name made
// anew is a string concatenation and a string-table lookup when it becomes a key).
const rowParameterNames: (readonly string[])[] = [];

/**
 * The parameter names of row `index` of `INSERT_SERVERS`, in the order of `SERVER_COLUMNS`
 * (`r<index>_<column>`); the same array on every call.
 */
export function serverRowParameters(index: number): readonly string[] {
  return (rowParameterNames[index] ??= SERVER_COLUMNS.map((column) => `r${index}_${column}`));
}

/** Inserts `count` servers; answers their rows. */
export const INSERT_SERVERS = new QueryShapes(
  (count: number) => String(count),
  (count: number) => (db, p: QueryParameters) =>
    db
      .insertInto('servers')
      .values(
        Array.from({ length: count }, (_, index) => {
          const names = serverRowParameters(index);
          const row: Record<string, unknown> = {};
          SERVER_COLUMNS.forEach((column, position) => (row[column] = p[names[position]!]));
          return row as Insertable<ServersTable>;
        })
      )
      .returningAll()
);

/** Inserts `count` metadata items (`m<item>_server_id`, `_key`, `_value`). */
export const INSERT_METADATA = new QueryShapes(
  (count: number) => String(count),
  (count: number) => (db, p: QueryParameters) =>
    db.insertInto('server_metadata').values(
      Array.from({ length: count }, (_, index) => ({
        server_id: p[`m${index}_server_id`] as string,
        key: p[`m${index}_key`] as string,
        value: p[`m${index}_value`] as string
      }))
    )
);
