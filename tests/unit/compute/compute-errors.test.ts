import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isWharfError } from 'wharf';
import { buildFault } from '../../../core/http/faults.js';
import {
  InstanceInvalidState,
  InvalidMarker,
  MigrationFailed,
  ServerNotFound
} from '../../../extensions/compute/index.js';

describe('compute errors', () => {
  test("render as nova's fault of the status they declare, with their message", () => {
    const cases = [
      [new ServerNotFound('abc'), 'itemNotFound', 404],
      [new InstanceInvalidState('stop', 'abc', 'vm_state', 'stopped'), 'conflictingRequest', 409],
      [new InvalidMarker('abc'), 'badRequest', 400]
    ] as const;
    for (const [error, name, status] of cases) {
      assert.ok(isWharfError(error));
      const fault = buildFault(error);
      assert.equal(fault.status, status);
      assert.deepEqual(fault.body, { [name]: { code: status, message: error.message } });
    }
  });

  test('an internal compute error becomes a generic 500', () => {
    const fault = buildFault(new MigrationFailed('broken'));
    assert.equal(fault.status, 500);
    assert.ok(!JSON.stringify(fault.body).includes('broken'));
  });
});
