import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type CreateKeypairInput } from '../../../extensions/compute/index.js';
import { KeypairRepository } from '../../../extensions/compute/storage.js';
import { BACKENDS, type GivenDatabase } from './given-database.js';

function givenKeypairInput(overrides: Partial<CreateKeypairInput> = {}): CreateKeypairInput {
  return {
    name: 'key',
    userId: `user-${randomUUID()}`,
    projectId: 'project',
    publicKey: 'ssh-ed25519 AAAA test',
    fingerprint: '00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff',
    ...overrides
  };
}

for (const backend of BACKENDS) {
  describe(`KeypairRepository on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let keypairs: KeypairRepository;
    before(async () => {
      given = await backend.givenDatabase();
      keypairs = new KeypairRepository(given.database);
    });
    after(() => given?.cleanup());

    test('creates a keypair and gets it back by user and name', async () => {
      const input = givenKeypairInput();
      const created = await keypairs.create(input);
      assert.equal(typeof created.id, 'number');
      assert.equal(created.type, 'ssh');
      assert.equal(created.deleted, false);
      assert.ok(created.createdAt instanceof Date);
      assert.deepEqual(await keypairs.get(input.userId, 'key'), created);
    });

    test('refuses a second keypair of the same name for one user with COMPUTE_KEYPAIR_EXISTS', async () => {
      const input = givenKeypairInput();
      await keypairs.create(input);
      await assert.rejects(keypairs.create(input), {
        code: 'COMPUTE_KEYPAIR_EXISTS',
        statusCode: 409
      });
      await keypairs.create({ ...input, userId: `user-${randomUUID()}` });
    });

    test('lets exactly one of two concurrent creates of one name win', async () => {
      const input = givenKeypairInput();
      const other = new KeypairRepository(await given.openAnother());
      const results = await Promise.allSettled([keypairs.create(input), other.create(input)]);
      assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
      const rejected = results.find((result) => result.status === 'rejected');
      assert.equal((rejected?.reason as { code?: string }).code, 'COMPUTE_KEYPAIR_EXISTS');
    });

    test("lists a user's keypairs by name and pages with a marker", async () => {
      const userId = `user-${randomUUID()}`;
      for (const name of ['c', 'a', 'b'])
        await keypairs.create(givenKeypairInput({ userId, name }));
      assert.deepEqual(
        (await keypairs.list(userId)).map((keypair) => keypair.name),
        ['a', 'b', 'c']
      );
      const page = await keypairs.list(userId, { marker: 'a', limit: 1 });
      assert.deepEqual(
        page.map((keypair) => keypair.name),
        ['b']
      );
      await assert.rejects(keypairs.list(userId, { marker: 'zzz' }), {
        code: 'COMPUTE_INVALID_MARKER'
      });
    });

    test('deletes a keypair, after which its name is free again', async () => {
      const input = givenKeypairInput();
      await keypairs.create(input);
      await keypairs.delete(input.userId, input.name);
      const notFound = { code: 'COMPUTE_KEYPAIR_NOT_FOUND', statusCode: 404 };
      await assert.rejects(keypairs.get(input.userId, input.name), notFound);
      await assert.rejects(keypairs.delete(input.userId, input.name), notFound);
      assert.deepEqual(await keypairs.list(input.userId), []);
      const again = await keypairs.create({ ...input, type: 'x509' });
      assert.equal(again.type, 'x509');
    });
  });
}
