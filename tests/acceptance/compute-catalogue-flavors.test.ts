import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ComputeServices, type ComputeBackend } from '../../extensions/compute/index.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const ADMIN = 'admin:project1';

let host: TestHost;
before(async () => {
  // The test client stands in for a trusted proxy: one test checks links behind one.
  host = await givenTestHost({
    'oslo_middleware.enable_proxy_headers_parsing': 'true',
    'wsgi.trusted_proxies': '127.0.0.1'
  });
  const backend = await givenBackend(host);
  await givenPrivateFlavor(backend);
  await backend.flavors.setExtraSpecs('1', {
    'hw:cpu_policy': 'dedicated',
    'quota:cpu_shares': '10'
  });
  await backend.flavors.setExtraSpecs('6', { secret: 'yes' });
});
after(() => host.close());

/** The compute backend the host's extensions share. */
function givenBackend(testHost: TestHost): Promise<ComputeBackend> {
  return testHost.host.container.resolve(ComputeServices).backend();
}

/** Flavor '6', `m1.secret`: private, so only administrators asking for it see it. */
async function givenPrivateFlavor(backend: ComputeBackend): Promise<void> {
  await backend.database.db
    .insertInto('flavors')
    .values({
      id: '6',
      name: 'm1.secret',
      ram: 1024,
      vcpus: 2,
      disk: 10,
      swap: 512,
      ephemeral: 5,
      is_public: 0,
      created_at: new Date().toISOString()
    })
    .execute();
}

function ids(reply: { body: { flavors: { id: string }[] } }): string[] {
  return reply.body.flavors.map((flavor) => flavor.id);
}

describe('GET /flavors', () => {
  test('lists the public flavors with self and bookmark links', async () => {
    const reply = await host.call('GET', '/v2.1/flavors');
    assert.equal(reply.status, 200);
    assert.deepEqual(ids(reply), ['1', '2', '3', '4', '5']);
    assert.deepEqual(reply.body.flavors[0], {
      id: '1',
      name: 'm1.tiny',
      links: [
        { rel: 'self', href: `${host.url}/v2.1/flavors/1` },
        { rel: 'bookmark', href: `${host.url}/flavors/1` }
      ]
    });
    assert.equal(reply.body.flavors_links, undefined);
  });

  test('puts the project in links when the URL carries it', async () => {
    const reply = await host.call('GET', '/v2.1/project1/flavors');
    assert.equal(reply.body.flavors[0].links[0].href, `${host.url}/v2.1/project1/flavors/1`);
    assert.equal(reply.body.flavors[0].links[1].href, `${host.url}/project1/flavors/1`);
  });

  test('builds links from X-Forwarded-Proto and X-Forwarded-Host of a trusted proxy', async () => {
    const reply = await host.call('GET', '/v2.1/flavors/2', {
      headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'cloud.example.com' }
    });
    assert.equal(reply.body.flavor.links[0].href, 'https://cloud.example.com/v2.1/flavors/2');
    assert.equal(reply.body.flavor.links[1].href, 'https://cloud.example.com/flavors/2');
  });

  test('filters by minRam and minDisk', async () => {
    assert.deepEqual(ids(await host.call('GET', '/v2.1/flavors?minRam=4096')), ['3', '4', '5']);
    assert.deepEqual(ids(await host.call('GET', '/v2.1/flavors?minDisk=80')), ['4', '5']);
  });

  test('rejects a minRam or minDisk that is not an integer', async () => {
    const ram = await host.call('GET', '/v2.1/flavors?minRam=big');
    assert.equal(ram.status, 400);
    assert.equal(ram.body.badRequest.message, 'Invalid minRam filter [big]');
    const disk = await host.call('GET', '/v2.1/flavors/detail?minDisk=1.5');
    assert.equal(disk.body.badRequest.message, 'Invalid minDisk filter [1.5]');
  });

  test('pages with limit and marker, linking the next page', async () => {
    const first = await host.call('GET', '/v2.1/flavors?limit=2');
    assert.deepEqual(ids(first), ['1', '2']);
    assert.deepEqual(first.body.flavors_links, [
      { rel: 'next', href: `${host.url}/v2.1/flavors?limit=2&marker=2` }
    ]);
    const second = await host.call('GET', '/v2.1/flavors?limit=2&marker=2');
    assert.deepEqual(ids(second), ['3', '4']);
    const last = await host.call('GET', '/v2.1/flavors/detail?limit=2&marker=4');
    assert.deepEqual(ids(last), ['5']);
    assert.equal(last.body.flavors_links, undefined);
  });

  test('rejects an unknown marker and a negative limit', async () => {
    const marker = await host.call('GET', '/v2.1/flavors?marker=nope');
    assert.equal(marker.status, 400);
    assert.equal(marker.body.badRequest.message, 'marker [nope] not found');
    const limit = await host.call('GET', '/v2.1/flavors?limit=-1');
    assert.equal(limit.status, 400);
    assert.match(limit.body.badRequest.message, /^Invalid input for query parameters limit\./);
  });

  test('sorts by sort_key and sort_dir', async () => {
    const reply = await host.call('GET', '/v2.1/flavors?sort_key=memory_mb&sort_dir=desc');
    assert.deepEqual(ids(reply), ['5', '4', '3', '2', '1']);
    const bad = await host.call('GET', '/v2.1/flavors?sort_key=colour');
    assert.equal(bad.status, 400);
  });
});

