import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APIVersionRequest } from '../../../core/index.js';
import { loadConfig } from '../../../core/host.js';
import { quotaDefaults } from '../../../extensions/compute/index.js';
import { limitsDocument } from '../../../extensions/limits/index.js';
import { quotaSet, quotaSetDetail } from '../../../extensions/quota-sets/index.js';

const LIMITS = quotaDefaults(loadConfig({ env: {} }));
const USAGE = { instances: 2, cores: 3, ram: 1024, key_pairs: 1 };
const at = (version: string) => APIVersionRequest.parse(version);

function absoluteKeys(version: string): string[] {
  const document = limitsDocument(LIMITS, USAGE, at(version)) as {
    limits: { absolute: Record<string, number> };
  };
  return Object.keys(document.limits.absolute);
}

describe('quota_set documents', () => {
  test('drop the network resources from 2.36 and the personality files from 2.57', () => {
    const keys = (version: string) => Object.keys(quotaSet(LIMITS, at(version)).quota_set);
    assert.equal(keys('2.1').length, 14);
    assert.ok(keys('2.1').includes('fixed_ips'));
    assert.deepEqual(
      ['fixed_ips', 'floating_ips', 'security_groups'].filter((key) => keys('2.36').includes(key)),
      []
    );
    assert.ok(keys('2.36').includes('injected_files'));
    assert.ok(!keys('2.57').includes('injected_files'));
    assert.deepEqual(keys('2.57').sort(), [
      'cores',
      'instances',
      'key_pairs',
      'metadata_items',
      'ram',
      'server_group_members',
      'server_groups'
    ]);
  });

  test('carry the id only when given, and usage in detail', () => {
    assert.equal(quotaSet(LIMITS, at('2.1')).quota_set.id, undefined);
    const detail = quotaSetDetail(LIMITS, USAGE, at('2.1'), 'p1').quota_set;
    assert.equal(detail.id, 'p1');
    assert.deepEqual(detail.cores, { in_use: 3, limit: 20, reserved: 0 });
    assert.deepEqual(detail.server_groups, { in_use: 0, limit: 10, reserved: 0 });
  });
});

describe('the limits document', () => {
  test("has nova's names and usage, and an empty rate list", () => {
    const document = limitsDocument(LIMITS, USAGE, at('2.1')) as {
      limits: { rate: unknown[]; absolute: Record<string, number> };
    };
    assert.deepEqual(document.limits.rate, []);
    const { maxTotalInstances, maxServerMeta, totalCoresUsed, totalRAMUsed } =
      document.limits.absolute;
    assert.deepEqual(
      { maxTotalInstances, maxServerMeta, totalCoresUsed, totalRAMUsed },
      { maxTotalInstances: 10, maxServerMeta: 128, totalCoresUsed: 3, totalRAMUsed: 1024 }
    );
  });

  test('drops names as nova does at 2.36, 2.39 and 2.57', () => {
    assert.equal(absoluteKeys('2.1').length, 19);
    assert.ok(!absoluteKeys('2.36').includes('maxTotalFloatingIps'));
    assert.ok(absoluteKeys('2.36').includes('maxImageMeta'));
    assert.ok(!absoluteKeys('2.39').includes('maxImageMeta'));
    assert.ok(absoluteKeys('2.39').includes('maxPersonality'));
    assert.ok(!absoluteKeys('2.57').includes('maxPersonality'));
  });
});
