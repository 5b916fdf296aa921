/**
 * Quotas through the API: os-quota-sets and limits in nova's shapes at 2.1, and the 403 a
 * create, a key pair or a metadata write over quota gets, with nothing written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { ADMIN, createServer, givenServer } from './compute-servers-given.js';

/** nova's 2.1 quota_set keys (doc/api_samples/os-quota-sets/quotas-show-get-resp.json). */
const QUOTA_SET_KEYS = [
  'cores',
  'fixed_ips',
  'floating_ips',
  'id',
  'injected_file_content_bytes',
  'injected_file_path_bytes',
  'injected_files',
  'instances',
  'key_pairs',
  'metadata_items',
  'ram',
  'security_group_rules',
  'security_groups',
  'server_group_members',
  'server_groups'
];

/** nova's 2.1 absolute limits (doc/api_samples/limits/limit-get-resp.json). */
const ABSOLUTE_KEYS = [
  'maxImageMeta',
  'maxPersonality',
  'maxPersonalitySize',
  'maxSecurityGroupRules',
  'maxSecurityGroups',
  'maxServerGroupMembers',
  'maxServerGroups',
  'maxServerMeta',
  'maxTotalCores',
  'maxTotalFloatingIps',
  'maxTotalInstances',
  'maxTotalKeypairs',
  'maxTotalRAMSize',
  'totalCoresUsed',
  'totalFloatingIpsUsed',
  'totalInstancesUsed',
  'totalRAMUsed',
  'totalSecurityGroupsUsed',
  'totalServerGroupsUsed'
];

let host: TestHost;
before(async () => {
  host = await givenTestHost();
});
after(() => host.close());

/** Sets `project`'s quotas as an administrator, asserting the 200. */
async function givenQuotas(project: string, quotaSet: Record<string, unknown>): Promise<void> {
  const reply = await host.call('PUT', `/v2.1/os-quota-sets/${project}`, {
    token: ADMIN,
    body: { quota_set: quotaSet }
  });
  assert.equal(reply.status, 200, reply.text);
}

async function serverCount(token: string): Promise<number> {
  return (await host.call('GET', '/v2.1/servers', { token })).body.servers.length;
}

describe('GET /os-quota-sets/{project_id}', () => {
  test("answers nova's defaults in nova's 2.1 shape", async () => {
    const reply = await host.call('GET', '/v2.1/os-quota-sets/project1');
    assert.equal(reply.status, 200);
    assert.deepEqual(Object.keys(reply.body.quota_set).sort(), QUOTA_SET_KEYS);
    const { id, instances, cores, ram, key_pairs, metadata_items } = reply.body.quota_set;
    assert.deepEqual(
      { id, instances, cores, ram, key_pairs, metadata_items },
      { id: 'project1', instances: 10, cores: 20, ram: 51200, key_pairs: 100, metadata_items: 128 }
    );
  });

  test("refuses another project's quotas to a member with 403", async () => {
    const reply = await host.call('GET', '/v2.1/os-quota-sets/project2');
    assert.equal(reply.status, 403);
    assert.equal(reply.body.forbidden.code, 403);
  });

  test('answers the defaults and the detail with usage', async () => {
    const defaults = await host.call('GET', '/v2.1/os-quota-sets/other/defaults');
    assert.equal(defaults.status, 200);
    assert.deepEqual(Object.keys(defaults.body.quota_set).sort(), QUOTA_SET_KEYS);
    await givenServer(host, { name: 'counted' }, 'user1:detail-project');
    const detail = await host.call('GET', '/v2.1/os-quota-sets/detail-project/detail', {
      token: 'user1:detail-project'
    });
    assert.equal(detail.status, 200);
    assert.deepEqual(Object.keys(detail.body.quota_set).sort(), QUOTA_SET_KEYS);
    assert.deepEqual(detail.body.quota_set.instances, { in_use: 1, limit: 10, reserved: 0 });
    assert.deepEqual(detail.body.quota_set.cores, { in_use: 1, limit: 20, reserved: 0 });
  });
});

