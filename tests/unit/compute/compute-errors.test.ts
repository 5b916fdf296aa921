import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  HTTPBadRequest,
  HTTPConflict,
  HTTPForbidden,
  HTTPNotFound,
  buildFault
} from '../../../core/index.js';
import {
  InstanceInvalidState,
  InvalidMarker,
  MigrationFailed,
  ServerNotFound,
  UnlockForbidden,
  toHTTPError
} from '../../../extensions/compute/index.js';

describe('toHTTPError', () => {
  test('turns domain errors into HTTP errors that keep the COMPUTE_ code and the message', () => {
    const cases = [
      [new ServerNotFound('abc'), HTTPNotFound, 404],
      [new UnlockForbidden(), HTTPForbidden, 403],
      [new InstanceInvalidState('stop', 'abc', 'vm_state', 'stopped'), HTTPConflict, 409],
      [new InvalidMarker('abc'), HTTPBadRequest, 400]
    ] as const;
    for (const [error, httpClass, status] of cases) {
      const http = toHTTPError(error);
      assert.ok(http instanceof httpClass);
      assert.equal(http.statusCode, status);
      assert.equal(http.code, error.code);
      assert.equal(http.message, error.message);
      assert.equal(http.cause, error);
    }
  });

  test("builds nova's fault body from a mapped error", () => {
    const fault = buildFault(
      toHTTPError(new InstanceInvalidState('stop', 'abc', 'vm_state', 'stopped'))
    );
    assert.deepEqual(fault.body, {
      conflictingRequest: {
        code: 409,
        message: "Cannot 'stop' instance abc while it is in vm_state stopped"
      }
    });
  });

  test('leaves internal and foreign errors as they are, to become a generic 500', () => {
    const internal = new MigrationFailed('broken');
    const foreign = new TypeError('boom');
    assert.equal(toHTTPError(internal), internal);
    assert.equal(toHTTPError(foreign), foreign);
    assert.equal(buildFault(toHTTPError(internal)).status, 500);
  });
});
