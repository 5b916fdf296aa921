/**
 * Reads on a SQLite file whose write lock another worker holds past busy_timeout: every read
 * path of the repositories answers as without the lock (WAL readers never wait for a
 * writer), none waits for the lock or fails with COMPUTE_DATABASE_BUSY.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { loadConfig } from '../../../core/host.js';
import { quotaDefaults } from '../../../extensions/compute/index.js';
import {
  FlavorRepository,
  ImageRepository,
  KeypairRepository,
  openDatabase,
  QuotaRepository,
  ServerMetadataRepository,
  ServerRepository,
  type ComputeDatabase
} from '../../../extensions/compute/storage.js';
import { givenScope } from './given-database.js';
import { givenServerInput } from './given-server.js';

const QUOTA_DEFAULTS = quotaDefaults(loadConfig({ env: {} }));

describe('reads while another worker holds the SQLite write lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-compute-read-lock-'));
  const file = join(dir, 'compute.db');
  const scope = givenScope();
  let database: ComputeDatabase;
  let holder: Sqlite.Database;
  let serverId: string;

  before(async () => {
    database = await openDatabase(`sqlite:${file}`, { migrate: true, busyTimeoutMs: 50 });
    const server = await new ServerRepository(database).create(
      givenServerInput(scope, { metadata: { a: '1' } })
    );
    serverId = server.id;
    await new FlavorRepository(database).setExtraSpecs('1', { 'hw:cpu_policy': 'shared' });
    holder = new Sqlite(file);
  });
  after(async () => {
    holder?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `read` while `holder` holds the write lock (a long transaction of another worker). */
  async function whileLocked<T>(read: () => Promise<T>): Promise<T> {
    holder.exec('begin immediate');
    try {
      return await read();
    } finally {
      holder.exec('rollback');
    }
  }

  test("reads a flavor's extra specs, one of them, and refuses an unknown flavor", async () => {
    const flavors = new FlavorRepository(database);
    await whileLocked(async () => {
      assert.deepEqual({ ...(await flavors.getExtraSpecs('1')) }, { 'hw:cpu_policy': 'shared' });
      assert.equal(await flavors.getExtraSpec('1', 'hw:cpu_policy'), 'shared');
      assert.deepEqual({ ...(await flavors.getExtraSpecs('2')) }, {});
      await assert.rejects(flavors.getExtraSpecs('nope'), { code: 'COMPUTE_FLAVOR_NOT_FOUND' });
    });
  });

  test("reads a server's metadata and one item, and refuses an unknown server", async () => {
    const metadata = new ServerMetadataRepository(database);
    await whileLocked(async () => {
      assert.deepEqual({ ...(await metadata.getAll(serverId, scope)) }, { a: '1' });
      assert.equal(await metadata.getItem(serverId, scope, 'a'), '1');
      await assert.rejects(metadata.getItem(serverId, scope, 'b'), {
        code: 'COMPUTE_METADATA_ITEM_NOT_FOUND'
      });
      await assert.rejects(metadata.getAll('nope', scope), { code: 'COMPUTE_SERVER_NOT_FOUND' });
    });
  });

  test('reads servers, flavors, images, key pairs, limits and usage', async () => {
    const servers = new ServerRepository(database);
    const quotas = new QuotaRepository(database, QUOTA_DEFAULTS, 10);
    await whileLocked(async () => {
      assert.equal((await servers.get(serverId, scope)).id, serverId);
      assert.deepEqual(
        (await servers.list(scope)).map((server) => server.id),
        [serverId]
      );
      assert.equal((await new FlavorRepository(database).list({ isAdmin: false })).length, 5);
      assert.ok((await new ImageRepository(database).list()).length > 0);
      assert.deepEqual(await new KeypairRepository(database).list(scope.userId), []);
      assert.deepEqual(await quotas.limits(scope.projectId), QUOTA_DEFAULTS);
      assert.equal((await quotas.usage(scope.projectId, scope.userId)).instances, 1);
    });
  });
});
