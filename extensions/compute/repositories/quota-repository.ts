/**
 * Quotas: a project's limits (its own rows in `quotas` over the `[quota]` defaults), what it
 * uses (its servers' instances, cores and RAM from its `project_usage` row, kept by every
 * create and delete: project-usage.ts; key pairs and metadata items counted from the live
 * rows), and the guards a write runs first in its own transaction. A guard serialises the
 * writers of what it checks before it counts: a server create and a limit update lock the
 * project's usage row (the upsert of project-usage.ts), a key pair or metadata write takes
 * a transaction-scoped advisory lock (PostgreSQL; on SQLite every write transaction already
 * holds the database's write lock, `BEGIN IMMEDIATE`), so two racing creates cannot both fit.
 */
import { sql, type Kysely } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import type { ComputeTables } from '../db/schema.js';
import type { Flavor } from '../models.js';
import {
  assertInstancesFit,
  assertKeypairFits,
  assertLimitSettable,
  assertMetadataFits,
  isQuotaResource,
  type QuotaLimits,
  type QuotaResource,
  type QuotaUsage
} from '../quotas.js';
import { PreparedQuery } from '../db/prepared-query.js';
import { statement, type Work } from '../db/transaction-work.js';
import { lockServerUsage, readServerUsage, serverUsage } from './project-usage.js';
import { nowIso } from './row-values.js';

/** The `quotas` table, the counts behind usage, and the write guards. */
export class QuotaRepository {
  /**
   * @param database the compute database
   * @param defaults the limits of a project without rows of its own (`[quota]`)
   * @param maxServersPerRequest the most servers one create may boot, whatever the quota
   */
  constructor(
    private readonly database: ComputeDatabase,
    readonly defaults: QuotaLimits,
    readonly maxServersPerRequest: number
  ) {}

  /** The project's limits: its own where set, else the defaults. */
  async limits(
    projectId: string,
    db: Kysely<ComputeTables> = this.database.db
  ): Promise<QuotaLimits> {
    return this.limitsOf(await QUOTA_ROWS.rows(db, { projectId }));
  }

  /** The limits of a project whose own rows are `rows`. */
  private limitsOf(rows: readonly { resource: string; hard_limit: number }[]): QuotaLimits {
    const limits: Record<QuotaResource, number> = { ...this.defaults };
    for (const row of rows) {
      if (isQuotaResource(row.resource)) limits[row.resource] = row.hard_limit;
    }
    return limits;
  }

  /** The project's live servers, their vcpus and RAM, and the user's live key pairs. */
  async usage(
    projectId: string,
    userId: string,
    db: Kysely<ComputeTables> = this.database.db
  ): Promise<QuotaUsage> {
    return {
      ...(await readServerUsage(db, projectId)),
      key_pairs: await this.keypairs(userId, db)
    };
  }

  private async keypairs(userId: string, db: Kysely<ComputeTables>): Promise<number> {
    const row = await KEYPAIR_COUNT.first(db, { userId });
    return Number(row!.count);
  }

  /**
   * Sets the project's own limits, after nova's check that none is below what the project
   * uses (skipped with `force`); returns the limits now in force. One transaction.
   */
  async update(
    projectId: string,
    values: Partial<QuotaLimits>,
    force: boolean
  ): Promise<QuotaLimits> {
    return this.database.db.transaction().execute(async (trx) => {
      // A create of the project waits for this update, then reads the limits it set.
      const usage = await lockServerUsage(trx, projectId);
      const entries = Object.entries(values) as [QuotaResource, number][];
      if (!force) {
        for (const [resource, limit] of entries) {
          // Only servers, their cores and RAM count per project; the rest have no minimum.
          const used = resource in usage ? usage[resource as keyof typeof usage] : 0;
          assertLimitSettable(resource, limit, used);
        }
      }
      const now = nowIso();
      for (const [resource, limit] of entries) {
        await SET_LIMIT.run(trx, { projectId, resource, limit, now });
      }
      return this.limits(projectId, trx);
    });
  }

