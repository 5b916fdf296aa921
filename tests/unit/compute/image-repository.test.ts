import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CATALOGUE_IMAGES, ImageRepository } from '../../../extensions/compute/storage.js';
import { BACKENDS, type GivenDatabase } from './given-database.js';

const [CIRROS, UBUNTU, DEBIAN] = CATALOGUE_IMAGES;

for (const backend of BACKENDS) {
  describe(`ImageRepository on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let images: ImageRepository;
    before(async () => {
      given = await backend.givenDatabase();
      images = new ImageRepository(given.database);
    });
    after(() => given?.cleanup());

    test('gets the seeded cirros image with its sizes and metadata', async () => {
      const image = await images.get(CIRROS.id);
      assert.equal(image.name, 'cirros-0.6.2-x86_64-disk');
      assert.equal(image.status, 'ACTIVE');
      assert.equal(image.minDisk, 0);
      assert.equal(image.size, CIRROS.size);
      assert.deepEqual(image.metadata, CIRROS.metadata);
      assert.equal(image.createdAt.toISOString(), CIRROS.created_at);
      await assert.rejects(images.get('nope'), {
        code: 'COMPUTE_IMAGE_NOT_FOUND',
        statusCode: 404
      });
    });

    test('lists newest first and pages with a marker', async () => {
      const ids = async (...args: Parameters<ImageRepository['list']>) =>
        (await images.list(...args)).map((image) => image.id);
      assert.deepEqual(await ids(), [DEBIAN.id, CIRROS.id, UBUNTU.id]);
      assert.deepEqual(await ids({ marker: DEBIAN.id, limit: 1 }), [CIRROS.id]);
      await assert.rejects(images.list({ marker: 'nope' }), { code: 'COMPUTE_INVALID_MARKER' });
    });

    test('filters by exact name and by status', async () => {
      assert.deepEqual(
        (await images.list({ name: 'cirros-0.6.2-x86_64-disk' })).map((image) => image.id),
        [CIRROS.id]
      );
      assert.deepEqual(await images.list({ name: 'cirros' }), []);
      assert.equal((await images.list({ status: 'active' })).length, CATALOGUE_IMAGES.length);
    });
  });
}
