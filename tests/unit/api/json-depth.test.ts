import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_JSON_DEPTH, assertJsonDepth, assertValueDepth } from '../../../core/api/json-depth.js';
import { MAX_REPR_DEPTH, pythonRepr } from '../../../core/api/python-repr.js';

/** `depth` arrays, one inside the other: `[[[]]]` is 3. */
function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const TOO_DEEP = { code: 'WHARF_BODY_TOO_DEEP', statusCode: 400 };

describe('assertJsonDepth', () => {
  for (const depth of [10, MAX_JSON_DEPTH]) {
    test(`accepts ${depth} levels`, () => {
      assert.doesNotThrow(() => assertJsonDepth(nested(depth)));
      assert.doesNotThrow(() =>
        assertJsonDepth(`{"a":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth)}`)
      );
    });
  }

  for (const depth of [MAX_JSON_DEPTH + 1, 5_000, 100_000]) {
    test(`refuses ${depth} levels with WHARF_BODY_TOO_DEEP`, () => {
      assert.throws(() => assertJsonDepth(nested(depth)), TOO_DEEP);
    });
  }

  test('refuses an unclosed text as soon as it is too deep', () => {
    assert.throws(() => assertJsonDepth('['.repeat(100_000)), TOO_DEEP);
  });

  test('counts objects and arrays alike', () => {
    const mixed = '{"a":['.repeat(MAX_JSON_DEPTH / 2) + '{}' + ']}'.repeat(MAX_JSON_DEPTH / 2);
    assert.throws(() => assertJsonDepth(mixed), TOO_DEEP);
  });

  test('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ a: `\\"${'['.repeat(1000)}`, b: '"{{{{' + '{'.repeat(500) });
    assert.doesNotThrow(() => assertJsonDepth(text));
  });

  test('checks a whole maximum-size body in a few milliseconds', () => {
    const text = JSON.stringify({ values: Array(20_000).fill('[x]') }); // about 120 KB
    const started = process.hrtime.bigint();
    assertJsonDepth(text);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 100);
  });
});

describe('assertValueDepth', () => {
  test('accepts a parsed value at the limit and refuses one level more', () => {
    assert.doesNotThrow(() => assertValueDepth(JSON.parse(nested(MAX_JSON_DEPTH))));
    assert.throws(() => assertValueDepth(JSON.parse(nested(MAX_JSON_DEPTH + 1))), TOO_DEEP);
  });

  test('refuses 100 000 levels without recursion, and a cyclic value', () => {
    assert.throws(() => assertValueDepth(JSON.parse(nested(100_000))), TOO_DEEP);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    assert.throws(() => assertValueDepth(cyclic), TOO_DEEP);
  });

  test('accepts scalars and wide shallow values', () => {
    for (const value of [null, 1, 'x', { a: Array(10_000).fill({ b: 1 }) }]) {
      assert.doesNotThrow(() => assertValueDepth(value));
    }
  });
});

describe('pythonRepr', () => {
  test('prints containers below its depth bound as Python prints a recursive one', () => {
    const deep = JSON.parse(nested(10_000)) as unknown;
    const printed = pythonRepr(deep);
    assert.equal(printed, `${'['.repeat(MAX_REPR_DEPTH)}[...]${']'.repeat(MAX_REPR_DEPTH)}`);
  });
});