describe('is_public', () => {
  test('shows a non-administrator public flavors only, whatever it asks', async () => {
    for (const value of ['None', 'false', 'rubbish']) {
      const reply = await host.call('GET', `/v2.1/flavors?is_public=${value}`);
      assert.equal(reply.status, 200);
      assert.deepEqual(ids(reply), ['1', '2', '3', '4', '5']);
    }
  });

  test('shows an administrator public flavors by default and with true, 1 or yes', async () => {
    for (const query of ['', '?is_public=True', '?is_public=1', '?is_public=yes']) {
      const reply = await host.call('GET', `/v2.1/flavors${query}`, { token: ADMIN });
      assert.deepEqual(ids(reply), ['1', '2', '3', '4', '5'], query);
    }
  });

  test('shows an administrator every flavor with None and private ones with false', async () => {
    const all = await host.call('GET', '/v2.1/flavors/detail?is_public=None', { token: ADMIN });
    assert.deepEqual(ids(all), ['1', '2', '3', '4', '5', '6']);
    const none = await host.call('GET', '/v2.1/flavors?is_public=none', { token: ADMIN });
    assert.equal(none.body.flavors.length, 6);
    const private_ = await host.call('GET', '/v2.1/flavors?is_public=False', { token: ADMIN });
    assert.deepEqual(ids(private_), ['6']);
  });

  test('rejects an administrator an is_public that is no boolean', async () => {
    const reply = await host.call('GET', '/v2.1/flavors?is_public=maybe', { token: ADMIN });
    assert.equal(reply.status, 400);
    assert.equal(reply.body.badRequest.message, 'Invalid is_public filter [maybe]');
  });
});

describe('GET /flavors/detail and /flavors/{id}', () => {
  test('shows every field of a flavor, swap "" when 0', async () => {
    const reply = await host.call('GET', '/v2.1/flavors/1');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      flavor: {
        id: '1',
        name: 'm1.tiny',
        ram: 512,
        disk: 1,
        swap: '',
        'OS-FLV-EXT-DATA:ephemeral': 0,
        'OS-FLV-DISABLED:disabled': false,
        vcpus: 1,
        'os-flavor-access:is_public': true,
        rxtx_factor: 1,
        links: [
          { rel: 'self', href: `${host.url}/v2.1/flavors/1` },
          { rel: 'bookmark', href: `${host.url}/flavors/1` }
        ]
      }
    });
  });

  test('lists the same fields in detail', async () => {
    const reply = await host.call('GET', '/v2.1/flavors/detail');
    assert.equal(reply.status, 200);
    const shown = await host.call('GET', '/v2.1/flavors/5');
    assert.deepEqual(reply.body.flavors[4], shown.body.flavor);
  });

  test('answers 404 for an unknown flavor', async () => {
    const reply = await host.call('GET', '/v2.1/flavors/99');
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.body, {
      itemNotFound: { code: 404, message: 'Flavor 99 could not be found.' }
    });
  });

  test('hides a private flavor from a non-administrator only', async () => {
    const user = await host.call('GET', '/v2.1/flavors/6');
    assert.equal(user.status, 404);
    const admin = await host.call('GET', '/v2.1/flavors/6', { token: ADMIN });
    assert.equal(admin.status, 200);
    assert.equal(admin.body.flavor['os-flavor-access:is_public'], false);
    assert.equal(admin.body.flavor.swap, 512);
    assert.equal(admin.body.flavor['OS-FLV-EXT-DATA:ephemeral'], 5);
  });

  test('has no create, update or delete', async () => {
    const create = await host.call('POST', '/v2.1/flavors', { body: { flavor: {} } });
    assert.equal(create.status, 404);
    const remove = await host.call('DELETE', '/v2.1/flavors/1', { token: ADMIN });
    assert.equal(remove.status, 404);
  });
});

describe('GET /flavors/{flavor_id}/os-extra_specs', () => {
  test('lists the extra specs of a flavor', async () => {
    const reply = await host.call('GET', '/v2.1/flavors/1/os-extra_specs');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      extra_specs: { 'hw:cpu_policy': 'dedicated', 'quota:cpu_shares': '10' }
    });
    const empty = await host.call('GET', '/v2.1/project1/flavors/2/os-extra_specs');
    assert.deepEqual(empty.body, { extra_specs: {} });
  });

  test('shows one extra spec as {key: value}', async () => {
    const reply = await host.call('GET', '/v2.1/flavors/1/os-extra_specs/hw:cpu_policy');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, { 'hw:cpu_policy': 'dedicated' });
  });

  test('answers 404 for a missing key or flavor', async () => {
    const key = await host.call('GET', '/v2.1/flavors/1/os-extra_specs/nope');
    assert.equal(key.status, 404);
    assert.equal(key.body.itemNotFound.message, 'Flavor 1 has no extra specs with key nope.');
    const flavor = await host.call('GET', '/v2.1/flavors/99/os-extra_specs');
    assert.equal(flavor.status, 404);
    assert.equal(flavor.body.itemNotFound.message, 'Flavor 99 could not be found.');
  });

  test("hides a private flavor's extra specs from a non-administrator", async () => {
    const user = await host.call('GET', '/v2.1/flavors/6/os-extra_specs');
    assert.equal(user.status, 404);
    const admin = await host.call('GET', '/v2.1/flavors/6/os-extra_specs', { token: ADMIN });
    assert.deepEqual(admin.body, { extra_specs: { secret: 'yes' } });
  });

  test("serves `openstack flavor list`'s calls: detail with is_public=None, then every flavor's specs", async () => {
    const list = await host.call('GET', '/v2.1/flavors/detail?is_public=None', {
      token: 'notused'
    });
    assert.equal(list.status, 200);
    for (const flavor of list.body.flavors as { id: string }[]) {
      const specs = await host.call('GET', `/v2.1/flavors/${flavor.id}/os-extra_specs`, {
        token: 'notused'
      });
      assert.equal(specs.status, 200);
      assert.equal(typeof specs.body.extra_specs, 'object');
    }
  });
});
