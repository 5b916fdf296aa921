/**
 * Keypairs, per user: create (a name is unique among the user's live keypairs; the
 * database's partial unique index decides races), list by name with a marker, get, and
 * soft delete (the name can then be taken again).
 */
import type { Kysely, Selectable } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import type { ComputeTables, KeypairsTable, WriteGuard } from '../db/schema.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { InvalidMarker, KeypairExists, KeypairNotFound } from '../errors.js';
import type { Keypair, KeypairType } from '../models.js';
import { nowIso, toDate, toDateOrNull } from './row-values.js';

/** What creating a keypair takes; generate or parse the key with keypair-crypto first. */
export interface CreateKeypairInput {
  readonly name: string;
  readonly userId: string;
  readonly projectId?: string | null;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly type?: KeypairType;
}

/** `GET /os-keypairs` paging: by name, ascending. */
export interface ListKeypairsOptions {
  readonly limit?: number;
  /** The name of the last keypair of the previous page. */
  readonly marker?: string;
}

/** The `keypairs` table. */
export class KeypairRepository {
  constructor(private readonly database: ComputeDatabase) {}

  /**
   * Stores a keypair, after `guard` (the key_pairs quota) passed in the same transaction;
   * `KeypairExists` when the user has a live one of that name.
   */
  async create(input: CreateKeypairInput, guard?: WriteGuard): Promise<Keypair> {
    try {
      // Without a guard the INSERT is a transaction of its own.
      if (!guard) return await insertKeypair(this.database.db, input);
      return await this.database.db.transaction().execute(async (trx) => {
        await guard(trx);
        return insertKeypair(trx, input);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new KeypairExists(input.name, { cause: error });
      throw error;
    }
  }

  /** The user's live keypairs ordered by name; an unknown marker is `InvalidMarker`. */
  async list(userId: string, options: ListKeypairsOptions = {}): Promise<Keypair[]> {
    let query = this.live(userId);
    if (options.marker !== undefined) {
      const marker = await this.live(userId).where('name', '=', options.marker).executeTakeFirst();
      if (!marker) throw new InvalidMarker(options.marker);
      query = query.where('name', '>', marker.name);
    }
    query = query.orderBy('name').orderBy('id');
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.execute()).map(toKeypair);
  }

  /** The user's live keypair of this name; else `KeypairNotFound`. */
  async get(userId: string, name: string): Promise<Keypair> {
    const row = await this.live(userId).where('name', '=', name).executeTakeFirst();
    if (!row) throw new KeypairNotFound(name, userId);
    return toKeypair(row);
  }

  /** Soft-deletes the user's keypair of this name; `KeypairNotFound` when there is none. */
  async delete(userId: string, name: string): Promise<void> {
    const now = nowIso();
    const result = await this.database.db
      .updateTable('keypairs')
      .set({ deleted: 1, deleted_at: now, updated_at: now })
      .where('user_id', '=', userId)
      .where('name', '=', name)
      .where('deleted', '=', 0)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new KeypairNotFound(name, userId);
  }

  private live(userId: string) {
    return this.database.db
      .selectFrom('keypairs')
      .selectAll()
      .where('user_id', '=', userId)
      .where('deleted', '=', 0);
  }
}

async function insertKeypair(
  db: Kysely<ComputeTables>,
  input: CreateKeypairInput
): Promise<Keypair> {
  const row = await db
    .insertInto('keypairs')
    .values({
      name: input.name,
      user_id: input.userId,
      project_id: input.projectId ?? null,
      public_key: input.publicKey,
      fingerprint: input.fingerprint,
      type: input.type ?? 'ssh',
      created_at: nowIso()
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toKeypair(row);
}

function toKeypair(row: Selectable<KeypairsTable>): Keypair {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    projectId: row.project_id,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    type: row.type as KeypairType,
    createdAt: toDate(row.created_at),
    updatedAt: toDateOrNull(row.updated_at),
    deletedAt: toDateOrNull(row.deleted_at),
    deleted: row.deleted !== 0
  };
}
