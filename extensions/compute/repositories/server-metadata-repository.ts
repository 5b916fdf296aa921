/**
 * Server metadata, as nova's metadata API uses it: read all, merge (POST), replace all
 * (PUT), and one item at a time. Every call runs in one transaction that first checks the
 * server is live and visible to the caller, so metadata never outlives its view of the server;
 * a write's `guard` (the metadata_items quota) runs after it in that transaction, and
 * throwing rolls it back. Each call is a transaction's body of prepared queries
 * (transaction-work.ts): on SQLite it runs synchronously in one go.
 */
import type { ComputeDatabase } from '../db/database.js';
import { PreparedQuery, QueryShapes, type QueryParameters } from '../db/prepared-query.js';
import { inTransaction, statement, type Work, type WorkGuard } from '../db/transaction-work.js';
import { MetadataItemNotFound } from '../errors.js';
import type { Scope } from '../models.js';
import { toRecord } from './row-values.js';
import { assertServerVisible } from './server-scope.js';

type Items = Readonly<Record<string, string>>;

/** The `server_metadata` table. */
export class ServerMetadataRepository {
  constructor(private readonly database: ComputeDatabase) {}

  /** Every item of the server. */
  getAll(serverId: string, scope: Scope): Promise<Record<string, string>> {
    return this.inServer(serverId, scope, () => readAll(serverId));
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
  getItem(serverId: string, scope: Scope, key: string): Promise<string> {
    return this.inServer(serverId, scope, function* () {
      const { rows } = yield* statement(ITEM, { serverId, key });
      if (rows.length === 0) throw new MetadataItemNotFound();
      return rows[0]!.value;
    });
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

  /** Runs `work` in one transaction, after the check that the server is visible. */
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

const ITEM = new PreparedQuery((db, p: { serverId: string; key: string }) =>
  db
    .selectFrom('server_metadata')
    .select('value')
    .where('server_id', '=', p.serverId)
    .where('key', '=', p.key)
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
