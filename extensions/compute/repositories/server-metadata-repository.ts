/**
 * Server metadata, as nova's metadata API uses it: read all, merge (POST), replace all
 * (PUT), and one item at a time. A read is one statement, the server LEFT JOIN its items
 * where it is live and visible to the caller, outside any transaction: it never waits for
 * the write lock (SQLite's `BEGIN IMMEDIATE`). A write runs in one transaction that first
 * checks the server is live and visible, so metadata never outlives its view of the
 * server; its `guard` (the metadata_items quota) runs after it in that transaction, and
 * throwing rolls it back. Each write is a transaction's body of prepared queries
 * (transaction-work.ts): on SQLite it runs synchronously in one go.
 */
import type { ComputeDatabase } from '../db/database.js';
import { PreparedQuery, QueryShapes, type QueryParameters } from '../db/prepared-query.js';
import { inTransaction, statement, type Work, type WorkGuard } from '../db/transaction-work.js';
import { MetadataItemNotFound, ServerNotFound } from '../errors.js';
import type { Scope } from '../models.js';
import { joinedRecord, toRecord } from './row-values.js';
import { assertServerVisible, liveServerVisibleTo, seesAll } from './server-scope.js';

type Items = Readonly<Record<string, string>>;

/** The `server_metadata` table. */
export class ServerMetadataRepository {
  constructor(private readonly database: ComputeDatabase) {}

  /** Every item of the server. */
  async getAll(serverId: string, scope: Scope): Promise<Record<string, string>> {
    const rows = await VISIBLE_ITEMS.of(seesAll(scope)).rows(this.database.db, {
      serverId,
      projectId: scope.projectId
    });
    const items = joinedRecord(rows);
    if (items === undefined) throw new ServerNotFound(serverId);
    return items;
  }

  /** Adds or overwrites the given items, keeping the others; returns all items. */
  merge(
    serverId: string,
    scope: Scope,
    items: Items,
    guard?: WorkGuard
  ): Promise<Record<string, string>> {
    return this.inServer(serverId, scope, function* () {
      yield* upsert(serverId, items);
      if (guard) yield* guard();
      return yield* readAll(serverId);
    });
  }

  /** Makes the given items the server's only ones; returns them. */
  replace(
    serverId: string,
    scope: Scope,
    items: Items,
    guard?: WorkGuard
  ): Promise<Record<string, string>> {
    return this.inServer(serverId, scope, function* () {
      yield* statement(DELETE_ALL, { serverId });
      yield* upsert(serverId, items);
      if (guard) yield* guard();
      return yield* readAll(serverId);
    });
  }

  /** One item's value; `MetadataItemNotFound` when the key is absent. */
  async getItem(serverId: string, scope: Scope, key: string): Promise<string> {
    const row = await VISIBLE_ITEM.of(seesAll(scope)).first(this.database.db, {
      serverId,
      projectId: scope.projectId,
      key
    });
    if (row === undefined) throw new ServerNotFound(serverId);
    if (row.value === null) throw new MetadataItemNotFound();
    return row.value;
  }

  /** Creates or overwrites one item. */
  async setItem(
    serverId: string,
    scope: Scope,
    key: string,
    value: string,
    guard?: WorkGuard
  ): Promise<void> {
    await this.inServer(serverId, scope, function* () {
      yield* upsert(serverId, { [key]: value });
      if (guard) yield* guard();
    });
  }

  /** Removes one item; `MetadataItemNotFound` when the key is absent. */
  async deleteItem(serverId: string, scope: Scope, key: string): Promise<void> {
    await this.inServer(serverId, scope, function* () {
      const result = yield* statement(DELETE_ITEM, { serverId, key });
      if (result.numAffectedRows === 0n) throw new MetadataItemNotFound();
    });
  }

  /** Runs the write `work` in one transaction, after the check that the server is visible. */
  private inServer<T>(serverId: string, scope: Scope, work: () => Work<T>): Promise<T> {
    return inTransaction(this.database, function* () {
      yield* assertServerVisible(serverId, scope);
      return yield* work();
    });
  }
}

function* readAll(serverId: string): Work<Record<string, string>> {
  return toRecord((yield* statement(ITEMS, { serverId })).rows);
}

function* upsert(serverId: string, items: Items): Work<void> {
  const entries = Object.entries(items);
  if (entries.length === 0) return;
  const parameters: Record<string, unknown> = { serverId };
  entries.forEach(([key, value], index) => {
    parameters[`k${index}`] = key;
    parameters[`v${index}`] = value;
  });
  yield* statement(UPSERTS.of(entries.length), parameters);
}

const ITEMS = new PreparedQuery((db, p: { serverId: string }) =>
  db
    .selectFrom('server_metadata')
    .select(['key', 'value'])
    .where('server_id', '=', p.serverId)
    .orderBy('key')
);

/**
 * The items of a live server the caller sees (all: every project's), by key; no row: no
 * such server, one row of null key: no items.
 */
const VISIBLE_ITEMS = new QueryShapes(
  (all: boolean) => String(all),
  (all: boolean) => (db, p: { serverId: string; projectId: string }) =>
    db
      .selectFrom('servers')
      .leftJoin('server_metadata', 'server_metadata.server_id', 'servers.id')
      .select(['server_metadata.key', 'server_metadata.value'])
      .where((eb) => liveServerVisibleTo(eb, p.serverId, all, p.projectId))
      .orderBy('server_metadata.key')
);

/** One item of a live server the caller sees; no row: no such server, a null value: no item. */
const VISIBLE_ITEM = new QueryShapes(
  (all: boolean) => String(all),
  (all: boolean) => (db, p: { serverId: string; projectId: string; key: string }) =>
    db
      .selectFrom('servers')
      .leftJoin('server_metadata', (join) =>
        join
          .onRef('server_metadata.server_id', '=', 'servers.id')
          .on('server_metadata.key', '=', p.key)
      )
      .select('server_metadata.value')
      .where((eb) => liveServerVisibleTo(eb, p.serverId, all, p.projectId))
);

const DELETE_ALL = new PreparedQuery((db, p: { serverId: string }) =>
  db.deleteFrom('server_metadata').where('server_id', '=', p.serverId)
);

const DELETE_ITEM = new PreparedQuery((db, p: { serverId: string; key: string }) =>
  db.deleteFrom('server_metadata').where('server_id', '=', p.serverId).where('key', '=', p.key)
);

/** Inserts or overwrites `count` items (`k0`, `v0`, ...) of the server `serverId`. */
const UPSERTS = new QueryShapes(
  (count: number) => String(count),
  (count: number) => (db, p: QueryParameters) =>
    db
      .insertInto('server_metadata')
      .values(
        Array.from({ length: count }, (_, index) => ({
          server_id: p.serverId as string,
          key: p[`k${index}`] as string,
          value: p[`v${index}`] as string
        }))
      )
      .onConflict((conflict) =>
        conflict
          .columns(['server_id', 'key'])
          .doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))
      )
);
