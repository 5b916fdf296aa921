/**
 * Server metadata, as nova's metadata API uses it: read all, merge (POST), replace all
 * (PUT), and one item at a time. Every call runs in one transaction that first checks the
 * server is live and visible to the caller, so metadata never outlives its view of the server;
 * a write's `guard` (the metadata_items quota) runs after it in that transaction, and
 * throwing rolls it back.
 */
import type { Transaction } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import type { ComputeTables, WriteGuard } from '../db/schema.js';
import { MetadataItemNotFound } from '../errors.js';
import type { Scope } from '../models.js';
import { toRecord } from './row-values.js';
import { assertServerVisible } from './server-scope.js';

type Items = Readonly<Record<string, string>>;

/** The `server_metadata` table. */
export class ServerMetadataRepository {
  constructor(private readonly database: ComputeDatabase) {}

  /** Every item of the server. */
  async getAll(serverId: string, scope: Scope): Promise<Record<string, string>> {
    return this.inServer(serverId, scope, (trx) => readAll(trx, serverId));
  }

  /** Adds or overwrites the given items, keeping the others; returns all items. */
  async merge(
    serverId: string,
    scope: Scope,
    items: Items,
    guard?: WriteGuard
  ): Promise<Record<string, string>> {
    return this.inServer(serverId, scope, async (trx) => {
      await upsert(trx, serverId, items);
      await guard?.(trx);
      return readAll(trx, serverId);
    });
  }

  /** Makes the given items the server's only ones; returns them. */
  async replace(
    serverId: string,
    scope: Scope,
    items: Items,
    guard?: WriteGuard
  ): Promise<Record<string, string>> {
    return this.inServer(serverId, scope, async (trx) => {
      await trx.deleteFrom('server_metadata').where('server_id', '=', serverId).execute();
      await upsert(trx, serverId, items);
      await guard?.(trx);
      return readAll(trx, serverId);
    });
  }

  /** One item's value; `MetadataItemNotFound` when the key is absent. */
  async getItem(serverId: string, scope: Scope, key: string): Promise<string> {
    return this.inServer(serverId, scope, async (trx) => {
      const row = await trx
        .selectFrom('server_metadata')
        .select('value')
        .where('server_id', '=', serverId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) throw new MetadataItemNotFound();
      return row.value;
    });
  }

  /** Creates or overwrites one item. */
  async setItem(
    serverId: string,
    scope: Scope,
    key: string,
    value: string,
    guard?: WriteGuard
  ): Promise<void> {
    await this.inServer(serverId, scope, async (trx) => {
      await upsert(trx, serverId, { [key]: value });
      await guard?.(trx);
    });
  }

  /** Removes one item; `MetadataItemNotFound` when the key is absent. */
  async deleteItem(serverId: string, scope: Scope, key: string): Promise<void> {
    await this.inServer(serverId, scope, async (trx) => {
      const result = await trx
        .deleteFrom('server_metadata')
        .where('server_id', '=', serverId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw new MetadataItemNotFound();
    });
  }

  private inServer<T>(
    serverId: string,
    scope: Scope,
    work: (trx: Transaction<ComputeTables>) => Promise<T>
  ): Promise<T> {
    return this.database.db.transaction().execute(async (trx) => {
      await assertServerVisible(trx, serverId, scope);
      return work(trx);
    });
  }
}

async function readAll(
  trx: Transaction<ComputeTables>,
  serverId: string
): Promise<Record<string, string>> {
  const rows = await trx
    .selectFrom('server_metadata')
    .select(['key', 'value'])
    .where('server_id', '=', serverId)
    .orderBy('key')
    .execute();
  return toRecord(rows);
}

async function upsert(
  trx: Transaction<ComputeTables>,
  serverId: string,
  items: Items
): Promise<void> {
  const rows = Object.entries(items).map(([key, value]) => ({ server_id: serverId, key, value }));
  if (rows.length === 0) return;
  await trx
    .insertInto('server_metadata')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['server_id', 'key'])
        .doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))
    )
    .execute();
}
