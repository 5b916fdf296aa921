import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertBatchSize,
  assertInstancesFit,
  assertKeypairFits,
  assertLimitSettable,
  assertMetadataFits,
  quotaDefaults,
  type QuotaLimits
} from '../../../extensions/compute/index.js';
import { OptionRegistry } from '../../../core/server/option-registry.js';
import { loadConfig } from '../../../core/host.js';
import { COMPUTE_OPTIONS } from '../../../extensions/compute/options.js';

const registry = new OptionRegistry([...OptionRegistry.core().groups, COMPUTE_OPTIONS]);

const DEFAULTS: QuotaLimits = quotaDefaults(loadConfig({ env: {} }));
const TINY = { vcpus: 1, ram: 512 };
const NO_USE = { instances: 0, cores: 0, ram: 0, key_pairs: 0 };

describe('quota defaults', () => {
  test("are nova's: 10 instances, 20 cores, 51200 MiB, 100 key pairs, 128 metadata items", () => {
    assert.deepEqual(
      [
        DEFAULTS.instances,
        DEFAULTS.cores,
        DEFAULTS.ram,
        DEFAULTS.key_pairs,
        DEFAULTS.metadata_items
      ],
      [10, 20, 51200, 100, 128]
    );
  });

  test('come from [quota]', () => {
    const config = loadConfig({ env: {}, overrides: { 'quota.instances': '3' }, registry });
    assert.equal(quotaDefaults(config).instances, 3);
  });
});

describe('assertInstancesFit', () => {
  test('passes what fits exactly', () => {
    assertInstancesFit(DEFAULTS, { ...NO_USE, instances: 9, cores: 9 }, TINY, 1, 1);
  });

  test("refuses with nova's TooManyInstances message", () => {
    assert.throws(
      () => assertInstancesFit(DEFAULTS, { ...NO_USE, instances: 9, cores: 9 }, TINY, 3, 3),
      {
        code: 'COMPUTE_QUOTA_EXCEEDED',
        statusCode: 403,
        message: 'Quota exceeded for instances: Requested 3, but already used 9 of 10 instances'
      }
    );
  });

  test('names every resource over, sorted, and a min-max range as nova does', () => {
    const flavor = { vcpus: 4, ram: 8192 };
    assert.throws(
      () => assertInstancesFit(DEFAULTS, { ...NO_USE, instances: 8, cores: 16 }, flavor, 1, 3),
      {
        message:
          'Quota exceeded for cores, instances: Requested 12, 1-3, but already used 16, 8 of 20, 10 cores, instances'
      }
    );
  });

  test('never refuses an unlimited (-1) resource', () => {
    const unlimited = { ...DEFAULTS, instances: -1, cores: -1, ram: -1 };
    assertInstancesFit(unlimited, { ...NO_USE, instances: 5000 }, TINY, 1000, 1000);
  });

  test('prints a count beyond any safe integer in digits', () => {
    assert.throws(() => assertInstancesFit(DEFAULTS, NO_USE, TINY, 1e20, 1e20), {
      message: /^Quota exceeded for cores, instances, ram: Requested 100000000000000000000, /
    });
  });
});

describe('assertBatchSize', () => {
  test('refuses more servers than one request may create with 400', () => {
    assertBatchSize(1000, 1000);
    assert.throws(() => assertBatchSize(1001, 1000), {
      code: 'COMPUTE_TOO_MANY_SERVERS_PER_REQUEST',
      statusCode: 400
    });
    assert.throws(() => assertBatchSize(Infinity, 1000), { statusCode: 400 });
  });
});

describe('per-item quotas', () => {
  test('refuses a server with more metadata items than metadata_items', () => {
    assertMetadataFits(DEFAULTS, 128);
    assert.throws(() => assertMetadataFits(DEFAULTS, 129), {
      code: 'COMPUTE_METADATA_LIMIT_EXCEEDED',
      statusCode: 403,
      message: 'Maximum number of metadata items exceeds 128'
    });
  });

  test('refuses a key pair beyond key_pairs', () => {
    assertKeypairFits(DEFAULTS, 99);
    assert.throws(() => assertKeypairFits(DEFAULTS, 100), {
      code: 'COMPUTE_KEYPAIR_LIMIT_EXCEEDED',
      statusCode: 403,
      message: 'Quota exceeded, too many key pairs.'
    });
  });

  test('refuses a limit below what is used, unless unlimited', () => {
    assertLimitSettable('instances', 5, 5);
    assertLimitSettable('instances', -1, 50);
    assert.throws(() => assertLimitSettable('instances', 4, 5), {
      code: 'COMPUTE_INVALID_QUOTA_LIMIT',
      statusCode: 400,
      message:
        'Quota limit 4 for instances must be greater than or equal to already used and reserved 5.'
    });
  });
});
