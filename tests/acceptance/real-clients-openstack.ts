/**
 * The `openstack` scenario of real-clients.test.ts: the real command line
 * (python3-openstackclient over openstacksdk and novaclient) drives a host of its own
 * through flavors, key pairs, one server's life and its limits, reading `-f json` output.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exchangesOf, exchangesTo, requestedMicroversion } from '../helpers/client-recording.js';
import {
  assertFailed,
  assertSucceeded,
  givenOpenstack,
  jsonOf,
  requireRealClients,
  type Client
} from '../helpers/real-clients.js';
import { givenCatalogChoice, type CatalogChoice } from '../helpers/real-clients-catalog.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const FINGERPRINT = /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/;

/** Declares the suite; its steps run in order, each building on the one before. */
export function describeOpenstackScenario(): void {
  describe('openstack', { concurrency: 1 }, () => {
    let host: TestHost;
    let openstack: Client;
    let catalog: CatalogChoice;
    let maxVersion = '';
    let fingerprint = '';
    let serverId = '';

    before(async () => {
      requireRealClients();
      host = await givenTestHost();
      openstack = givenOpenstack(`${host.url}/v2.1`);
      catalog = await givenCatalogChoice(host);
      maxVersion = (await host.call('GET', '/v2.1/', { token: null })).body.version.version;
    });
    after(() => host?.close());

    /** The server as `openstack server show REF -f json` prints it. */
    async function showServer(ref: string): Promise<any> {
      return jsonOf(await openstack('server', 'show', ref, '-f', 'json'));
    }

    test('discovers the API version without a token, then lists the flavors', async () => {
      const run = await openstack('flavor', 'list', '-f', 'json');
      const flavors = jsonOf(run);
      const discovery = exchangesTo(run.stderr, 'GET', '/v2.1/')[0];
      assert.equal(discovery.status, 200);
      assert.equal(discovery.requestHeaders['x-auth-token'], undefined);
      assert.equal(JSON.parse(discovery.responseBody!).version.version, maxVersion);
      const [list] = exchangesTo(run.stderr, 'GET', '/flavors/detail');
      assert.equal(requestedMicroversion(list), maxVersion);
      assert.deepEqual(
        flavors.find((flavor: any) => flavor.ID === catalog.flavor.id),
        {
          ID: catalog.flavor.id,
          Name: catalog.flavor.name,
          RAM: catalog.flavor.ram,
          Disk: catalog.flavor.disk,
          Ephemeral: 0,
          VCPUs: catalog.flavor.vcpus,
          'Is Public': true
        }
      );
    });

    test('shows a flavor by name', async () => {
      const flavor = jsonOf(await openstack('flavor', 'show', catalog.flavor.name, '-f', 'json'));
      assert.equal(flavor.id, catalog.flavor.id);
      assert.equal(flavor.name, catalog.flavor.name);
      assert.equal(flavor.ram, catalog.flavor.ram);
      assert.equal(flavor.vcpus, catalog.flavor.vcpus);
      assert.deepEqual(flavor.properties, {});
    });

    test('creates a key pair and prints its private key', async () => {
      const run = assertSucceeded(await openstack('keypair', 'create', 'kp-osc'));
      assert.match(run.stdout, /^-----BEGIN (RSA )?PRIVATE KEY-----\n[\s\S]+-----END/);
    });

    test('shows the key pair and its public key', async () => {
      const keypair = jsonOf(await openstack('keypair', 'show', 'kp-osc', '-f', 'json'));
      assert.equal(keypair.name, 'kp-osc');
      assert.equal(keypair.user_id, 'notused');
      assert.match(keypair.fingerprint, FINGERPRINT);
      fingerprint = keypair.fingerprint;
      const run = assertSucceeded(await openstack('keypair', 'show', '--public-key', 'kp-osc'));
      assert.match(run.stdout, /^ssh-rsa AAAA\S+/);
    });

    test('imports a public key with the same fingerprint', async () => {
      const shown = assertSucceeded(await openstack('keypair', 'show', '--public-key', 'kp-osc'));
      const file = join(mkdtempSync(join(tmpdir(), 'wharf-osc-key-')), 'id_rsa.pub');
      writeFileSync(file, shown.stdout);
      const run = await openstack(
        'keypair',
        'create',
        '--public-key',
        file,
        'kp-imp',
        '-f',
        'json'
      );
      const imported = jsonOf(run);
      assert.equal(imported.name, 'kp-imp');
      assert.equal(imported.fingerprint, fingerprint);
    });

    test('lists the key pairs', async () => {
      const keypairs = jsonOf(await openstack('keypair', 'list', '-f', 'json'));
      assert.deepEqual(keypairs.map((keypair: any) => [keypair.Name, keypair.Fingerprint]).sort(), [
        ['kp-imp', fingerprint],
        ['kp-osc', fingerprint]
      ]);
    });

    test('creates a server from an image and a flavor named on the command line', async () => {
      const run = await openstack(
        ...['server', 'create', '--image', catalog.image.name, '--flavor', catalog.flavor.name],
        ...['--key-name', 'kp-osc', '--property', 'role=web', 'vm-osc', '-f', 'json']
      );
      const server = jsonOf(run);
      serverId = server.id;
      const [create] = exchangesTo(run.stderr, 'POST', '/servers');
      assert.equal(create.status, 202);
      assert.match(serverId, /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
      assert.equal(server.name, 'vm-osc');
      assert.equal(server.status, 'ACTIVE');
      assert.equal(server.flavor, `${catalog.flavor.name} (${catalog.flavor.id})`);
      // The name part comes from openstacksdk's image proxy, which reads glance's bare
      // image object at {endpoint}/images/{id}; the compute API answers {"image": {...}}
      // there, so only the id is the client's to show.
      assert.ok(server.image.endsWith(`(${catalog.image.id})`), server.image);
      assert.equal(server.key_name, 'kp-osc');
      assert.deepEqual(server.properties, { role: 'web' });
      assert.ok(server.adminPass, 'create prints the admin password');
    });

    test('shows the absolute limits and what the server uses', async () => {
      const run = await openstack('limits', 'show', '--absolute', '-f', 'json');
      const limits = new Map<string, number>(
        jsonOf(run).map((row: { Name: string; Value: number }) => [row.Name, row.Value])
      );
      assert.deepEqual(
        ['maxTotalInstances', 'totalInstancesUsed', 'maxTotalCores', 'totalCoresUsed'].map((name) =>
          limits.get(name)
        ),
        [10, 1, 20, catalog.flavor.vcpus]
      );
      // With --os-endpoint the block-storage half of the command asks the same endpoint.
      const statuses = exchangesTo(run.stderr, 'GET', '/v2.1/limits').map((e) => e.status);
      assert.ok(statuses.length > 0 && statuses.every((status) => status === 200), `${statuses}`);
    });

    test('lists the server', async () => {
      const servers = jsonOf(await openstack('server', 'list', '-f', 'json'));
      assert.deepEqual(
        servers.map((server: any) => [server.ID, server.Name, server.Status, server.Image]),
        [[serverId, 'vm-osc', 'ACTIVE', catalog.image.name]]
      );
      assert.equal(servers[0].Flavor, catalog.flavor.name);
    });

    test('shows the server by id and by name', async () => {
      const byId = await showServer(serverId);
      const byName = await showServer('vm-osc');
      assert.equal(byId.id, serverId);
      assert.equal(byId.name, 'vm-osc');
      assert.equal(byId.project_id, 'notused');
      assert.equal(byName.id, serverId);
      assert.equal(byName.status, 'ACTIVE');
    });

    test('stops the server', async () => {
      const run = assertSucceeded(await openstack('server', 'stop', 'vm-osc'));
      const [stop] = exchangesTo(run.stderr, 'POST', `/servers/${serverId}/action`);
      assert.deepEqual(
        { body: JSON.parse(stop.requestBody!), status: stop.status },
        { body: { 'os-stop': null }, status: 202 }
      );
      assert.equal((await showServer(serverId)).status, 'SHUTOFF');
    });

    test('refuses to stop a stopped server with 409 conflictingRequest', async () => {
      const run = assertFailed(await openstack('server', 'stop', 'vm-osc'));
      assert.match(
        run.stderr,
        new RegExp(
          `Cannot 'stop' instance ${serverId} while it is in vm_state stopped \\(HTTP 409\\)`
        )
      );
      const [stop] = exchangesTo(run.stderr, 'POST', `/servers/${serverId}/action`);
      assert.equal(stop.status, 409);
      assert.equal(JSON.parse(stop.responseBody!).conflictingRequest.code, 409);
    });

    test('starts the server', async () => {
      assertSucceeded(await openstack('server', 'start', 'vm-osc'));
      assert.equal((await showServer(serverId)).status, 'ACTIVE');
    });

    test('reboots the server soft and hard', async () => {
      for (const type of ['SOFT', 'HARD']) {
        const run = await openstack('server', 'reboot', `--${type.toLowerCase()}`, 'vm-osc');
        const [reboot] = exchangesTo(assertSucceeded(run).stderr, 'POST', '/action');
        assert.deepEqual(
          { body: JSON.parse(reboot.requestBody!), status: reboot.status },
          { body: { reboot: { type } }, status: 202 }
        );
      }
      assert.equal((await showServer(serverId)).status, 'ACTIVE');
    });

    test('sets and unsets properties', async () => {
      assertSucceeded(
        await openstack('server', 'set', '--property', 'a=1', '--property', 'b=2', 'vm-osc')
      );
      assert.deepEqual((await showServer(serverId)).properties, { role: 'web', a: '1', b: '2' });
      const run = await openstack(
        ...['server', 'unset', '--property', 'a', '--property', 'role', 'vm-osc']
      );
      const deletes = exchangesOf(assertSucceeded(run).stderr).filter((e) => e.method === 'DELETE');
      assert.deepEqual(
        deletes.map((e) => e.status),
        [204, 204]
      );
      assert.deepEqual((await showServer(serverId)).properties, { b: '2' });
    });

    test('renames the server', async () => {
      const run = await openstack('server', 'set', '--name', 'vm-osc-renamed', 'vm-osc');
      const [update] = exchangesTo(assertSucceeded(run).stderr, 'PUT', `/servers/${serverId}`);
      assert.equal(update.status, 200);
      assert.equal((await showServer('vm-osc-renamed')).id, serverId);
    });

    test('deletes the server and waits for it to go', async () => {
      const run = await openstack('server', 'delete', '--wait', 'vm-osc-renamed');
      const [remove] = exchangesTo(assertSucceeded(run).stderr, 'DELETE', `/servers/${serverId}`);
      assert.equal(remove.status, 204);
      assert.deepEqual(jsonOf(await openstack('server', 'list', '-f', 'json')), []);
      const show = assertFailed(await openstack('server', 'show', serverId));
      assert.match(show.stderr, /No server with a name or ID of/);
    });

    test('deletes the key pairs', async () => {
      assertSucceeded(await openstack('keypair', 'delete', 'kp-osc', 'kp-imp'));
      assert.deepEqual(jsonOf(await openstack('keypair', 'list', '-f', 'json')), []);
    });
  });
}
