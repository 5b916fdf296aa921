/**
 * Servers: create, scoped read and listing (nova's filters, ordering and markers), update,
 * soft delete, and state transitions with optimistic concurrency: a transition names the
 * states it expects and applies only if the row still has them, so of two workers racing
 * the same action exactly one wins.
 */
import { randomUUID } from 'node:crypto';
import type { ComputeDatabase } from '../db/database.js';
import type { Insertable } from 'kysely';
import type { ServerChanges, ServerRow, ServersTable } from '../db/schema.js';
import {
  inTransaction,
  statement,
  turn,
  type Work,
  type WorkGuard
} from '../db/transaction-work.js';
import { CHUNK_SIZE, chunksOf, TimeSlice } from '../event-loop-turns.js';
import { InvalidMarker, ServerNotFound } from '../errors.js';
import type { DiskConfig, Scope, Server } from '../models.js';
import { PowerState, statusFilter, TaskState, VmState } from '../server-states.js';
import { listParameters } from '../db/prepared-query.js';
import { compileNamePattern } from './name-pattern.js';
import { scanByName, type ScannedRow } from './name-scan.js';
import { addServers, releaseServer } from './project-usage.js';
import { readNewestFirst, type NewestFirstMarker, type PageRead } from './newest-first.js';
import { copyRecord, nowIso, toRecord } from './row-values.js';
import { toServer } from './server-row.js';
import {
  INSERT_METADATA,
  INSERT_SERVERS,
  LISTINGS,
  METADATA_OF,
  ROWS_OF,
  SERVER,
  SERVER_COLUMNS,
  serverRowParameters,
  SOFT_DELETE,
  UPDATES,
  type ListingShape
} from './server-queries.js';
import { seesAll } from './server-scope.js';
import { applyTransition, type StateChange, type StateExpectation } from './server-transition.js';

/** What creating a server takes; it starts BUILD (building/scheduling). */
export interface CreateServerInput {
  readonly name: string;
  readonly projectId: string;
  readonly userId: string;
  readonly imageRef: string;
  readonly flavorId: string;
  readonly keyName?: string | null;
  readonly availabilityZone?: string | null;
  readonly accessIPv4?: string | null;
  readonly accessIPv6?: string | null;
  readonly configDrive?: boolean;
  readonly diskConfig?: DiskConfig;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** `GET /servers` filters. */
export interface ListServersFilters {
  /**
   * A regular expression (RE2 syntax) searched for in the name, nova's `name` filter; one
   * that is too long, invalid or too complex is `InvalidNameFilter` (see name-pattern.ts).
   */
  readonly name?: string;
  /** An API status (ACTIVE, SHUTOFF, REBOOT, ...); unknown statuses match nothing. */
  readonly status?: string;
  readonly limit?: number;
  /** The id of the last server of the previous page. */
  readonly marker?: string;
}

/** What `PUT /servers/{id}` may change. */
export interface ServerUpdate {
  readonly name?: string;
  readonly accessIPv4?: string | null;
  readonly accessIPv6?: string | null;
}

/** The `servers` and (on create) `server_metadata` tables. */
export class ServerRepository {
  constructor(private readonly database: ComputeDatabase) {}

  /** Inserts a server and its metadata in one transaction. */
  async create(input: CreateServerInput): Promise<Server> {
    const [server] = await this.createMany([input]);
    return server!;
  }

  /**
   * Inserts servers and their metadata in one transaction: first their usage is added to
   * their projects' (project-usage.ts, which locks each project's usage row), then `guard`
   * (the quota check) runs, then the rows are written; all or none are. Rows go in
   * multi-row INSERTs; a batch of one chunk runs as one synchronous transaction on SQLite
   * (transaction-work.ts), a larger one gives the event loop a turn every few milliseconds,
   * so it never holds it. They start in BUILD with `taskState` (default scheduling).
   */
  createMany(
    inputs: readonly CreateServerInput[],
    guard?: WorkGuard,
    taskState: TaskState = TaskState.SCHEDULING
  ): Promise<Server[]> {
    return inTransaction(this.database, () => createWork(inputs, guard, taskState), {
      turns: inputs.length > CHUNK_SIZE
    });
  }

  /** The server, if the scope sees it and it is not deleted; else `ServerNotFound`. */
  async get(id: string, scope: Scope): Promise<Server> {
    const row = await SERVER.of(seesAll(scope)).first(this.database.db, {
      id,
      projectId: scope.projectId
    });
    if (!row) throw new ServerNotFound(id);
    const [server] = await this.withMetadata([row]);
    return server!;
  }

