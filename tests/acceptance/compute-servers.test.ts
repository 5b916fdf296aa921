import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ComputeServices } from '../../extensions/compute/index.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import {
  ADMIN,
  CIRROS,
  OTHER_ADMIN,
  OTHER_USER,
  UBUNTU,
  UNLIMITED_SERVERS,
  createServer,
  givenServer,
  serverAction
} from './compute-servers-given.js';

const OS_KEYS = [
  'OS-EXT-STS:task_state',
  'OS-EXT-STS:vm_state',
  'OS-EXT-STS:power_state',
  'OS-EXT-AZ:availability_zone',
  'OS-SRV-USG:launched_at',
  'OS-SRV-USG:terminated_at',
  'OS-DCF:diskConfig',
  'os-extended-volumes:volumes_attached'
];
const SRV_ATTR_KEYS = [
  'OS-EXT-SRV-ATTR:host',
  'OS-EXT-SRV-ATTR:instance_name',
  'OS-EXT-SRV-ATTR:hypervisor_hostname'
];
const BASE_KEYS = [
  'id',
  'name',
  'status',
  'tenant_id',
  'user_id',
  'metadata',
  'hostId',
  'image',
  'flavor',
  'created',
  'updated',
  'addresses',
  'accessIPv4',
  'accessIPv6',
  'links',
  'key_name',
  'config_drive',
  'security_groups',
  'progress'
];

let host: TestHost;
before(async () => {
  host = await givenTestHost(UNLIMITED_SERVERS);
});
after(() => host.close());

/** Gives user1 a keypair straight through the compute library. */
async function givenKeypair(name: string): Promise<void> {
  const { keypairs } = await host.host.container.resolve(ComputeServices).backend();
  await keypairs.create({ name, userId: 'user1', publicKey: 'ssh-ed25519 AAAA', fingerprint: 'f' });
}

describe('server create', () => {
  test('answers 202 with a Location, an admin password, the disk config and security groups', async () => {
    const reply = await createServer(host, { name: 'web-1', min_count: 1, max_count: 1 });
    assert.equal(reply.status, 202);
    const { server } = reply.body;
    assert.deepEqual(Object.keys(server).sort(), [
      'OS-DCF:diskConfig',
      'adminPass',
      'id',
      'links',
      'security_groups'
    ]);
    const self = `${host.url}/v2.1/project1/servers/${server.id}`;
    assert.equal(reply.headers.get('location'), self);
    assert.deepEqual(server.links, [
      { rel: 'self', href: self },
      { rel: 'bookmark', href: `${host.url}/project1/servers/${server.id}` }
    ]);
    assert.match(server.adminPass, /^[2-9A-HJ-NP-Za-km-z]{12}$/);
    assert.equal(server['OS-DCF:diskConfig'], 'MANUAL');
    assert.deepEqual(server.security_groups, [{ name: 'default' }]);
  });

  test('boots with the metadata, key, zone, disk config and password asked for', async () => {
    await givenKeypair('mykey');
    const reply = await createServer(host, {
      name: 'full',
      metadata: { role: 'db' },
      key_name: 'mykey',
      availability_zone: 'nova',
      'OS-DCF:diskConfig': 'AUTO',
      adminPass: 'sekrit',
      networks: [{ uuid: 'private' }]
    });
    assert.equal(reply.status, 202, reply.text);
    assert.equal(reply.body.server.adminPass, 'sekrit');
    const { server } = (await host.call('GET', `/v2.1/servers/${reply.body.server.id}`)).body;
    assert.deepEqual(server.metadata, { role: 'db' });
    assert.equal(server.key_name, 'mykey');
    assert.equal(server['OS-EXT-AZ:availability_zone'], 'nova');
    assert.equal(server['OS-DCF:diskConfig'], 'AUTO');
  });

  test('boots max_count servers named NAME-1 to NAME-N', async () => {
    await givenServer(host, { name: 'batch', min_count: '2', max_count: 3 });
    const reply = await host.call('GET', '/v2.1/servers?name=^batch');
    assert.deepEqual(reply.body.servers.map((s: { name: string }) => s.name).sort(), [
      'batch-1',
      'batch-2',
      'batch-3'
    ]);
  });

  test('answers 400 with nova messages for what cannot be booted', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ flavorRef: '99' }, 'Flavor 99 could not be found.', 'COMPUTE_FLAVOR_NOT_FOUND'],
      [
        { imageRef: '00000000-0000-4000-8000-000000000000' },
        'Can not find requested image',
        'COMPUTE_IMAGE_NOT_FOUND'
      ],
      [{ key_name: 'nokey' }, 'Invalid key_name provided.', 'COMPUTE_KEYPAIR_NOT_FOUND'],
      [{ imageRef: UBUNTU }, "Flavor's disk is too small for requested image.", ''],
      [{ imageRef: '' }, 'Missing imageRef attribute', ''],
      [{ min_count: 3, max_count: 2 }, 'min_count must be <= max_count', ''],
      [{ availability_zone: 'moon' }, 'The requested availability zone is not available', '']
    ];
    const used = async () =>
      (await host.call('GET', '/v2.1/limits')).body.limits.absolute.totalInstancesUsed;
    const before = await used();
    for (const [server, message] of cases) {
      const reply = await createServer(host, server);
      assert.equal(reply.status, 400, JSON.stringify(server));
      assert.deepEqual(reply.body, { badRequest: { code: 400, message } });
    }
    // The flavor and image are checked inside the create's transaction: a refusal adds nothing.
    assert.equal(await used(), before);
  });

  test('answers 400 to a body the assembled schema refuses', async () => {
    const missing = await host.call('POST', '/v2.1/servers', {
      body: { server: { imageRef: CIRROS, flavorRef: '1' } }
    });
    assert.equal(missing.status, 400);
    assert.match(missing.body.badRequest.message, /'name' is a required property/);
    for (const server of [
      { bogus: 1 },
      { metadata: { key: 1 } },
      { max_count: 0 },
      { 'OS-DCF:diskConfig': 'SOMETIMES' },
      { name: ' padded' }
    ]) {
      const reply = await createServer(host, server);
      assert.equal(reply.status, 400, JSON.stringify(server));
      assert.match(reply.body.badRequest.message, /^Invalid input for field\/attribute /);
    }
  });
});

