import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CATALOGUE_IMAGES } from '../../extensions/compute/storage.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';

const [CIRROS, UBUNTU, DEBIAN] = CATALOGUE_IMAGES;
/** The catalogue newest first, as both listings order it. */
const NEWEST_FIRST = [DEBIAN.id, CIRROS.id, UBUNTU.id];

let host: TestHost;
before(async () => {
  host = await givenTestHost();
});
after(() => host.close());

function ids(reply: { body: { images: { id: string }[] } }): string[] {
  return reply.body.images.map((image) => image.id);
}

describe('GET /images (nova proxy)', () => {
  test('lists the catalogue newest first with self, bookmark and alternate links', async () => {
    const reply = await host.call('GET', '/v2.1/images');
    assert.equal(reply.status, 200);
    assert.deepEqual(ids(reply), NEWEST_FIRST);
    assert.deepEqual(reply.body.images[1], {
      id: CIRROS.id,
      name: CIRROS.name,
      links: [
        { rel: 'self', href: `${host.url}/v2.1/images/${CIRROS.id}` },
        { rel: 'bookmark', href: `${host.url}/images/${CIRROS.id}` },
        {
          rel: 'alternate',
          type: 'application/vnd.openstack.image',
          href: `${host.url}/v2.1/v2/images/${CIRROS.id}`
        }
      ]
    });
  });

  test('shows an image in nova shape with its size', async () => {
    const reply = await host.call('GET', `/v2.1/images/${UBUNTU.id}`);
    assert.equal(reply.status, 200);
    const { links, ...image } = reply.body.image;
    assert.deepEqual(image, {
      id: UBUNTU.id,
      name: UBUNTU.name,
      minRam: 512,
      minDisk: 3,
      metadata: { architecture: 'x86_64', os_distro: 'ubuntu', os_version: '22.04' },
      created: '2023-04-21T09:00:00Z',
      updated: '2023-04-21T09:00:00Z',
      status: 'ACTIVE',
      progress: 100,
      'OS-EXT-IMG-SIZE:size': 692387840
    });
    assert.equal(links.length, 3);
  });

  test("keeps glance's fields out of nova's image document", async () => {
    const proxied = await host.call('GET', `/v2.1/images/${UBUNTU.id}`, { token: 'notused' });
    assert.deepEqual(Object.keys(proxied.body), ['image']);
  });

  test('lists the same images in detail', async () => {
    const reply = await host.call('GET', '/v2.1/images/detail');
    assert.deepEqual(ids(reply), NEWEST_FIRST);
    assert.equal(reply.body.images[0].minDisk, 2);
    assert.equal(reply.body.images[0].status, 'ACTIVE');
  });

  test('filters by exact name and status', async () => {
    const named = await host.call('GET', `/v2.1/images?name=${CIRROS.name}`);
    assert.deepEqual(ids(named), [CIRROS.id]);
    const partial = await host.call('GET', '/v2.1/images/detail?name=cirros');
    assert.deepEqual(ids(partial), []);
    const active = await host.call('GET', '/v2.1/images?status=active');
    assert.equal(active.body.images.length, 3);
    const saving = await host.call('GET', '/v2.1/images?status=SAVING');
    assert.equal(saving.body.images.length, 0);
  });

  test('pages with limit and marker', async () => {
    const first = await host.call('GET', '/v2.1/images?limit=1');
    assert.deepEqual(ids(first), [DEBIAN.id]);
    const next = await host.call('GET', `/v2.1/images/detail?limit=5&marker=${DEBIAN.id}`);
    assert.deepEqual(ids(next), [CIRROS.id, UBUNTU.id]);
  });

  test('rejects a bad limit or marker', async () => {
    const word = await host.call('GET', '/v2.1/images?limit=many');
    assert.equal(word.status, 400);
    assert.equal(word.body.badRequest.message, 'Invalid input received: limit must be an integer');
    const negative = await host.call('GET', '/v2.1/images?limit=-2');
    assert.equal(negative.body.badRequest.message, 'Invalid input received: limit must be >= 0');
    const marker = await host.call('GET', '/v2.1/images?marker=gone');
    assert.equal(marker.status, 400);
    assert.equal(marker.body.badRequest.message, 'marker [gone] not found');
  });

  test('answers 404 "Image not found." for an unknown id', async () => {
    const reply = await host.call('GET', '/v2.1/images/00000000-0000-0000-0000-000000000000');
    assert.equal(reply.status, 404);
    assert.deepEqual(reply.body, { itemNotFound: { code: 404, message: 'Image not found.' } });
  });

  test("serves `openstack server create --image NAME`'s look-up: a 404 by id, then ?name=", async () => {
    const byId = await host.call('GET', `/v2.1/images/${DEBIAN.name}`, { token: 'notused' });
    assert.equal(byId.status, 404);
    const byName = await host.call('GET', `/v2.1/images?name=${DEBIAN.name}`, {
      token: 'notused'
    });
    assert.deepEqual(ids(byName), [DEBIAN.id]);
  });

  test('puts the project in links when the URL carries it', async () => {
    const reply = await host.call('GET', `/v2.1/project1/images/${CIRROS.id}`);
    assert.equal(reply.body.image.links[0].href, `${host.url}/v2.1/project1/images/${CIRROS.id}`);
    assert.equal(reply.body.image.links[1].href, `${host.url}/project1/images/${CIRROS.id}`);
  });
});

