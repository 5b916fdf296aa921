import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Scope } from '../../../extensions/compute/index.js';
import { ServerMetadataRepository, ServerRepository } from '../../../extensions/compute/storage.js';
import { BACKENDS, givenAdmin, givenScope, type GivenDatabase } from './given-database.js';
import { givenServerInput } from './given-server.js';

for (const backend of BACKENDS) {
  describe(`ServerMetadataRepository on ${backend.name}`, { skip: backend.skip }, () => {
    let given: GivenDatabase;
    let servers: ServerRepository;
    let metadata: ServerMetadataRepository;
    before(async () => {
      given = await backend.givenDatabase();
      servers = new ServerRepository(given.database);
      metadata = new ServerMetadataRepository(given.database);
    });
    after(() => given?.cleanup());

    async function givenServerWith(items: Record<string, string>) {
      const scope = givenScope();
      const server = await servers.create(givenServerInput(scope, { metadata: items }));
      return { scope, id: server.id };
    }

    test('reads every item of a server', async () => {
      const { scope, id } = await givenServerWith({ a: '1', b: '2' });
      assert.deepEqual({ ...(await metadata.getAll(id, scope)) }, { a: '1', b: '2' });
    });

    test('merges on POST: overwrites given keys and keeps the others', async () => {
      const { scope, id } = await givenServerWith({ a: '1', b: '2' });
      assert.deepEqual(
        { ...(await metadata.merge(id, scope, { b: 'two', c: '3' })) },
        {
          a: '1',
          b: 'two',
          c: '3'
        }
      );
    });

    test('replaces on PUT: the given items become the only ones', async () => {
      const { scope, id } = await givenServerWith({ a: '1', b: '2' });
      assert.deepEqual(
        { ...(await metadata.replace(id, scope, { b: 'two', c: '3' })) },
        {
          b: 'two',
          c: '3'
        }
      );
      assert.deepEqual({ ...(await metadata.replace(id, scope, {})) }, {});
    });

    test('gets, sets and deletes one item', async () => {
      const { scope, id } = await givenServerWith({ a: '1' });
      assert.equal(await metadata.getItem(id, scope, 'a'), '1');
      await metadata.setItem(id, scope, 'a', 'one');
      await metadata.setItem(id, scope, 'b', '2');
      assert.deepEqual({ ...(await metadata.getAll(id, scope)) }, { a: 'one', b: '2' });
      await metadata.deleteItem(id, scope, 'a');
      assert.deepEqual({ ...(await metadata.getAll(id, scope)) }, { b: '2' });
    });

    test('reports a missing item with COMPUTE_METADATA_ITEM_NOT_FOUND', async () => {
      const { scope, id } = await givenServerWith({});
      const missing = { code: 'COMPUTE_METADATA_ITEM_NOT_FOUND', statusCode: 404 };
      await assert.rejects(metadata.getItem(id, scope, 'nope'), missing);
      await assert.rejects(metadata.deleteItem(id, scope, 'nope'), missing);
    });

    test("refuses another project's or a deleted server with COMPUTE_SERVER_NOT_FOUND", async () => {
      const { scope, id } = await givenServerWith({ a: '1' });
      const notFound = { code: 'COMPUTE_SERVER_NOT_FOUND' };
      const stranger: Scope = givenScope();
      await assert.rejects(metadata.getAll(id, stranger), notFound);
      await assert.rejects(metadata.setItem(id, stranger, 'a', 'x'), notFound);
      assert.deepEqual({ ...(await metadata.getAll(id, givenAdmin())) }, { a: '1' });
      await servers.softDelete(id);
      await assert.rejects(metadata.merge(id, scope, { b: '2' }), notFound);
    });

    test('rolls a failed replace back as a whole', async () => {
      const { scope, id } = await givenServerWith({ a: '1' });
      const notNull = { b: '2', c: null } as unknown as Record<string, string>;
      await assert.rejects(metadata.replace(id, scope, notNull));
      assert.deepEqual({ ...(await metadata.getAll(id, scope)) }, { a: '1' });
    });
  });
}
