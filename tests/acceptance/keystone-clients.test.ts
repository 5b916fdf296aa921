/**
 * wharf behind a real Keystone: `[api] auth_strategy = keystone`, the `keystone_authtoken`
 * filter validating against Debian's Keystone (tests/helpers/keystone-server.ts), and the
 * real `nova` and `openstack` clients authenticating with a password and finding wharf in
 * the service catalog. Only what Keystone changes is driven here (the client scenarios
 * themselves are real-clients.test.ts's); independent commands run at once. Skipped with the
 * reason when Keystone or the clients are missing, except under CI (.ci/run installs them).
 * Keystone outages are deployment-keystone.test.ts's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  authtokenOptions,
  givenKeystone,
  keystoneSkip,
  KEYSTONE_USERS,
  type KeystoneServer
} from '../helpers/keystone-server.js';
import { freePort } from '../helpers/free-port.js';
import { givenCatalogChoice, type CatalogChoice } from '../helpers/real-clients-catalog.js';
import {
  assertSucceeded,
  givenPasswordClients,
  jsonOf,
  realClientsSkip,
  type Client
} from '../helpers/real-clients.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const skip = keystoneSkip() || realClientsSkip();

describe('wharf with Keystone, driven by the OpenStack clients', { skip }, () => {
  let keystone: KeystoneServer;
  let host: TestHost;
  let nova: Client;
  let openstack: Client;
  let catalog: CatalogChoice;
  let demoToken: string;

  before(async () => {
    // wharf first: Keystone's catalog names its address, and wharf asks Keystone only
    // on its first request.
    const port = await freePort();
    host = await givenTestHost({
      'api.auth_strategy': 'keystone',
      ...authtokenOptions(`http://127.0.0.1:${port}/v3`)
    });
    keystone = await givenKeystone(port, `${host.url}/v2.1`);
    ({ nova, openstack } = givenPasswordClients(keystone.url, KEYSTONE_USERS.demo));
    demoToken = await keystone.token('demo');
    const asDemo: typeof host.call = (method, path, options = {}) =>
      host.call(method, path, { token: demoToken, ...options });
    catalog = await givenCatalogChoice({ ...host, call: asDemo });
  });
  after(async () => {
    await host?.close();
    await keystone?.remove();
  });

  describe('with Keystone up', { concurrency: true }, () => {
    test('openstack versions show finds compute 2.1 through the catalog', async () => {
      const versions = jsonOf(
        await openstack('versions', 'show', '--service', 'compute', '-f', 'json')
      );
      const current = versions.find((row: any) => row.Status === 'CURRENT');
      assert.equal(current?.Version, '2.1', JSON.stringify(versions));
      assert.equal(current?.['Service Type'], 'compute');
      assert.equal(current?.Endpoint, `${host.url}/v2.1/`);
    });

    test('lists the flavors with both clients', async () => {
      const [listed, novaList] = await Promise.all([
        openstack('flavor', 'list', '-f', 'json'),
        nova('flavor-list')
      ]);
      assert.ok(jsonOf(listed).some((flavor: any) => flavor.ID === catalog.flavor.id));
      assert.match(assertSucceeded(novaList).stdout, new RegExp(`\\| ${catalog.flavor.name} +\\|`));
    });

    test('key pairs belong to the Keystone user', async () => {
      const added = assertSucceeded(await nova('keypair-add', 'kp-ks'));
      assert.match(added.stdout, /^-----BEGIN (RSA )?PRIVATE KEY-----/);
      const [shown, listed] = await Promise.all([
        openstack('keypair', 'show', 'kp-ks', '-f', 'json'),
        nova('keypair-list')
      ]);
      assert.match(jsonOf(shown).user_id, /^[0-9a-f]{32}$/, 'the Keystone user id');
      assert.match(assertSucceeded(listed).stdout, /\| kp-ks /);
    });

    test('a server is created, listed, shown, acted on and deleted', async () => {
      const server = jsonOf(
        await openstack(
          ...['server', 'create', '--image', catalog.image.id, '--flavor', catalog.flavor.name],
          ...['--wait', 'vm-ks', '-f', 'json']
        )
      );
      assert.equal(server.status, 'ACTIVE');
      const [listed, shown] = await Promise.all([
        openstack('server', 'list', '-f', 'json'),
        nova('show', server.id)
      ]);
      assert.deepEqual(
        jsonOf(listed).map((row: any) => [row.ID, row.Name, row.Status]),
        [[server.id, 'vm-ks', 'ACTIVE']]
      );
      assert.match(assertSucceeded(shown).stdout, /\| tenant_id +\| [0-9a-f]{32} +\|/);
      assertSucceeded(await nova('stop', server.id));
      assertSucceeded(await openstack('server', 'delete', '--wait', server.id));
    });

    test('refuses a missing or unknown token with 401 naming Keystone', async () => {
      for (const token of [null, 'not-a-keystone-token']) {
        const reply = await host.call('GET', '/v2.1/servers', { token });
        assert.equal(reply.status, 401, reply.text);
        assert.equal(reply.headers.get('www-authenticate'), `Keystone uri="${keystone.url}"`);
      }
    });
  });
});