describe('GET /v2/images (glance v2 shape)', () => {
  test('shows a bare image as glance does', async () => {
    const reply = await host.call('GET', `/v2.1/v2/images/${CIRROS.id}`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      architecture: 'x86_64',
      os_distro: 'cirros',
      os_version: '0.6.2',
      id: CIRROS.id,
      name: CIRROS.name,
      status: 'active',
      visibility: 'public',
      protected: false,
      os_hidden: false,
      tags: [],
      min_disk: 0,
      min_ram: 0,
      size: 21430272,
      virtual_size: null,
      disk_format: 'qcow2',
      container_format: 'bare',
      checksum: null,
      owner: null,
      created_at: '2023-05-30T09:00:00Z',
      updated_at: '2023-05-30T09:00:00Z',
      self: `/v2/images/${CIRROS.id}`,
      file: `/v2/images/${CIRROS.id}/file`,
      schema: '/v2/schemas/image'
    });
  });

  test('answers 404 in glance words for an unknown id', async () => {
    const reply = await host.call('GET', '/v2.1/v2/images/6b2b3a1c-0000-0000-0000-000000000000');
    assert.equal(reply.status, 404);
    assert.equal(
      reply.body.itemNotFound.message,
      'No image found with ID 6b2b3a1c-0000-0000-0000-000000000000'
    );
  });

  test("serves `nova boot --image NAME`'s look-up by exact name", async () => {
    const reply = await host.call('GET', `/v2.1/v2/images?name=${UBUNTU.name}`, {
      token: 'notused',
      headers: { 'X-OpenStack-Nova-API-Version': '2.1' }
    });
    assert.equal(reply.status, 200);
    assert.deepEqual(ids(reply), [UBUNTU.id]);
    assert.equal(reply.body.images[0].status, 'active');
    assert.equal(reply.body.first, `/v2/images?name=${UBUNTU.name}`);
    assert.equal(reply.body.schema, '/v2/schemas/images');
    const none = await host.call('GET', '/v2.1/v2/images?name=ubuntu');
    assert.deepEqual(none.body.images, []);
  });

  test('pages with limit and a relative next link', async () => {
    const first = await host.call('GET', '/v2.1/v2/images?limit=2');
    assert.deepEqual(ids(first), NEWEST_FIRST.slice(0, 2));
    assert.equal(first.body.first, '/v2/images?limit=2');
    assert.equal(first.body.next, `/v2/images?limit=2&marker=${CIRROS.id}`);
    const second = await host.call('GET', `/v2.1${first.body.next}`);
    assert.deepEqual(ids(second), [UBUNTU.id]);
    assert.equal(second.body.next, undefined);
  });

  test('filters by visibility: every image is public', async () => {
    const everything = await host.call('GET', '/v2.1/v2/images?visibility=all');
    assert.equal(everything.body.images.length, 3);
    const mine = await host.call('GET', '/v2.1/v2/images?visibility=private');
    assert.deepEqual(mine.body.images, []);
  });

  test('rejects a bad limit or visibility in glance words', async () => {
    const limit = await host.call('GET', '/v2.1/v2/images?limit=x');
    assert.equal(limit.status, 400);
    assert.equal(limit.body.badRequest.message, 'limit param must be an integer');
    const negative = await host.call('GET', '/v2.1/v2/images?limit=-1');
    assert.equal(negative.body.badRequest.message, 'limit param must be positive');
    const visibility = await host.call('GET', '/v2.1/v2/images?visibility=secret');
    assert.equal(visibility.status, 400);
    assert.equal(visibility.body.badRequest.message, 'Invalid visibility value: secret');
  });
});
