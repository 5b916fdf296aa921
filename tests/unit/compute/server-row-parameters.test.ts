import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  SERVER_COLUMNS,
  serverRowParameters
} from '../../../extensions/compute/repositories/server-queries.js';

describe('serverRowParameters', () => {
  test('names each column of a row r<row>_<column>, in the order of SERVER_COLUMNS', () => {
    assert.deepEqual(
      serverRowParameters(3),
      SERVER_COLUMNS.map((column) => `r3_${column}`)
    );
    assert.equal(serverRowParameters(0)[0], 'r0_id');
  });

  test('makes the names of a row once: a create does not build them again', () => {
    assert.equal(serverRowParameters(7), serverRowParameters(7));
    assert.notEqual(serverRowParameters(7), serverRowParameters(8));
  });
});