  /** Drops the project's own limits: the defaults apply again. */
  async reset(projectId: string): Promise<void> {
    await RESET_LIMITS.run(this.database.db, { projectId });
  }

  /**
   * Guard of a server create (a transaction's body: transaction-work.ts), run in its
   * transaction once the servers' usage is added to the project's
   * (`ServerRepository.createMany`, which locks the usage row first: the limits read here
   * are the ones in force once every racing create or limit update of the project
   * committed): the project's usage before, plus `maxCount` servers of `flavor`, must fit
   * its instances, cores and ram, and each server's `metadataItems` its metadata_items. A
   * refusal throws, and the rollback takes the addition back.
   */
  *checkServerCreate(
    projectId: string,
    request: {
      flavor: Pick<Flavor, 'vcpus' | 'ram'>;
      minCount: number;
      maxCount: number;
      metadataItems: number;
    }
  ): Work<void> {
    const { flavor, maxCount } = request;
    const limits = this.limitsOf((yield* statement(QUOTA_ROWS, { projectId })).rows);
    assertMetadataFits(limits, request.metadataItems);
    const after = yield* serverUsage(projectId);
    const before = {
      instances: after.instances - maxCount,
      cores: after.cores - maxCount * flavor.vcpus,
      ram: after.ram - maxCount * flavor.ram,
      key_pairs: 0
    };
    assertInstancesFit(limits, before, flavor, request.minCount, maxCount);
  }

  /**
   * Guard of a key pair create (a transaction's body), run before its row is written: the
   * user may have one more.
   */
  *checkKeypair(projectId: string, userId: string): Work<void> {
    yield* this.lock(`user:${userId}`);
    const limits = this.limitsOf((yield* statement(QUOTA_ROWS, { projectId })).rows);
    const { rows } = yield* statement(KEYPAIR_COUNT, { userId });
    assertKeypairFits(limits, Number(rows[0]!.count));
  }

  /**
   * Guard of a metadata write (a transaction's body), run after it: the server of
   * `projectId` may not hold more items than its project's metadata_items. Counting after
   * the lock sees every write that committed before, so two racing writers cannot both pass.
   */
  *checkMetadata(projectId: string, serverId: string): Work<void> {
    yield* this.lock(`server:${serverId}`);
    const { rows } = yield* statement(METADATA_COUNT, { serverId });
    const limits = this.limitsOf((yield* statement(QUOTA_ROWS, { projectId })).rows);
    assertMetadataFits(limits, Number(rows[0]!.count));
  }

  private *lock(key: string): Work<void> {
    if (this.database.dialect !== 'postgres') return;
    yield* statement(ADVISORY_LOCK, { key: `wharf-quota:${key}` });
  }
}

const QUOTA_ROWS = new PreparedQuery((db, p: { projectId: string }) =>
  db.selectFrom('quotas').select(['resource', 'hard_limit']).where('project_id', '=', p.projectId)
);

const KEYPAIR_COUNT = new PreparedQuery((db, p: { userId: string }) =>
  db
    .selectFrom('keypairs')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('user_id', '=', p.userId)
    .where('deleted', '=', 0)
);

const METADATA_COUNT = new PreparedQuery((db, p: { serverId: string }) =>
  db
    .selectFrom('server_metadata')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('server_id', '=', p.serverId)
);

const SET_LIMIT = new PreparedQuery(
  (db, p: { projectId: string; resource: string; limit: number; now: string }) =>
    db
      .insertInto('quotas')
      .values({
        project_id: p.projectId,
        resource: p.resource,
        hard_limit: p.limit,
        created_at: p.now
      })
      .onConflict((conflict) =>
        conflict
          .columns(['project_id', 'resource'])
          .doUpdateSet({ hard_limit: p.limit, updated_at: p.now })
      )
);

const RESET_LIMITS = new PreparedQuery((db, p: { projectId: string }) =>
  db.deleteFrom('quotas').where('project_id', '=', p.projectId)
);

const ADVISORY_LOCK = new PreparedQuery((db, p: { key: string }) =>
  db.selectNoFrom(sql<string>`pg_advisory_xact_lock(hashtext(${p.key}))`.as('locked'))
);