  /**
   * The servers the scope sees, newest first (created_at desc, id desc, as nova's detail
   * listing). An unknown marker is `InvalidMarker` (400 in the API). A long listing gives
   * the event loop a turn whenever `slice` (the request's, when a request lists) is used up.
   */
  async list(
    scope: Scope,
    filters: ListServersFilters = {},
    slice: TimeSlice = new TimeSlice()
  ): Promise<Server[]> {
    const pattern =
      filters.name !== undefined && filters.name !== '' ? compileNamePattern(filters.name) : null;
    const db = this.database.db;
    const all = seesAll(scope);
    const parameters: Record<string, unknown> = { projectId: scope.projectId };
    let vmStates: number | null = null;
    let taskStates: number | null = null;
    if (filters.status !== undefined) {
      const filter = statusFilter(filters.status);
      if (filter.vmStates.length === 0) return [];
      listParameters('vm', filter.vmStates, parameters);
      vmStates = filter.vmStates.length;
      if (filter.taskStates) {
        listParameters('task', filter.taskStates, parameters);
        taskStates = filter.taskStates.length;
      }
    }
    let marker: NewestFirstMarker | undefined;
    if (filters.marker !== undefined) {
      marker = await SERVER.of(all).first(db, { id: filters.marker, projectId: scope.projectId });
      if (!marker) throw new InvalidMarker(filters.marker);
    }
    // The rows after the marker, or after the last row read (itself after the marker).
    const pages =
      <Row>(columns: ListingShape['columns']): PageRead<Row> =>
      (last, limit) => {
        const after = last ?? marker;
        const shape = { all, vmStates, taskStates, after: after !== undefined, columns };
        return LISTINGS.of(shape).rows(db, {
          ...parameters,
          createdAt: after?.created_at,
          afterId: after?.id,
          limit
        }) as Promise<Row[]>;
      };
    if (pattern) {
      const ids = await scanByName(pages<ScannedRow>('scan'), pattern, filters.limit);
      return this.withMetadata(await this.rowsOf(ids, slice), slice);
    }
    const rows = await readNewestFirst(pages<ServerRow>('all'), filters.limit, slice);
    return this.withMetadata(rows, slice);
  }

  /** Renames a server or changes its access addresses; returns the server as it is now. */
  async update(id: string, scope: Scope, changes: ServerUpdate): Promise<Server> {
    const values: ServerChanges = { updated_at: nowIso() };
    if (changes.name !== undefined) values.name = changes.name;
    if (changes.accessIPv4 !== undefined) values.access_ipv4 = changes.accessIPv4;
    if (changes.accessIPv6 !== undefined) values.access_ipv6 = changes.accessIPv6;
    const columns = Object.keys(values) as (keyof ServerChanges)[];
    const updated = await UPDATES.of({ all: seesAll(scope), columns }).affected(this.database.db, {
      ...values,
      id,
      projectId: scope.projectId
    });
    if (updated === 0n) throw new ServerNotFound(id);
    return this.get(id, scope);
  }

  /**
   * Applies `changes` only if the server is live and still in the expected states, in one
   * `UPDATE ... WHERE id = ? AND vm_state IN (...)`. Returns whether it applied.
   */
  async transition(id: string, expected: StateExpectation, changes: StateChange): Promise<boolean> {
    const { changed } = await applyTransition(this.database.db, id, expected, changes, false);
    return changed > 0n;
  }

  /**
   * `transition` of `server` that answers the server as the update left it (its metadata
   * as `server` has it), read in the same statement; null when it did not apply.
   */
  async transitionServer(
    server: Server,
    expected: StateExpectation,
    changes: StateChange
  ): Promise<Server | null> {
    const { row } = await applyTransition(this.database.db, server.id, expected, changes, true);
    return row ? toServer(row, server.metadata) : null;
  }

  /**
   * Marks a live server deleted (vm_state deleted, terminated) and takes it off its
   * project's usage, in one transaction. Returns whether it applied; false when it was
   * already deleted or never existed.
   */
  async softDelete(id: string): Promise<boolean> {
    const now = nowIso();
    return this.database.db.transaction().execute(async (trx) => {
      const row = await SOFT_DELETE.first(trx, { id, now });
      if (!row) return false;
      await releaseServer(trx, row.project_id, row.flavor_id);
      return true;
    });
  }

