import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APIVersionRequest } from '../../../core/api/index.js';
import { HTTPBadRequest } from '../../../core/errors.js';

function givenVersion(text: string): APIVersionRequest {
  return APIVersionRequest.parse(text);
}

describe('APIVersionRequest.parse', () => {
  test('parses major and minor numbers', () => {
    const version = givenVersion('2.53');
    assert.equal(version.major, 2);
    assert.equal(version.minor, 53);
    assert.equal(version.toString(), '2.53');
  });

  test('accepts a zero minor number', () => {
    assert.equal(givenVersion('3.0').toString(), '3.0');
  });

  for (const bad of [
    '2.01',
    '2',
    'LATEST',
    'latest',
    ' 2.1',
    '2.1 ',
    '02.1',
    '0.1',
    '2.',
    '.1',
    '2.1.1',
    '2.1a',
    '2..1',
    '2.-1',
    '',
    'v2.1'
  ]) {
    test(`rejects ${JSON.stringify(bad)} with a 400 and nova's message`, () => {
      assert.throws(
        () => givenVersion(bad),
        (error: unknown) => {
          assert.ok(error instanceof HTTPBadRequest);
          assert.equal(error.statusCode, 400);
          assert.equal(error.code, 'WHARF_INVALID_API_VERSION');
          assert.equal(
            error.message,
            `API Version String ${bad} is of invalid format. Must be of format MajorNum.MinorNum.`
          );
          return true;
        }
      );
    });
  }
});

describe('APIVersionRequest comparisons', () => {
  test('orders by major number, then minor number numerically', () => {
    assert.ok(givenVersion('2.9').lessThan(givenVersion('2.10')));
    assert.ok(givenVersion('3.0').greaterThan(givenVersion('2.99')));
    assert.ok(!givenVersion('2.5').lessThan(givenVersion('2.5')));
    assert.ok(!givenVersion('2.5').greaterThan(givenVersion('2.5')));
    assert.ok(givenVersion('2.5').equals(new APIVersionRequest(2, 5)));
    assert.ok(!givenVersion('2.5').equals(givenVersion('2.6')));
  });

  test('matches an inclusive range with open bounds', () => {
    const version = givenVersion('2.5');
    assert.ok(version.matches(givenVersion('2.5'), givenVersion('2.5')));
    assert.ok(version.matches(givenVersion('2.1'), givenVersion('2.10')));
    assert.ok(version.matches(null, givenVersion('2.5')));
    assert.ok(version.matches(givenVersion('2.5'), undefined));
    assert.ok(version.matches());
    assert.ok(!version.matches(givenVersion('2.6'), null));
    assert.ok(!version.matches(null, givenVersion('2.4')));
  });
});
