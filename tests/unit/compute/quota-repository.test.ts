import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { quotaDefaults, type Scope } from '../../../extensions/compute/index.js';
import {
  KeypairRepository,
  QuotaRepository,
  ServerMetadataRepository,
  ServerRepository
} from '../../../extensions/compute/storage.js';
import { loadConfig } from '../../../core/host.js';
import { BACKENDS, givenScope, type GivenDatabase } from './given-database.js';
import { givenServerInput } from './given-server.js';

const DEFAULTS = quotaDefaults(loadConfig({ env: {} }));
/** m1.tiny, the flavor givenServerInput boots. */
const TINY = { vcpus: 1, ram: 512 };

for (const backend of BACKENDS) {
  describe(`QuotaRepository on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let quotas: QuotaRepository;
    let servers: ServerRepository;
    before(async () => {
      given = await backend.givenDatabase();
      quotas = new QuotaRepository(given.database, DEFAULTS, 1000);
      servers = new ServerRepository(given.database);
    });
    after(() => given?.cleanup());

    /** Creates `count` m1.tiny servers for `scope` through the quota guard. */
    function createGuarded(scope: Scope, count: number, metadata: Record<string, string> = {}) {
      const inputs = Array.from({ length: count }, () => givenServerInput(scope, { metadata }));
      return servers.createMany(inputs, () =>
        quotas.checkServerCreate(scope.projectId, {
          flavor: TINY,
          minCount: count,
          maxCount: count,
          metadataItems: Object.keys(metadata).length
        })
      );
    }

    test('gives a project without its own limits the defaults', async () => {
      assert.deepEqual(await quotas.limits(givenScope().projectId), DEFAULTS);
    });

    test("counts live servers, their vcpus and RAM, and a user's live key pairs", async () => {
      const scope = givenScope();
      await createGuarded(scope, 2);
      const deleted = await servers.create(givenServerInput(scope));
      await servers.softDelete(deleted.id);
      await new KeypairRepository(given.database).create({
        name: 'k',
        userId: scope.userId,
        publicKey: 'ssh-ed25519 AAAA k',
        fingerprint: 'f'
      });
      assert.deepEqual(await quotas.usage(scope.projectId, scope.userId), {
        instances: 2,
        cores: 2,
        ram: 1024,
        key_pairs: 1
      });
    });

    test("sets, overrides and resets a project's own limits", async () => {
      const { projectId } = givenScope();
      assert.equal((await quotas.update(projectId, { instances: 3 }, false)).instances, 3);
      const limits = await quotas.update(projectId, { instances: 4, server_groups: 2 }, false);
      assert.deepEqual([limits.instances, limits.server_groups, limits.cores], [4, 2, 20]);
      await quotas.reset(projectId);
      assert.deepEqual(await quotas.limits(projectId), DEFAULTS);
    });

    test('refuses a limit below usage with COMPUTE_INVALID_QUOTA_LIMIT unless forced', async () => {
      const scope = givenScope();
      await createGuarded(scope, 3);
      await assert.rejects(quotas.update(scope.projectId, { instances: 2 }, false), {
        code: 'COMPUTE_INVALID_QUOTA_LIMIT'
      });
      assert.equal((await quotas.limits(scope.projectId)).instances, DEFAULTS.instances);
      assert.equal((await quotas.update(scope.projectId, { instances: 2 }, true)).instances, 2);
    });

    test('writes no server of a batch that does not fit', async () => {
      const scope = givenScope();
      await createGuarded(scope, 9);
      await assert.rejects(createGuarded(scope, 2), {
        code: 'COMPUTE_QUOTA_EXCEEDED',
        message: 'Quota exceeded for instances: Requested 2, but already used 9 of 10 instances'
      });
      assert.equal((await servers.list(scope)).length, 9);
      assert.equal((await quotas.usage(scope.projectId, scope.userId)).instances, 9);
      await createGuarded(scope, 1);
      assert.equal((await servers.list(scope)).length, 10);
    });

    test('refuses a server with more metadata items than its project allows', async () => {
      const scope = givenScope();
      await quotas.update(scope.projectId, { metadata_items: 1 }, false);
      await assert.rejects(createGuarded(scope, 1, { a: '1', b: '2' }), {
        code: 'COMPUTE_METADATA_LIMIT_EXCEEDED'
      });
      assert.deepEqual(await servers.list(scope), []);
    });

    test('rolls back a metadata write that leaves too many items', async () => {
      const scope = givenScope();
      await quotas.update(scope.projectId, { metadata_items: 2 }, false);
      const [server] = await createGuarded(scope, 1, { a: '1' });
      const metadata = new ServerMetadataRepository(given.database);
      const guard = () => quotas.checkMetadata(scope.projectId, server!.id);
      await metadata.merge(server!.id, scope, { a: 'one', b: '2' }, guard);
      await assert.rejects(metadata.setItem(server!.id, scope, 'c', '3', guard), {
        code: 'COMPUTE_METADATA_LIMIT_EXCEEDED'
      });
      await assert.rejects(metadata.replace(server!.id, scope, { x: '1', y: '2', z: '3' }, guard), {
        code: 'COMPUTE_METADATA_LIMIT_EXCEEDED'
      });
      assert.deepEqual({ ...(await metadata.getAll(server!.id, scope)) }, { a: 'one', b: '2' });
    });

    test('refuses a key pair beyond key_pairs with nothing stored', async () => {
      const scope = givenScope();
      await quotas.update(scope.projectId, { key_pairs: 1 }, false);
      const keypairs = new KeypairRepository(given.database);
      const create = (name: string) =>
        keypairs.create(
          { name, userId: scope.userId, publicKey: 'ssh-ed25519 AAAA k', fingerprint: 'f' },
          () => quotas.checkKeypair(scope.projectId, scope.userId)
        );
      await create('first');
      await assert.rejects(create('second'), { code: 'COMPUTE_KEYPAIR_LIMIT_EXCEEDED' });
      assert.deepEqual(
        (await keypairs.list(scope.userId)).map((keypair) => keypair.name),
        ['first']
      );
    });

    for (const [limit, perCreate] of [
      [5, 3],
      [1, 1]
    ] as const) {
      test(
        `lets only what fits of racing creates through, from two connections (quota ${limit}, ${perCreate} each)`,
        {
          // Two SQLite connections of one process would block each other's event loop;
          // workers are processes, and SQLite serialises them with BEGIN IMMEDIATE.
          skip:
            backend.name === 'sqlite'
              ? 'PostgreSQL only: one process, one SQLite connection'
              : false
        },
        async () => {
          const scope = givenScope();
          await quotas.update(scope.projectId, { instances: limit }, false);
          const otherDatabase = await given.openAnother();
          const other = new QuotaRepository(otherDatabase, DEFAULTS, 1000);
          const otherServers = new ServerRepository(otherDatabase);
          const create = (repository: QuotaRepository, target: ServerRepository) =>
            target.createMany(
              Array.from({ length: perCreate }, () => givenServerInput(scope)),
              () =>
                repository.checkServerCreate(scope.projectId, {
                  flavor: TINY,
                  minCount: perCreate,
                  maxCount: perCreate,
                  metadataItems: 0
                })
            );
          const results = await Promise.allSettled([
            create(quotas, servers),
            create(other, otherServers)
          ]);
          assert.deepEqual(results.map((result) => result.status).sort(), [
            'fulfilled',
            'rejected'
          ]);
          const rejected = results.find((result) => result.status === 'rejected');
          assert.equal((rejected?.reason as { code?: string }).code, 'COMPUTE_QUOTA_EXCEEDED');
          assert.equal((await servers.list(scope)).length, perCreate);
          assert.equal((await quotas.usage(scope.projectId, scope.userId)).instances, perCreate);
        }
      );
    }
  });
}
