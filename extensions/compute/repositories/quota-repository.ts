/**
 * Quotas: a project's limits (its own rows in `quotas` over the `[quota]` defaults), what it
 * uses (counted from the live rows, as nova counts since Pike: no usage table to drift), and
 * the guards a write runs first in its own transaction. A guard takes a lock that
 * serialises the writers of one project (PostgreSQL: a transaction-scoped advisory lock;
 * SQLite: every write transaction already holds the database's write lock, `BEGIN
 * IMMEDIATE`), then counts and checks, so two racing creates cannot both fit.
 */
import { sql, type Kysely } from 'kysely';
import type { ComputeDatabase } from '../db/database.js';
import type { ComputeTables, ComputeTransaction } from '../db/schema.js';
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
    const rows = await db
      .selectFrom('quotas')
      .select(['resource', 'hard_limit'])
      .where('project_id', '=', projectId)
      .execute();
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
      ...(await this.serverUsage(projectId, db)),
      key_pairs: await this.keypairs(userId, db)
    };
  }

  private async serverUsage(
    projectId: string,
    db: Kysely<ComputeTables>
  ): Promise<Pick<QuotaUsage, 'instances' | 'cores' | 'ram'>> {
    const row = await db
      .selectFrom('servers')
      .innerJoin('flavors', 'flavors.id', 'servers.flavor_id')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('instances'),
        eb.fn.coalesce(eb.fn.sum<number | string>('flavors.vcpus'), eb.lit(0)).as('cores'),
        eb.fn.coalesce(eb.fn.sum<number | string>('flavors.ram'), eb.lit(0)).as('ram')
      ])
      .where('servers.project_id', '=', projectId)
      .where('servers.deleted', '=', 0)
      .executeTakeFirstOrThrow();
    // PostgreSQL's driver reads count() and sum() (bigint, numeric) as strings.
    return { instances: Number(row.instances), cores: Number(row.cores), ram: Number(row.ram) };
  }

  private async keypairs(userId: string, db: Kysely<ComputeTables>): Promise<number> {
    const row = await db
      .selectFrom('keypairs')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('user_id', '=', userId)
      .where('deleted', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.count);
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
      await this.lock(trx, `project:${projectId}`);
      const usage = await this.serverUsage(projectId, trx);
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
        await trx
          .insertInto('quotas')
          .values({ project_id: projectId, resource, hard_limit: limit, created_at: now })
          .onConflict((conflict) =>
            conflict
              .columns(['project_id', 'resource'])
              .doUpdateSet({ hard_limit: limit, updated_at: now })
          )
          .execute();
      }
      return this.limits(projectId, trx);
    });
  }

  /** Drops the project's own limits: the defaults apply again. */
  async reset(projectId: string): Promise<void> {
    await this.database.db.deleteFrom('quotas').where('project_id', '=', projectId).execute();
  }

  /**
   * Guard of a server create, run before its rows are written: `maxCount` servers of
   * `flavor` must fit the project's instances, cores and ram, and each server's
   * `metadataItems` its metadata_items.
   */
  async checkServerCreate(
    trx: ComputeTransaction,
    projectId: string,
    request: {
      flavor: Pick<Flavor, 'vcpus' | 'ram'>;
      minCount: number;
      maxCount: number;
      metadataItems: number;
    }
  ): Promise<void> {
    await this.lock(trx, `project:${projectId}`);
    const limits = await this.limits(projectId, trx);
    assertMetadataFits(limits, request.metadataItems);
    const usage = await this.serverUsage(projectId, trx);
    assertInstancesFit(
      limits,
      { ...usage, key_pairs: 0 },
      request.flavor,
      request.minCount,
      request.maxCount
    );
  }

  /** Guard of a key pair create, run before its row is written: the user may have one more. */
  async checkKeypair(trx: ComputeTransaction, projectId: string, userId: string): Promise<void> {
    await this.lock(trx, `user:${userId}`);
    const limits = await this.limits(projectId, trx);
    assertKeypairFits(limits, await this.keypairs(userId, trx));
  }

  /**
   * Guard of a metadata write, run after it: the server of `projectId` may not hold more
   * items than its project's metadata_items. Counting after the lock sees every write that
   * committed before, so two racing writers cannot both pass.
   */
  async checkMetadata(trx: ComputeTransaction, projectId: string, serverId: string): Promise<void> {
    await this.lock(trx, `server:${serverId}`);
    const row = await trx
      .selectFrom('server_metadata')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('server_id', '=', serverId)
      .executeTakeFirstOrThrow();
    assertMetadataFits(await this.limits(projectId, trx), Number(row.count));
  }

  private async lock(trx: ComputeTransaction, key: string): Promise<void> {
    if (this.database.dialect !== 'postgres') return;
    await sql`select pg_advisory_xact_lock(hashtext(${`wharf-quota:${key}`}))`.execute(trx);
  }
}
