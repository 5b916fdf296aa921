import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ComputeServices,
  type ComputeBackend,
  type Scope
} from '../../extensions/compute/index.js';
import { CATALOGUE_IMAGES } from '../../extensions/compute/storage.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const USER1: Scope = { projectId: 'project1', userId: 'user1', isAdmin: false, allTenants: false };
const USER3: Scope = { projectId: 'project2', userId: 'user3', isAdmin: false, allTenants: false };

let host: TestHost;
let backend: ComputeBackend;
before(async () => {
  host = await givenTestHost();
  backend = await host.host.container.resolve(ComputeServices).backend();
});
after(() => host.close());

/** An ACTIVE server of `scope` booted through the compute library, with `metadata`. */
async function givenServer(
  scope: Scope = USER1,
  metadata: Record<string, string> = {}
): Promise<string> {
  const server = await backend.compute.boot(
    {
      name: 'meta-server',
      projectId: scope.projectId,
      userId: scope.userId,
      imageRef: CATALOGUE_IMAGES[0].id,
      flavorId: '1',
      metadata
    },
    scope
  );
  return server.id;
}

function metadataPath(serverId: string, key?: string): string {
  return `/v2.1/servers/${serverId}/metadata${key === undefined ? '' : `/${key}`}`;
}

describe('/servers/{server_id}/metadata', () => {
  test("lists the server's metadata", async () => {
    const id = await givenServer(USER1, { role: 'web', tier: 'front' });
    const reply = await host.call('GET', metadataPath(id));
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { metadata: { role: 'web', tier: 'front' } });
  });

  test('merges with POST and replaces with PUT', async () => {
    const id = await givenServer(USER1, { a: '1', b: '2' });
    const merged = await host.call('POST', metadataPath(id), {
      body: { metadata: { b: 'two', c: '3' } }
    });
    assert.equal(merged.status, 200);
    assert.deepEqual(merged.body, { metadata: { a: '1', b: 'two', c: '3' } });
    const replaced = await host.call('PUT', metadataPath(id), { body: { metadata: { d: '4' } } });
    assert.equal(replaced.status, 200);
    assert.deepEqual(replaced.body, { metadata: { d: '4' } });
    const cleared = await host.call('PUT', metadataPath(id), { body: { metadata: {} } });
    assert.deepEqual(cleared.body, { metadata: {} });
    assert.deepEqual((await host.call('GET', metadataPath(id))).body, { metadata: {} });
  });

  test('serves the project-id form of the path', async () => {
    const id = await givenServer(USER1, { here: 'yes' });
    const reply = await host.call('GET', `/v2.1/project1/servers/${id}/metadata/here`);
    assert.deepEqual(reply.body, { meta: { here: 'yes' } });
  });

  test('validates keys and values as nova does', async () => {
    const id = await givenServer();
    const bodies = [
      { metadata: { 'bad/key': 'x' } },
      { metadata: { '': 'x' } },
      { metadata: { key: 'v'.repeat(256) } },
      { metadata: { key: 1 } },
      { metadata: 'flat' },
      { meta: { key: 'x' } }
    ];
    for (const body of bodies) {
      const reply = await host.call('POST', metadataPath(id), { body });
      assert.equal(reply.status, 400, JSON.stringify(body));
    }
    const spacey = await host.call('POST', metadataPath(id), {
      body: { metadata: { 'Key-1_a:b. c': 'v'.repeat(255), ['k'.repeat(255)]: '' } }
    });
    assert.equal(spacey.status, 200);
  });
});