describe('server show', () => {
  test('shows the base view and every OS-* key to an administrator', async () => {
    const id = await givenServer(host, { name: 'shown' });
    const reply = await host.call('GET', `/v2.1/servers/${id}`, { token: ADMIN });
    assert.equal(reply.status, 200);
    const { server } = reply.body;
    assert.deepEqual(
      Object.keys(server).sort(),
      [...BASE_KEYS, ...OS_KEYS, ...SRV_ATTR_KEYS].sort()
    );
    assert.equal(server.status, 'ACTIVE');
    assert.equal(server.tenant_id, 'project1');
    assert.equal(server.user_id, 'user1');
    assert.match(server.hostId, /^[0-9a-f]{56}$/);
    assert.match(server.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(server.image, {
      id: CIRROS,
      links: [{ rel: 'bookmark', href: `${host.url}/project1/images/${CIRROS}` }]
    });
    assert.deepEqual(server.flavor.id, '1');
    assert.equal(server.addresses.private[0].version, 4);
    assert.match(server.addresses.private[0].addr, /^10\.\d+\.\d+\.\d+$/);
    assert.equal(server['OS-EXT-STS:vm_state'], 'active');
    assert.equal(server['OS-EXT-STS:task_state'], null);
    assert.equal(server['OS-EXT-STS:power_state'], 1);
    assert.equal(server['OS-EXT-SRV-ATTR:host'], 'fake-mini');
    assert.match(server['OS-EXT-SRV-ATTR:instance_name'], /^instance-[0-9a-f]{8}$/);
    assert.match(server['OS-SRV-USG:launched_at'], /^\d{4}-\d\d-\d\dT[\d:]{8}\.\d{6}$/);
    assert.deepEqual(server['os-extended-volumes:volumes_attached'], []);
  });

  test('leaves the extended server attributes out for a non-administrator', async () => {
    const id = await givenServer(host);
    const { server } = (await host.call('GET', `/v2.1/servers/${id}`)).body;
    assert.deepEqual(Object.keys(server).sort(), [...BASE_KEYS, ...OS_KEYS].sort());
  });

  test("answers 404 with nova's message for an unknown id and another project's server", async () => {
    const reply = await host.call('GET', '/v2.1/servers/nosuch');
    assert.deepEqual(reply.body, {
      itemNotFound: { code: 404, message: 'Instance nosuch could not be found.' }
    });
    const id = await givenServer(host);
    assert.equal(
      (await host.call('GET', `/v2.1/servers/${id}`, { token: OTHER_USER })).status,
      404
    );
    assert.equal(
      (await host.call('GET', `/v2.1/servers/${id}`, { token: OTHER_ADMIN })).status,
      200
    );
  });
});

describe('server lists', () => {
  test('lists id, name and links, and the full views under detail', async () => {
    const id = await givenServer(host, { name: 'listed' });
    const index = await host.call('GET', '/v2.1/servers?name=^listed$');
    assert.equal(index.status, 200);
    assert.deepEqual(index.body.servers, [
      {
        id,
        name: 'listed',
        links: [
          { rel: 'self', href: `${host.url}/v2.1/project1/servers/${id}` },
          { rel: 'bookmark', href: `${host.url}/project1/servers/${id}` }
        ]
      }
    ]);
    const detail = await host.call('GET', '/v2.1/servers/detail?name=listed', { token: ADMIN });
    assert.equal(detail.body.servers.length, 1);
    assert.deepEqual(
      Object.keys(detail.body.servers[0]).sort(),
      [...BASE_KEYS, ...OS_KEYS, ...SRV_ATTR_KEYS].sort()
    );
  });

  test('filters by status and pages with limit, marker and a next link', async () => {
    const ids = [];
    for (const name of ['page-a', 'page-b', 'page-c']) ids.push(await givenServer(host, { name }));
    await serverAction(host, ids[0]!, { 'os-stop': null });
    const stopped = await host.call('GET', '/v2.1/servers/detail?name=^page-&status=SHUTOFF');
    assert.deepEqual(
      stopped.body.servers.map((s: { id: string }) => s.id),
      [ids[0]]
    );
    const first = await host.call('GET', '/v2.1/servers/detail?name=^page-&limit=2');
    assert.equal(first.body.servers.length, 2);
    const next = first.body.servers_links[0];
    assert.equal(next.rel, 'next');
    const marker = first.body.servers[1].id;
    assert.equal(
      next.href,
      `${host.url}/v2.1/project1/servers/detail?name=%5Epage-&limit=2&marker=${marker}`
    );
    const second = await host.call('GET', next.href.slice(host.url.length));
    assert.deepEqual(
      [...first.body.servers, ...second.body.servers].map((s: { id: string }) => s.id).sort(),
      [...ids].sort()
    );
    assert.equal(second.body.servers_links, undefined);
  });

  test('answers 400 to a bad limit, marker or all_tenants', async () => {
    for (const query of ['limit=x', 'limit=-1', 'marker=nosuch', 'all_tenants=maybe']) {
      const reply = await host.call('GET', `/v2.1/servers?${query}`, { token: ADMIN });
      assert.equal(reply.status, 400, query);
    }
  });

  test("shows other projects' servers to an administrator asking for all tenants only", async () => {
    const theirs = await givenServer(host, { name: 'tenant-two' }, OTHER_USER);
    const mine = await host.call('GET', '/v2.1/servers?name=tenant-two', { token: ADMIN });
    assert.deepEqual(mine.body.servers, []);
    const all = await host.call('GET', '/v2.1/servers?name=tenant-two&all_tenants=1', {
      token: ADMIN
    });
    assert.deepEqual(
      all.body.servers.map((s: { id: string }) => s.id),
      [theirs]
    );
    const denied = await host.call('GET', '/v2.1/servers/detail?all_tenants', {
      token: OTHER_USER
    });
    assert.equal(denied.status, 403);
    assert.equal(
      denied.body.forbidden.message,
      "Policy doesn't allow os_compute_api:servers:detail:get_all_tenants to be performed."
    );
  });
});

describe('server update and delete', () => {
  test("renames a server and answers nova's smaller update view", async () => {
    const id = await givenServer(host, { name: 'old-name' });
    const reply = await host.call('PUT', `/v2.1/servers/${id}`, {
      body: { server: { name: 'new-name' } }
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.server.name, 'new-name');
    const updateKeys = BASE_KEYS.filter(
      (key) => !['key_name', 'config_drive', 'security_groups'].includes(key)
    );
    assert.deepEqual(
      Object.keys(reply.body.server).sort(),
      [...updateKeys, 'OS-DCF:diskConfig'].sort()
    );
    const shown = await host.call('GET', `/v2.1/servers/${id}`);
    assert.equal(shown.body.server.name, 'new-name');
  });

  test('answers 400 to an update the schema refuses and 404 to an unknown server', async () => {
    const id = await givenServer(host);
    const bad = await host.call('PUT', `/v2.1/servers/${id}`, { body: { server: { flavor: 1 } } });
    assert.equal(bad.status, 400);
    const missing = await host.call('PUT', '/v2.1/servers/nosuch', {
      body: { server: { name: 'x' } }
    });
    assert.equal(missing.status, 404);
  });

  test('deletes a server with 204, after which it is gone', async () => {
    const id = await givenServer(host);
    const reply = await host.call('DELETE', `/v2.1/servers/${id}`);
    assert.equal(reply.status, 204);
    assert.equal(reply.text, '');
    assert.equal((await host.call('GET', `/v2.1/servers/${id}`)).status, 404);
    assert.equal((await host.call('DELETE', `/v2.1/servers/${id}`)).status, 404);
  });
});
