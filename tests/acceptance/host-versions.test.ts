import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

let host: TestHost;
before(async () => {
  host = await givenTestHost();
});
after(() => host.close());

describe('versions documents', () => {
  test('lists the versions at the root, without a token', async () => {
    const reply = await host.call('GET', '/', { token: null });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      versions: [
        {
          id: 'v2.1',
          status: 'CURRENT',
          version: '2.2',
          min_version: '2.1',
          updated: '2013-07-23T11:33:21Z',
          links: [{ rel: 'self', href: `${host.url}/v2.1/` }],
          deployment_fingerprint: host.host.router.fingerprint
        }
      ]
    });
    assert.match(host.host.router.fingerprint, /^sha256:[0-9a-f]{16}$/);
  });

  test('names the deployment fingerprint in every API response header', async () => {
    const reply = await host.call('GET', '/v2.1/flavors');
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('x-wharf-fingerprint'), host.host.router.fingerprint);
    const fault = await host.call('GET', '/v2.1/no-such-thing');
    assert.equal(fault.headers.get('x-wharf-fingerprint'), host.host.router.fingerprint);
  });

  test('redirects /v2.1 to /v2.1/ and serves the version document there, without a token', async () => {
    const redirect = await host.call('GET', '/v2.1', { token: null });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), `${host.url}/v2.1/`);
    const reply = await host.call('GET', '/v2.1/', { token: null });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.version.id, 'v2.1');
    assert.equal(reply.body.version.min_version, '2.1');
    assert.equal(reply.body.version.version, '2.2');
    assert.equal(reply.body.version.links[0].href, `${host.url}/v2.1/`);
    assert.equal(reply.body.version['media-types'][0].base, 'application/json');
    const queried = await host.call('GET', '/v2.1/?fields=all', { token: null });
    assert.equal(queried.status, 200);
    assert.equal(queried.body.version.id, 'v2.1');
    const redirectQueried = await host.call('GET', '/v2.1?fields=all', { token: null });
    assert.equal(redirectQueried.status, 302);
    const below = await host.call('GET', '/v2.1//', { token: null });
    assert.notEqual(below.status, 200, 'a path below the root is not the root');
  });

  test('answers 300 choices to an unversioned API path', async () => {
    const reply = await host.call('GET', '/servers', { token: null });
    assert.equal(reply.status, 300);
    assert.equal(reply.body.choices[0].links[0].href, `${host.url}/v2.1/servers`);
  });
});

describe('the default pipeline', () => {
  test('puts both request id headers on every response, faults included', async () => {
    for (const reply of [
      await host.call('GET', '/v2.1/extensions'),
      await host.call('GET', '/v2.1/nothing')
    ]) {
      const id = reply.headers.get('x-openstack-request-id');
      assert.match(
        String(id),
        /^req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
      );
      assert.equal(reply.headers.get('x-compute-request-id'), id);
    }
  });

  test('requires a token for the API (noauth2) and answers 401 unauthorized without one', async () => {
    const reply = await host.call('GET', '/v2.1/extensions', { token: null });
    assert.equal(reply.status, 401);
    assert.equal(reply.body.unauthorized.code, 401);
  });

  test("lists the loaded extensions with exactly nova's keys", async () => {
    const reply = await host.call('GET', '/v2.1/extensions');
    assert.equal(reply.status, 200);
    const info = reply.body.extensions.find(
      (extension: { alias: string }) => extension.alias === 'extensions'
    );
    assert.deepEqual(Object.keys(info).sort(), [
      'alias',
      'description',
      'links',
      'name',
      'namespace',
      'updated'
    ]);
    assert.equal(
      (await host.call('GET', '/v2.1/extensions/extensions')).body.extension.alias,
      'extensions'
    );
    assert.equal((await host.call('GET', '/v2.1/extensions/nope')).status, 404);
  });

  test('serves the API under the project id prefix too', async () => {
    assert.equal((await host.call('GET', '/v2.1/project1/extensions')).status, 200);
    assert.equal((await host.call('GET', '/v2.1/other/extensions')).status, 400);
  });

  test('answers the health check outside auth', async () => {
    const reply = await host.call('GET', '/healthcheck', { token: null });
    assert.equal(reply.status, 200);
    assert.equal(reply.text, 'OK');
  });
});