describe('/servers/{server_id}/metadata/{key}', () => {
  test('shows one item as {"meta": {key: value}}, 404 when absent', async () => {
    const id = await givenServer(USER1, { colour: 'blue' });
    const reply = await host.call('GET', metadataPath(id, 'colour'));
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { meta: { colour: 'blue' } });
    const missing = await host.call('GET', metadataPath(id, 'size'));
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, {
      itemNotFound: { code: 404, message: 'Metadata item was not found' }
    });
  });

  test('sets one item with PUT', async () => {
    const id = await givenServer(USER1, { colour: 'blue' });
    const reply = await host.call('PUT', metadataPath(id, 'size'), {
      body: { meta: { size: 'large' } }
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { meta: { size: 'large' } });
    const all = await host.call('GET', metadataPath(id));
    assert.deepEqual(all.body, { metadata: { colour: 'blue', size: 'large' } });
  });

  test('answers 400 "Request body and URI mismatch" when the body names another key', async () => {
    const id = await givenServer();
    const reply = await host.call('PUT', metadataPath(id, 'size'), {
      body: { meta: { colour: 'red' } }
    });
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.body, {
      badRequest: { code: 400, message: 'Request body and URI mismatch' }
    });
  });

  test('refuses a PUT body with no item or more than one', async () => {
    const id = await givenServer();
    for (const meta of [{}, { size: 'a', colour: 'b' }]) {
      const reply = await host.call('PUT', metadataPath(id, 'size'), { body: { meta } });
      assert.equal(reply.status, 400);
      assert.match(reply.body.badRequest.message, /^Invalid input for field\/attribute meta\./);
    }
  });

  test('deletes one item with 204, then 404', async () => {
    const id = await givenServer(USER1, { colour: 'blue', size: 'large' });
    const reply = await host.call('DELETE', metadataPath(id, 'colour'));
    assert.equal(reply.status, 204);
    assert.equal(reply.text, '');
    assert.deepEqual((await host.call('GET', metadataPath(id))).body, {
      metadata: { size: 'large' }
    });
    const again = await host.call('DELETE', metadataPath(id, 'colour'));
    assert.equal(again.status, 404);
    assert.equal(again.body.itemNotFound.message, 'Metadata item was not found');
  });
});

describe('which server', () => {
  test("answers 404 for another project's server on every route", async () => {
    const id = await givenServer(USER3, { owner: 'project2' });
    const message = `Instance ${id} could not be found.`;
    const calls: [string, string, unknown][] = [
      ['GET', metadataPath(id), undefined],
      ['POST', metadataPath(id), { metadata: { a: 'b' } }],
      ['PUT', metadataPath(id), { metadata: {} }],
      ['GET', metadataPath(id, 'owner'), undefined],
      ['PUT', metadataPath(id, 'owner'), { meta: { owner: 'me' } }],
      ['DELETE', metadataPath(id, 'owner'), undefined]
    ];
    for (const [method, path, body] of calls) {
      const reply = await host.call(method, path, body === undefined ? {} : { body });
      assert.equal(reply.status, 404, `${method} ${path}`);
      assert.deepEqual(reply.body, { itemNotFound: { code: 404, message } });
    }
    const untouched = await backend.metadata.getAll(id, USER3);
    assert.deepEqual({ ...untouched }, { owner: 'project2' });
  });

  test('answers 404 for a server that does not exist', async () => {
    const reply = await host.call('GET', metadataPath('00000000-0000-0000-0000-000000000000'));
    assert.equal(reply.status, 404);
    assert.equal(
      reply.body.itemNotFound.message,
      'Instance 00000000-0000-0000-0000-000000000000 could not be found.'
    );
  });

  test("lets an administrator reach another project's server", async () => {
    const id = await givenServer(USER3, { owner: 'project2' });
    const reply = await host.call('POST', metadataPath(id), {
      token: 'admin:project1',
      body: { metadata: { audited: 'yes' } }
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { metadata: { audited: 'yes', owner: 'project2' } });
  });
});

describe('server state', () => {
  test('answers 409 "Instance X is locked" to a non-administrator writing a locked server', async () => {
    const id = await givenServer(USER1, { a: '1' });
    await backend.compute.lock(id, USER1);
    const write = await host.call('POST', metadataPath(id), { body: { metadata: { b: '2' } } });
    assert.equal(write.status, 409);
    assert.deepEqual(write.body, {
      conflictingRequest: { code: 409, message: `Instance ${id} is locked` }
    });
    const remove = await host.call('DELETE', metadataPath(id, 'a'));
    assert.equal(remove.status, 409);
    const read = await host.call('GET', metadataPath(id));
    assert.equal(read.status, 200);
    const admin = await host.call('PUT', metadataPath(id, 'b'), {
      token: 'admin:project1',
      body: { meta: { b: '2' } }
    });
    assert.equal(admin.status, 200);
  });

  test('answers 409 while the server is still building', async () => {
    const server = await backend.servers.create({
      name: 'building',
      projectId: 'project1',
      userId: 'user1',
      imageRef: CATALOGUE_IMAGES[0].id,
      flavorId: '1'
    });
    const reply = await host.call('PUT', metadataPath(server.id), { body: { metadata: {} } });
    assert.equal(reply.status, 409);
    assert.equal(
      reply.body.conflictingRequest.message,
      `Cannot 'update metadata' instance ${server.id} while it is in vm_state building`
    );
  });
});
