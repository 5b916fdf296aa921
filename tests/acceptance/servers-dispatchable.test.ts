/**
 * The bundled servers controller: its helpers (`find`, `list`, `boot`) are no handlers. A
 * collection that inherits `servers` without a controller of its own is served by the
 * servers controller and names those helpers in its routes; they answer 404 and are never
 * listed, while its standard methods still reach the servers controller.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APIExtensionBase, ResourceExtension } from 'wharf';
import { createTestHost, type TestHost } from 'wharf/testing';
import { CIRROS } from './compute-servers-given.js';

/** Routes the servers controller's helpers through a collection that inherits `servers`. */
class ServerHelperRoutes extends APIExtensionBase {
  readonly name = 'ServerHelperRoutes';
  readonly alias = 'server-helper-routes';
  override readonly version = 1;
  override getResources(): ResourceExtension[] {
    return [
      new ResourceExtension('server_helpers', null, {
        inherits: 'servers',
        collectionActions: { list: 'GET', find: 'GET' },
        memberActions: { boot: 'POST' }
      })
    ];
  }
}

/** The servers controller's handlers: the standard methods, `detail`, and nothing else. */
const SERVERS_HANDLERS = ['create', 'delete', 'detail', 'index', 'show', 'update'];

describe('the bundled servers controller dispatches only its handlers', () => {
  let host: TestHost;

  before(async () => {
    host = await createTestHost({ extensions: [ServerHelperRoutes] });
  });
  after(() => host.close());

  test('its dispatch plans are the handlers, never find, list or boot', () => {
    const resources = host.host.router.resources();
    for (const collection of ['servers', 'server_helpers']) {
      const resource = resources.find((candidate) => candidate.collection === collection);
      assert.ok(resource, collection);
      const methods = resource.plans().filter(({ kind }) => kind === 'method');
      assert.deepEqual(methods.map(({ name }) => name).sort(), SERVERS_HANDLERS, collection);
    }
  });

  test('wharf routes lists no helper of the servers controller', () => {
    const handlers = host.host.router
      .routes()
      .map(({ handler }) => handler)
      .filter((handler) => handler.startsWith('ServersController.'));
    assert.ok(handlers.includes('ServersController.detail'));
    const helpers = handlers.filter((handler) => /\.(find|list|boot)\b/.test(handler));
    assert.deepEqual(helpers, []);
  });

  test('a request routed to a helper answers 404 itemNotFound', async () => {
    const created = await host.request('POST', '/v2.1/servers', {
      body: { server: { name: 'probe', imageRef: CIRROS, flavorRef: '1' } }
    });
    assert.equal(created.status, 202, created.text);
    const id = created.body.server.id as string;
    for (const [method, path] of [
      ['GET', '/v2.1/server_helpers/list'],
      ['GET', '/v2.1/server_helpers/find'],
      ['POST', `/v2.1/server_helpers/${id}/boot`]
    ] as const) {
      const response = await host.request(method, path, method === 'POST' ? { body: {} } : {});
      assert.equal(response.status, 404, `${method} ${path}: ${response.text}`);
      assert.equal(response.body.itemNotFound.code, 404, `${method} ${path}`);
    }
    const listed = await host.request('GET', '/v2.1/servers');
    assert.deepEqual(
      listed.body.servers.map((server: { name: string }) => server.name),
      ['probe'],
      'the POST .../boot created nothing'
    );
  });

  test('the inheriting collection still reaches the servers controller for its handlers', async () => {
    const listed = await host.request('GET', '/v2.1/server_helpers');
    assert.equal(listed.status, 200, listed.text);
    assert.ok(Array.isArray(listed.body.servers), listed.text);
  });

  test('the OpenAPI document has no path to a helper', async () => {
    const document = await host.request('GET', '/v2.1/openapi.json', { token: null });
    assert.equal(document.status, 200);
    const paths = Object.keys(document.body.paths as object);
    assert.ok(paths.includes('/server_helpers'), paths.join(' '));
    assert.deepEqual(
      paths.filter((path) => /\/(list|find|boot)$/.test(path)),
      []
    );
  });
});