describe('PUT and DELETE /os-quota-sets/{project_id}', () => {
  test('lets an administrator set limits: 200 without id, then show has them', async () => {
    const reply = await host.call('PUT', '/v2.1/os-quota-sets/put-project', {
      token: ADMIN,
      body: { quota_set: { cores: 45, instances: '7' } }
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(
      Object.keys(reply.body.quota_set).sort(),
      QUOTA_SET_KEYS.filter((key) => key !== 'id')
    );
    assert.deepEqual([reply.body.quota_set.cores, reply.body.quota_set.instances], [45, 7]);
    const shown = await host.call('GET', '/v2.1/os-quota-sets/put-project', { token: ADMIN });
    assert.equal(shown.body.quota_set.cores, 45);
  });

  test('refuses a member with 403 and bad values with 400', async () => {
    const member = await host.call('PUT', '/v2.1/os-quota-sets/project1', {
      body: { quota_set: { instances: 100 } }
    });
    assert.equal(member.status, 403);
    for (const quotaSet of [
      { instances: -2 },
      { instances: 2 ** 31 },
      { bogus: 1 },
      { ram: 'x' }
    ]) {
      const reply = await host.call('PUT', '/v2.1/os-quota-sets/project1', {
        token: ADMIN,
        body: { quota_set: quotaSet }
      });
      assert.equal(reply.status, 400, JSON.stringify(quotaSet));
      assert.equal(reply.body.badRequest.code, 400);
    }
  });

  test('refuses a limit below usage with 400 unless forced', async () => {
    const token = 'user1:below-project';
    await givenServer(host, { max_count: 2 }, token);
    const refused = await host.call('PUT', '/v2.1/os-quota-sets/below-project', {
      token: ADMIN,
      body: { quota_set: { instances: 1 } }
    });
    assert.equal(refused.status, 400);
    await givenQuotas('below-project', { instances: 1, force: 'True' });
  });

  test('resets a project to the defaults with 202', async () => {
    await givenQuotas('reset-project', { instances: 1 });
    const reply = await host.call('DELETE', '/v2.1/os-quota-sets/reset-project', { token: ADMIN });
    assert.equal(reply.status, 202);
    const shown = await host.call('GET', '/v2.1/os-quota-sets/reset-project', { token: ADMIN });
    assert.equal(shown.body.quota_set.instances, 10);
  });
});

describe('GET /limits', () => {
  test("answers absolute limits and usage in nova's 2.1 shape, rate empty", async () => {
    const token = 'user1:limits-project';
    await givenQuotas('limits-project', { instances: 5 });
    await givenServer(host, { name: 'one', flavorRef: '2' }, token);
    const reply = await host.call('GET', '/v2.1/limits', { token });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.limits.rate, []);
    assert.deepEqual(Object.keys(reply.body.limits.absolute).sort(), ABSOLUTE_KEYS);
    const { maxTotalInstances, totalInstancesUsed, totalCoresUsed, totalRAMUsed } =
      reply.body.limits.absolute;
    assert.deepEqual(
      { maxTotalInstances, totalInstancesUsed, totalCoresUsed, totalRAMUsed },
      { maxTotalInstances: 5, totalInstancesUsed: 1, totalCoresUsed: 1, totalRAMUsed: 2048 }
    );
  });

  test("shows another project's limits to an administrator only", async () => {
    const member = await host.call('GET', '/v2.1/limits?tenant_id=limits-project');
    assert.equal(member.status, 403);
    const admin = await host.call('GET', '/v2.1/limits?tenant_id=limits-project', { token: ADMIN });
    assert.equal(admin.body.limits.absolute.maxTotalInstances, 5);
  });
});

describe('POST /servers over quota', () => {
  test("refuses with 403 and nova's message, writing nothing", async () => {
    const token = 'user1:full-project';
    await givenServer(host, { max_count: 9 }, token);
    const reply = await createServer(host, { min_count: 3, max_count: 3 }, token);
    assert.equal(reply.status, 403);
    assert.equal(
      reply.body.forbidden.message,
      'Quota exceeded for instances: Requested 3, but already used 9 of 10 instances'
    );
    assert.equal(await serverCount(token), 9);
  });

  test('refuses cores and ram as well as instances', async () => {
    const token = 'user1:cores-project';
    // m1.xlarge: 8 vcpus, 16384 MiB; three need 24 cores and 49152 MiB.
    const reply = await createServer(host, { flavorRef: '5', max_count: 3 }, token);
    assert.equal(reply.status, 403);
    assert.match(reply.body.forbidden.message, /^Quota exceeded for cores: Requested 24, /);
    assert.equal(await serverCount(token), 0);
  });

  test('answers a huge max_count at once with 400, and min_count > max_count with 400', async () => {
    const token = 'user1:huge-project';
    for (const server of [
      { max_count: '99999999999999999999' },
      { max_count: 1e20 },
      { max_count: '9'.repeat(400) },
      { min_count: 3, max_count: 2 }
    ]) {
      const reply = await createServer(host, server, token);
      assert.equal(reply.status, 400, JSON.stringify(server));
      assert.equal(reply.body.badRequest.code, 400);
    }
    assert.equal(await serverCount(token), 0);
  });

  test('refuses a server with more metadata items than metadata_items', async () => {
    const token = 'user1:meta-create-project';
    await givenQuotas('meta-create-project', { metadata_items: 1 });
    const reply = await createServer(host, { metadata: { a: '1', b: '2' } }, token);
    assert.equal(reply.status, 403);
    assert.equal(reply.body.forbidden.message, 'Maximum number of metadata items exceeds 1');
    assert.equal(await serverCount(token), 0);
  });
});

describe('metadata and key pairs over quota', () => {
  test('refuses a metadata write past metadata_items with 403, keeping the old items', async () => {
    const token = 'user1:meta-project';
    await givenQuotas('meta-project', { metadata_items: 2 });
    const id = await givenServer(host, { metadata: { a: '1' } }, token);
    const path = `/v2.1/servers/${id}/metadata`;
    const writes = [
      host.call('POST', path, { token, body: { metadata: { b: '2', c: '3' } } }),
      host.call('PUT', path, { token, body: { metadata: { x: '1', y: '2', z: '3' } } })
    ];
    for (const reply of await Promise.all(writes)) assert.equal(reply.status, 403);
    assert.equal(
      (await host.call('POST', path, { token, body: { metadata: { b: '2' } } })).status,
      200
    );
    const item = await host.call('PUT', `${path}/c`, { token, body: { meta: { c: '3' } } });
    assert.equal(item.status, 403);
    assert.deepEqual((await host.call('GET', path, { token })).body.metadata, { a: '1', b: '2' });
  });

  test('refuses a key pair past key_pairs with 403', async () => {
    const token = 'keyuser:key-project';
    await givenQuotas('key-project', { key_pairs: 1 });
    const create = (name: string) =>
      host.call('POST', '/v2.1/os-keypairs', { token, body: { keypair: { name } } });
    assert.equal((await create('first')).status, 200);
    const refused = await create('second');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.forbidden.message, 'Quota exceeded, too many key pairs.');
    const listed = await host.call('GET', '/v2.1/os-keypairs', { token });
    assert.equal(listed.body.keypairs.length, 1);
  });
});
