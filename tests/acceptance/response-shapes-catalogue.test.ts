/**
 * The catalogue documents key by key, at every served microversion: flavors (list, detail,
 * show), flavor extra specs (list, show) and the image proxy (list, detail, show), against
 * nova's api-ref: flavor ids are strings, `swap` is `""` when 0, and the image proxy's show
 * is nova's `{"image"}` only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ComputeServices } from '../../extensions/compute/index.js';
import { assertShape, mapOf, oneOf, type Shape } from '../helpers/shape.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { CIRROS } from './compute-servers-given.js';
import {
  atVersion,
  IMAGE_LINKS,
  LINK,
  LINKS,
  METADATA,
  SERVED_VERSIONS
} from './response-shapes-given.js';

/** A flavor as show and detail give it, before 2.55 adds `description`. */
const FLAVOR = {
  id: 'string',
  name: 'string',
  ram: 'integer',
  disk: 'integer',
  vcpus: 'integer',
  swap: oneOf('string', 'integer'),
  rxtx_factor: oneOf('number', 'string'),
  'OS-FLV-EXT-DATA:ephemeral': 'integer',
  'OS-FLV-DISABLED:disabled': 'boolean',
  'os-flavor-access:is_public': 'boolean',
  links: LINKS
} as const satisfies Shape;

/** An image as show and detail give it. */
const IMAGE = {
  id: 'string',
  name: 'string',
  minRam: 'integer',
  minDisk: 'integer',
  metadata: METADATA,
  created: 'string',
  updated: 'string',
  status: 'string',
  progress: 'integer',
  links: IMAGE_LINKS,
  'OS-EXT-IMG-SIZE:size': 'integer'
} as const satisfies Shape;

let host: TestHost;
before(async () => {
  host = await givenTestHost();
  const backend = await host.host.container.resolve(ComputeServices).backend();
  await backend.flavors.setExtraSpecs('1', { 'hw:cpu_policy': 'dedicated' });
});
after(() => host.close());

for (const version of SERVED_VERSIONS) {
  describe(`catalogue documents at ${version}`, () => {
    const get = (path: string) => host.call('GET', path, atVersion(version));

    test('flavor list shows id, name and links, with flavors_links on a full page', async () => {
      assertShape((await get('/v2.1/flavors?limit=1')).body, {
        flavors: [{ id: 'string', name: 'string', links: LINKS }],
        flavors_links: [LINK]
      });
      assertShape((await get('/v2.1/flavors')).body, {
        flavors: [{ id: 'string', name: 'string', links: LINKS }]
      });
    });

    test('flavor show and detail give every flavor key, swap "" when there is none', async () => {
      const shown = await get('/v2.1/flavors/1');
      assertShape(shown.body, { flavor: FLAVOR });
      assert.equal(shown.body.flavor.swap, '');
      assertShape((await get('/v2.1/flavors/detail')).body, { flavors: [FLAVOR] });
    });

    test('extra specs answer {extra_specs: {...}} and one spec as {key: value}', async () => {
      assertShape((await get('/v2.1/flavors/1/os-extra_specs')).body, {
        extra_specs: mapOf('string')
      });
      assertShape((await get('/v2.1/flavors/1/os-extra_specs/hw:cpu_policy')).body, {
        'hw:cpu_policy': 'string'
      });
    });

    test('image list shows id, name and the three links, with images_links on a full page', async () => {
      const entry = { id: 'string', name: 'string', links: IMAGE_LINKS } as const;
      const reply = await get('/v2.1/images');
      assertShape(reply.body, { images: [entry] });
      assert.ok(reply.body.images.length > 0);
      assertShape((await get('/v2.1/images?limit=1')).body, {
        images: [entry],
        images_links: [LINK]
      });
    });

    test("image show and detail give nova's image and nothing beside it", async () => {
      assertShape((await get(`/v2.1/images/${CIRROS}`)).body, { image: IMAGE });
      assertShape((await get('/v2.1/images/detail')).body, { images: [IMAGE] });
      assertShape((await get('/v2.1/images/detail?limit=2')).body, {
        images: [IMAGE],
        images_links: [LINK]
      });
    });
  });
}
