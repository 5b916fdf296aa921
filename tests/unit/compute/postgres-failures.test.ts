import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postgresFailure } from '../../../extensions/compute/db/postgres-failures.js';

function givenPgError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('postgresFailure', () => {
  test('calls a statement cancelled by statement_timeout a timeout', () => {
    assert.equal(
      postgresFailure(givenPgError('canceling statement due to statement timeout', '57014')),
      'timeout'
    );
  });

  test('calls a server that is down, going away or full unavailable', () => {
    for (const [message, code] of [
      ['connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'],
      ['terminating connection due to administrator command', '57P01'],
      ['the database system is starting up', '57P03'],
      ['sorry, too many clients already', '53300'],
      ['connection failure', '08006']
    ] as const)
      assert.equal(postgresFailure(givenPgError(message, code)), 'unavailable', message);
    for (const message of [
      'Connection terminated unexpectedly',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable'
    ])
      assert.equal(postgresFailure(givenPgError(message)), 'unavailable', message);
    const refusedTwice = new AggregateError([givenPgError('refused', 'ECONNREFUSED')], 'refused');
    assert.equal(postgresFailure(refusedTwice), 'unavailable');
  });

  test('leaves every other error alone', () => {
    assert.equal(postgresFailure(givenPgError('duplicate key', '23505')), null);
    assert.equal(postgresFailure(givenPgError('syntax error', '42601')), null);
    assert.equal(postgresFailure(new TypeError('x is undefined')), null);
    assert.equal(postgresFailure('not an error'), null);
  });
});
