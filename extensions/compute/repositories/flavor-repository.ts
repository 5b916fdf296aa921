/**
 * Flavors and their extra specs. Listing follows nova's `is_public` semantics: a
 * non-administrator sees public, enabled flavors only; an administrator sees public ones by
 * default, private ones with `isPublic: false`, and all with `isPublic: null`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import type { ComputeTables, FlavorsTable } from '../db/schema.js';
import { FlavorExtraSpecNotFound, FlavorNotFound, InvalidMarker } from '../errors.js';
import type { Flavor, Scope } from '../models.js';
import { toRecord } from './row-values.js';

/** `GET /flavors` filters. */
export interface ListFlavorsFilters {
  /** true (default): public; false: private; null: both. Administrators only. */
  readonly isPublic?: boolean | null;
  /** At least this much RAM, MiB (`minRam`). */
  readonly minRam?: number;
  /** At least this much root disk, GiB (`minDisk`). */
  readonly minDisk?: number;
  readonly limit?: number;
  /** The id of the last flavor of the previous page. */
  readonly marker?: string;
}

/** The `flavors` and `flavor_extra_specs` tables. */
export class FlavorRepository {
  constructor(private readonly database: ComputeDatabase) {}

  /** The flavors the caller may list, ordered by id as nova orders by flavorid. */
  async list(scope: Pick<Scope, 'isAdmin'>, filters: ListFlavorsFilters = {}): Promise<Flavor[]> {
    let query = this.database.db.selectFrom('flavors').selectAll();
    const isPublic = scope.isAdmin
      ? filters.isPublic === undefined
        ? true
        : filters.isPublic
      : true;
    if (isPublic !== null) query = query.where('is_public', '=', isPublic ? 1 : 0);
    if (!scope.isAdmin) query = query.where('disabled', '=', 0);
    if (filters.minRam !== undefined) query = query.where('ram', '>=', filters.minRam);
    if (filters.minDisk !== undefined) query = query.where('disk', '>=', filters.minDisk);
    if (filters.marker !== undefined) {
      const marker = await this.database.db
        .selectFrom('flavors')
        .select('id')
        .where('id', '=', filters.marker)
        .executeTakeFirst();
      if (!marker) throw new InvalidMarker(filters.marker);
      query = query.where('id', '>', marker.id);
    }
    query = query.orderBy('id');
    if (filters.limit !== undefined) query = query.limit(filters.limit);
    return (await query.execute()).map(toFlavor);
  }

  /** The flavor with this id; else `FlavorNotFound`. */
  async get(id: string): Promise<Flavor> {
    const row = await this.database.db
      .selectFrom('flavors')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new FlavorNotFound(id);
    return toFlavor(row);
  }

  /** Every extra spec of the flavor; `FlavorNotFound` when there is no such flavor. */
  async getExtraSpecs(flavorId: string): Promise<Record<string, string>> {
    return this.database.db.transaction().execute(async (trx) => {
      await assertFlavorExists(trx, flavorId);
      return readSpecs(trx, flavorId);
    });
  }

  /** One extra spec; `FlavorExtraSpecNotFound` when the key is absent. */
  async getExtraSpec(flavorId: string, key: string): Promise<string> {
    const specs = await this.getExtraSpecs(flavorId);
    if (!Object.hasOwn(specs, key)) throw new FlavorExtraSpecNotFound(flavorId, key);
    return specs[key]!;
  }

  /** Adds or overwrites extra specs, keeping the others; returns all of them. */
  async setExtraSpecs(
    flavorId: string,
    specs: Readonly<Record<string, string>>
  ): Promise<Record<string, string>> {
    return this.database.db.transaction().execute(async (trx) => {
      await assertFlavorExists(trx, flavorId);
      const rows = Object.entries(specs).map(([key, value]) => ({
        flavor_id: flavorId,
        key,
        value
      }));
      if (rows.length > 0) {
        await trx
          .insertInto('flavor_extra_specs')
          .values(rows)
          .onConflict((conflict) =>
            conflict
              .columns(['flavor_id', 'key'])
              .doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))
          )
          .execute();
      }
      return readSpecs(trx, flavorId);
    });
  }

  /** Removes one extra spec; `FlavorExtraSpecNotFound` when the key is absent. */
  async deleteExtraSpec(flavorId: string, key: string): Promise<void> {
    const result = await this.database.db
      .deleteFrom('flavor_extra_specs')
      .where('flavor_id', '=', flavorId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new FlavorExtraSpecNotFound(flavorId, key);
  }
}

async function assertFlavorExists(db: Kysely<ComputeTables>, flavorId: string): Promise<void> {
  const row = await db
    .selectFrom('flavors')
    .select('id')
    .where('id', '=', flavorId)
    .executeTakeFirst();
  if (!row) throw new FlavorNotFound(flavorId);
}

async function readSpecs(
  db: Kysely<ComputeTables>,
  flavorId: string
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('flavor_extra_specs')
    .select(['key', 'value'])
    .where('flavor_id', '=', flavorId)
    .orderBy('key')
    .execute();
  return toRecord(rows);
}

function toFlavor(row: Selectable<FlavorsTable>): Flavor {
  return {
    id: row.id,
    name: row.name,
    ram: row.ram,
    vcpus: row.vcpus,
    disk: row.disk,
    swap: row.swap,
    ephemeral: row.ephemeral,
    rxtxFactor: Number(row.rxtx_factor),
    isPublic: row.is_public !== 0,
    disabled: row.disabled !== 0
  };
}
