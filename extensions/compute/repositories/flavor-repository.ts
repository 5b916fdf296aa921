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
import { PreparedQuery, QueryShapes } from '../db/prepared-query.js';
import { statement, type Work } from '../db/transaction-work.js';
import { joinedRecord } from './row-values.js';

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
    const isPublic = scope.isAdmin
      ? filters.isPublic === undefined
        ? true
        : filters.isPublic
      : true;
    let after: string | undefined;
    if (filters.marker !== undefined) {
      const marker = await FLAVOR_ID.first(this.database.db, { id: filters.marker });
      if (!marker) throw new InvalidMarker(filters.marker);
      after = marker.id;
    }
    const shape: FlavorListShape = {
      isPublic: isPublic !== null,
      enabledOnly: !scope.isAdmin,
      minRam: filters.minRam !== undefined,
      minDisk: filters.minDisk !== undefined,
      after: after !== undefined,
      limit: filters.limit !== undefined
    };
    const rows = await FLAVOR_LISTS.of(shape).rows(this.database.db, {
      isPublic: isPublic ? 1 : 0,
      minRam: filters.minRam,
      minDisk: filters.minDisk,
      after,
      limit: filters.limit
    });
    return rows.map(toFlavor);
  }

  /** The flavor with this id; else `FlavorNotFound`. */
  async get(id: string): Promise<Flavor> {
    return foundFlavor(await FLAVOR.first(this.database.db, { id }), id);
  }

  /**
   * In a transaction's body (transaction-work.ts): the flavor with this id, as the
   * transaction sees it; else `FlavorNotFound`.
   */
  *read(id: string): Work<Flavor> {
    return foundFlavor((yield* statement(FLAVOR, { id })).rows[0], id);
  }

  /**
   * Every extra spec of the flavor; `FlavorNotFound` when there is no such flavor. One
   * statement, outside any transaction: a read never waits for the write lock.
   */
  async getExtraSpecs(flavorId: string): Promise<Record<string, string>> {
    return readSpecs(this.database.db, flavorId);
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

/** Which filters a flavor listing applies: each changes its SQL. */
interface FlavorListShape {
  readonly isPublic: boolean;
  readonly enabledOnly: boolean;
  readonly minRam: boolean;
  readonly minDisk: boolean;
  readonly after: boolean;
  readonly limit: boolean;
}

const FLAVOR = new PreparedQuery((db, p: { id: string }) =>
  db.selectFrom('flavors').selectAll().where('id', '=', p.id)
);

const FLAVOR_ID = new PreparedQuery((db, p: { id: string }) =>
  db.selectFrom('flavors').select('id').where('id', '=', p.id)
);

/** The flavor's specs by key; no row: no such flavor, one row of null key: no specs. */
const EXTRA_SPECS = new PreparedQuery((db, p: { flavorId: string }) =>
  db
    .selectFrom('flavors')
    .leftJoin('flavor_extra_specs', 'flavor_extra_specs.flavor_id', 'flavors.id')
    .select(['flavor_extra_specs.key', 'flavor_extra_specs.value'])
    .where('flavors.id', '=', p.flavorId)
    .orderBy('flavor_extra_specs.key')
);

interface FlavorListParameters {
  [name: string]: unknown;
  readonly isPublic: number;
  readonly minRam?: number;
  readonly minDisk?: number;
  readonly after?: string;
  readonly limit?: number;
}

const FLAVOR_LISTS = new QueryShapes(
  (shape: FlavorListShape) => JSON.stringify(shape),
  (shape: FlavorListShape) => (db, p: FlavorListParameters) => {
    let query = db.selectFrom('flavors').selectAll();
    if (shape.isPublic) query = query.where('is_public', '=', p.isPublic);
    if (shape.enabledOnly) query = query.where('disabled', '=', 0);
    if (shape.minRam) query = query.where('ram', '>=', p.minRam!);
    if (shape.minDisk) query = query.where('disk', '>=', p.minDisk!);
    if (shape.after) query = query.where('id', '>', p.after!);
    query = query.orderBy('id');
    return shape.limit ? query.limit(p.limit!) : query;
  }
);

async function assertFlavorExists(db: Kysely<ComputeTables>, flavorId: string): Promise<void> {
  const row = await FLAVOR_ID.first(db, { id: flavorId });
  if (!row) throw new FlavorNotFound(flavorId);
}

/** The flavor's specs, in one statement; `FlavorNotFound` when there is no such flavor. */
async function readSpecs(
  db: Kysely<ComputeTables>,
  flavorId: string
): Promise<Record<string, string>> {
  const specs = joinedRecord(await EXTRA_SPECS.rows(db, { flavorId }));
  if (specs === undefined) throw new FlavorNotFound(flavorId);
  return specs;
}

/** The flavor of `row`, the lookup of `id`; `FlavorNotFound` when there is none. */
function foundFlavor(row: Selectable<FlavorsTable> | undefined, id: string): Flavor {
  if (!row) throw new FlavorNotFound(id);
  return toFlavor(row);
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
