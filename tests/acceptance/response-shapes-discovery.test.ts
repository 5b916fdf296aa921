/**
 * The discovery documents key by key, at every served microversion: extensions (list and
 * show) and the versions documents (list, one version, 300 choices), against nova's
 * api-ref.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertShape, type Shape } from '../helpers/shape.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { atVersion, LINK, LINKS, SERVED_VERSIONS } from './response-shapes-given.js';

const EXTENSION = {
  alias: 'string',
  name: 'string',
  namespace: 'string',
  description: 'string',
  updated: 'string',
  links: LINKS
} as const satisfies Shape;

const MEDIA_TYPES = [{ base: 'string', type: 'string' }] as const satisfies Shape;

/** One entry of `GET /`. */
const VERSION = {
  id: 'string',
  status: 'string',
  version: 'string',
  min_version: 'string',
  updated: 'string',
  links: [LINK],
  // wharf's one addition: the deployment's fingerprint (clients ignore unknown keys).
  deployment_fingerprint: 'string'
} as const satisfies Shape;

let host: TestHost;
before(async () => {
  host = await givenTestHost();
});
after(() => host.close());

for (const version of SERVED_VERSIONS) {
  describe(`discovery documents at ${version}`, () => {
    const get = (path: string) => host.call('GET', path, atVersion(version));

    test("extensions list and show keep exactly nova's six keys", async () => {
      const list = await get('/v2.1/extensions');
      assertShape(list.body, { extensions: [EXTENSION] });
      assert.ok(list.body.extensions.length > 0);
      assertShape((await get('/v2.1/extensions/os-keypairs')).body, { extension: EXTENSION });
    });

    test("versions list, one version and the 300 choices have nova's keys", async () => {
      assertShape((await get('/')).body, { versions: [VERSION] });
      const one = await get('/v2.1/');
      const typedLink = { rel: 'string', type: 'string', href: 'string' } as const;
      assert.equal(one.body.version.links.length, 2);
      assertShape(
        { ...one.body.version, links: [one.body.version.links[0]] },
        { ...VERSION, 'media-types': MEDIA_TYPES }
      );
      assertShape(one.body.version.links[1], typedLink);
      const choices = await get('/servers');
      assert.equal(choices.status, 300);
      assertShape(choices.body, {
        choices: [{ id: 'string', status: 'string', links: [LINK], 'media-types': MEDIA_TYPES }]
      });
    });
  });
}
