/**
 * Keypairs, per user: create (a name is unique among the user's live keypairs; the
 * database's partial unique index decides races), list by name with a marker, get, and
 * soft delete (the name can then be taken again). Every query is compiled once
 * (prepared-query.ts).
 */
import type { Selectable } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import { PreparedQuery, QueryShapes } from '../db/prepared-query.js';
import type { KeypairsTable } from '../db/schema.js';
import { inTransaction, statement, type WorkGuard } from '../db/transaction-work.js';
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
  async create(input: CreateKeypairInput, guard?: WorkGuard): Promise<Keypair> {
    const row = {
      name: input.name,
      userId: input.userId,
      projectId: input.projectId ?? null,
      publicKey: input.publicKey,
      fingerprint: input.fingerprint,
      type: input.type ?? 'ssh',
      now: nowIso()
    };
    try {
      // Without a guard the INSERT is a transaction of its own.
      if (!guard) return toKeypair((await INSERT.first(this.database.db, row))!);
      return await inTransaction(this.database, function* () {
        yield* guard();
        return toKeypair((yield* statement(INSERT, row)).rows[0]!);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new KeypairExists(input.name, { cause: error });
      throw error;
    }
  }

  /** The user's live keypairs ordered by name; an unknown marker is `InvalidMarker`. */
  async list(userId: string, options: ListKeypairsOptions = {}): Promise<Keypair[]> {
    const db = this.database.db;
    let after: string | undefined;
    if (options.marker !== undefined) {
      const marker = await KEYPAIR.first(db, { userId, name: options.marker });
      if (!marker) throw new InvalidMarker(options.marker);
      after = marker.name;
    }
    const shape = { after: after !== undefined, limit: options.limit !== undefined };
    const rows = await LISTINGS.of(shape).rows(db, { userId, after, limit: options.limit });
    return rows.map(toKeypair);
  }

  /** The user's live keypair of this name; else `KeypairNotFound`. */
  async get(userId: string, name: string): Promise<Keypair> {
    const row = await KEYPAIR.first(this.database.db, { userId, name });
    if (!row) throw new KeypairNotFound(name, userId);
    return toKeypair(row);
  }

  /** Soft-deletes the user's keypair of this name; `KeypairNotFound` when there is none. */
  async delete(userId: string, name: string): Promise<void> {
    const deleted = await SOFT_DELETE.affected(this.database.db, { userId, name, now: nowIso() });
    if (deleted === 0n) throw new KeypairNotFound(name, userId);
  }
}

/** The user's live keypair of a name. */
const KEYPAIR = new PreparedQuery((db, p: { userId: string; name: string }) =>
  db
    .selectFrom('keypairs')
    .selectAll()
    .where('user_id', '=', p.userId)
    .where('deleted', '=', 0)
    .where('name', '=', p.name)
);

/** What a listing's SQL depends on: whether it starts after a name, whether it is limited. */
interface ListingShape {
  readonly after: boolean;
  readonly limit: boolean;
}

/** The user's live keypairs by name (`after` one, at most `limit`). */
const LISTINGS = new QueryShapes(
  (shape: ListingShape) => `${shape.after} ${shape.limit}`,
  (shape: ListingShape) =>
    (db, p: { userId: string; after: string | undefined; limit: number | undefined }) => {
      let query = db
        .selectFrom('keypairs')
        .selectAll()
        .where('user_id', '=', p.userId)
        .where('deleted', '=', 0);
      if (shape.after) query = query.where('name', '>', p.after!);
      query = query.orderBy('name').orderBy('id');
      return shape.limit ? query.limit(p.limit!) : query;
    }
);

const INSERT = new PreparedQuery(
  (
    db,
    p: {
      name: string;
      userId: string;
      projectId: string | null;
      publicKey: string;
      fingerprint: string;
      type: string;
      now: string;
    }
  ) =>
    db
      .insertInto('keypairs')
      .values({
        name: p.name,
        user_id: p.userId,
        project_id: p.projectId,
        public_key: p.publicKey,
        fingerprint: p.fingerprint,
        type: p.type,
        created_at: p.now
      })
      .returningAll()
);

const SOFT_DELETE = new PreparedQuery((db, p: { userId: string; name: string; now: string }) =>
  db
    .updateTable('keypairs')
    .set({ deleted: 1, deleted_at: p.now, updated_at: p.now })
    .where('user_id', '=', p.userId)
    .where('name', '=', p.name)
    .where('deleted', '=', 0)
);

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
