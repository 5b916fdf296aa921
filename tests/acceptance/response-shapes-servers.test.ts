/**
 * The server documents key by key, at every served microversion: create, show (as a user and
 * as an administrator), update, list and detail, against nova's api-ref.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertShape, mapOf, type Shape } from '../helpers/shape.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { ADMIN, CIRROS, givenServer, statusOf } from './compute-servers-given.js';
import {
  atVersion,
  BOOKMARKED,
  LINK,
  LINKS,
  METADATA,
  NULLABLE_STRING,
  SERVED_VERSIONS
} from './response-shapes-given.js';

/** The keys of nova's `show` with every `show_*` flag off: update's base. */
const BASE = {
  id: 'string',
  name: 'string',
  status: 'string',
  tenant_id: 'string',
  user_id: 'string',
  metadata: METADATA,
  hostId: 'string',
  image: BOOKMARKED,
  flavor: BOOKMARKED,
  created: 'string',
  updated: 'string',
  accessIPv4: 'string',
  accessIPv6: 'string',
  links: LINKS,
  progress: 'integer',
  'OS-DCF:diskConfig': 'string'
} as const satisfies Shape;

/** `PUT /servers/{id}`: no extended addresses, key_name, config_drive nor groups. */
const UPDATED = {
  ...BASE,
  addresses: mapOf([{ version: 'integer', addr: 'string' }])
} as const satisfies Shape;

/** `GET /servers/{id}` and each entry of `GET /servers/detail`, as a user. */
const SHOWN = {
  ...BASE,
  addresses: mapOf([
    {
      version: 'integer',
      addr: 'string',
      'OS-EXT-IPS:type': 'string',
      'OS-EXT-IPS-MAC:mac_addr': 'string'
    }
  ]),
  key_name: NULLABLE_STRING,
  config_drive: 'string',
  security_groups: [{ name: 'string' }],
  'OS-EXT-AZ:availability_zone': 'string',
  'OS-EXT-STS:task_state': NULLABLE_STRING,
  'OS-EXT-STS:vm_state': 'string',
  'OS-EXT-STS:power_state': 'integer',
  'OS-SRV-USG:launched_at': NULLABLE_STRING,
  'OS-SRV-USG:terminated_at': NULLABLE_STRING,
  'os-extended-volumes:volumes_attached': [{ id: 'string' }]
} as const satisfies Shape;

/** What an administrator also sees (before 2.3). */
const SHOWN_TO_ADMIN = {
  ...SHOWN,
  'OS-EXT-SRV-ATTR:host': NULLABLE_STRING,
  'OS-EXT-SRV-ATTR:instance_name': 'string',
  'OS-EXT-SRV-ATTR:hypervisor_hostname': NULLABLE_STRING
} as const satisfies Shape;

/** `POST /servers`. */
const CREATED = {
  server: {
    id: 'string',
    links: LINKS,
    adminPass: 'string',
    'OS-DCF:diskConfig': 'string',
    security_groups: [{ name: 'string' }]
  }
} as const satisfies Shape;

for (const version of SERVED_VERSIONS) {
  describe(`server documents at ${version}`, () => {
    let host: TestHost;
    let id: string;
    const call = (method: string, path: string, options: object = {}) =>
      host.call(method, path, { ...atVersion(version), ...options });

    before(async () => {
      host = await givenTestHost();
      id = await givenServer(host, { metadata: { role: 'web' } });
      assert.equal(await statusOf(host, id), 'ACTIVE');
      await givenServer(host, { name: 'second' });
    });
    after(() => host.close());

    test('create answers id, links, adminPass, OS-DCF:diskConfig and security_groups', async () => {
      const reply = await call('POST', '/v2.1/servers', {
        body: { server: { name: 'vm', imageRef: CIRROS, flavorRef: '1' } }
      });
      assert.equal(reply.status, 202);
      assertShape(reply.body, CREATED);
    });

    test('show has the base keys, extended addresses and the user-visible OS-* keys', async () => {
      const reply = await call('GET', `/v2.1/servers/${id}`);
      assert.equal(reply.status, 200);
      assertShape(reply.body, { server: SHOWN });
      assert.equal(Object.keys(reply.body.server.addresses).length, 1);
    });

    test('show adds OS-EXT-SRV-ATTR host, instance_name and hypervisor_hostname for an administrator', async () => {
      const reply = await call('GET', `/v2.1/servers/${id}`, { token: ADMIN });
      assertShape(reply.body, { server: SHOWN_TO_ADMIN });
    });

    test('detail shows every server as show does, with servers_links on a full page', async () => {
      const reply = await call('GET', '/v2.1/servers/detail?limit=1');
      assertShape(reply.body, { servers: [SHOWN], servers_links: [LINK] });
      assert.equal(reply.body.servers.length, 1);
      const all = await call('GET', '/v2.1/servers/detail');
      assertShape(all.body, { servers: [SHOWN] });
    });

    test('list shows id, name and links, with servers_links on a full page', async () => {
      const reply = await call('GET', '/v2.1/servers?limit=1');
      assertShape(reply.body, {
        servers: [{ id: 'string', name: 'string', links: LINKS }],
        servers_links: [LINK]
      });
      assert.equal(reply.body.servers.length, 1);
    });

    test('every bundled action answers 202 with no body', async () => {
      const actions = [
        'os-stop',
        'os-start',
        'pause',
        'unpause',
        'suspend',
        'resume',
        'lock',
        'unlock'
      ].map((action): [string, unknown] => [action, null]);
      actions.push(['reboot', { type: 'SOFT' }]);
      const target = await givenServer(host, { name: `actions-${version}` });
      for (const [action, value] of actions) {
        const reply = await call('POST', `/v2.1/servers/${target}/action`, {
          body: { [action]: value }
        });
        assert.equal(reply.status, 202, `${action}: ${reply.text}`);
        assert.equal(reply.text, '', action);
      }
    });

    test('update answers the smaller base view with OS-DCF:diskConfig', async () => {
      const reply = await call('PUT', `/v2.1/servers/${id}`, {
        body: { server: { name: 'renamed' } }
      });
      assert.equal(reply.status, 200);
      assertShape(reply.body, { server: UPDATED });
    });
  });
}
