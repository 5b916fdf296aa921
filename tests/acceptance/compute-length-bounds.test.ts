import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_PUBLIC_KEY_LENGTH } from '../../extensions/keypairs/keypair-schemas.js';
import { givenTestHost, type Reply, type TestHost } from '../helpers/test-host.js';
import { createServer, givenServer } from './compute-servers-given.js';

/** Every length a caller sets, at its bound (accepted) and one past it (400). */
describe('length bounds of what a caller stores', () => {
  let host: TestHost;
  let serverId: string;
  before(async () => {
    host = await givenTestHost();
    serverId = await givenServer(host, { name: 'bounds' });
  });
  after(() => host?.close());

  /** Sends one request for `length` characters; the bound is `max`. */
  interface Bound {
    what: string;
    max: number;
    send(length: number): Promise<Reply>;
  }

  // The schema's refusal, in nova's words. At the bound a request may still fail later for
  // another reason (an unknown zone, a string that is not a key): it must not fail this way.
  const refusedBySchema = (reply: Reply) =>
    reply.status === 400 &&
    /^Invalid input for field\/attribute /.test(reply.body?.badRequest?.message ?? '');

  const text = (length: number, char = 'x') => char.repeat(length);

  const bounds: Bound[] = [
    {
      what: 'a server name on create',
      max: 255,
      send: (length) => createServer(host, { name: text(length) })
    },
    {
      what: 'a server name on update',
      max: 255,
      send: (length) =>
        host.call('PUT', `/v2.1/servers/${serverId}`, { body: { server: { name: text(length) } } })
    },
    {
      what: 'a metadata key on server create',
      max: 255,
      send: (length) => createServer(host, { metadata: { [text(length, 'k')]: 'v' } })
    },
    {
      what: 'a metadata value on server create',
      max: 255,
      send: (length) => createServer(host, { metadata: { k: text(length) } })
    },
    {
      what: 'a metadata key on POST metadata',
      max: 255,
      send: (length) =>
        host.call('POST', `/v2.1/servers/${serverId}/metadata`, {
          body: { metadata: { [text(length, 'k')]: 'v' } }
        })
    },
    {
      what: 'a metadata value on PUT metadata/{key}',
      max: 255,
      send: (length) =>
        host.call('PUT', `/v2.1/servers/${serverId}/metadata/k`, {
          body: { meta: { k: text(length) } }
        })
    },
    {
      what: 'an availability zone on server create',
      max: 255,
      send: (length) => createServer(host, { availability_zone: text(length) })
    },
    {
      what: 'a keypair name',
      max: 255,
      send: (length) =>
        host.call('POST', '/v2.1/os-keypairs', { body: { keypair: { name: text(length) } } })
    },
    {
      what: 'an imported public key',
      max: MAX_PUBLIC_KEY_LENGTH,
      send: (length) =>
        host.call('POST', '/v2.1/os-keypairs', {
          body: { keypair: { name: `key-${length}`, public_key: `ssh-rsa ${text(length - 8)}` } }
        })
    }
  ];

  for (const bound of bounds) {
    test(`accepts ${bound.what} of ${bound.max} characters and refuses ${bound.max + 1}`, async () => {
      const atBound = await bound.send(bound.max);
      assert.ok(!refusedBySchema(atBound), `${bound.max}: ${atBound.text.slice(0, 200)}`);
      const over = await bound.send(bound.max + 1);
      assert.ok(
        refusedBySchema(over),
        `${bound.max + 1}: ${over.status} ${over.text.slice(0, 200)}`
      );
    });
  }
});