  /** The live rows of `ids` (a scan's matches), in the order of `ids`. */
  private async rowsOf(ids: readonly string[], slice: TimeSlice): Promise<ServerRow[]> {
    const byId = new Map<string, ServerRow>();
    for (const chunk of chunksOf(ids)) {
      await slice.turn();
      const rows = await ROWS_OF.of(chunk.length).rows(
        this.database.db,
        listParameters('id', chunk)
      );
      for (const row of rows) byId.set(row.id, row);
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The servers of `rows` with their metadata, read a chunk of servers at a time with a turn
   * of the event loop whenever `slice` (started before the rows were read) is used up: a
   * page of a thousand never holds it.
   */
  private async withMetadata(
    rows: readonly ServerRow[],
    slice: TimeSlice = new TimeSlice()
  ): Promise<Server[]> {
    const servers: Server[] = [];
    for (const chunk of chunksOf(rows)) {
      await slice.turn();
      const items = await METADATA_OF.of(chunk.length).rows(
        this.database.db,
        listParameters(
          'id',
          chunk.map((row) => row.id)
        )
      );
      const byServer = new Map<string, { key: string; value: string }[]>();
      for (const item of items) {
        const pairs = byServer.get(item.server_id);
        if (pairs) pairs.push(item);
        else byServer.set(item.server_id, [item]);
      }
      for (const row of chunk) servers.push(toServer(row, toRecord(byServer.get(row.id) ?? [])));
    }
    return servers;
  }
}

/** Metadata rows one INSERT carries: 3000 parameters, well within every backend's limit. */
const METADATA_ROWS_PER_INSERT = 1000;

/** The body of `createMany`'s transaction. */
function* createWork(
  inputs: readonly CreateServerInput[],
  guard: WorkGuard | undefined,
  taskState: TaskState
): Work<Server[]> {
  for (const { projectId, flavorId, count } of usageGroups(inputs)) {
    yield* addServers(projectId, flavorId, count);
  }
  if (guard) yield* guard();
  const created: Server[] = [];
  const slice = new TimeSlice();
  for (const chunk of chunksOf(inputs)) {
    yield* turn(slice);
    created.push(...(yield* insertServers(chunk, taskState)));
  }
  return created;
}

/** Inserts one chunk of servers and their metadata; returns them in input order. */
function* insertServers(
  inputs: readonly CreateServerInput[],
  taskState: TaskState
): Work<Server[]> {
  const now = nowIso();
  const ids = inputs.map(() => randomUUID());
  const parameters: Record<string, unknown> = {};
  inputs.forEach((input, index) => {
    const row: Insertable<ServersTable> = {
      id: ids[index]!,
      name: input.name,
      project_id: input.projectId,
      user_id: input.userId,
      vm_state: VmState.BUILDING,
      task_state: taskState,
      power_state: PowerState.NOSTATE,
      image_ref: input.imageRef,
      flavor_id: input.flavorId,
      key_name: input.keyName ?? null,
      availability_zone: input.availabilityZone ?? null,
      access_ipv4: input.accessIPv4 ?? null,
      access_ipv6: input.accessIPv6 ?? null,
      config_drive: input.configDrive ? 'True' : '',
      disk_config: input.diskConfig ?? 'MANUAL',
      created_at: now
    };
    const names = serverRowParameters(index);
    for (let position = 0; position < names.length; position++) {
      parameters[names[position]!] = row[SERVER_COLUMNS[position]!];
    }
  });
  const { rows } = yield* statement(INSERT_SERVERS.of(inputs.length), parameters);
  const items = inputs.flatMap((input, index) =>
    Object.entries(copyRecord(input.metadata)).map(([key, value]) => ({
      server_id: ids[index]!,
      key,
      value
    }))
  );
  // Bounded by the metadata_items quota per server, but not by SQLite's 32766 parameters.
  for (const part of chunksOf(items, METADATA_ROWS_PER_INSERT)) {
    const values: Record<string, unknown> = {};
    part.forEach((item, index) => {
      values[`m${index}_server_id`] = item.server_id;
      values[`m${index}_key`] = item.key;
      values[`m${index}_value`] = item.value;
    });
    yield* statement(INSERT_METADATA.of(part.length), values);
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  return inputs.map((input, index) => toServer(byId.get(ids[index]!)!, copyRecord(input.metadata)));
}

/** The servers of `inputs` per project and flavor: what each adds to its project's usage. */
function usageGroups(
  inputs: readonly CreateServerInput[]
): { projectId: string; flavorId: string; count: number }[] {
  const groups: { projectId: string; flavorId: string; count: number }[] = [];
  for (const { projectId, flavorId } of inputs) {
    const group = groups.find((g) => g.projectId === projectId && g.flavorId === flavorId);
    if (group) group.count++;
    else groups.push({ projectId, flavorId, count: 1 });
  }
  return groups;
}
