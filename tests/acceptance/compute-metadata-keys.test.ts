import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { givenServer } from './compute-servers-given.js';

/** Keys that name Object.prototype's accessor and methods: items like any other. */
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** `{[key]: value}` as an own property, whatever the key (a literal `__proto__:` would not be). */
function item(key: string, value: string): Record<string, string> {
  const record: Record<string, string> = {};
  Object.defineProperty(record, key, { value, enumerable: true, writable: true });
  return record;
}

/** The server's metadata as show, detail and the metadata API see it. */
async function everyView(host: TestHost, id: string): Promise<Record<string, unknown>[]> {
  const show = await host.call('GET', `/v2.1/servers/${id}`);
  const detail = await host.call('GET', '/v2.1/servers/detail');
  const index = await host.call('GET', `/v2.1/servers/${id}/metadata`);
  for (const reply of [show, detail, index]) assert.equal(reply.status, 200, reply.text);
  const listed = detail.body.servers.find((server: { id: string }) => server.id === id);
  return [show.body.server.metadata, listed.metadata, index.body.metadata];
}

describe('metadata keys that name Object.prototype members', () => {
  let host: TestHost;
  before(async () => {
    host = await givenTestHost();
  });
  after(() => host?.close());

  for (const key of KEYS) {
    test(`keeps "${key}" through create, set, show, list, detail and delete`, async () => {
      const id = await givenServer(host, { name: `keys-${key}`, metadata: item(key, 'created') });
      for (const metadata of await everyView(host, id)) {
        assert.deepEqual(metadata, item(key, 'created'));
      }

      const shown = await host.call('GET', `/v2.1/servers/${id}/metadata/${key}`);
      assert.equal(shown.status, 200, shown.text);
      assert.deepEqual(shown.body.meta, item(key, 'created'));

      const merged = await host.call('POST', `/v2.1/servers/${id}/metadata`, {
        body: { metadata: { ...item(key, 'merged'), other: 'x' } }
      });
      assert.equal(merged.status, 200, merged.text);
      assert.deepEqual(merged.body.metadata, { ...item(key, 'merged'), other: 'x' });

      const set = await host.call('PUT', `/v2.1/servers/${id}/metadata/${key}`, {
        body: { meta: item(key, 'set') }
      });
      assert.equal(set.status, 200, set.text);
      for (const metadata of await everyView(host, id)) {
        assert.deepEqual(metadata, { ...item(key, 'set'), other: 'x' });
      }

      const replaced = await host.call('PUT', `/v2.1/servers/${id}/metadata`, {
        body: { metadata: item(key, 'replaced') }
      });
      assert.equal(replaced.status, 200, replaced.text);
      assert.deepEqual(replaced.body.metadata, item(key, 'replaced'));

      const deleted = await host.call('DELETE', `/v2.1/servers/${id}/metadata/${key}`);
      assert.equal(deleted.status, 204, deleted.text);
      for (const metadata of await everyView(host, id)) assert.deepEqual(metadata, {});
      const gone = await host.call('GET', `/v2.1/servers/${id}/metadata/${key}`);
      assert.equal(gone.status, 404);
    });
  }

  test('reads query parameters named after Object.prototype members as parameters', async () => {
    const query = KEYS.map((key) => `${key}=a&${key}=b`).join('&');
    for (const path of ['/v2.1/servers', '/v2.1/servers/detail', '/v2.1/flavors', '/v2.1/images']) {
      const reply = await host.call('GET', `${path}?${query}`);
      assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    }
  });

  test('logs nothing at error level', () => {
    assert.deepEqual(
      host.lines.filter((line) => line.level === 'error'),
      []
    );
  });
});
