/**
 * The `nova` scenario of real-clients.test.ts: the real command line (python3-novaclient)
 * drives a host of its own through flavors, key pairs, one server's life, limits and quotas.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exchangesTo, requestedMicroversion } from '../helpers/client-recording.js';
import { propertiesOf, tableRows } from '../helpers/pretty-table.js';
import {
  assertFailed,
  assertSucceeded,
  givenNova,
  requireRealClients,
  type Client
} from '../helpers/real-clients.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { givenCatalogChoice, type CatalogChoice } from '../helpers/real-clients-catalog.js';

/** Declares the suite; its steps run in order, each building on the one before. */
export function describeNovaScenario(): void {
  describe('nova', { concurrency: 1 }, () => {
    let host: TestHost;
    let nova: Client;
    let catalog: CatalogChoice;
    let serverId = '';

    before(async () => {
      requireRealClients();
      host = await givenTestHost();
      nova = givenNova(`${host.url}/v2.1`);
      catalog = await givenCatalogChoice(host);
    });
    after(() => host?.close());

    /** Runs `nova ARGS`, asserts success and returns the Property/Value table. */
    async function novaShow(...args: string[]): Promise<Record<string, string>> {
      return propertiesOf(assertSucceeded(await nova(...args)).stdout);
    }

    test('lists the versions the server supports', async () => {
      const { body } = await host.call('GET', '/v2.1/', { token: null });
      const run = assertSucceeded(await nova('version-list'));
      assert.deepEqual(tableRows(run.stdout), [
        {
          Id: 'v2.1',
          Status: 'CURRENT',
          Updated: body.version.updated,
          'Min Version': '2.1',
          Version: body.version.version
        }
      ]);
    });

    test('lists the flavors and shows one by name', async () => {
      const rows = tableRows(assertSucceeded(await nova('flavor-list')).stdout);
      const row = rows.find((candidate) => candidate.ID === catalog.flavor.id);
      assert.deepEqual(
        row && { name: row.Name, ram: row.Memory_MiB, vcpus: row.VCPUs, disk: row.Disk },
        {
          name: catalog.flavor.name,
          ram: String(catalog.flavor.ram),
          vcpus: String(catalog.flavor.vcpus),
          disk: String(catalog.flavor.disk)
        }
      );
      const flavor = await novaShow('flavor-show', catalog.flavor.name);
      assert.equal(flavor.id, catalog.flavor.id);
      assert.equal(flavor.ram, String(catalog.flavor.ram));
      assert.equal(flavor.extra_specs, '{}');
    });

    test('creates a key pair and prints its private key', async () => {
      const run = assertSucceeded(await nova('keypair-add', 'kp-nova'));
      assert.match(
        run.stdout,
        /^-----BEGIN (RSA )?PRIVATE KEY-----\n[\s\S]+-----END (RSA )?PRIVATE KEY-----/
      );
    });

    test('lists and shows the key pair', async () => {
      const [row] = tableRows(assertSucceeded(await nova('keypair-list')).stdout);
      assert.equal(row.Name, 'kp-nova');
      assert.match(row.Fingerprint, /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
      const keypair = await novaShow('keypair-show', 'kp-nova');
      assert.equal(keypair.name, 'kp-nova');
      assert.equal(keypair.fingerprint, row.Fingerprint);
      assert.equal(keypair.user_id, 'notused');
    });

    test('boots a server from an image and a flavor named on the command line', async () => {
      const server = await novaShow(
        'boot',
        '--image',
        catalog.image.name,
        '--flavor',
        catalog.flavor.name,
        '--key-name',
        'kp-nova',
        '--meta',
        'role=web',
        'vm-nova'
      );
      serverId = server.id;
      assert.match(serverId, /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
      assert.equal(server.name, 'vm-nova');
      assert.equal(server.flavor, `${catalog.flavor.name} (${catalog.flavor.id})`);
      assert.equal(server.image, `${catalog.image.name} (${catalog.image.id})`);
      assert.equal(server.key_name, 'kp-nova');
      assert.deepEqual(JSON.parse(server.metadata), { role: 'web' });
      assert.ok(server.adminPass, 'boot prints the admin password');
    });

    test('shows the absolute limits and what the server uses', async () => {
      const rows = tableRows(assertSucceeded(await nova('limits')).stdout);
      const byName = Object.fromEntries(rows.map((row) => [row.Name, [row.Used, row.Max]]));
      assert.deepEqual(
        [byName.Instances, byName.Cores, byName.RAM, byName['Server Meta'], byName.Keypairs],
        [
          ['1', '10'],
          [String(catalog.flavor.vcpus), '20'],
          [String(catalog.flavor.ram), '51200'],
          ['-', '128'],
          ['-', '100']
        ]
      );
    });

    test("shows the project's quotas", async () => {
      const run = assertSucceeded(await nova('quota-show', '--tenant', 'notused'));
      const limits = Object.fromEntries(tableRows(run.stdout).map((row) => [row.Quota, row.Limit]));
      assert.deepEqual(
        [limits.instances, limits.cores, limits.ram, limits.key_pairs, limits.metadata_items],
        ['10', '20', '51200', '100', '128']
      );
      const [exchange] = exchangesTo(run.stderr, 'GET', '/os-quota-sets/notused');
      assert.equal(exchange.status, 200);
    });

    test("refuses more servers than the quota leaves with nova's 403", async () => {
      const run = assertFailed(
        await nova(
          ...['boot', '--image', catalog.image.name, '--flavor', catalog.flavor.name],
          ...['--min-count', '10', 'vm-many']
        )
      );
      assert.match(
        run.stderr,
        /Quota exceeded for instances: Requested 10, but already used 1 of 10 instances \(HTTP 403\)/
      );
      assert.equal(tableRows(assertSucceeded(await nova('list')).stdout).length, 1);
    });

    test('lists the server', async () => {
      const rows = tableRows(assertSucceeded(await nova('list')).stdout);
      assert.deepEqual(
        rows.map((row) => [row.ID, row.Name, row.Status]),
        [[serverId, 'vm-nova', 'ACTIVE']]
      );
    });

    test('shows the server by id and by name', async () => {
      const byId = await novaShow('show', serverId);
      const byName = await novaShow('show', 'vm-nova');
      assert.equal(byId.id, serverId);
      assert.equal(byId.status, 'ACTIVE');
      assert.equal(byId.tenant_id, 'notused');
      assert.equal(byName.id, serverId);
      assert.equal(byName.name, 'vm-nova');
    });

    test('stops the server', async () => {
      const run = assertSucceeded(await nova('stop', 'vm-nova'));
      assert.match(run.stdout, /Request to stop server vm-nova has been accepted/);
      assert.deepEqual(
        exchangesTo(run.stderr, 'POST', `/servers/${serverId}/action`).map((e) => e.status),
        [202]
      );
      assert.equal((await novaShow('show', serverId)).status, 'SHUTOFF');
    });

    test('refuses to stop a stopped server with 409 conflictingRequest', async () => {
      const run = assertFailed(await nova('stop', 'vm-nova'));
      assert.match(
        run.stdout,
        new RegExp(
          `Cannot 'stop' instance ${serverId} while it is in vm_state stopped \\(HTTP 409\\)`
        )
      );
      const [exchange] = exchangesTo(run.stderr, 'POST', `/servers/${serverId}/action`);
      assert.equal(exchange.status, 409);
      assert.equal(JSON.parse(exchange.responseBody!).conflictingRequest.code, 409);
    });

    test('starts the server', async () => {
      const run = assertSucceeded(await nova('start', 'vm-nova'));
      assert.match(run.stdout, /Request to start server vm-nova has been accepted/);
      assert.equal((await novaShow('show', serverId)).status, 'ACTIVE');
    });

    test('reboots the server soft and hard', async () => {
      for (const [flags, type] of [
        [[], 'SOFT'],
        [['--hard'], 'HARD']
      ] as const) {
        const run = assertSucceeded(await nova('reboot', ...flags, 'vm-nova'));
        const [exchange] = exchangesTo(run.stderr, 'POST', `/servers/${serverId}/action`);
        assert.deepEqual(
          { body: JSON.parse(exchange.requestBody!), status: exchange.status },
          { body: { reboot: { type } }, status: 202 }
        );
      }
      assert.equal((await novaShow('show', serverId)).status, 'ACTIVE');
    });

    test('sets and deletes metadata', async () => {
      assertSucceeded(await nova('meta', 'vm-nova', 'set', 'a=1', 'b=2'));
      assert.deepEqual(JSON.parse((await novaShow('show', serverId)).metadata), {
        role: 'web',
        a: '1',
        b: '2'
      });
      assertSucceeded(await nova('meta', 'vm-nova', 'delete', 'a', 'role'));
      assert.deepEqual(JSON.parse((await novaShow('show', serverId)).metadata), { b: '2' });
    });

    test('renames the server', async () => {
      assertSucceeded(await nova('update', 'vm-nova', '--name', 'vm-nova-renamed'));
      assert.equal((await novaShow('show', serverId)).name, 'vm-nova-renamed');
      assert.equal((await novaShow('show', 'vm-nova-renamed')).id, serverId);
    });

    test('deletes the server', async () => {
      const run = assertSucceeded(await nova('delete', 'vm-nova-renamed'));
      assert.match(run.stdout, /Request to delete server vm-nova-renamed has been accepted/);
      assert.deepEqual(
        exchangesTo(run.stderr, 'DELETE', `/servers/${serverId}`).map((e) => e.status),
        [204]
      );
      assert.deepEqual(tableRows(assertSucceeded(await nova('list')).stdout), []);
      const show = assertFailed(await nova('show', serverId));
      assert.match(show.stderr, /No server with a name or ID of/);
    });

    test('deletes the key pair', async () => {
      const run = assertSucceeded(await nova('keypair-delete', 'kp-nova'));
      const [exchange] = exchangesTo(run.stderr, 'DELETE', '/os-keypairs/kp-nova');
      // nova answers 202 up to microversion 2.1 and 204 from 2.2; the client negotiates.
      const expected = requestedMicroversion(exchange) === '2.1' ? 202 : 204;
      assert.equal(exchange.status, expected);
      assert.deepEqual(tableRows(assertSucceeded(await nova('keypair-list')).stdout), []);
    });
  });
}
