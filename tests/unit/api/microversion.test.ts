import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, test } from 'node:test';
import {
  APIVersionRequest,
  resolveRequestedVersion,
  versionHeaders
} from '../../../core/api/index.js';
import { HTTPBadRequest, HTTPNotAcceptable } from '../../../core/errors.js';

const RANGE = { min: APIVersionRequest.parse('2.1'), max: APIVersionRequest.parse('2.96') };

function givenRequest(headers: IncomingHttpHeaders): string {
  return resolveRequestedVersion(headers, RANGE).toString();
}

describe('resolveRequestedVersion', () => {
  test('answers the minimum when no header is sent', () => {
    assert.equal(givenRequest({}), '2.1');
  });

  test('reads the standard header', () => {
    assert.equal(givenRequest({ 'openstack-api-version': 'compute 2.10' }), '2.10');
  });

  test('reads the legacy header', () => {
    assert.equal(givenRequest({ 'x-openstack-nova-api-version': '2.5' }), '2.5');
  });

  test('prefers the standard header over the legacy one', () => {
    const headers = {
      'openstack-api-version': 'compute 2.3',
      'x-openstack-nova-api-version': '2.5'
    };
    assert.equal(givenRequest(headers), '2.3');
  });

  test('falls back to the legacy header when the standard one names no compute version', () => {
    const headers = {
      'openstack-api-version': 'volume 3.5',
      'x-openstack-nova-api-version': '2.5'
    };
    assert.equal(givenRequest(headers), '2.5');
  });

  test('takes the last compute entry of a comma list and ignores other services', () => {
    const header = 'compute 2.2, volume 3.7,COMPUTE  2.4 , image 2.9, compute';
    assert.equal(givenRequest({ 'openstack-api-version': header }), '2.4');
  });

  test('accepts tabs between service and version and ignores empty entries', () => {
    assert.equal(givenRequest({ 'openstack-api-version': 'compute\t2.3,' }), '2.3');
    assert.equal(givenRequest({ 'openstack-api-version': ',compute 2.3' }), '2.3');
  });

  test('ignores a service whose name only starts with compute', () => {
    assert.equal(givenRequest({ 'openstack-api-version': 'compute 2.3, computer 2.9' }), '2.3');
    assert.equal(givenRequest({ 'openstack-api-version': 'computer 2.9' }), '2.1');
  });

  test('folds a header sent several times', () => {
    assert.equal(givenRequest({ 'openstack-api-version': ['compute 2.2', 'compute 2.6'] }), '2.6');
  });

  test('takes the last entry of a legacy comma list', () => {
    assert.equal(givenRequest({ 'x-openstack-nova-api-version': '2.2, 2.7' }), '2.7');
  });

  test('answers the maximum for latest', () => {
    assert.equal(givenRequest({ 'openstack-api-version': 'compute latest' }), '2.96');
    assert.equal(givenRequest({ 'x-openstack-nova-api-version': 'latest' }), '2.96');
  });

  for (const bad of ['LATEST', '2.01', '2', 'compute']) {
    test(`rejects ${bad} with a 400`, () => {
      assert.throws(
        () => givenRequest({ 'openstack-api-version': `compute ${bad}` }),
        (error: unknown) =>
          error instanceof HTTPBadRequest &&
          error.code === 'WHARF_INVALID_API_VERSION' &&
          error.message ===
            `API Version String ${bad} is of invalid format. Must be of format MajorNum.MinorNum.`
      );
    });
  }

  test('rejects a version outside the range with a 406', () => {
    for (const version of ['2.0', '2.97', '3.0']) {
      assert.throws(
        () => givenRequest({ 'x-openstack-nova-api-version': version }),
        (error: unknown) =>
          error instanceof HTTPNotAcceptable &&
          error.statusCode === 406 &&
          error.code === 'WHARF_API_VERSION_NOT_SUPPORTED' &&
          error.message ===
            `Version ${version} is not supported by the API. Minimum is 2.1 and maximum is 2.96.`
      );
    }
  });

  test('accepts both ends of the range', () => {
    assert.equal(givenRequest({ 'x-openstack-nova-api-version': '2.1' }), '2.1');
    assert.equal(givenRequest({ 'x-openstack-nova-api-version': '2.96' }), '2.96');
  });
});

describe('versionHeaders', () => {
  test('names the version in both headers and varies on both', () => {
    assert.deepEqual(versionHeaders(APIVersionRequest.parse('2.42')), {
      'OpenStack-API-Version': 'compute 2.42',
      'X-OpenStack-Nova-API-Version': '2.42',
      Vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version'
    });
  });
});
