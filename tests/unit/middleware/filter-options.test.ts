import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../../core/errors.js';
import { FilterOptions } from '../../../core/middleware/filter-options.js';

function givenOptions(conf: Record<string, string>): FilterOptions {
  return new FilterOptions('demo', conf);
}

/** Asserts a ConfigError that names the filter and the option. */
function assertBadOption(read: () => unknown, option: string): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.code, 'WHARF_CONFIG_INVALID');
    assert.match(error.message, new RegExp(`filter demo: option ${option} `));
    return true;
  });
}

describe('FilterOptions', () => {
  test('returns defaults for missing and empty values', () => {
    const options = givenOptions({ size: '', name: '  ' });
    assert.equal(options.integer('size', 7), 7);
    assert.equal(options.string('name', 'x'), 'x');
    assert.equal(options.boolean('flag', true), true);
    assert.deepEqual(options.list('items', ['a']), ['a']);
    assert.equal(options.choice('mode', ['one', 'two'] as const, 'two'), 'two');
  });

  test('parses integers within bounds', () => {
    assert.equal(givenOptions({ size: ' 42 ' }).integer('size', 1, { min: 1, max: 50 }), 42);
  });

  test('rejects non-integers and values out of bounds', () => {
    assertBadOption(() => givenOptions({ size: '4k' }).integer('size', 1), 'size');
    assertBadOption(() => givenOptions({ size: '1.5' }).integer('size', 1), 'size');
    assertBadOption(() => givenOptions({ size: '0' }).integer('size', 1, { min: 1 }), 'size');
    assertBadOption(() => givenOptions({ size: '9' }).integer('size', 1, { max: 8 }), 'size');
  });

  test('parses paste booleans in any case', () => {
    for (const word of ['true', 'Yes', 'ON', '1'])
      assert.equal(givenOptions({ f: word }).boolean('f', false), true);
    for (const word of ['false', 'No', 'off', '0'])
      assert.equal(givenOptions({ f: word }).boolean('f', true), false);
    assertBadOption(() => givenOptions({ f: 'maybe' }).boolean('f', true), 'f');
  });

  test('splits lists on commas and keeps an explicitly empty list', () => {
    assert.deepEqual(givenOptions({ l: 'a, b,,c ' }).list('l', []), ['a', 'b', 'c']);
    assert.deepEqual(givenOptions({ l: '' }).list('l', ['x']), []);
  });

  test('accepts only the listed choices', () => {
    assert.equal(givenOptions({ m: 'ONE' }).choice('m', ['one', 'two'] as const, 'two'), 'one');
    assertBadOption(
      () => givenOptions({ m: 'three' }).choice('m', ['one', 'two'] as const, 'two'),
      'm'
    );
  });
});
