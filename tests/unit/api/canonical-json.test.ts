import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalJson } from '../../../core/api/canonical-json.js';

describe('canonicalJson', () => {
  test('writes object keys sorted at every depth', () => {
    assert.equal(
      canonicalJson({ b: [{ y: 1, x: null }], a: 'é"' }),
      '{"a":"é\\"","b":[{"x":null,"y":1}]}'
    );
    assert.equal(canonicalJson({ a: 1, b: 2 }), canonicalJson({ b: 2, a: 1 }));
  });

  test('keeps apart values that JSON would flatten alike', () => {
    assert.equal(canonicalJson({ pattern: /a/ }), undefined);
    assert.equal(canonicalJson({ limit: undefined }), undefined);
    assert.equal(canonicalJson([Number.NaN]), undefined);
    assert.notEqual(canonicalJson({}), undefined);
  });

  test('gives nothing for a value that contains itself, but accepts a shared one', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(canonicalJson(cyclic), undefined);
    const shared = { type: 'string' };
    assert.equal(
      canonicalJson({ a: shared, b: shared }),
      '{"a":{"type":"string"},"b":{"type":"string"}}'
    );
  });
});
