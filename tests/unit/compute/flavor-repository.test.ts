import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FlavorRepository } from '../../../extensions/compute/storage.js';
import { BACKENDS, type GivenDatabase } from './given-database.js';

const USER = { isAdmin: false };
const ADMIN = { isAdmin: true };

for (const backend of BACKENDS) {
  describe(`FlavorRepository on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let flavors: FlavorRepository;
    before(async () => {
      given = await backend.givenDatabase();
      flavors = new FlavorRepository(given.database);
      const extra = { swap: 0, ephemeral: 0, rxtx_factor: 1, created_at: new Date().toISOString() };
      // Both rows name every column: SQLite has no DEFAULT in a multi-row VALUES list.
      await given.database.db
        .insertInto('flavors')
        .values([
          {
            ...extra,
            id: 'private',
            name: 'p1.secret',
            ram: 1024,
            vcpus: 1,
            disk: 10,
            is_public: 0,
            disabled: 0
          },
          {
            ...extra,
            id: 'retired',
            name: 'r1.old',
            ram: 256,
            vcpus: 1,
            disk: 1,
            is_public: 1,
            disabled: 1
          }
        ])
        .execute();
    });
    after(() => given?.cleanup());

    const ids = async (...args: Parameters<FlavorRepository['list']>) =>
      (await flavors.list(...args)).map((flavor) => flavor.id);

    test("gets m1.tiny with nova's default sizes", async () => {
      assert.deepEqual(await flavors.get('1'), {
        id: '1',
        name: 'm1.tiny',
        ram: 512,
        vcpus: 1,
        disk: 1,
        swap: 0,
        ephemeral: 0,
        rxtxFactor: 1,
        isPublic: true,
        disabled: false
      });
      await assert.rejects(flavors.get('nope'), {
        code: 'COMPUTE_FLAVOR_NOT_FOUND',
        statusCode: 404
      });
    });

    test('shows a non-admin public, enabled flavors whatever it asks for', async () => {
      const expected = ['1', '2', '3', '4', '5'];
      assert.deepEqual(await ids(USER), expected);
      assert.deepEqual(await ids(USER, { isPublic: null }), expected);
      assert.deepEqual(await ids(USER, { isPublic: false }), expected);
    });

    test('shows an admin public flavors by default, private ones or all on request', async () => {
      assert.deepEqual(await ids(ADMIN), ['1', '2', '3', '4', '5', 'retired']);
      assert.deepEqual(await ids(ADMIN, { isPublic: false }), ['private']);
      assert.deepEqual(await ids(ADMIN, { isPublic: null }), [
        '1',
        '2',
        '3',
        '4',
        '5',
        'private',
        'retired'
      ]);
    });

    test('filters by minimum RAM and disk and pages with a marker', async () => {
      assert.deepEqual(await ids(USER, { minRam: 4096 }), ['3', '4', '5']);
      assert.deepEqual(await ids(USER, { minDisk: 80 }), ['4', '5']);
      assert.deepEqual(await ids(USER, { marker: '2', limit: 2 }), ['3', '4']);
      await assert.rejects(flavors.list(USER, { marker: 'nope' }), {
        code: 'COMPUTE_INVALID_MARKER'
      });
    });

    test('sets, reads and deletes extra specs', async () => {
      assert.deepEqual({ ...(await flavors.getExtraSpecs('2')) }, {});
      assert.deepEqual(
        { ...(await flavors.setExtraSpecs('2', { 'hw:cpu_policy': 'shared', a: '1' })) },
        {
          a: '1',
          'hw:cpu_policy': 'shared'
        }
      );
      assert.deepEqual(
        { ...(await flavors.setExtraSpecs('2', { a: '2' })) },
        {
          a: '2',
          'hw:cpu_policy': 'shared'
        }
      );
      assert.equal(await flavors.getExtraSpec('2', 'a'), '2');
      await flavors.deleteExtraSpec('2', 'a');
      const missing = { code: 'COMPUTE_FLAVOR_EXTRA_SPEC_NOT_FOUND', statusCode: 404 };
      await assert.rejects(flavors.getExtraSpec('2', 'a'), missing);
      await assert.rejects(flavors.deleteExtraSpec('2', 'a'), missing);
    });

    test('refuses extra specs of an unknown flavor with COMPUTE_FLAVOR_NOT_FOUND', async () => {
      await assert.rejects(flavors.getExtraSpecs('nope'), { code: 'COMPUTE_FLAVOR_NOT_FOUND' });
      await assert.rejects(flavors.setExtraSpecs('nope', { a: '1' }), {
        code: 'COMPUTE_FLAVOR_NOT_FOUND'
      });
    });
  });
}
