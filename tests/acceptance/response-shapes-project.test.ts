/**
 * The project documents key by key, at every served microversion: server metadata (all
 * five answers with a body), os-quota-sets (show, detail, defaults, update) and limits,
 * against nova's api-ref.
 */
import { after, before, describe, test } from 'node:test';
import { assertShape, mapOf, type Shape } from '../helpers/shape.js';
import { givenTestHost, type TestHost } from '../helpers/test-host.js';
import { ADMIN, givenServer } from './compute-servers-given.js';
import { atVersion, METADATA, SERVED_VERSIONS } from './response-shapes-given.js';

const QUOTA_NAMES = [
  'instances',
  'cores',
  'ram',
  'metadata_items',
  'key_pairs',
  'fixed_ips',
  'floating_ips',
  'security_groups',
  'security_group_rules',
  'injected_files',
  'injected_file_content_bytes',
  'injected_file_path_bytes',
  'server_groups',
  'server_group_members'
] as const;

/** Every quota (before 2.36 drops the network ones) with one shape. */
function quotas(shape: Shape): Record<string, Shape> {
  return Object.fromEntries(QUOTA_NAMES.map((name) => [name, shape]));
}

const ABSOLUTE = Object.fromEntries(
  [
    'maxTotalRAMSize',
    'maxTotalInstances',
    'maxTotalCores',
    'maxTotalKeypairs',
    'maxTotalFloatingIps',
    'maxServerMeta',
    'maxImageMeta',
    'maxPersonality',
    'maxPersonalitySize',
    'maxSecurityGroups',
    'maxSecurityGroupRules',
    'maxServerGroups',
    'maxServerGroupMembers',
    'totalRAMUsed',
    'totalCoresUsed',
    'totalInstancesUsed',
    'totalFloatingIpsUsed',
    'totalSecurityGroupsUsed',
    'totalServerGroupsUsed'
  ].map((name) => [name, 'integer' as const])
);

let host: TestHost;
let id: string;
before(async () => {
  host = await givenTestHost();
  id = await givenServer(host, { metadata: { role: 'web' } });
});
after(() => host.close());

for (const version of SERVED_VERSIONS) {
  describe(`project documents at ${version}`, () => {
    const call = (method: string, path: string, options: object = {}) =>
      host.call(method, path, { ...atVersion(version), ...options });

    test('server metadata answers {metadata} for the set and {meta} for one key', async () => {
      const metadata = `/v2.1/servers/${id}/metadata`;
      assertShape((await call('GET', metadata)).body, { metadata: METADATA });
      const body = { metadata: { tier: 'gold' } };
      assertShape((await call('POST', metadata, { body })).body, { metadata: METADATA });
      assertShape((await call('PUT', metadata, { body })).body, { metadata: METADATA });
      assertShape((await call('GET', `${metadata}/tier`)).body, { meta: { tier: 'string' } });
      const item = { body: { meta: { tier: 'silver' } } };
      assertShape((await call('PUT', `${metadata}/tier`, item)).body, { meta: { tier: 'string' } });
    });

    test('quota show and defaults carry the id and every quota as an integer', async () => {
      const shape: Shape = { quota_set: { id: 'string', ...quotas('integer') } };
      assertShape((await call('GET', '/v2.1/os-quota-sets/project1')).body, shape);
      assertShape((await call('GET', '/v2.1/os-quota-sets/project1/defaults')).body, shape);
    });

    test('quota detail gives in_use, limit and reserved for every quota', async () => {
      const usage = { in_use: 'integer', limit: 'integer', reserved: 'integer' } as const;
      assertShape((await call('GET', '/v2.1/os-quota-sets/project1/detail')).body, {
        quota_set: { id: 'string', ...quotas(usage) }
      });
    });

    test('quota update answers every quota without the id', async () => {
      const reply = await call('PUT', '/v2.1/os-quota-sets/project1', {
        token: ADMIN,
        body: { quota_set: { instances: 20 } }
      });
      assertShape(reply.body, { quota_set: quotas('integer') });
    });

    test('limits answer the empty rate list and every absolute limit', async () => {
      assertShape((await call('GET', '/v2.1/limits')).body, {
        limits: { rate: [mapOf('string')], absolute: ABSOLUTE }
      });
    });
  });
}
