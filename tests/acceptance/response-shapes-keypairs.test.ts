/**
 * The keypair documents key by key, at every served microversion: create (generated and
 * imported), list and show, against nova's api-ref; `type` appears from 2.2.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertShape, type Shape } from '../helpers/shape.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { atVersion, NULLABLE_STRING, SERVED_VERSIONS } from './response-shapes-given.js';

/** The keys every keypair view has, `type` added from 2.2. */
function common(version: string): Record<string, Shape> {
  const keys: Record<string, Shape> = {
    name: 'string',
    public_key: 'string',
    fingerprint: 'string'
  };
  if (version !== '2.1') keys.type = 'string';
  return keys;
}

let host: TestHost;
let publicKey: string;
before(async () => {
  host = await givenTestHost();
  const seed = await host.call('POST', '/v2.1/os-keypairs', {
    body: { keypair: { name: 'seed' } }
  });
  publicKey = seed.body.keypair.public_key as string;
});
after(() => host.close());

for (const version of SERVED_VERSIONS) {
  describe(`keypair documents at ${version}`, () => {
    const call = (method: string, path: string, options: object = {}) =>
      host.call(method, path, { ...atVersion(version), ...options });

    test('create answers the private key only when it generated the pair', async () => {
      const generated = await call('POST', '/v2.1/os-keypairs', {
        body: { keypair: { name: `gen-${version.replace('.', '-')}` } }
      });
      assertShape(generated.body, {
        keypair: { ...common(version), user_id: 'string', private_key: 'string' }
      });
      const imported = await call('POST', '/v2.1/os-keypairs', {
        body: { keypair: { name: `imp-${version.replace('.', '-')}`, public_key: publicKey } }
      });
      assertShape(imported.body, { keypair: { ...common(version), user_id: 'string' } });
    });

    test('list wraps each keypair as {keypair: {name, public_key, fingerprint}}', async () => {
      const reply = await call('GET', '/v2.1/os-keypairs');
      assertShape(reply.body, { keypairs: [{ keypair: common(version) }] });
      assert.ok(reply.body.keypairs.length > 0);
    });

    test("show adds the row's id, user and timestamps", async () => {
      const reply = await call('GET', '/v2.1/os-keypairs/seed');
      assertShape(reply.body, {
        keypair: {
          ...common(version),
          user_id: 'string',
          id: 'integer',
          deleted: 'boolean',
          created_at: 'string',
          updated_at: NULLABLE_STRING,
          deleted_at: NULLABLE_STRING
        }
      });
    });
  });
}
