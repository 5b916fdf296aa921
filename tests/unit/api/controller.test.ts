import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Controller,
  ResponseObject,
  isController,
  isControllerClass,
  isResponseObject
} from '../../../core/api/index.js';

function givenForeignCopy(brand: string): object {
  // What an instance from a duplicate copy of wharf looks like: another class, same brand.
  class Foreign {}
  Object.defineProperty(Foreign.prototype, Symbol.for(brand), { value: true });
  return new Foreign();
}

describe('Controller', () => {
  test('brands its subclasses and their instances', () => {
    class Servers extends Controller {}
    assert.equal(isController(new Servers()), true);
    assert.equal(isControllerClass(Servers), true);
    assert.equal(isController(Servers), false);
  });

  test('recognises a controller from another copy of wharf', () => {
    assert.equal(isController(givenForeignCopy('wharf.api.controller')), true);
  });

  test('rejects plain objects and classes', () => {
    assert.equal(isController({}), false);
    assert.equal(isController(null), false);
    assert.equal(isControllerClass(class Plain {}), false);
    assert.equal(
      isControllerClass(() => undefined),
      false
    );
  });
});

describe('ResponseObject', () => {
  test('defaults to no code and no headers', () => {
    const response = new ResponseObject({ server: {} });
    assert.deepEqual(response.obj, { server: {} });
    assert.equal(response.code, null);
    assert.deepEqual(response.headers, {});
  });

  test('keeps a code and a copy of the headers', () => {
    const headers = { Location: '/servers/1' };
    const response = new ResponseObject(null, { code: 202, headers });
    headers.Location = 'changed';
    assert.equal(response.code, 202);
    assert.deepEqual(response.headers, { Location: '/servers/1' });
  });

  test('is recognised by brand, across copies of wharf', () => {
    assert.equal(isResponseObject(new ResponseObject(1)), true);
    assert.equal(isResponseObject(givenForeignCopy('wharf.api.response-object')), true);
    assert.equal(isResponseObject({ obj: 1, code: null, headers: {} }), false);
  });
});
